"""Dashboards: where the actions of a plan, theme or lead stand on their plan's "as at" date.

Pure functions from recommendations to figures; every figure keeps the actions behind it,
so a page can link each number to the list it counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from planportal.portal.joined import Placed, walk_actions
from planportal.portal.status import Standing, deadline_passed, rag_of, standing
from planportal.source.model import Action
from planportal.source.statuses import CLOSED, NOT_STATED, ORDER, RAG_IDS, StatusId

WINDOW_DAYS = 91  # "the next three months" and "recently": about one quarter either side of "as at"


@dataclass(frozen=True)
class Row:
    """An action with where it sits and where it stands."""

    placed: Placed
    action: Action
    standing: Standing


@dataclass
class Dashboard:
    """Counts by status (and by RAG rating, where actions give one), overdue, due soon and recently
    completed, each with its actions; the actions whose lateness cannot be judged, their plan giving
    no as-at date; and those past their deadline whose progress gives no status (not counted overdue:
    their text may say they are done)."""

    rows: list[Row] = field(default_factory=list)  # every action, in document order
    by_status: dict[StatusId, list[Row]] = field(default_factory=lambda: {s: [] for s in ORDER})
    overdue: list[Row] = field(default_factory=list)
    unjudged: list[Row] = field(default_factory=list)  # in a plan with no as-at date: never overdue
    unstated_past: list[Row] = field(default_factory=list)  # past the deadline, progress with no status
    due_soon: list[Row] = field(default_factory=list)
    recently_completed: list[Row] = field(default_factory=list)
    by_rag: dict[str, list[Row]] = field(default_factory=lambda: {r: [] for r in RAG_IDS})  # by latest RAG rating

    @property
    def rated(self) -> bool:
        """Whether any of its actions gives a RAG rating (only then do pages count them)."""
        return any(self.by_rag.values())

    @property
    def total(self) -> int:
        return len(self.rows)


def _next_deadline(action: Action, as_at: dt.date) -> dt.date | None:
    """The end of the first deadline that has not ended by `as_at`."""
    if action.due is None:
        return None
    ends = [e.date.end for e in action.due.entries if e.date.end is not None and e.date.end > as_at]
    return min(ends) if ends else None


def dashboard(placed_list: list[Placed], keep: Callable[[Action], bool] = lambda action: True) -> Dashboard:
    """The dashboard of some recommendations' actions (those `keep` accepts), each judged on
    its own plan's as-at date."""
    board = Dashboard()
    for placed in placed_list:
        as_at = placed.plan.plan.as_at
        for action, _ in walk_actions(placed.rec.actions):
            if not keep(action):
                continue
            st = standing(action, as_at)
            row = Row(placed, action, st)
            board.rows.append(row)
            board.by_status[st.status].append(row)
            if (rag := rag_of(action)) is not None:
                board.by_rag[rag].append(row)
            if st.overdue:
                board.overdue.append(row)
            if as_at is None:
                board.unjudged.append(row)
                continue
            if st.status == NOT_STATED and deadline_passed(action, as_at):
                board.unstated_past.append(row)
            upcoming = _next_deadline(action, as_at)
            if upcoming and upcoming <= as_at + dt.timedelta(days=WINDOW_DAYS) and st.status not in CLOSED:
                board.due_soon.append(row)
            if st.status == "completed" and st.since and st.since >= as_at - dt.timedelta(days=WINDOW_DAYS):
                board.recently_completed.append(row)
    return board
