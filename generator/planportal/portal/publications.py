"""Publications: the previous publication read back from git or a snapshot file and compared with
this one, and the dates a publication, its bundles and its feeds go by (from the data, never the clock).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from planportal.portal.changes import FORMAT, Changes, Snapshot, compare, snapshot
from planportal.portal.joined import PlanEntry, Portal, plan_recommendations, walk_actions
from planportal.portal.load import load_portal
from planportal.source.files import FileCache
from planportal.source.problems import InvalidData, PlanPortalError, Problem


def published_on(entry: PlanEntry) -> dt.date:
    """The date a plan's data speaks for, never the clock: its as_at, else its approval date,
    else its latest progress or deadline change, else the start of its period (1 January 1970
    if it gives none of these)."""
    plan = entry.plan
    if plan.as_at or plan.approved:
        return plan.as_at or plan.approved  # type: ignore[return-value]
    actions = [a for placed in plan_recommendations(entry) for a, _ in walk_actions(placed.rec.actions)]
    dates = [e.date.start for a in actions for e in a.progress if e.date.start]
    dates += [c.date.start for a in actions for c in a.deadline_changes if c.date.start]
    if dates:
        return max(dates)  # type: ignore[no-any-return]
    if plan.period and plan.period.entries[0].date.start:
        return plan.period.entries[0].date.start  # type: ignore[no-any-return]
    return dt.date(1970, 1, 1)


def portal_date(portal: Portal) -> dt.date | None:
    """The latest as_at or approval date of the portal's plans (None if no plan gives one)."""
    dates = [d for e in portal.plans for d in (e.plan.as_at, e.plan.approved) if d]
    return max(dates) if dates else None


class PublicationError(PlanPortalError):
    """A previous publication that cannot be read: a bad revision or snapshot file."""


@dataclass(frozen=True)
class Previous:
    """The publication this one is compared with on the "What changed" page, worked out once a build."""

    changes: Changes | None = None
    """What changed since it; None when there is nothing to compare with."""
    publication: str | None = None
    """The git tag or commit, or the snapshot file, it is; None when there is none."""
    unreadable: str | None = None
    """Why the last git tag could not be compared with (its plans do not pass today's checks, say), when
    it could not: the tag, unlike a previous_publication named in portal.yaml, was nobody's choice, so
    the build goes on without it."""

    def for_pages(self) -> tuple[Changes, str] | None:
        """What the pages take (build_pages' `changes`): the changes and the publication, or None when
        there is no previous publication; a skipped last tag comes as no changes, saying why."""
        if self.publication is None:
            return None
        changes = self.changes if self.changes is not None else Changes(unreadable=self.unreadable)
        return changes, self.publication

    @property
    def warning(self) -> str | None:
        """One line for staff, when the last git tag was skipped."""
        if self.unreadable is None:
            return None
        return (f"planportal: warning: the last git tag, {self.publication}, cannot be read, so the 'What changed' "
                f"page has nothing to compare with: {self.unreadable}; to compare with another publication, set "
                "previous_publication in portal.yaml")


def previous_publication(root: Path, portal: Portal, left_out: Collection[str] = (),
                         cache: FileCache | None = None) -> Previous:
    """What changed since the previous publication: the portal's previous_publication, else the last
    git tag. Plans `left_out` of this build (drafts) are left out of the previous publication too,
    not reported as removed. `cache`: serve's, which keeps what each git commit said.

    A previous_publication that cannot be read raises InvalidData, each problem at the setting (and,
    when the publication's plans are what is wrong, saying which of its files and lines); the last git
    tag that cannot be read is skipped, and the result says why."""
    chosen = portal.settings.previous_publication
    where = chosen or last_tag(root)
    if where is None:
        return Previous()
    try:
        old = publication(root, where, cache)
    except PublicationError as err:
        reasons, at = [str(err)], ""
        fix = "give a git tag or commit, or a snapshot file saved by 'planportal snapshot'"
    except InvalidData as err:  # its plans do not pass today's checks
        reasons, at = [str(problem) for problem in err.problems], f"at {where}, "
        fix = ("give a later git tag or commit, or a snapshot file saved by 'planportal snapshot', or leave "
               "previous_publication out to compare with the last git tag")
    else:
        old = {**old, "plans": {k: v for k, v in old["plans"].items() if k not in left_out}}
        return Previous(compare(old, snapshot(portal)), where)
    if chosen is None:
        more = len(reasons) - 1
        return Previous(None, where, reasons[0] + (f" (and {more} more problem{'s' if more > 1 else ''})"
                                                   if more else ""))
    file, line, column = portal.settings_at.get("previous_publication", ("plans/portal.yaml", 1, 1))
    raise InvalidData([Problem(file, line, column, f"previous_publication '{where}' cannot be read ({at}{reason}): "
                               f"{fix}") for reason in reasons])


def publication(root: Path, where: str, cache: FileCache | None = None) -> Snapshot:
    """The snapshot of a publication: a saved snapshot file (.json), a git revision of plans/, or "."
    (plans/ as it is). With `cache` (serve's), what a git commit said is worked out once."""
    path = root / where
    if where.endswith(".json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PublicationError(f"the snapshot file {where} does not exist") from None
        except OSError as err:
            raise PublicationError(f"the snapshot file {where} cannot be read: {err.strerror}") from None
        except ValueError as err:
            raise PublicationError(f"the snapshot file {where} is not JSON: {err}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise PublicationError(f"{where} is not a {FORMAT} snapshot")
        return data
    if where == ".":
        return snapshot(load_portal(root / "plans", root / "content", root, cache))
    commit = _commit(root, where) if cache is not None else None
    if cache is None or commit is None:
        return snapshot(portal_at(root, where))
    if commit not in cache.publications:
        try:
            cache.publications[commit] = snapshot(portal_at(root, where))
        except (PublicationError, InvalidData) as err:
            cache.publications[commit] = err
    kept = cache.publications[commit]
    if isinstance(kept, Exception):
        raise kept.with_traceback(None)
    return kept  # type: ignore[no-any-return]


def portal_at(root: Path, revision: str) -> Portal:
    """The portal as it was at a git revision (plans/, and content/ and updates/ where it had them,
    taken from git)."""
    listed = _git(root, "ls-tree", "--name-only", revision, "content", "updates")
    folders = ["plans", *(listed.stdout.decode(errors="replace").split() if listed.returncode == 0 else [])]
    result = _git(root, "archive", "--format=tar", revision, *folders)
    if result.returncode != 0:
        said = "; ".join(result.stderr.decode(errors="replace").split("\n")).strip("; ")
        raise PublicationError(f"git revision '{revision}': {said}")
    with tempfile.TemporaryDirectory(prefix="planportal-") as tmp:
        with tarfile.open(fileobj=BytesIO(result.stdout)) as archive:
            archive.extractall(tmp, filter="data")
        return load_portal(Path(tmp) / "plans", Path(tmp) / "content", Path(tmp))


def last_tag(root: Path) -> str | None:
    """The newest git tag reachable from HEAD, if the portal is a git repository with tags."""
    result = _git(root, "describe", "--tags", "--abbrev=0")
    return result.stdout.decode().strip() or None if result.returncode == 0 else None


def _commit(root: Path, revision: str) -> str | None:
    """The id of the commit a git revision names, if it names one."""
    result = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    return result.stdout.decode().strip() or None if result.returncode == 0 else None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True)
    except OSError as err:  # no git: no revision can be read, and there is no last tag
        return subprocess.CompletedProcess(["git", *args], 128, b"", f"git cannot be run ({err.strerror})".encode())
