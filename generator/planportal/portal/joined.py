"""The assembled portal: every file's data joined into one cross-referenced whole,
with the look-ups and indexes that pages need ("referenced by", a lead's work, citations)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

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
from planportal.source.texts import Loc


@dataclass(frozen=True)
class PlanEntry:
    """A plan with its id (the file name without .yaml) and the file it came from."""

    id: str
    plan: Plan
    file: str


@dataclass(frozen=True)
class Placed:
    """A recommendation with where it sits: plan, and theme and outcome if the plan has them (a
    theme without outcomes holds its recommendations directly: outcome None)."""

    plan: PlanEntry
    theme: Theme | None
    outcome: Outcome | None
    rec: Recommendation

    @property
    def key(self) -> tuple[str, str]:
        return (self.plan.id, self.rec.ref)


Node = TypeVar("Node")


def action_tree(actions: Sequence[Node], children: Callable[[Node], Sequence[Node]],
                base: Loc = ()) -> Iterator[tuple[Loc, Node, Node | None]]:
    """Every action and sub-action under `actions`, depth first in document order, each with its
    path (`base` and an ("actions", i) step a level) and the action it is under (None at the top).
    `children` gives an action's sub-actions: the one walk serves models and plain data alike.

    >>> tree = [{"id": "1", "actions": [{"id": "1a"}]}, {"id": "2"}]
    >>> [(path, a["id"], p and p["id"]) for path, a, p in action_tree(tree, lambda a: a.get("actions", []))]
    [(('actions', 0), '1', None), (('actions', 0, 'actions', 0), '1a', '1'), (('actions', 1), '2', None)]
    """
    def walk(level: Sequence[Node], path: Loc, parent: Node | None) -> Iterator[tuple[Loc, Node, Node | None]]:
        for i, action in enumerate(level):
            here = (*path, "actions", i)
            yield here, action, parent
            yield from walk(children(action), here, action)

    return walk(actions, base, None)


def _sub_actions(action: Action) -> list[Action]:
    return action.actions


def action_paths(actions: list[Action], base: Loc = ()) -> Iterator[tuple[Loc, Action, Action | None]]:
    """Every action and sub-action, depth first, each with its path below `base` and its parent."""
    return action_tree(actions, _sub_actions, base)


def walk_actions(actions: list[Action]) -> Iterator[tuple[Action, Action | None]]:
    """Every action and sub-action, depth first, each with its parent main action."""
    return ((action, parent) for _, action, parent in action_tree(actions, _sub_actions))


def plan_tree(plan: Plan) -> Iterator[tuple[Loc, Theme | None, Outcome | None, Recommendation]]:
    """A plan's recommendations in document order, those under themes first, then any directly
    under the plan (theme and outcome None), each with its path in the plan file.

    >>> plan = Plan.model_validate({"title": "P", "authority": "A", "level": "detailed", "state": "final",
    ...     "themes": [{"id": "1", "title": "T", "outcomes": [{"id": "1", "title": "O", "recommendations": [
    ...     {"ref": "1.1.1", "text": "R"}]}]}], "recommendations": [{"ref": "9", "text": "S"}]})
    >>> for path, theme, _, rec in plan_tree(plan):
    ...     print(rec.ref, theme and theme.id, path)
    1.1.1 1 ('plan', 'themes', 0, 'outcomes', 0, 'recommendations', 0)
    9 None ('plan', 'recommendations', 0)
    """
    for t, theme in enumerate(plan.themes):
        for r, rec in enumerate(theme.recommendations):
            yield ("plan", "themes", t, "recommendations", r), theme, None, rec
        for o, outcome in enumerate(theme.outcomes):
            for r, rec in enumerate(outcome.recommendations):
                yield ("plan", "themes", t, "outcomes", o, "recommendations", r), theme, outcome, rec
    for r, rec in enumerate(plan.recommendations):
        yield ("plan", "recommendations", r), None, None, rec


def recommendation_paths(plan: Plan) -> Iterator[tuple[Loc, Recommendation]]:
    """A plan's recommendations in document order, each with its path in the plan file."""
    return ((path, rec) for path, _, _, rec in plan_tree(plan))


def plan_recommendations(entry: PlanEntry) -> Iterator[Placed]:
    """A plan's recommendations in document order: those under themes, then any directly under the plan."""
    return (Placed(entry, theme, outcome, rec) for _, theme, outcome, rec in plan_tree(entry.plan))


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
    settings_at: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Where each portal setting given is written (previous_publication, say): file, line, column."""

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
