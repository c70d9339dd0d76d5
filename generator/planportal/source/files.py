"""Reading plans/: each .yaml file read with its positions and type-checked against the model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planportal.source.messages import type_problems
from planportal.source.model import PlanPortalFile
from planportal.source.problems import Problem
from planportal.source.texts import Loc, _texts
from planportal.source.yamlfile import YamlDocument, YamlError, read_yaml


@dataclass
class Loaded:
    doc: YamlDocument
    data: PlanPortalFile

    @cached_property
    def texts(self) -> list[tuple[Loc, dict[str, str]]]:
        """Every text given per language in the file, with its path."""
        return list(_texts(self.data, ()))


class FileCache:
    """The plan files read so far, each with the size and times it had, so that a file is read and
    checked again only when it changed: `planportal serve` keeps one for as long as it serves and
    passes it down (load_files, load_portal, generate). Without one, every file is read every time.

    Files are known by their resolved path and the name they are shown under, so that files
    elsewhere with the same name (a previous publication's, read from git into a temporary folder)
    never take each other's place. `reads` counts the files actually read."""

    def __init__(self) -> None:
        self._files: dict[tuple[Path, str], tuple[tuple[int, ...], Loaded]] = {}
        self.reads = 0
        self.publications: dict[str, Any] = {}
        """What portal.publications worked out from a git commit, by commit id (a commit never changes)."""

    def read(self, path: Path, name: str) -> Loaded | list[Problem]:
        """The file at `path` (shown as `name`) read and type-checked, or its problems; kept while
        it does not change (a file with problems is read again next time)."""
        stamp = _stamp(path) if path.is_file() else ()
        key = (path.resolve(), name)
        kept = self._files.get(key)
        if stamp and kept and kept[0] == stamp:
            return kept[1]
        self.reads += 1
        result = read_file(path, name)
        if stamp and isinstance(result, Loaded):
            self._files[key] = (stamp, result)
        return result


def _stamp(path: Path) -> tuple[int, ...]:
    try:
        info = path.stat()
    except OSError:
        return ()
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev)


def read_file(path: Path, name: str) -> Loaded | list[Problem]:
    """One plan file (shown as `name`) read and type-checked, or its problems."""
    try:
        doc = read_yaml(path, name)
    except YamlError as err:
        return [Problem(name, err.line, err.column, err.message),
                *(Problem(name, line, column, message) for line, column, message in err.more)]
    if not isinstance(doc.data, dict):
        return [Problem(name, 1, 1, "a plan file is a mapping with a 'plan:' or 'portal:' section")]
    try:
        return Loaded(doc, PlanPortalFile.model_validate(doc.data))
    except ValidationError as err:
        return type_problems(doc, err)


def load_files(plans_dir: Path, root: Path, cache: FileCache | None = None) -> tuple[list[Loaded], list[Problem]]:
    """Read and type-check every .yaml file in plans_dir (through `cache`, if given)."""
    files = sorted([*plans_dir.glob("*.yaml"), *plans_dir.glob("*.yml")])
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    for path in files:
        name = f"{_display(path.parent, root)}/{path.name}"  # as listed: a link is named, not its target
        if path.exists() and not path.resolve().is_relative_to(plans_dir.resolve()):
            problems.append(Problem(name, 1, 1, "this is a link to a file outside plans/, which is not allowed: "
                                    "copy the file itself into plans/"))
            continue
        result = cache.read(path, name) if cache is not None else read_file(path, name)
        if isinstance(result, Loaded):
            loaded.append(result)
        else:
            problems.extend(result)
    return loaded, problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
