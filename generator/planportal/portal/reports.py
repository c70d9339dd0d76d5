"""Quarterly progress reports: for one plan and one quarter of the financial year, what was
completed, what slipped, the new progress entries and the status changes since the quarter before.

A status "at" a day is the latest progress entry with a status whose period ended by then; a
progress entry dated by a period (a quarter, or a range such as 2013-07 to 2013-09) is reported in
the quarter its period ends in. Nothing here reads the clock. What slipped is judged as the site
judges where an action stands (portal.status): a main action with no status of its own takes its
sub-actions', and an action with no progress at all whose deadline passed by the plan's as-at date
slipped with no update.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from planportal.portal.joined import Placed, PlanEntry, plan_recommendations, walk_actions
from planportal.portal.status import standing
from planportal.source.dates import quarter, quarter_of
from planportal.source.model import Action, DeadlineChange, ProgressEntry
from planportal.source.statuses import CLOSED, NOT_STATED, ORDER, Status, StatusId


def status_at(action: Action, day: dt.date) -> Status | None:
    """The status given by the latest progress entry with a status whose period ends by `day`."""
    for entry in reversed(action.progress):
        if entry.status and entry.date.end <= day:
            return entry.status
    return None


@dataclass(frozen=True)
class Change:
    placed: Placed
    action: Action
    before: Status | None
    after: StatusId | None


@dataclass(frozen=True)
class Update:
    placed: Placed
    action: Action
    entry: ProgressEntry


@dataclass(frozen=True)
class Moved:
    placed: Placed
    action: Action
    change: DeadlineChange


@dataclass
class Report:
    """One plan's quarter: its dates and what happened in it."""

    entry: PlanEntry
    fy: int
    q: int
    start: dt.date
    end: dt.date
    completed: list[Update] = field(default_factory=list)
    slipped: list[Change] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def plan_quarters(entry: PlanEntry) -> list[tuple[int, int]]:
    """The quarters from the first dated thing in the plan to its as-at date (or its last deadline)."""
    starts, ends = [], []
    plan = entry.plan
    if plan.period:
        starts += [e.date.start for e in plan.period.entries if e.date.start]
    for placed in plan_recommendations(entry):
        for action, _ in walk_actions(placed.rec.actions):
            starts += [p.date.end for p in action.progress]
            if action.due:
                starts += [e.date.start for e in action.due.entries if e.date.start]
                ends += [e.date.end for e in action.due.entries if e.date.end]
    if not starts:
        return []
    last = plan.as_at or max(ends + starts)
    first = min(starts)
    if plan.as_at:
        first = min(first, last)
    result = []
    fy, q = quarter_of(first)
    while (fy, q) <= quarter_of(last):
        result.append((fy, q))
        fy, q = (fy, q + 1) if q < 4 else (fy + 1, 1)
    return result


def quarter_report(entry: PlanEntry, fy: int, q: int) -> Report:
    """What happened in quarter `q` of financial year `fy` (starting April `fy`) in one plan."""
    span = quarter(fy, q)
    assert span.start and span.end
    report = Report(entry, fy, q, span.start, span.end)
    before = span.start - dt.timedelta(days=1)
    judged = min(span.end, entry.plan.as_at) if entry.plan.as_at else span.end
    for placed in plan_recommendations(entry):
        for action, _ in walk_actions(placed.rec.actions):
            for progress in action.progress:
                if span.start <= progress.date.end <= span.end:  # the quarter its period ends in
                    report.updates.append(Update(placed, action, progress))
                    if progress.status == "completed":
                        report.completed.append(Update(placed, action, progress))
            report.moved += [Moved(placed, action, change) for change in action.deadline_changes
                             if span.start <= change.date.start <= span.end]
            was, now = status_at(action, before), status_at(action, span.end)
            if was != now:
                report.changes.append(Change(placed, action, was, now))
            last = action.due.last if action.due else None
            if last and last.end and last.end <= judged:
                after = now if now is not None else _worked_out(entry, action, judged, span.end)
                if after is not None and after not in CLOSED:
                    report.slipped.append(Change(placed, action, was, after))
    report.completed.sort(key=lambda u: u.entry.date.end)
    report.updates.sort(key=lambda u: u.entry.date.end)
    return report


def _worked_out(entry: PlanEntry, action: Action, judged: dt.date, end: dt.date) -> StatusId | None:
    """The status of an action that gives none by `end`, as its standing works it out with the
    deadline judged passed when it ended by `judged` (as the report judges it): its sub-actions',
    or 'deadline passed, no update' in a plan with an as-at date; else None."""
    as_at = judged + dt.timedelta(days=1) if entry.plan.as_at else None
    status = standing(action, as_at, by=end).status
    return None if status in (NOT_STATED, "not_yet_due") else status


def statuses_at(entry: PlanEntry, day: dt.date) -> dict[StatusId, int]:
    """How many of a plan's actions (sub-actions too) stood at each status on `day`, by the latest
    progress entry with a status by then ("not_stated" where none had one), in the order pages list
    statuses; statuses no action had are left out."""
    counts: Counter[StatusId] = Counter(
        status_at(action, day) or NOT_STATED
        for placed in plan_recommendations(entry) for action, _ in walk_actions(placed.rec.actions))
    return {status: counts[status] for status in ORDER if counts[status]}
