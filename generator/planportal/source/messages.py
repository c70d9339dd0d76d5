"""pydantic's errors in staff's words, each placed at the line and column of the value it is about."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planportal.source import model
from planportal.source.pasted import hint
from planportal.source.problems import Problem
from planportal.source.texts import Loc
from planportal.source.yamlfile import YamlDocument

FIELD_NAMES = sorted(
    {name for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, BaseModel)
     for name in cls.model_fields}
)

PATTERN_HELP = {
    "ref": "use letters and digits separated by . or -, such as 1.1.1 or 1a",
    "id": "use letters, digits, - and _ only, such as SF or assistant-chief-executive",
    "file": "use a path inside content/ such as documents/plan.pdf (letters, digits, - _ . /)",
    "url": "use a web address starting https:// or http://",
    "languages": "use a language code such as en or cy",
    "term": "remove spaces at the start and end",
}


SYNONYMS = {"deadline": "due", "deadlines": "due", "by_when": "due", "due_date": "due", "target_date": "due",
            "owner": "lead", "leads": "lead", "responsible": "lead", "officer": "lead", "rag": "status",
            "partner": "partners", "sub_actions": "actions", "subactions": "actions"}
"""Field names staff reach for that the format calls something else (a council's column headings)."""


def suggest(value: str, choices: Iterable[str]) -> str:
    """' (did you mean 'SF'?)' when a choice is close to `value`, else ''.

    >>> suggest("SFX", ["SF", "HL"])
    " (did you mean 'SF'?)"
    """
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _message(error: ErrorDetails, path: Loc = ()) -> str:
    """A pydantic error in words for staff; `path` is the part of its location in the data."""
    loc: Loc = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    # Name the field as the file does: pydantic's location also holds union branches ('str').
    where = loc[-1:] if kind == "missing" else path or loc
    name = next((p for p in reversed(where) if isinstance(p, str)), "value")
    if kind == "missing":
        return f"'{name}' is missing: add {name}: here (it is required)"
    if kind == "extra_forbidden":
        meant = SYNONYMS.get(name.casefold())
        close = f" (did you mean '{meant}'?)" if meant else suggest(name, FIELD_NAMES)
        return f"unknown field '{name}'{close}: check the spelling, or remove it"
    if kind == "string_pattern_mismatch":
        field = next((p for p in reversed(loc) if isinstance(p, str) and p in PATTERN_HELP), None)
        field = field or ("id" if name in ("lead", "partners", "document", "plan") else
                          "ref" if name == "recommendation" else name)
        help_for = "ref" if "[.-]" in str(error.get("ctx", {}).get("pattern", "")) else field  # action ids are refs
        return (f"{value!r} is not a valid {field}{hint(value)}: "
                f"{PATTERN_HELP.get(help_for, 'see docs/writing-plans.md')}")
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
        return f"{name}: expected {wanted}, got {_describe(value)}"
    if kind in ("greater_than_equal", "too_short", "string_too_long", "too_long", "string_too_short"):
        return f"{name}: {error['msg'].lower()}"
    return f"{name}: {error['msg']}"


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
        problems.append(Problem(doc.file, line, col, _message(error, path)))
    return problems
