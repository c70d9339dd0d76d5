"""Publications: a previous publication read back from git or a snapshot file, and the dates a
publication, its bundles and its feeds go by (from the data, never the clock).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from planportal.portal.changes import FORMAT, Snapshot, snapshot
from planportal.portal.joined import PlanEntry, Portal, plan_recommendations, walk_actions
from planportal.portal.load import load_portal
from planportal.source.problems import PlanPortalError


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


def publication(root: Path, where: str) -> Snapshot:
    """The snapshot of a publication: a saved snapshot file (.json), or a git revision of plans/."""
    path = root / where
    if where.endswith(".json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise PublicationError(f"{where}: cannot read the snapshot ({err})") from None
        if data.get("format") != FORMAT:
            raise PublicationError(f"{where}: not a {FORMAT} snapshot")
        return data  # type: ignore[no-any-return]
    if where == ".":
        return snapshot(load_portal(root / "plans", root / "content", root))
    return snapshot(portal_at(root, where))


def portal_at(root: Path, revision: str) -> Portal:
    """The portal as it was at a git revision (plans/ and content/ taken from git)."""
    result = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", revision, "plans", "content"],
                            capture_output=True)
    if result.returncode != 0:
        result = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", revision, "plans"],
                                capture_output=True)
    if result.returncode != 0:
        raise PublicationError(f"git revision '{revision}': {result.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="planportal-") as tmp:
        with tarfile.open(fileobj=BytesIO(result.stdout)) as archive:
            archive.extractall(tmp, filter="data")
        return load_portal(Path(tmp) / "plans", Path(tmp) / "content", Path(tmp))


def last_tag(root: Path) -> str | None:
    """The newest git tag reachable from HEAD, if the portal is a git repository with tags."""
    result = subprocess.run(["git", "-C", str(root), "describe", "--tags", "--abbrev=0"], capture_output=True,
                            text=True)
    return result.stdout.strip() or None if result.returncode == 0 else None
