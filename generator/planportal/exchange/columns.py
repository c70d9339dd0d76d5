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
from dataclasses import dataclass, field, replace

from planportal.source.problems import PlanPortalError
from planportal.source.statuses import LABELS, STATUS_IDS

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
    "status": ["Status", "RAG", "RAG status", "RAG rating", "Current status", "Progress status"],
    "overdue": ["Overdue", "Deadline passed"],
    "rag": ["Latest RAG rating"],
    "lead": ["Lead Responsible Officer", "Lead", "Lead officer", "Task Officer", "Responsible Officer"],
    "partners": ["People/Partners", "Partners"],
    "progress": ["Progress to Date", "Progress", "Progress Report"],
    "percent_complete": ["Per cent complete", "Percent complete", "% complete", "Percentage complete"],
    "weight": ["Weight", "Weighting"],
    "other": ["Other fields (YAML)"],
}
"""Each field of a row and the headings it may have; the first is the one exports use."""

DESCRIPTIONS = {
    "plan": "the plan's id (exports of a whole portal)", "theme": "theme id, e.g. 1",
    "outcome": "outcome id within the theme, e.g. 1 (or 1.1)", "ref": "starts a recommendation",
    "action_ref": "the action's id, e.g. 1 or 1a (else read from the start of the action's text)",
    "parent": "for a sub-action, the id of the action it belongs to",
    "status": "where the action stands, in words (In progress), or a RAG rating (Red, Amber, Green, On track …)",
    "percent_complete": "the action's own per cent complete, 0 to 100 (a progress entry's goes in its progress line)",
    "weight": "how much the action counts in the per cent complete above it (1 unless given)",
    "overdue": "Yes when the deadline has passed and the action is not done (worked out: never read back)",
    "rag": "the RAG rating of the action's latest progress entry that gives one (worked out: never read back; "
           "each entry's is in its Progress to Date line)",
    "other": "any other fields, as YAML: {recommendation: {...}, action: {...}} (older exports; read, not written)",
    "ignore": "columns to leave out on purpose",
}

EXPORT_FIELDS = [f for f in FIELDS if f not in ("plan", "other")]
"""The columns an export writes: every field a heading, but the older exports' Other fields (YAML)."""

DERIVED = frozenset({"overdue", "rag"})
"""Columns worked out from the plan, never read back into it."""


LEVEL_HEADINGS: dict[str, tuple[str, str]] = {
    "theme": ("theme", "{one}"), "theme_title": ("theme", "{one} title"),
    "outcome": ("outcome", "{one}"), "outcome_title": ("outcome", "{one} title"),
    "outcome_lead": ("outcome", "{one} lead"),
    "ref": ("recommendation", "{one} Ref"), "text": ("recommendation", "{one}"),
    "action_ref": ("action", "{one} Ref"), "action": ("action", "{one}"),
    "parent": ("sub_action", "{one} of"),
}
"""The columns that name a level, with the level and the heading made from the plan's word for it."""


def level_words(levels: object) -> dict[str, str]:
    """The plan's singular word for each level it names, from its `levels:` as plain data (a
    translation's first language).

    >>> level_words({"recommendation": {"singular": {"en": "Key issue", "cy": "Mater allweddol"}, "plural": "x"}})
    {'recommendation': 'Key issue'}
    >>> level_words(None)
    {}
    """
    if not isinstance(levels, dict):
        return {}
    words = {}
    for level, name in levels.items():
        one = name.get("singular") if isinstance(name, dict) else None
        one = next(iter(one.values()), None) if isinstance(one, dict) else one
        if isinstance(one, str) and one.strip():
            words[str(level)] = " ".join(one.split())
    return words


def with_levels(headings: dict[str, list[str]], words: dict[str, str]) -> dict[str, list[str]]:
    """`headings` with the plan's words for its levels first: a plan whose recommendations are "Key
    issues" has a "Key issue Ref" column. The portal's headings are still read, except where a plan's
    word is another column's heading (a strategy whose recommendations are "Actions"): there the
    plan's word wins.

    >>> words = {"recommendation": "Action", "action": "Commitment"}
    >>> h = with_levels(FIELDS, words)
    >>> h["ref"][:2], h["text"][:2], h["action_ref"][0]
    (['Action Ref', 'Recommendation Ref'], ['Action', 'Recommendation'], 'Commitment Ref')
    >>> h["action"][:2]
    ['Commitment', 'Main Action and supporting Sub-Actions']
    >>> "Action" in h["action"], with_levels(FIELDS, {}) == FIELDS
    (False, True)
    """
    own = {f: pattern.format(one=words[level]) for f, (level, pattern) in LEVEL_HEADINGS.items() if level in words}
    taken = {normal(h) for h in own.values()}
    out = {}
    for f, names in headings.items():
        rest = [h for h in names if normal(h) not in taken]
        out[f] = [own[f], *rest] if f in own else rest
    return out


def normal(heading: str) -> str:
    """Headings compared without case, spaces or punctuation: 'Capacity / Additional …' ~ 'capacityadditional…'."""
    return re.sub(r"[^0-9a-z]+", "", heading.casefold())


RAG: dict[str, str] = {
    **{LABELS[s].casefold(): s for s in STATUS_IDS}, **{s.replace("_", " "): s for s in STATUS_IDS},
    "red": "delayed", "r": "delayed", "off track": "delayed", "behind": "delayed", "behind schedule": "delayed",
    "slipped": "delayed", "slipping": "delayed",
    "amber": "in_progress", "a": "in_progress", "at risk": "in_progress",
    "green": "in_progress", "g": "in_progress", "on track": "in_progress", "on target": "in_progress",
    "ongoing": "in_progress", "started": "in_progress",
    "complete": "completed", "done": "completed", "achieved": "completed", "blue": "completed", "b": "completed",
    "not started": "not_yet_due", "not yet started": "not_yet_due",
    "withdrawn": "no_longer_relevant", "superseded": "no_longer_relevant", "cancelled": "no_longer_relevant",
}
"""The words councils put in a status or RAG column, and the status each means (a mapping file's
`statuses:` changes them): Red and Off track are delayed; Amber, At risk, Green and On track are in
progress (at risk is not late yet: the deadline says when it is); Complete and Blue are completed."""

NO_STATUS = frozenset({"", "no status given", "not stated", "n/a", "-", "deadline passed no update"})
"""Status cells that say nothing: "Deadline passed, no update" is what the site works out for an action
with no status, as the export writes it, not a status staff give."""


def status_key(text: str) -> str:
    """A status cell compared without case, punctuation or extra spaces: 'On-track' ~ 'on track'."""
    return " ".join(re.sub(r"[^0-9a-z/]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class Mapping:
    """Which heading is which field, where the table is, what its status words mean, and the day its
    statuses are correct at."""

    headings: dict[str, list[str]]
    ignore: tuple[str, ...] = ()
    sheet: str | None = None
    header_row: int | None = None
    statuses: dict[str, str] = field(default_factory=lambda: dict(RAG))
    as_at: str | None = None

    def status_of(self, text: str) -> str | None:
        """The status a status or RAG cell means; None if it says none; KeyError if it is not known.

        >>> [DEFAULT_MAPPING.status_of(t) for t in ("R", "Amber", "g", "On-track", "At risk", "Off track", "Complete")]
        ['delayed', 'in_progress', 'in_progress', 'in_progress', 'in_progress', 'delayed', 'completed']
        >>> load_mapping({"statuses": {"Amber": "delayed"}}).status_of("AMBER"), DEFAULT_MAPPING.status_of("n/a")
        ('delayed', None)
        """
        key = status_key(text)
        if key in NO_STATUS:
            return None
        return self.statuses[key]

    def for_levels(self, words: dict[str, str]) -> Mapping:
        """The same mapping, reading the plan's own words for its levels too (see with_levels)."""
        return replace(self, headings=with_levels(self.headings, words)) if words else self

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
    """A mapping from its YAML: {sheet, header_row, columns: {field: heading or [headings]}, ignore: [...],
    statuses: {word: status}, as_at: day}. The headings given for a field replace the defaults for that
    field; the status words given are added to the defaults (RAG), or change what a default means. as_at
    is the day the spreadsheet's statuses are correct at, for rows that give a status but no dated progress."""
    if data is None:
        return DEFAULT_MAPPING
    if not isinstance(data, dict):
        raise MappingError("a mapping file holds sheet:, header_row:, columns: and ignore:")
    unknown = set(data) - {"sheet", "header_row", "columns", "ignore", "statuses", "as_at"}
    if unknown:
        raise MappingError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}: use sheet, header_row, columns, "
                           "ignore, statuses, as_at")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise MappingError("columns: maps a field to the heading of its column, e.g. action: What we will do")
    headings = {f: list(names) for f, names in FIELDS.items()}
    for name, names in columns.items():
        if name not in FIELDS:
            raise MappingError(f"columns: '{name}' is not a field; fields are {', '.join(FIELDS)}")
        headings[name] = [names] if isinstance(names, str) else [str(n) for n in names]
    ignore = data.get("ignore") or []
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise MappingError("header_row: the row number of the headings, 1 or more")
    statuses = dict(RAG)
    given = data.get("statuses") or {}
    if not isinstance(given, dict):
        raise MappingError("statuses: maps a word of the status column to a status, e.g. Amber: delayed")
    for word, status in given.items():
        if str(status) not in STATUS_IDS:
            raise MappingError(f"statuses: '{word}: {status}': the status is one of {', '.join(STATUS_IDS)}")
        statuses[status_key(str(word))] = str(status)
    as_at = data.get("as_at")
    return Mapping(headings, tuple([ignore] if isinstance(ignore, str) else map(str, ignore)),
                   str(data["sheet"]) if data.get("sheet") is not None else None, header_row, statuses,
                   str(as_at) if as_at is not None else None)
