"""Timelines: each action as a stretch of time, from its start to its deadline, for a plan, a theme
or a lead's actions; its sub-actions under it.

An action's start is the earliest of its own start (`start:`, where the plan gives one), its first
progress entry and its plan's period start; with none of them, the start of its first deadline.
Each bar says which it is. An action with no dated deadline has no bar (a timeline's table still
lists it). Nothing here reads the clock: where an action stands is on its plan's as-at date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from planportal.portal.joined import Placed, walk_actions
from planportal.portal.status import standing
from planportal.source.model import Action
from planportal.source.statuses import StatusId

StartFrom = Literal["own", "progress", "period", "deadline"]
"""Where a bar's start comes from: the action's own start, its first progress entry, its plan's period
start, or (with none of them) the start of its first deadline."""


@dataclass(frozen=True)
class Bar:
    """One action on a timeline: `depth` 0 for a main action, 1 for a sub-action under it; `end`
    its (last) deadline's last day, `moved_from` the last day of each deadline it had before (oldest
    first); none of them for an action with no dated deadline."""

    placed: Placed
    action: Action
    depth: int
    start: dt.date | None
    start_from: StartFrom | None
    end: dt.date | None
    moved_from: tuple[dt.date, ...]
    status: StatusId
    overdue: bool

    @property
    def drawn(self) -> bool:
        """Whether it is drawn: it has a dated deadline."""
        return self.end is not None


def action_start(action: Action, period_start: dt.date | None) -> tuple[dt.date | None, StartFrom | None]:
    """Where an action starts, and from what: the earliest of its own start (if the plan gives one),
    its first progress entry and the plan's period start, else its first deadline's start.

    >>> from planportal.source.model import Action
    >>> a = Action(id="1", title="t", due="2006-03", progress=[{"date": "2006-01-10", "text": "x"}])
    >>> action_start(a, dt.date(2005, 12, 1)), action_start(a, None)
    ((datetime.date(2005, 12, 1), 'period'), (datetime.date(2006, 1, 10), 'progress'))
    >>> action_start(Action(id="1", title="t", due="2006-03"), None)
    (datetime.date(2006, 3, 1), 'deadline')
    >>> action_start(Action(id="1", title="t", start="2005-11", due="2006-03"), dt.date(2005, 12, 1))
    (datetime.date(2005, 11, 1), 'own')
    """
    first = min((p.date.start for p in action.progress if p.date.start), default=None)
    candidates: list[tuple[dt.date, StartFrom]] = []
    if action.start is not None and action.start.start:
        candidates.append((action.start.start, "own"))
    if first:
        candidates.append((first, "progress"))
    if period_start:
        candidates.append((period_start, "period"))
    if candidates:
        return min(candidates, key=lambda c: c[0])
    due = action.due.entries[0].date.start if action.due else None
    return (due, "deadline") if due else (None, None)


def _deadline_end(action: Action) -> dt.date | None:
    return action.due.last.end if action.due else None


def bars(placed_list: Iterable[Placed], lead: str | None = None) -> list[Bar]:
    """The bars of these recommendations' actions, in document order, sub-actions under their action;
    with `lead`, only the actions that person leads (a sub-action they lead under its action)."""
    result = []
    for placed in placed_list:
        plan = placed.plan.plan
        period_start = plan.period.entries[0].date.start if plan.period else None
        for action, parent in walk_actions(placed.rec.actions):
            if lead is not None and lead not in action.lead:
                continue
            start, start_from = action_start(action, period_start)
            end = _deadline_end(action)
            moved = tuple(day for change in action.deadline_changes
                          if (day := change.previous.last.end) is not None and day != end)
            st = standing(action, plan.as_at)
            result.append(Bar(placed, action, 0 if parent is None else 1, start if end else None,
                              start_from if end else None, end, moved if end else (), st.status, st.overdue))
    return result


def span(drawn: list[Bar], marks: Iterable[dt.date] = ()) -> tuple[dt.date, dt.date] | None:
    """The first and last day a timeline shows: every bar, old deadline and mark (the as-at dates),
    widened to whole months.

    >>> span([], [dt.date(2006, 3, 25)])
    (datetime.date(2006, 3, 1), datetime.date(2006, 3, 31))
    """
    days = [d for bar in drawn for d in (bar.start, bar.end, *bar.moved_from) if d] + list(marks)
    if not days:
        return None
    first, last = min(days), max(days)
    following = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return first.replace(day=1), following - dt.timedelta(days=1)
