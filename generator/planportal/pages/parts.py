"""What pages share, made once: the figures every language shows alike (`Shared`, one per build),
and the Markdown that many pages of one language show (`Parts`: an action's row, a
recommendation's details).

What may be shared across languages is said here and nowhere else: `Shared` holds only what
depends on the data, never on the language (dashboards, quarterly reports and returns).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from planportal.pages.labels import Note
from planportal.portal.dashboards import Dashboard, dashboard
from planportal.portal.joined import Placed, PlanEntry, Portal, plan_recommendations
from planportal.portal.reports import Report, plan_quarters, quarter_report
from planportal.portal.returns import Returns, plan_returns
from planportal.source.model import Outcome, Theme

K = TypeVar("K")
V = TypeVar("V")


def _once(made: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """`made[key]`, made by `make` the first time it is asked for.

    >>> made: dict[str, int] = {}
    >>> _once(made, "a", lambda: 1), _once(made, "a", lambda: 2)
    (1, 1)
    """
    if key not in made:
        made[key] = make()
    return made[key]


@dataclass
class Shared:
    """Where actions stand, what each quarter's report says and who has returned an update, worked
    out once for every page and language that shows them: they depend on the data, not the language."""

    portal: Portal
    _plans: dict[str, Dashboard] = field(default_factory=dict)
    _themes: dict[tuple[str, str], Dashboard] = field(default_factory=dict)
    _outcomes: dict[tuple[str, str, str], Dashboard] = field(default_factory=dict)
    _leads: dict[str, Dashboard] = field(default_factory=dict)
    _priorities: dict[str, Dashboard] = field(default_factory=dict)
    _portal: dict[None, Dashboard] = field(default_factory=dict)
    _reports: dict[tuple[str, int, int], Report] = field(default_factory=dict)
    _returns: dict[tuple[str, int, int], Returns] = field(default_factory=dict)
    _quarters: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def plan_board(self, entry: PlanEntry) -> Dashboard:
        """A plan's actions, for the home page, the plan's page and both dashboards."""
        return _once(self._plans, entry.id, lambda: dashboard(list(plan_recommendations(entry))))

    def theme_board(self, entry: PlanEntry, theme: Theme) -> Dashboard:
        return _once(self._themes, (entry.id, theme.id),
                     lambda: dashboard([p for p in plan_recommendations(entry) if p.theme is theme]))

    def outcome_board(self, entry: PlanEntry, theme: Theme, outcome: Outcome) -> Dashboard:
        """An outcome's actions, for its plan's page and its theme's."""
        return _once(self._outcomes, (entry.id, theme.id, outcome.id),
                     lambda: dashboard([p for p in plan_recommendations(entry) if p.outcome is outcome]))

    def lead_board(self, person_id: str) -> Dashboard:
        """The actions a person leads."""
        return _once(self._leads, person_id, lambda: dashboard(self.portal.actions_led.get(person_id, []),
                                                               lambda action: person_id in action.lead))

    def priority_board(self, priority_id: str, recs: list[Placed]) -> Dashboard:
        """The actions that contribute to a council plan priority, out of `recs` (every recommendation)."""
        return _once(self._priorities, priority_id,
                     lambda: dashboard(recs, lambda action: priority_id in action.priorities))

    def portal_board(self) -> Dashboard:
        """Every action of the portal."""
        return _once(self._portal, None, lambda: dashboard(list(self.portal.recommendations())))

    def report(self, entry: PlanEntry, fy: int, q: int) -> Report:
        """A plan's report for quarter `q` of the financial year starting in `fy`."""
        return _once(self._reports, (entry.id, fy, q), lambda: quarter_report(entry, fy, q))

    def quarters(self, entry: PlanEntry) -> list[tuple[int, int]]:
        """The quarters a plan's reports are for (reports.plan_quarters), for its page, reports and returns."""
        return _once(self._quarters, entry.id, lambda: plan_quarters(entry))

    def returns(self, entry: PlanEntry, fy: int, q: int) -> Returns:
        """Who has returned an update for a plan's quarter, and the open actions of those who have not."""
        return _once(self._returns, (entry.id, fy, q), lambda: plan_returns(entry, fy, q, self.quarters(entry)))


class RowKey(NamedTuple):
    """An action's row in a table of actions, with its recommendation first or not."""

    rec: tuple[str, str]
    action: str
    show_rec: bool


class DetailsKey(NamedTuple):
    """A recommendation's details: its page below the title (and its part of the print page)."""

    rec: tuple[str, str]


class ActionLinkKey(NamedTuple):
    """A link to an action that names its recommendation (quarterly reports)."""

    rec: tuple[str, str]
    action: str


PartKey = RowKey | DetailsKey | ActionLinkKey


@dataclass(frozen=True)
class Part:
    """Markdown that many pages of one language show, with what it says about its language."""

    text: str
    notes: frozenset[Note]
