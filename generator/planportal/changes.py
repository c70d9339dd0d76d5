"""What changed between two publications of a portal: new and removed recommendations and
actions, status changes, moved deadlines and new progress entries.

A publication is compared as a snapshot: plain JSON of what readers see, which can be saved
(`planportal snapshot`) or made from any git revision of plans/ (`git archive`).
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from planportal.portal import Portal, walk_actions
from planportal.status import current_status
from planportal.text import pick
from planportal.validate import load_portal
from planportal.when import format_when

FORMAT = "planportal-snapshot/1"
Snapshot = dict[str, Any]


def snapshot(portal: Portal) -> Snapshot:
    """What a publication says, in the portal's default language, as plain JSON-ready data."""
    lang = portal.settings.languages[0]

    def t(value: Any) -> str:
        return pick(value, lang, lang)

    plans: dict[str, Any] = {}
    for placed in portal.recommendations():
        plan = plans.setdefault(placed.plan.id, {"title": t(placed.plan.plan.title), "recommendations": {}})
        actions = {}
        for action, _ in walk_actions(placed.rec.actions):
            status, _since = current_status(action)
            actions[action.id] = {
                "title": t(action.title),
                "due": [format_when(e.date) for e in action.due.entries] if action.due else [],
                "status": status,
                "progress": [[format_when(p.date), t(p.text)] for p in action.progress],
            }
        plan["recommendations"][placed.rec.ref] = {"text": t(placed.rec.text), "actions": actions}
    return {"format": FORMAT, "plans": plans}


@dataclass(frozen=True)
class Item:
    """One change: where (plan, recommendation, action), the text concerned, and for a status
    or deadline what it was and what it is now."""

    plan: str
    ref: str
    action: str | None
    text: str = ""
    before: Any = None
    after: Any = None


@dataclass
class Changes:
    new_recommendations: list[Item] = field(default_factory=list)
    removed_recommendations: list[Item] = field(default_factory=list)
    new_actions: list[Item] = field(default_factory=list)
    removed_actions: list[Item] = field(default_factory=list)
    status_changes: list[Item] = field(default_factory=list)
    moved_deadlines: list[Item] = field(default_factory=list)
    new_progress: list[Item] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def compare(old: Snapshot, new: Snapshot) -> Changes:
    """Everything that changed from `old` to `new`, in document order of `new` (then of `old`)."""
    changes = Changes()
    old_plans, new_plans = old.get("plans", {}), new.get("plans", {})
    for plan_id in [*new_plans, *(p for p in old_plans if p not in new_plans)]:
        before = old_plans.get(plan_id, {}).get("recommendations", {})
        after = new_plans.get(plan_id, {}).get("recommendations", {})
        for ref in after:
            if ref not in before:
                changes.new_recommendations.append(Item(plan_id, ref, None, after[ref]["text"]))
        for ref in before:
            if ref not in after:
                changes.removed_recommendations.append(Item(plan_id, ref, None, before[ref]["text"]))
        for ref in (r for r in after if r in before):
            _compare_actions(changes, plan_id, ref, before[ref]["actions"], after[ref]["actions"])
    return changes


def _compare_actions(changes: Changes, plan_id: str, ref: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    for action_id, now in after.items():
        was = before.get(action_id)
        if was is None:
            changes.new_actions.append(Item(plan_id, ref, action_id, now["title"]))
            continue
        if was["status"] != now["status"]:
            changes.status_changes.append(Item(plan_id, ref, action_id, now["title"], was["status"], now["status"]))
        if was["due"] != now["due"]:
            changes.moved_deadlines.append(Item(plan_id, ref, action_id, now["title"], was["due"], now["due"]))
        for entry in now["progress"]:
            if entry not in was["progress"]:
                changes.new_progress.append(Item(plan_id, ref, action_id, entry[1], after=entry[0]))
    for action_id, was in before.items():
        if action_id not in after:
            changes.removed_actions.append(Item(plan_id, ref, action_id, was["title"]))


class PublicationError(Exception):
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
