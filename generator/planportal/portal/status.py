"""Where an action stands: its current status (its latest dated progress entry with a
status) and whether it is overdue on the plan's "as at" date. Never the build clock."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from planportal.source.model import Action
from planportal.source.statuses import CLOSED, NOT_STATED, Status, StatusId


@dataclass(frozen=True)
class Standing:
    """An action's status id (one of statuses.ORDER) and whether it is overdue."""

    status: StatusId
    overdue: bool
    since: dt.date | None = None  # the date of the entry that set the status


def current_status(action: Action) -> tuple[Status | None, dt.date | None]:
    """The status of the latest progress entry that gives one, and its date."""
    for entry in reversed(action.progress):
        if entry.status:
            return entry.status, entry.date.start
    return None, None


def standing(action: Action, as_at: dt.date | None) -> Standing:
    """An action's standing on `as_at`.

    Without a stated status, an action whose first deadline has not started by `as_at` is
    'not yet due'; otherwise its status is 'not stated'. Overdue means: the last
    deadline ended before `as_at` and the stated status is neither completed nor no longer
    relevant (with no status stated, the site cannot say, so it does not claim it).
    """
    status, since = current_status(action)
    first = action.due.entries[0].date if action.due else None
    last = action.due.last if action.due else None
    if status is None and as_at and first and first.start and first.start > as_at:
        status = "not_yet_due"
    overdue = bool(
        as_at and last and last.end and last.end < as_at and status is not None and status not in CLOSED
    )
    return Standing(status or NOT_STATED, overdue, since)


def tally(standings: Iterable[Standing]) -> tuple[Counter[str], int]:
    """Counts by status, and the number overdue."""
    items = list(standings)
    return Counter(s.status for s in items), sum(s.overdue for s in items)
