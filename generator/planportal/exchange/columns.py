"""The action-plan spreadsheet layout: one row per action, the columns councils use.

The columns follow the Leeds plan's (004) headings, "Recommendation Ref, Recommendation,
Urgency, Main Action and supporting Sub-Actions, Action deadlines, Lead Responsible Officer,
Success Criteria, Performance Target, Related Plans, Capacity / Additional Resources required",
with the other headings plans use (Herefordshire's "Action to be Taken, Lead, By When, Progress
to Date, People/Partners") understood too. A recommendation's cells are filled on its first row
only, as in a table with merged cells; a blank Theme, Outcome or Plan cell means "as above".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planportal.source.problems import PlanPortalError

FIELDS: dict[str, list[str]] = {
    "plan": ["Plan"],
    "theme": ["Theme", "Improvement Theme"],
    "theme_title": ["Theme title"],
    "outcome": ["Outcome"],
    "outcome_title": ["Outcome title"],
    "outcome_lead": ["Outcome lead", "Lead accountable officer"],
    "ref": ["Recommendation Ref", "Ref", "Recommendation reference", "Rec Ref"],
    "sources": ["Source", "Sources"],
    "text": ["Recommendation", "Recommendations"],
    "urgency": ["Urgency"],
    "achieve_by": ["Achieve by", "Target date"],
    "success_criteria": ["Success Criteria", "Target/Success Criteria", "Targets/Success Criteria"],
    "success_criteria_source": ["Success Criteria source"],
    "performance_targets": ["Performance Target", "Performance Targets"],
    "indicators": ["Indicators", "Performance indicators"],
    "related": ["Related Plans", "Related plans and documents"],
    "resources": ["Capacity / Additional Resources required", "Additional Capacity Requirement",
                  "Resources", "Capacity"],
    "action_ref": ["Action Ref"],
    "parent": ["Sub-action of"],
    "action": ["Main Action and supporting Sub-Actions", "Action to be Taken", "Actions", "Action", "Task", "Tasks"],
    "due": ["Action deadlines", "By When", "Deadline", "Deadlines", "Due", "Quarter for completion"],
    "lead": ["Lead Responsible Officer", "Lead", "Lead officer", "Task Officer", "Responsible Officer"],
    "partners": ["People/Partners", "Partners"],
    "progress": ["Progress to Date", "Progress", "Progress Report"],
    "other": ["Other fields (YAML)"],
}
"""Each field of a row and the headings it may have; the first is the one exports use."""

DESCRIPTIONS = {
    "plan": "the plan's id (exports of a whole portal)", "theme": "theme id, e.g. 1",
    "outcome": "outcome id within the theme, e.g. 1 (or 1.1)", "ref": "starts a recommendation",
    "action_ref": "the action's id, e.g. 1 or 1a (else read from the start of the action's text)",
    "parent": "for a sub-action, the id of the action it belongs to",
    "other": "any other fields, as YAML: {recommendation: {...}, action: {...}}",
    "ignore": "columns to leave out on purpose",
}

EXPORT_FIELDS = [f for f in FIELDS if f != "plan"]


def normal(heading: str) -> str:
    """Headings compared without case, spaces or punctuation: 'Capacity / Additional …' ~ 'capacityadditional…'."""
    return re.sub(r"[^0-9a-z]+", "", heading.casefold())


@dataclass(frozen=True)
class Mapping:
    """Which heading is which field, and where the table is."""

    headings: dict[str, list[str]]
    ignore: tuple[str, ...] = ()
    sheet: str | None = None
    header_row: int | None = None

    def field_of(self, heading: str) -> str | None:
        key = normal(heading)
        if not key:
            return None
        if key in {normal(h) for h in self.ignore}:
            return "ignore"
        return next((f for f, names in self.headings.items() if key in {normal(n) for n in names}), None)


DEFAULT_MAPPING = Mapping(FIELDS)


class MappingError(PlanPortalError, ValueError):
    """A mapping file that says something impossible."""


def load_mapping(data: object) -> Mapping:
    """A mapping from its YAML: {sheet, header_row, columns: {field: heading or [headings]}, ignore: [...]}.
    The headings given for a field replace the defaults for that field."""
    if data is None:
        return DEFAULT_MAPPING
    if not isinstance(data, dict):
        raise MappingError("a mapping file holds sheet:, header_row:, columns: and ignore:")
    unknown = set(data) - {"sheet", "header_row", "columns", "ignore"}
    if unknown:
        raise MappingError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}: use sheet, header_row, columns, "
                           "ignore")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise MappingError("columns: maps a field to the heading of its column, e.g. action: What we will do")
    headings = {f: list(names) for f, names in FIELDS.items()}
    for field, names in columns.items():
        if field not in FIELDS:
            raise MappingError(f"columns: '{field}' is not a field; fields are {', '.join(FIELDS)}")
        headings[field] = [names] if isinstance(names, str) else [str(n) for n in names]
    ignore = data.get("ignore") or []
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise MappingError("header_row: the row number of the headings, 1 or more")
    return Mapping(headings, tuple([ignore] if isinstance(ignore, str) else map(str, ignore)),
                   str(data["sheet"]) if data.get("sheet") is not None else None, header_row)
