"""The portal as open data: one JSON document of everything the site is built from, in a
documented, versioned structure (docs/open-data.md), for the public and partners to reuse.

    {"format": "planportal/1", "portal": {...}, "plans": [{"id", "plan", "standing"}],
     "people": [...], "partners": [...], "glossary": [...], "documents": [...],
     "indicators": [...], "priorities": [...]}

Each "plan" is written exactly as in the plan file (what plans/ID.yaml says), so that
`planportal import` reads it back into the same plan; "standing" adds, for each action, the
status and overdue flag the site shows (as at the plan's as_at date, never the build clock).
"""

from __future__ import annotations

import json
from typing import Any

from planportal.portal.joined import PlanEntry, Portal, plan_recommendations, walk_actions
from planportal.portal.status import standing
from planportal.source.model import Person
from planportal.source.plaindata import to_data

FORMAT = "planportal/1"


def plan_standing(entry: PlanEntry) -> list[dict[str, Any]]:
    """Where every action of a plan stands: [{recommendation, action, status, overdue}]."""
    rows = []
    for placed in plan_recommendations(entry):
        for action, _ in walk_actions(placed.rec.actions):
            st = standing(action, entry.plan.as_at)
            rows.append({"recommendation": placed.rec.ref, "action": action.id, "status": st.status,
                         "overdue": st.overdue})
    return rows


def public_person(person: Person) -> dict[str, Any]:
    """A person's directory entry as the site publishes it: without their email address, which is for
    `planportal chase` (in the repository, not on the site).

    >>> public_person(Person(id="SF", name="Sue Fiennes", email="sf@example.gov.uk"))
    {'id': 'SF', 'name': 'Sue Fiennes'}
    """
    return {name: value for name, value in to_data(person).items() if name != "email"}


def portal_data(portal: Portal, plan_id: str | None = None) -> dict[str, Any]:
    """The open-data document for the whole portal, or for one plan (with the whole directory)."""
    plans = [e for e in portal.plans if plan_id is None or e.id == plan_id]
    return {
        "format": FORMAT,
        "portal": to_data(portal.settings),
        "plans": [{"id": e.id, "plan": to_data(e.plan), "standing": plan_standing(e)} for e in plans],
        "people": [public_person(person) for person in portal.people.values()],
        "partners": to_data(list(portal.partners.values())),
        "glossary": to_data(list(portal.glossary.values())),
        "documents": to_data(list(portal.documents.values())),
        "indicators": to_data(list(portal.indicators.values())),
        "priorities": to_data(list(portal.priorities.values())),
    }


def portal_json(portal: Portal, plan_id: str | None = None) -> bytes:
    return as_json(portal_data(portal, plan_id))


def as_json(data: dict[str, Any]) -> bytes:
    """An open-data document as UTF-8 JSON, unindented: Python's JSON writer is five times slower
    when it indents, and the files are for programs (`python -m json.tool` lays one out to read)."""
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


def one_plan(data: dict[str, Any], plan_id: str) -> dict[str, Any]:
    """The document for one plan (with the whole directory), from the whole portal's."""
    return {**data, "plans": [plan for plan in data["plans"] if plan["id"] == plan_id]}
