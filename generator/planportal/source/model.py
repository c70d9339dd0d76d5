"""The plan data format: what staff write in plans/*.yaml, as pydantic models.

Field names are the words the council documents use. The JSON Schema committed at
schema/plan-portal.schema.json is generated from `PlanPortalFile` (see source/schema.py).
Cross-references (leads, partners, documents, refs) are checked in portal/checks.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from planportal.source.dates import MonthDate, When, WhenError, parse_when
from planportal.source.statuses import LABELS, STATUS_IDS, RagColour, Status

Text = Annotated[
    str | dict[str, str],
    Field(description="Text, or one text per language code: {en: ..., cy: ...}"),
]
"""Any title or prose: plain text in the portal's default language, or a translation per language."""

WINDOWS_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(10))])
"""File names Windows refuses, in any case and with any extension (nul.html is nul)."""


def portable_name(value: str) -> str:
    """Refuse an id or ref that cannot name a file on Windows: ids and refs become page names.

    >>> portable_name("1.1"), portable_name("con-1")
    ('1.1', 'con-1')
    >>> portable_name("Con.1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: 'Con.1' cannot be used as an id or ref: ... Windows does not allow a file called CON ...
    """
    if value.split(".")[0].casefold() in WINDOWS_RESERVED:
        raise ValueError(f"{value!r} cannot be used as an id or ref: ids and refs name the site's files, and "
                         f"Windows does not allow a file called {value.split('.')[0].upper()} (CON, PRN, AUX, NUL, "
                         "COM0 to COM9 and LPT0 to LPT9 are reserved, in capitals or not): choose another")
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=60),
    AfterValidator(portable_name),
    Field(description="Letters, digits, - and _ only, starting with a letter or digit."),
]
Ref = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$", max_length=30),
    AfterValidator(portable_name),
    Field(description="A reference such as 1.1.1 or 1a: letters and digits separated by . or -"),
]


def _ids(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Ids = Annotated[
    list[Id],
    BeforeValidator(_ids),
    Field(description="One id, or a list of ids: lead: SF or lead: [SF, ISM]"),
]

def _when(value: Any) -> Any:
    if isinstance(value, When):
        return value
    if isinstance(value, dt.datetime):
        raise ValueError(f"'{value}' has a time of day: give the date only")
    if isinstance(value, dt.date):
        return parse_when(value)
    if not isinstance(value, str):
        raise ValueError("a due date is text such as '2026-03'")
    try:
        return parse_when(value)
    except WhenError as err:
        raise ValueError(str(err)) from None


WhenText = Annotated[
    Any,
    BeforeValidator(_when),
    Field(
        json_schema_extra={
            "type": "string",
            "description": "'2026-03-01', '2026-03', '2026-27 Q1', '2026-01 to 2026-03', "
            "'from 2026-04', 'tbc' or 'ongoing'",
        }
    ),
]


def _not_yes_or_no(value: Any) -> Any:
    """A number is never a yes or no: YAML reads yes, no, on, off, true and false as true or false,
    which pydantic would otherwise take for 1 and 0 (urgency: yes published as urgency 1). Nor is it
    of more than 15 digits, which no plan has and no message should repeat."""
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_number", "expected a number, got true or false")
    return value


def _not_huge(value: float) -> float:
    if abs(value) >= 10 ** 15:  # an infinite one is refused before this (finite_number)
        raise PydanticCustomError("number_too_large", "the number is too large")
    return value


Positive = Annotated[int, Field(ge=1), BeforeValidator(_not_yes_or_no), AfterValidator(_not_huge)]
"""A whole number from 1 (a page, an urgency level), never a yes or no."""

Number = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(_not_yes_or_no), AfterValidator(_not_huge)]
"""A figure: a finite number (never .nan, .inf or 1e999, which JSON and charts cannot show), never a yes or no."""


class Strict(BaseModel):
    """Base of every model: unknown fields are mistakes, and nothing changes after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DueEntry(Strict):
    """One due date with an optional qualifier (e.g. 'monthly from March 2010') and the
    words the source document used."""

    date: WhenText
    note: Text | None = None
    as_written: str | None = None


def _normalise_due(value: Any) -> Any:
    """Every way of writing a due date, as {entries: [...], note, as_written}."""
    if isinstance(value, dict) and isinstance(value.get("date"), list):
        rest = {k: v for k, v in value.items() if k != "date"}
        return {**rest, "entries": [{"date": d} for d in value["date"]]}
    items = value if isinstance(value, list) else [value]
    return {"entries": [item if isinstance(item, dict | DueEntry) else {"date": item} for item in items]}


class Due(Strict):
    """When something is due: one date, or several (e.g. 'Sept 2010 / March 2011'), with a
    qualifier and the source's words for the whole."""

    entries: list[DueEntry] = Field(min_length=1)
    note: Text | None = None
    as_written: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _wrap(cls, value: Any) -> Any:
        return value if isinstance(value, dict) and "entries" in value else _normalise_due(value)

    @property
    def last(self) -> When:
        """The last date: the one that decides whether something is overdue."""
        return self.entries[-1].date  # type: ignore[no-any-return]


_DUE_ENTRY_SCHEMA = {
    "type": "object",
    "properties": {
        "date": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "note": {"anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]},
        "as_written": {"type": "string"},
    },
    "required": ["date"],
    "additionalProperties": False,
}

DueDate = Annotated[
    Due,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                _DUE_ENTRY_SCHEMA,
                {"type": "array", "items": {"anyOf": [{"type": "string"}, _DUE_ENTRY_SCHEMA]}},
            ],
            "description": "A due date such as '2026-03', {date, note, as_written}, or a list of them",
        }
    ),
]


def _day(value: Any) -> Any:
    when = _when(value)
    if when.kind != "day":
        raise ValueError(f"'{value}' must be an exact day, such as 2026-03-01")
    return when.start


Day = Annotated[
    dt.date,
    BeforeValidator(_day),
    Field(json_schema_extra={"type": "string", "format": "date"}),
]


def _day_or_month_end(value: Any) -> Any:
    when = _when(value)
    if when.kind == "day":
        return when.start
    if when.kind == "month":
        return MonthDate.of(when.start.year, when.start.month)
    raise ValueError(f"'{value}' must be a day such as 2026-03-31, or a month such as 2026-03")


DayOrMonthEnd = Annotated[
    dt.date,
    BeforeValidator(_day_or_month_end),
    Field(json_schema_extra={"type": "string", "description": "A day (2026-03-31), or a month (2026-03): judged "
                             "as its last day, shown as the month"}),
]
"""A day, or a month standing for its last day (source/dates.MonthDate)."""


class Resources(Strict):
    """Capacity / additional resources required: yes, no or not said, with details."""

    required: bool | None = None
    details: Text | None = None


def _day_or_month(value: Any) -> Any:
    when = _when(value)
    if when.kind not in ("day", "month"):
        raise ValueError(f"'{value}' must be a day such as 2026-03-01, or a month such as 2026-03")
    return when


DayOrMonth = Annotated[
    Any,
    BeforeValidator(_day_or_month),
    Field(json_schema_extra={"type": "string", "description": "A day (2026-03-01) or a month (2026-03)"}),
]


def _entry_date(value: Any) -> Any:
    when = _when(value)
    if when.kind not in ("day", "month", "quarter", "range"):
        raise ValueError(f"'{value}' must be a day such as 2026-03-01, a month such as 2026-03, a financial-year "
                         "quarter such as 2026-27 Q1, or a range such as 2026-01 to 2026-03")
    return when


EntryDate = Annotated[
    Any,
    BeforeValidator(_entry_date),
    Field(json_schema_extra={"type": "string", "description": "A day (2026-03-01), a month (2026-03), a quarter "
                             "(2026-27 Q1) or a range (2026-01 to 2026-03): the period the entry reports on"}),
]


def _percent(value: Any) -> Any:
    """'40%' as 40: staff type the sign, as spreadsheets show it."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return float(value.strip()[:-1])
        except ValueError:
            pass
    return _not_yes_or_no(value)


Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False), BeforeValidator(_percent),
                    Field(description="Per cent complete, from 0 to 100")]
"""How far complete something is, in per cent: 0 to 100."""

Weight = Annotated[float, Field(gt=0, allow_inf_nan=False), BeforeValidator(_not_yes_or_no), AfterValidator(_not_huge)]


class ProgressEntry(Strict):
    """One dated line of the progress log ("Progress to date"): dated by day or month, or by the
    period it reports on (a quarter or a range), with a status, a RAG rating and a per cent complete
    where the plan gives them."""

    date: EntryDate
    status: Status | None = None
    rag: RagColour | None = Field(None, description="A RAG rating: red, amber, green or blue (complete); what "
                                  "each means is said in portal.yaml under rag:")
    percent_complete: Percent | None = None
    text: Text
    reason: Text | None = Field(None, description="Why the action is no longer relevant or delayed")
    reported_by: Id | None = Field(None, description="Who reported it (a person's id): update files record it")


class DeadlineChange(Strict):
    """A deadline moved: when it was agreed, what it was before, and why."""

    date: DayOrMonth
    previous: DueDate
    reason: Text | None = None


def numbered(value: Any, under: str = "") -> Any:
    """Actions a plan does not number get their place as id (1, 2 …; 1.1, 1.2 … under action 1),
    so that each still has an address; `levels: {action: {numbered: false}}` hides them on pages.

    >>> numbered({"actions": [{"title": "A"}, {"id": "7", "title": "B"}, {"title": "C"}]})["actions"]
    [{'id': '1', 'title': 'A'}, {'id': '7', 'title': 'B'}, {'id': '3', 'title': 'C'}]
    >>> numbered({"actions": [{"title": "A"}]}, under="2")["actions"]
    [{'id': '2.1', 'title': 'A'}]
    """
    if isinstance(value, dict) and isinstance(value.get("actions"), list):
        prefix = f"{under}." if under else ""
        value = {**value, "actions": [{"id": f"{prefix}{i}", **a} if isinstance(a, dict) and "id" not in a else a
                                      for i, a in enumerate(value["actions"], 1)]}
    return value


class Action(Strict):
    """A main action or sub-action (1, 1a, …) with its deadline, lead and progress. An action the
    plan does not number is numbered by its place (see `numbered`)."""

    @model_validator(mode="before")
    @classmethod
    def _number_sub_actions(cls, value: Any) -> Any:
        return numbered(value, str(value.get("id", ""))) if isinstance(value, dict) else value

    id: Ref
    title: Text
    lead: Ids = []
    start: DayOrMonth | None = Field(None, description="When work on the action starts, where the plan says: "
                                     "a day (2026-01-15) or a month (2026-01); its bar on the timeline starts here")
    due: DueDate | None = None
    partners: Ids = []
    partners_text: Text | None = None
    resources: Resources | None = None
    success_criteria: list[Text] = []
    percent_complete: Percent | None = Field(None, description="Per cent complete (0 to 100), where the action "
                                             "gives it rather than its progress entries (the latest of which wins)")
    weight: Weight | None = Field(None, description="How much the action counts for in the per cent complete of "
                                  "what is above it (1 unless given)")
    progress: list[ProgressEntry] = []
    deadline_changes: list[DeadlineChange] = Field(
        [], description="Each time the deadline moved, oldest first: the date, the previous deadline and why")
    team: Text | None = Field(None, description="The service team that carries out the task")
    priorities: Ids = Field([], description="Ids of the council plan priorities the action contributes to")
    contract: bool | None = Field(None, description="Delivered with a third party under a formal contract")
    statutory_function: bool | None = Field(None, description="Needed because it is a legal requirement")
    support_function: bool | None = Field(None, description="Carried out in support of colleagues and business units")
    efficiency: bool | None = Field(None, description="Will result in an efficiency saving")
    actions: list[Action] = []


class SourceRef(Strict):
    """Where a recommendation came from: a source code and paragraph, e.g. IN 3.1."""

    code: str = Field(min_length=1)
    paragraph: str | None = None


class Related(Strict):
    """A related plan or document (with page), or a cross-reference to a recommendation."""

    document: Id | None = None
    page: Positive | None = None
    recommendation: Ref | None = None
    plan: Id | None = None
    text: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Related:
        targets = [n for n in ("document", "recommendation", "text") if getattr(self, n) is not None]
        if len(targets) > 1:
            raise ValueError(f"give one of document, recommendation or text, not {' and '.join(targets)}")
        if not targets and self.plan is None:
            raise ValueError("give a document, recommendation, plan or text")
        if self.page is not None and self.document is None:
            raise ValueError("a page number goes with a document")
        return self


class Recommendation(Strict):
    """A recommendation (1.1.1) with its actions: the unit an inspector follows. A plan may call
    this level something else (an action, an area of weakness, a priority): see `Levels`."""

    ref: Ref
    title: Text | None = Field(None, description="A short title for headings, where the plan gives one "
                               "(the full words are `text`)")
    sources: list[SourceRef] = []
    text: Text
    lead: Ids = Field([], description="Who leads it as a whole: people, roles, teams or organisations")
    urgency: Positive | None = None
    achieve_by: DueDate | None = None
    success_criteria: list[Text] = []
    success_criteria_source: str | None = None
    performance_targets: list[Text] = []
    indicators: list[str] = Field([], description="Codes of the performance indicators that measure it")
    related: list[Related] = []
    resources: Resources | None = None
    actions: list[Action] = []

    @model_validator(mode="before")
    @classmethod
    def _number_actions(cls, value: Any) -> Any:
        return numbered(value)


class Outcome(Strict):
    """An outcome within a theme, with its lead accountable officer."""

    id: Ref
    title: Text
    lead: Ids = []
    recommendations: list[Recommendation] = []


class Theme(Strict):
    """An improvement theme, with its outcomes, or its recommendations directly where the plan
    has no level between them (a strategy's principle and its numbered actions)."""

    id: Ref
    title: Text
    text: Text | None = Field(None, description="What the theme means or aims for, in the plan's words")
    lead: Ids = Field([], description="Who leads the theme: people, roles, teams or organisations")
    outcomes: list[Outcome] = []
    recommendations: list[Recommendation] = Field(
        [], description="Recommendations directly under the theme, for a plan with no outcomes")

    @model_validator(mode="after")
    def _one_way_down(self) -> Theme:
        if self.outcomes and self.recommendations:
            raise ValueError("a theme holds outcomes or recommendations, not both: put these recommendations "
                             "under one of its outcomes")
        return self


LEVELS = ("theme", "outcome", "recommendation", "action", "sub_action")
"""The levels a plan can have, top down: the names the plan file uses for them."""


class LevelName(Strict):
    """What a plan calls one of its levels, in its own words and in each language, e.g.
    {singular: Principle, plural: Principles}."""

    singular: Text
    plural: Text
    numbered: bool = Field(True, description="false where the plan does not number this level: the site "
                           "numbers it for addresses but does not show the numbers")


class Levels(Strict):
    """The plan's own words for its levels; a level not named keeps the portal's word (Theme,
    Outcome, Recommendation, Action, Sub-action)."""

    theme: LevelName | None = None
    outcome: LevelName | None = None
    recommendation: LevelName | None = None
    action: LevelName | None = None
    sub_action: LevelName | None = None


class Monitoring(Strict):
    """Who monitors the plan and how often, e.g. scrutiny committee, quarterly."""

    body: Text
    frequency: Text | None = None


class Plan(Strict):
    """An improvement or action plan."""

    title: Text
    authority: Text
    level: Literal["overarching", "detailed"] | None = Field(
        None, description="For a plan in two stages: overarching (stage 1, the main themes) or detailed "
        "(stage 2, the actions). Left out for a plan of one stage."
    )
    levels: Levels | None = Field(None, description="The plan's own words for its levels, where they are not "
                                  "theme, outcome, recommendation, action and sub-action")
    state: Literal["draft", "final"]
    version: str | None = None
    approved: DayOrMonthEnd | None = None
    as_at: DayOrMonthEnd | None = Field(None, description="The date the progress in this plan is correct at: a "
                                        "day, or a month (deadlines are then judged at its end)")
    period: DueDate | None = None
    introduction: Text | None = None
    monitoring: list[Monitoring] = []
    themes: list[Theme] = []
    recommendations: list[Recommendation] = []


Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
GitUser = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$", max_length=255)]


class Person(Strict):
    """Who leads or takes part: a named person, a role (initials → name and role, as in a plan's
    index), a team or an organisation."""

    id: Id
    kind: Literal["person", "role", "team", "organisation"] | None = Field(
        None, description="person, role, team or organisation (default: a person if named, else a role)")
    name: str | None = None
    role: Text | None = None
    organisation: Text | None = None
    email: Email | None = Field(None, description="Where `planportal chase` says to send for a missing quarterly "
                                "return, e.g. sue.fiennes@example.gov.uk (kept in the repository: the site's pages "
                                "and open data leave it out)")
    git_user: GitUser | None = Field(None, description="Their user name on GitHub or GitLab, without @ (or a team, "
                                     "org/team): `planportal codeowners` makes them the owner of their update files")

    @model_validator(mode="after")
    def _named(self) -> Person:
        if self.name is None and self.role is None:
            raise ValueError("give a name, a role or both")
        return self


class Partner(Strict):
    """A partner body."""

    id: Id
    name: Text
    note: Text | None = None


class Term(Strict):
    """An abbreviation and what it stands for."""

    term: str = Field(min_length=1, max_length=40, pattern=r"^\S(.*\S)?$")
    meaning: Text
    note: Text | None = None


def _inside(path: str) -> str:
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise ValueError(f"'{path}' must be a path inside content/, such as documents/plan.pdf")
    return path


ShippedFile = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$"),
    AfterValidator(_inside),
]


class Document(Strict):
    """A related plan or document: a web address or a file shipped with the site."""

    id: Id
    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")] | None = None
    file: ShippedFile | None = Field(
        None, description="A path under content/, e.g. documents/plan.pdf"
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _one_place(self) -> Document:
        if self.url and self.file:
            raise ValueError("give a url or a file, not both")
        return self


class Source(Strict):
    """A source code of recommendations, e.g. IN = Improvement Notice (title left out
    where the plan uses a code without explaining it)."""

    code: str = Field(min_length=1)
    title: Text | None = None


class UrgencyLevel(Strict):
    """One step of the urgency scale, e.g. 1 = 1 month."""

    level: Positive
    label: Text


class StatusName(Strict):
    """The words used for one status of the vocabulary."""

    id: Status
    label: Text


class RagRating(Strict):
    """What one RAG colour is called, and what it means for this council, in words."""

    id: RagColour
    label: Text
    means: Text | None = Field(None, description="What the rating means, e.g. 'some targets at risk'")


DEFAULT_STATUSES: list[StatusName] = [  # English labels, translated through the catalogue on pages
    StatusName(id=status, label=LABELS[status]) for status in STATUS_IDS]


class PortalSettings(Strict):
    """The portal: who publishes it, its languages and its legends."""

    title: Text
    authority: Text
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]] = Field(
        ["en"], min_length=1
    )
    introduction: Text | None = None
    sources: list[Source] = []
    urgency: list[UrgencyLevel] = []
    statuses: list[StatusName] = DEFAULT_STATUSES
    rag: list[RagRating] = Field([], description="The RAG ratings progress entries may give, each with its label "
                                 "and what it means for this council (how closely targets are met)")
    previous_publication: str | None = Field(
        None, description="What the 'What changed' page compares with: a git tag or commit, or a snapshot "
        "file saved by `planportal snapshot` (e.g. publications/2026-q1.json). Default: the last git tag.")


def _period(value: Any) -> Any:
    when = _when(value)
    if when.start is None or when.end is None:
        raise ValueError(f"'{value}' must be a period with a start and an end, such as 2010-03, 2010-11 Q1 "
                         "or 2009-04 to 2010-03")
    return when


Period = Annotated[
    Any,
    BeforeValidator(_period),
    Field(json_schema_extra={"type": "string", "description": "A day, month, quarter or range: '2010-03'"}),
]


class Figure(Strict):
    """A value of an indicator for a period: a month, a financial-year quarter or a range."""

    period: Period
    value: Number
    note: Text | None = None


class Indicator(Strict):
    """A performance indicator, e.g. NI 59 or CH 141, with its baseline, targets and actual values."""

    code: str = Field(min_length=1, max_length=30, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ./-]*$")
    title: Text
    unit: Text | None = Field(None, description="e.g. %, or per 10,000 population aged under 18")
    higher_is_better: bool | None = None
    baseline: Figure | None = None
    targets: list[Figure] = []
    actuals: list[Figure] = []
    source: Text | None = None
    note: Text | None = None


class Priority(Strict):
    """A council plan priority that actions contribute to, with its targets."""

    id: Id
    title: Text
    description: Text | None = None
    targets: list[Text] = []


class PlanPortalFile(Strict):
    """One file in plans/: the portal (portal.yaml) or one plan, plus directory entries."""

    portal: PortalSettings | None = None
    plan: Plan | None = None
    people: list[Person] = []
    partners: list[Partner] = []
    glossary: list[Term] = []
    documents: list[Document] = []
    indicators: list[Indicator] = []
    priorities: list[Priority] = []

    @model_validator(mode="after")
    def _one_kind(self) -> PlanPortalFile:
        if self.portal is not None and self.plan is not None:
            raise ValueError("a file holds the portal or one plan, not both")
        return self
