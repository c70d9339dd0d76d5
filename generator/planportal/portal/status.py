"""Where an action stands: its current status (its latest dated progress entry with a status, or,
for a main action with none of its own, the status its sub-actions give it), and whether it is
overdue on the plan's "as at" date. Never the build clock.

With no status given, the site works one out from the deadline: "not yet due" when the first
deadline starts after as-at, "deadline passed, no update" (`lapsed`) when the last one ended
before as-at and no progress at all was recorded, else "no status given". Without an as-at date
none of these can be judged, and nothing is overdue.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planportal.source.model import Action
from planportal.source.statuses import CLOSED, LAPSED, NOT_STATED, Status, StatusId


@dataclass(frozen=True)
class Standing:
    """An action's status id (one of statuses.ORDER), whether it is overdue, the date of the entry
    that set the status, and whether the status came from its sub-actions (it gives none itself)."""

    status: StatusId
    overdue: bool
    since: dt.date | None = None  # the date of the entry that set the status
    from_sub_actions: bool = False


def current_status(action: Action, by: dt.date | None = None) -> tuple[Status | None, dt.date | None]:
    """The status of the latest progress entry that gives one (of those starting by `by`, if given), and its date."""
    for entry in reversed(action.progress):
        if entry.status and (by is None or entry.date.start <= by):
            return entry.status, entry.date.start
    return None, None


def from_sub_actions(statuses: Sequence[StatusId]) -> StatusId | None:
    """The status a main action with none of its own takes from its sub-actions' statuses, by the
    first of these rules that applies (the worst news first, so a sub-action's trouble is not hidden):

    1. every sub-action completed: completed;
    2. any delayed: delayed;
    3. any whose deadline passed with no update: deadline passed, no update;
    4. every one closed (completed or no longer relevant): completed if any was completed, else
       no longer relevant;
    5. any in progress, or some closed and some still open: in progress;
    6. every one not yet due: not yet due;
    7. otherwise (some with no status given, the rest not yet due): none, and the main action is
       judged on its own deadline as any action with no status is.

    >>> from_sub_actions(["completed", "completed"]), from_sub_actions(["in_progress", "delayed", "completed"])
    ('completed', 'delayed')
    >>> from_sub_actions(["completed", "lapsed"]), from_sub_actions(["delayed", "lapsed"])
    ('lapsed', 'delayed')
    >>> from_sub_actions(["completed", "no_longer_relevant"]), from_sub_actions(["no_longer_relevant"])
    ('completed', 'no_longer_relevant')
    >>> from_sub_actions(["in_progress", "not_stated"]), from_sub_actions(["completed", "not_yet_due"])
    ('in_progress', 'in_progress')
    >>> from_sub_actions(["not_yet_due", "not_yet_due"]), from_sub_actions(["not_stated", "not_yet_due"])
    ('not_yet_due', None)
    >>> from_sub_actions([]) is None
    True
    """
    given = set(statuses)
    if not given:
        return None
    if given == {"completed"}:
        return "completed"
    if "delayed" in given:
        return "delayed"
    if LAPSED in given:
        return LAPSED
    if given <= CLOSED:
        return "completed" if "completed" in given else "no_longer_relevant"
    if "in_progress" in given or given & CLOSED:
        return "in_progress"
    if given == {"not_yet_due"}:
        return "not_yet_due"
    return None


def _updated(action: Action, by: dt.date | None) -> bool:
    """Whether any progress was recorded on the action or under it (starting by `by`, if given)."""
    return any(by is None or entry.date.start <= by for entry in action.progress) or any(
        _updated(sub, by) for sub in action.actions)


def deadline_passed(action: Action, as_at: dt.date | None) -> bool:
    """Whether the action's last deadline ended before `as_at` (never, without one or without `as_at`).

    >>> deadline_passed(Action(id="1", title="Audit", due="2006-01"), dt.date(2006, 3, 25))
    True
    >>> deadline_passed(Action(id="1", title="Audit", due="2006-03-25"), dt.date(2006, 3, 25))
    False
    >>> deadline_passed(Action(id="1", title="Audit", due="2006-01"), None)
    False
    """
    last = action.due.last if action.due else None
    return bool(as_at and last and last.end and last.end < as_at)


def standing(action: Action, as_at: dt.date | None, by: dt.date | None = None) -> Standing:
    """An action's standing on `as_at`, from the progress entries starting by `by` (all of them by
    default: a quarterly report gives the end of its quarter).

    A main action with no status of its own takes one from its sub-actions (`from_sub_actions`),
    except 'not yet due' when its own deadline has passed.
    Still without a status, an action whose first deadline has not started by `as_at` is 'not yet
    due'; one whose last deadline ended before `as_at`, with no progress recorded on it or its
    sub-actions, is 'deadline passed, no update'; otherwise its status is 'not stated'. Overdue
    means: the last deadline ended before `as_at` and the status is neither completed nor no longer
    relevant, nor 'not stated' (an update with no status: the site cannot say, so it does not claim it).
    """
    status: StatusId | None
    status, since = current_status(action, by)
    rolled = False
    if status is None and action.actions:
        subs = [standing(sub, as_at, by) for sub in action.actions]
        status = from_sub_actions([s.status for s in subs])
        if status is not None:
            rolled = True
            since = max((s.since for s in subs if s.since), default=None)
    first = action.due.entries[0].date if action.due else None
    passed = deadline_passed(action, as_at)
    if rolled and status == "not_yet_due" and passed:  # its own deadline has passed: theirs do not say
        status, since, rolled = None, None, False
    if status is None and as_at and first and first.start and first.start > as_at:
        status = "not_yet_due"
    elif status is None and passed and not _updated(action, by):
        status = LAPSED
    overdue = passed and status is not None and status not in CLOSED
    return Standing(status or NOT_STATED, overdue, since, rolled)


def tally(standings: Iterable[Standing]) -> tuple[Counter[str], int]:
    """Counts by status, and the number overdue."""
    items = list(standings)
    return Counter(s.status for s in items), sum(s.overdue for s in items)


def rag_of(action: Action, by: dt.date | None = None) -> str | None:
    """The RAG rating of the latest progress entry that gives one (of those starting by `by`, if given)."""
    for entry in reversed(action.progress):
        if entry.rag and (by is None or entry.date.start <= by):
            return entry.rag
    return None


@dataclass(frozen=True)
class Complete:
    """How far complete something is, in per cent, and how that was worked out: its own figure
    (`given` 1 of `of` 1, `own`), or the mean of the `given` of its `of` actions that give one,
    `weighted` when any of them gives a weight."""

    percent: float
    given: int = 1
    of: int = 1
    weighted: bool = False
    own: bool = True


def mean_complete(parts: Sequence[tuple[Complete | None, float | None]]) -> Complete | None:
    """The weighted mean of the parts that give a per cent complete (a weight of 1 where none is
    given); None when none does.

    >>> mean_complete([(Complete(20), None), (Complete(60), None), (None, None)])
    Complete(percent=40.0, given=2, of=3, weighted=False, own=False)
    >>> mean_complete([(Complete(100), 3), (Complete(0), 1)]).percent
    75.0
    >>> mean_complete([(None, 2)]) is None
    True
    """
    given = [(c, 1.0 if w is None else w) for c, w in parts if c is not None]
    if not given:
        return None
    total = sum(w for _, w in given)
    percent = sum(c.percent * w for c, w in given) / total
    weighted = any(w is not None for c, w in parts if c is not None)
    return Complete(percent, len(given), len(parts), weighted, own=False)


def action_complete(action: Action) -> Complete | None:
    """An action's per cent complete: that of its latest progress entry giving one, else its own
    `percent_complete`, else (a main action) the mean of its sub-actions'; None if nothing gives one.

    >>> action_complete(Action(id="1", title="Audit", percent_complete=30, actions=[
    ...     Action(id="1a", title="Plan", progress=[{"date": "2013-07", "text": "Done", "percent_complete": 100}])]))
    Complete(percent=30.0, given=1, of=1, weighted=False, own=True)
    >>> action_complete(Action(id="1", title="Audit", actions=[Action(id="1a", title="Plan", percent_complete=50),
    ...     Action(id="1b", title="Do", percent_complete=100, weight=3)])).percent
    87.5
    """
    for entry in reversed(action.progress):
        if entry.percent_complete is not None:
            return Complete(entry.percent_complete)
    if action.percent_complete is not None:
        return Complete(action.percent_complete)
    return mean_complete([(action_complete(sub), sub.weight) for sub in action.actions]) if action.actions else None


def actions_complete(actions: Iterable[Action]) -> Complete | None:
    """The per cent complete of a recommendation, outcome, theme or plan: the mean of its main
    actions' (weighted where they give weights), each main action's its own or its sub-actions'."""
    return mean_complete([(action_complete(a), a.weight) for a in actions])
