"""What changed between two publications of a portal: new and removed recommendations and
actions, status changes, moved deadlines and new progress entries.

A publication is compared as a snapshot: plain JSON of what readers see, which can be saved
(`planportal snapshot`) or made from any git revision of plans/ (`git archive`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planportal.portal.joined import Portal, walk_actions
from planportal.portal.status import current_status
from planportal.source.dates import format_when
from planportal.text.language import pick

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
    unreadable: str | None = None
    """Set, and every list empty, when the previous publication could not be read: why (the pages
    say so instead of listing changes; see publications.Previous)."""

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__ if name != "unreadable")


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
