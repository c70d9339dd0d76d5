"""pydantic's errors in staff's words, each placed at the line and column of the value it is about."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planportal.source import model
from planportal.source.pasted import hint
from planportal.source.problems import Problem
from planportal.source.texts import Loc
from planportal.source.yamlfile import YamlDocument, shorten

FIELD_NAMES = sorted(
    {name for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, BaseModel)
     for name in cls.model_fields}
)

LEVELS = {"plan": "the plan", "portal": "the portal: section", "themes": "a theme", "outcomes": "an outcome",
          "recommendations": "a recommendation", "actions": "an action", "progress": "a progress entry",
          "people": "a person (under people:)", "partners": "a partner (under partners:)",
          "glossary": "a glossary entry", "documents": "a document (under documents:)",
          "indicators": "an indicator (under indicators:)", "priorities": "a priority (under priorities:)",
          "deadline_changes": "a moved deadline (under deadline_changes:)", "monitoring": "the plan's monitoring:",
          "resources": "resources:", "figures": "an indicator's figure (under figures:)"}
"""Where a field sits, in words, by the key its list or mapping is under in the file."""
OWNERS: dict[type[BaseModel], str] = {
    model.Action: "an action", model.Recommendation: "a recommendation", model.Theme: "a theme",
          model.Outcome: "an outcome", model.Plan: "the plan (under plan:)", model.ProgressEntry: "a progress entry",
          model.Person: "a person (under people:)", model.Partner: "a partner (under partners:)",
          model.Document: "a document (under documents:)", model.Indicator: "an indicator (under indicators:)",
          model.PortalSettings: "the portal: section"}
"""The levels a misplaced field may belong on, in words."""
BELONGS = {name: [words for cls, words in OWNERS.items() if name in cls.model_fields] for name in FIELD_NAMES}

PATTERN_HELP = {
    "ref": "use letters and digits separated by . or -, such as 1.1.1 or 1a",
    "id": "use letters, digits, - and _ only, such as SF or assistant-chief-executive",
    "file": "use a path inside content/ such as documents/plan.pdf (letters, digits, - _ . /)",
    "url": "use a web address starting https:// or http://",
    "languages": "use a language code such as en or cy",
    "term": "remove spaces at the start and end",
    "email": "use an email address such as sue.fiennes@example.gov.uk",
    "git_user": "use a GitHub or GitLab user name without @, such as sfiennes (or a team, such as council/performance)",
}


SYNONYMS = {"deadline": "due", "deadlines": "due", "by_when": "due", "due_date": "due", "target_date": "due",
            "owner": "lead", "leads": "lead", "responsible": "lead", "officer": "lead", "rag": "status",
            "partner": "partners", "sub_actions": "actions", "subactions": "actions",
            "recommendation": "recommendations", "target": "targets"}
"""Field names staff reach for that the format calls something else (a council's column headings)."""


def suggest(value: str, choices: Iterable[str]) -> str:
    """' (did you mean 'SF'?)' when a choice is close to `value`, else ''.

    >>> suggest("SFX", ["SF", "HL"])
    " (did you mean 'SF'?)"
    """
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def read_as(value: Any) -> str:
    """What YAML made of an unquoted value, in words.

    >>> read_as(1.1), read_as(False), read_as(dt.date(2010, 3, 1))
    ('the number 1.1', 'a yes or no (false)', 'the date 2010-03-01')
    """
    if isinstance(value, bool):
        return f"a yes or no ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {shorten(repr(value))}"
    if isinstance(value, dt.datetime | dt.date):
        return f"the date {value.isoformat()}"
    return shorten(repr(value))


def _message(error: ErrorDetails, path: Loc = (), written: str | None = None) -> str:
    """A pydantic error in words for staff; `path` is the part of its location in the data, `written`
    what staff typed there if YAML read it as something other than text (yes, 1.10, 2010-03-01)."""
    loc: Loc = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    # Name the field as the file does: pydantic's location also holds union branches ('str').
    where = loc[-1:] if kind == "missing" else path or loc
    name = next((p for p in reversed(where) if isinstance(p, str)), "value")
    if kind == "missing":
        return f"'{name}' is missing: add {name}: here (it is required)"
    if kind == "extra_forbidden":
        return _unknown_field(name, where)
    if kind == "string_pattern_mismatch":
        field = next((p for p in reversed(loc) if isinstance(p, str) and p in PATTERN_HELP), None)
        field = field or ("id" if name in ("lead", "partners", "document", "plan") else
                          "ref" if name == "recommendation" else name)
        help_for = "ref" if "[.-]" in str(error.get("ctx", {}).get("pattern", "")) else field  # action ids are refs
        return (f"{value!r} is not a valid {field}{hint(value)}: "
                f"{PATTERN_HELP.get(help_for, 'see docs/writing-plans.md')}")
    if kind == "string_type" and written is not None:
        return (f"{name}: {shorten(written)} is read by YAML as {read_as(value)}, not as the text you typed: "
                f"put it in quotes, as {name}: \"{shorten(written)}\"")
    if kind == "bool_not_number":
        return (f"{name}: expected a number, got {shorten(written or str(value))}, which YAML reads as a yes or no "
                "(as it does yes, no, on, off, true and false): write the number")
    if kind == "number_too_large":
        return f"{name}: {shorten(written or str(value))} is too large a number (more than 15 digits): correct it"
    if kind == "finite_number":
        return (f"{name}: expected a number, got {shorten(written or str(value))}, which is not a number a figure "
                "can have (not a number, or infinite): write the figure in digits, such as 12.5")
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{name}: {value!r} is not allowed; {error['msg'].replace('Input should be', 'use')}"
    if kind in ("string_type", "dict_type", "list_type", "int_type", "int_parsing", "bool_type",
                "bool_parsing", "model_type", "int_from_float"):
        wanted = {"string_type": "text", "dict_type": "one text per language, such as {en: ..., cy: ...}",
                  "list_type": "a list (lines starting with '- ')", "int_type": "a whole number",
                  "int_parsing": "a whole number", "int_from_float": "a whole number",
                  "bool_type": "true or false", "bool_parsing": "true or false",
                  "model_type": "a mapping of fields (name: value lines)"}[kind]
        return f"{name}: expected {wanted}, got {shorten(written) if written is not None else _describe(value)}"
    if kind in ("less_than_equal", "greater_than") and "ctx" in error:
        bound = next(iter(error["ctx"].values()))
        bound = int(bound) if isinstance(bound, float) and bound.is_integer() else bound  # 100, not 100.0
        given = shorten(written or str(value))
        return (f"{name}: {given} is more than {bound}: give a number no more than {bound}" if kind == "less_than_equal"
                else f"{name}: {given} must be more than {bound}: give a larger number, or leave it out")
    if kind == "float_parsing":
        return f"{name}: expected a number, got {shorten(written or str(value))}: write it in digits, such as 40"
    if kind in ("greater_than_equal", "too_short", "string_too_long", "too_long", "string_too_short"):
        return f"{name}: {error['msg'].lower()}"
    return f"{name}: {error['msg']}"


def _level(path: Loc) -> str | None:
    """Where the field at `path` is, in words: the level its list or mapping is under.

    >>> _level(("plan", "themes", 0, "recommendations", 2, "progress"))
    'a recommendation'
    >>> _level(("plan", "deadline")), _level(("colour",))
    ('the plan', None)
    """
    return next((LEVELS[p] for p in reversed(path[:-1]) if isinstance(p, str) and p in LEVELS), None)


def _unknown_field(name: str, path: Loc) -> str:
    """An unknown field in words: where it belongs if it is a field of another level, the field
    meant if it is a likely other name for one, else the nearest field's name.

    >>> _unknown_field("progress", ("plan", "recommendations", 0, "progress"))
    "'progress' belongs on an action, not on a recommendation: move it under one of its actions"
    >>> _unknown_field("deadline", ("plan", "recommendations", 0, "actions", 1, "deadline"))
    "unknown field 'deadline' (did you mean 'due'?): a deadline is written due: (see docs/writing-plans.md)"
    >>> _unknown_field("sucess_criteria", ("plan", "recommendations", 0, "sucess_criteria"))
    "unknown field 'sucess_criteria' (did you mean 'success_criteria'?): check the spelling, or remove it"
    >>> _unknown_field("objective", ("plan", "levels", "objective"))  # doctest: +ELLIPSIS
    "unknown level 'objective': levels: names the plan's words for theme, ... {singular: Objective, plural: ...}"
    """
    if path[-2:-1] == ("levels",):
        return (f"unknown level '{name}': levels: names the plan's words for {', '.join(model.LEVELS[:-1])} and "
                f"{model.LEVELS[-1]}: give the words under the level they stand for, e.g. recommendation: "
                f"{{singular: {name.replace('_', ' ').capitalize()}, plural: ...}}")
    level = _level(path)
    owners = [words for words in BELONGS.get(name, []) if words != level]
    if owners and level:
        move = ("move it under one of its actions" if owners == ["an action"] and level == "a recommendation" else
                "give it in a progress entry, with the date it is true for (progress: - date: ..., "
                f"{name}: ...)" if owners == ["a progress entry"] else "move it there")
        return f"'{name}' belongs on {' or '.join(owners)}, not on {level}: {move}"
    if name.casefold() in SYNONYMS:
        meant = SYNONYMS[name.casefold()]
        said = {"due": "a deadline is written due:"}.get(meant, f"it is written {meant}:")
        return f"unknown field '{name}' (did you mean '{meant}'?): {said} (see docs/writing-plans.md)"
    others = [field for field in FIELD_NAMES if field != name]
    return f"unknown field '{name}'{suggest(name, others)}: check the spelling, or remove it"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "...'"


def _loc_path(loc: Loc, data: Any) -> Loc:
    """The part of a pydantic location that exists in the YAML data (drops union branch names)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            continue
        path.append(part)
    return tuple(path)


def type_problems(doc: YamlDocument, err: ValidationError) -> list[Problem]:
    problems = []
    seen_union_locs: set[Loc] = set()
    for error in err.errors():
        path = _loc_path(tuple(error["loc"]), doc.data)
        # A Text may be text or a mapping: pydantic reports both branches; keep the first,
        # unless a mapping was given: then only what is wrong inside it is reported.
        if path in seen_union_locs and error["type"] in ("string_type", "dict_type"):
            continue
        if error["type"] == "string_type" and error["loc"][-1:] == ("str",) and isinstance(error.get("input"), dict):
            continue
        seen_union_locs.add(path)
        if error["type"] == "extra_forbidden":
            line, col = doc.key_position(path)
        elif error["type"] == "missing":
            line, col = doc.key_position(path) if path else (1, 1)
        else:
            line, col = doc.position(path)
        problems.append(Problem(doc.file, line, col, _message(error, path, doc.written.get(path))))
    return problems
