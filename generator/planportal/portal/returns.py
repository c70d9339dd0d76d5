"""Quarterly returns: for one quarter of the financial year, which leads have returned an update
and which leads of open actions have not, with those actions and when each was last updated.

A lead's return is what they sent in `updates/<period>/<lead>.yaml`; once merged (portal.updates),
each of its entries is a progress entry that says who reported it. So a return is read from the
progress logs alone: an entry dated in the quarter (by the plan's as-at date, if that comes first)
whose `reported_by` names a person counts as that person's return. A plan's own entries, which say
no one, count for no one. An action is open when, at the end of the quarter, it is neither
completed nor no longer relevant (portal.status, its sub-actions' status included); its leads are
its own, else its main action's. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from planportal.portal.joined import Placed, PlanEntry, Portal, plan_recommendations, walk_actions
from planportal.portal.reports import plan_quarters
from planportal.portal.status import Standing, standing
from planportal.source.dates import When, quarter, quarter_of
from planportal.source.model import Action, ProgressEntry
from planportal.source.statuses import CLOSED

Quarter = tuple[int, int]
"""A quarter of the financial year: (the year it starts in April, 1 to 4)."""


def previous(fy: int, q: int) -> Quarter:
    """The quarter before.

    >>> previous(2006, 1), previous(2005, 4)
    ((2005, 4), (2005, 3))
    """
    return (fy, q - 1) if q > 1 else (fy - 1, 4)


@dataclass(frozen=True)
class Reported:
    """One progress entry a lead reported in the quarter, on one action."""

    placed: Placed
    action: Action
    entry: ProgressEntry


@dataclass(frozen=True)
class OpenAction:
    """An action still open at the end of the quarter: where it stands, its latest progress entry
    by then (None: never updated), and whether it went without an update this quarter and the one
    before (`stale`: only said once the plan has run for both)."""

    placed: Placed
    action: Action
    standing: Standing
    last_update: When | None
    stale: bool


@dataclass
class Returns:
    """Who has returned an update for one quarter, and who has not: `returned` by person id, with
    what each reported; `missing` by person id (in id order), each with the open actions they lead."""

    fy: int
    q: int
    start: dt.date
    end: dt.date
    returned: dict[str, list[Reported]] = field(default_factory=dict)
    missing: dict[str, list[OpenAction]] = field(default_factory=dict)

    @property
    def period(self) -> str:
        """The quarter as update files name it: '2005-Q4'."""
        return f"{self.fy}-Q{self.q}"


def return_quarters(entry: PlanEntry, quarters: list[Quarter] | None = None) -> list[Quarter]:
    """The quarters a plan's returns are listed for: those up to its as-at date (the latest being
    the quarter as-at falls in), from the first quarter a lead returned an update for, or the latest
    alone before any has (a quarter before the plan took returns would say only that no one sent
    one); none without an as-at date, when the plan does not say how far its progress goes.
    `quarters`: its plan_quarters, when the caller has them."""
    quarters = plan_quarters(entry) if quarters is None else quarters
    if not entry.plan.as_at or not quarters:
        return []
    reported = [quarter_of(p.date.start) for placed in plan_recommendations(entry)
                for action, _ in walk_actions(placed.rec.actions) for p in action.progress if p.reported_by]
    first = min([*reported, *quarters[-1:]])
    return [quarter for quarter in quarters if quarter >= first]


def _day(entry: PlanEntry, end: dt.date) -> dt.date:
    """The day a quarter ending `end` is judged at in this plan: its end, or as-at if that comes first."""
    as_at = entry.plan.as_at
    return min(end, as_at) if as_at else end


def quarter_returns(plans: Iterable[tuple[PlanEntry, list[Quarter]]], fy: int, q: int) -> Returns:
    """Who has returned an update for quarter `q` of financial year `fy`, over `plans`, each with its
    quarters (reports.plan_quarters)."""
    span = quarter(fy, q)
    assert span.start and span.end
    returns = Returns(fy, q, span.start, span.end)
    before = quarter(*previous(fy, q)).start
    assert before is not None
    missing: dict[str, list[OpenAction]] = {}
    for entry, quarters in plans:
        day = _day(entry, span.end)
        judged_stale = bool(quarters) and quarters[0] <= previous(fy, q)
        for placed in plan_recommendations(entry):
            for action, parent in walk_actions(placed.rec.actions):
                for progress in action.progress:
                    if progress.reported_by and span.start <= progress.date.start <= day:
                        returns.returned.setdefault(progress.reported_by, []).append(
                            Reported(placed, action, progress))
                st = standing(action, day, by=day)
                if st.status in CLOSED:
                    continue
                dated = [p.date for p in action.progress if p.date.start <= day]
                last = max(dated, key=lambda w: w.start) if dated else None
                stale = judged_stale and (last is None or last.start < before)
                for lead in action.lead or (parent.lead if parent else []):
                    missing.setdefault(lead, []).append(OpenAction(placed, action, st, last, stale))
    returns.returned = dict(sorted(returns.returned.items(), key=lambda item: item[0].casefold()))
    returns.missing = {lead: actions for lead, actions in sorted(missing.items(), key=lambda i: i[0].casefold())
                       if lead not in returns.returned}
    return returns


def plan_returns(entry: PlanEntry, fy: int, q: int, quarters: list[Quarter] | None = None) -> Returns:
    """One plan's returns for a quarter: what its leads reported on its actions. `quarters`: its
    plan_quarters, when the caller has them."""
    return quarter_returns([(entry, plan_quarters(entry) if quarters is None else quarters)], fy, q)


def runs_in(entry: PlanEntry, quarters: list[Quarter], fy: int, q: int) -> bool:
    """Whether a plan runs in a quarter: from the first of its `quarters` (reports.plan_quarters) to
    the last one its period, deadlines, progress or as-at date reach. A plan long over is chased no more."""
    if not quarters:
        return False
    plan = entry.plan
    days = [plan.as_at] if plan.as_at else []
    days += [e.date.end for e in plan.period.entries if e.date.end] if plan.period else []
    for placed in plan_recommendations(entry):
        for action, _ in walk_actions(placed.rec.actions):
            days += [p.date.end for p in action.progress]
            days += [e.date.end for e in action.due.entries if e.date.end] if action.due else []
    return quarters[0] <= (fy, q) <= max([quarters[-1], *map(quarter_of, days)])


def portal_returns(portal: Portal, fy: int, q: int) -> Returns:
    """Every plan's returns for a quarter, of the plans that run in it (`runs_in`): a lead has
    returned when they reported on an action of any of them."""
    plans = [(entry, plan_quarters(entry)) for entry in portal.plans]
    return quarter_returns([(entry, quarters) for entry, quarters in plans if runs_in(entry, quarters, fy, q)], fy, q)
