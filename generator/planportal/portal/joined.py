"""The assembled portal: every file's data joined into one cross-referenced whole,
with the look-ups and indexes that pages need ("referenced by", a lead's work, citations)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from planportal.source.model import (
    Action,
    Document,
    Indicator,
    Outcome,
    Partner,
    Person,
    Plan,
    PortalSettings,
    Priority,
    Recommendation,
    Term,
    Theme,
)


@dataclass(frozen=True)
class PlanEntry:
    """A plan with its id (the file name without .yaml) and the file it came from."""

    id: str
    plan: Plan
    file: str


@dataclass(frozen=True)
class Placed:
    """A recommendation with where it sits: plan, and theme and outcome if the plan has them."""

    plan: PlanEntry
    theme: Theme | None
    outcome: Outcome | None
    rec: Recommendation

    @property
    def key(self) -> tuple[str, str]:
        return (self.plan.id, self.rec.ref)


def walk_actions(actions: list[Action], parent: Action | None = None) -> Iterator[tuple[Action, Action | None]]:
    """Every action and sub-action, depth first, each with its parent main action."""
    for action in actions:
        yield action, parent
        yield from walk_actions(action.actions, action)


def plan_recommendations(entry: PlanEntry) -> Iterator[Placed]:
    """A plan's recommendations in document order: those under themes, then any directly under the plan."""
    for theme in entry.plan.themes:
        for outcome in theme.outcomes:
            for rec in outcome.recommendations:
                yield Placed(entry, theme, outcome, rec)
    for rec in entry.plan.recommendations:
        yield Placed(entry, None, None, rec)


@dataclass
class Portal:
    """Everything the site is built from, validated and cross-referenced."""

    settings: PortalSettings
    plans: list[PlanEntry]
    people: dict[str, Person] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    glossary: dict[str, Term] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    priorities: dict[str, Priority] = field(default_factory=dict)
    locations: dict[tuple[str, str], tuple[str, int, int]] = field(default_factory=dict)
    """Where each recommendation (plan id, ref) is written: file, line, column."""

    # The look-ups below are computed once, on first use, after validation has joined the portal:
    # pages ask for them thousands of times, and a portal is not changed once it is built.

    def plan(self, plan_id: str) -> PlanEntry:
        return self._plans_by_id[plan_id]

    @cached_property
    def _plans_by_id(self) -> dict[str, PlanEntry]:
        return {p.id: p for p in self.plans}

    def recommendations(self) -> Iterator[Placed]:
        return iter(self._placed)

    @cached_property
    def _placed(self) -> list[Placed]:
        return [placed for entry in self.plans for placed in plan_recommendations(entry)]

    def recommendation(self, plan_id: str, ref: str) -> Placed | None:
        return self._by_key.get((plan_id, ref))

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], Placed]:
        return {placed.key: placed for placed in self._placed}

    def referenced_by(self) -> dict[tuple[str, str], list[Placed]]:
        """For each recommendation, the recommendations that cite it in `related`."""
        return self._referenced_by

    @cached_property
    def _referenced_by(self) -> dict[tuple[str, str], list[Placed]]:
        index: dict[tuple[str, str], list[Placed]] = defaultdict(list)
        for placed in self._placed:
            for rel in placed.rec.related:
                if rel.recommendation:
                    index[(rel.plan or placed.plan.id, rel.recommendation)].append(placed)
        return dict(index)

    def plans_citing(self) -> dict[str, list[Placed]]:
        """For each plan id, the recommendations in other plans that name it as related."""
        return self._plans_citing

    @cached_property
    def _plans_citing(self) -> dict[str, list[Placed]]:
        index: dict[str, list[Placed]] = defaultdict(list)
        for placed in self._placed:
            for rel in placed.rec.related:
                if rel.plan and not rel.recommendation and rel.plan != placed.plan.id:
                    index[rel.plan].append(placed)
        return dict(index)

    def citations(self) -> dict[str, list[tuple[Placed, int | None]]]:
        """For each document id, the recommendations that cite it, with the page cited."""
        return self._citations

    @cached_property
    def _citations(self) -> dict[str, list[tuple[Placed, int | None]]]:
        index: dict[str, list[tuple[Placed, int | None]]] = defaultdict(list)
        for placed in self._placed:
            for rel in placed.rec.related:
                if rel.document:
                    index[rel.document].append((placed, rel.page))
        return dict(index)

    @cached_property
    def actions_led(self) -> dict[str, list[Placed]]:
        """For each person id, the recommendations with an action they lead, in document order."""
        index: dict[str, list[Placed]] = defaultdict(list)
        for placed in self._placed:
            for person_id in dict.fromkeys(p for action, _ in walk_actions(placed.rec.actions) for p in action.lead):
                index[person_id].append(placed)
        return dict(index)
