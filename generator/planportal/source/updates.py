"""Update files: progress reported each quarter, kept beside the approved plan and never inside it.

`updates/<period>/<lead>.yaml` holds what one lead reported for one quarter of the financial year
(the Part 2 "monitoring schedule" of a council's action-planning guidance; the plan file is
Part 1, the approved plan). `updates/2005-q4/sf.yaml`, for quarter 4 of 2005-06 (January to
March 2006):

    period: 2005-Q4
    lead: SF
    updates:
      - action: herefordshire-2006/1/1a
        date: 2006-02-13
        status: in_progress
        text: Draft protocol circulated to partners.
        # rag: amber, percent_complete: 40 where the plan uses them
        deadline: {due: "2006-06", reason: Waiting for the partnership board to meet}

Each entry names its action by its address: the plan's id, the recommendation's ref and the
action's id, joined by `/` (the same address as its page: plans/herefordshire-2006/
recommendations/1.html#action-1a). The generator adds each entry to that action's progress log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints, ValidationError

from planportal.source.dates import parse_period
from planportal.source.messages import type_problems
from planportal.source.model import Day, DueDate, Id, Percent, Strict, Text
from planportal.source.problems import Problem
from planportal.source.statuses import RagColour, Status
from planportal.source.yamlfile import YamlDocument, YamlError, read_yaml

ADDRESS = re.compile(r"(?P<plan>[A-Za-z0-9][A-Za-z0-9_-]*)/(?P<ref>[A-Za-z0-9][A-Za-z0-9.-]*)/"
                     r"(?P<action>[A-Za-z0-9][A-Za-z0-9.-]*)")
"""An action's address: plan id / recommendation ref / action id."""

Address = Annotated[str, StringConstraints(pattern=ADDRESS.pattern.join("^$")), Field(
    description="The action: plan id / recommendation ref / action id, such as herefordshire-2006/1/1a")]


def address(plan_id: str, ref: str, action_id: str) -> str:
    """The address an update file names an action by.

    >>> address("herefordshire-2006", "1", "1a")
    'herefordshire-2006/1/1a'
    """
    return f"{plan_id}/{ref}/{action_id}"


def split_address(text: str) -> tuple[str, str, str]:
    """An address's plan id, recommendation ref and action id.

    >>> split_address("leeds-2010/1.1.1/1a")
    ('leeds-2010', '1.1.1', '1a')
    """
    match = ADDRESS.fullmatch(text)
    assert match is not None, text
    return match["plan"], match["ref"], match["action"]


def _period(value: Any) -> Any:
    if isinstance(value, str):
        try:
            fy, q = parse_period(value)
        except ValueError as err:
            raise ValueError(str(err)) from None
        return f"{fy}-Q{q}"
    return value


Period = Annotated[str, BeforeValidator(_period), Field(
    description="A quarter of the financial year: 2005-Q4 or 2005-06 Q4 (January to March 2006)")]


class MovedDeadline(Strict):
    """A deadline moved by this update: the new deadline, and why (portal.updates requires a reason)."""

    due: DueDate
    reason: Text | None = Field(None, description="Why the deadline moved (required)")


class Update(Strict):
    """One action's progress in a quarter, as its lead reported it."""

    action: Address
    date: Day
    status: Status | None = Field(None, description="Where the action stands; left out: as it was")
    rag: RagColour | None = Field(None, description="A RAG rating: red, amber, green or blue (portal.yaml rag: says "
                                  "what each means); left out: none given")
    percent_complete: Percent | None = None
    text: Text
    reported_by: Id | None = Field(None, description="Who reported it (a person's id); left out: the file's lead")
    deadline: MovedDeadline | None = None


class UpdateFile(Strict):
    """One lead's return for one quarter: updates/<period>/<lead>.yaml."""

    period: Period
    lead: Id
    updates: list[Update] = []


@dataclass(frozen=True)
class LoadedUpdates:
    """One update file, read and type-checked: where it is (updates/<period>/<lead>.yaml) and what it says."""

    doc: YamlDocument
    data: UpdateFile

    @property
    def folder(self) -> str:
        """The period folder it is filed under ('2005-q4')."""
        return PurePosixPath(self.doc.file).parent.name

    @property
    def name(self) -> str:
        """The file's name without .yaml: the lead's id."""
        return PurePosixPath(self.doc.file).stem


def read_updates(folder: Path, root: Path) -> tuple[list[LoadedUpdates], list[Problem]]:
    """Read and type-check every update file in folder (updates/<period>/<lead>.yaml), each
    problem at its line; no folder: no updates."""
    if not folder.is_dir():
        return [], []
    loaded, problems = [], []
    inside = folder.resolve()
    for path in sorted([*folder.glob("*/*.yaml"), *folder.glob("*/*.yml"), *folder.glob("*.yaml")]):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        if path.parent == folder:
            problems.append(Problem(name, 1, 1, "an update file belongs in the folder of its quarter: move it to "
                                    "updates/<period>/, such as updates/2005-q4/"))
            continue
        if not path.resolve().is_relative_to(inside):
            problems.append(Problem(name, 1, 1, "this is a link to a file outside updates/, which is not allowed: "
                                    "copy the file itself into updates/"))
            continue
        try:
            doc = read_yaml(path, name)
        except YamlError as err:
            problems.append(Problem(name, err.line, err.column, err.message))
            problems += [Problem(name, line, column, message) for line, column, message in err.more]
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(name, 1, 1, "an update file is a mapping with period:, lead: and updates:"))
            continue
        try:
            loaded.append(LoadedUpdates(doc, UpdateFile.model_validate(doc.data)))
        except ValidationError as err:
            problems.extend(type_problems(doc, err))
    return loaded, problems
