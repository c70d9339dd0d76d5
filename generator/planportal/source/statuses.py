"""The status vocabulary: every status an action can stand at, in the order pages list them,
with its icon and its default label. The plan format's `Status`, the portal's default labels,
the dashboards' columns, the badges and the spreadsheet cells all take their statuses from here.

>>> [(s.id, s.icon) for s in VOCABULARY][:2], NOT_STATED in ORDER, NOT_STATED in STATUS_IDS
([('completed', '✓'), ('in_progress', '◔')], True, False)
>>> ORDER == [*STATUS_IDS, LAPSED, NOT_STATED]  # the statuses staff give, then those the site works out
True
>>> LABELS[LAPSED], LAPSED in CLOSED
('Deadline passed, no update', False)

RAG ratings, where a plan gives them, are a second scale beside the status: each colour has a shape
for its icon, so that no rating is told by its colour alone.

>>> [(r.id, r.icon, r.label) for r in RAG_SCALE]
[('red', '▲', 'Red'), ('amber', '◆', 'Amber'), ('green', '●', 'Green'), ('blue', '★', 'Blue')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from planportal.text.catalogue import N_

Status = Literal["completed", "in_progress", "delayed", "not_yet_due", "no_longer_relevant"]
"""A status a progress entry can give, as written in a plan file."""

StatusId = Status | Literal["lapsed", "not_stated"]
"""Where an action stands: a status given, or one the site works out when none is: "lapsed" (its
deadline passed on the plan's as-at date with no update at all), "not_stated" (no status given,
its deadline not passed, or not judged), or "not_yet_due" (its deadline starts after as-at)."""

LAPSED: Literal["lapsed"] = "lapsed"
NOT_STATED: Literal["not_stated"] = "not_stated"


@dataclass(frozen=True)
class StatusKind:
    """One status: its id, the icon shown before its label (hidden from screen readers), its
    English label (translated through the catalogue), and whether it closes the action: an action
    completed or no longer relevant is never overdue, nor due soon."""

    id: StatusId
    icon: str
    label: str
    closed: bool = False


VOCABULARY: tuple[StatusKind, ...] = (
    StatusKind("completed", "✓", N_("Completed"), closed=True),
    StatusKind("in_progress", "◔", N_("In progress")),
    StatusKind("delayed", "!", N_("Delayed")),
    StatusKind("not_yet_due", "○", N_("Not yet due")),
    StatusKind("no_longer_relevant", "–", N_("No longer relevant"), closed=True),
    StatusKind(LAPSED, "⌛", N_("Deadline passed, no update")),
    StatusKind(NOT_STATED, "?", N_("No status given")),
)
"""Every status, in the order pages list them."""

STATUS_IDS: tuple[Status, ...] = get_args(Status)
"""The statuses staff can give, in order."""

ORDER: list[StatusId] = [s.id for s in VOCABULARY]
ICONS: dict[StatusId, str] = {s.id: s.icon for s in VOCABULARY}
LABELS: dict[StatusId, str] = {s.id: s.label for s in VOCABULARY}
CLOSED: frozenset[StatusId] = frozenset(s.id for s in VOCABULARY if s.closed)
"""The statuses after which an action is neither overdue nor due: completed, no longer relevant."""


RagColour = Literal["red", "amber", "green", "blue"]
"""A RAG rating a progress entry can give: red, amber, green, or blue (complete, as many councils use)."""


@dataclass(frozen=True)
class RagKind:
    """One RAG rating: its id, the shape shown before its words (hidden from screen readers: the
    words say it), and its English label. What each colour means is the portal's to say (portal.yaml
    `rag:`), since councils use them differently."""

    id: RagColour
    icon: str
    label: str


RAG_SCALE: tuple[RagKind, ...] = (
    RagKind("red", "▲", N_("Red")),
    RagKind("amber", "◆", N_("Amber")),
    RagKind("green", "●", N_("Green")),
    RagKind("blue", "★", N_("Blue")),
)
"""Every RAG rating, worst first, in the order pages list them."""

RAG_IDS: tuple[RagColour, ...] = get_args(RagColour)
RAG_ICONS: dict[str, str] = {r.id: r.icon for r in RAG_SCALE}
RAG_LABELS: dict[str, str] = {r.id: r.label for r in RAG_SCALE}
