"""Rows out of plans, for export: one row per action, with the columns councils use (columns.py),
each cell as staff read it (cells.py). Whatever a cell cannot say exactly (a translation, a note
on a deadline, an action's team …) is carried in the row's "Other fields (YAML)" cell, so that
importing an export gives the same plan back.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from planportal.exchange.cells import CellError
from planportal.exchange.columns import EXPORT_FIELDS, FIELDS
from planportal.exchange.rows import ACTION, OUTCOME, RECOMMENDATION, STRUCTURE, THEME, Codec, codecs, sub_actions
from planportal.portal.joined import action_tree
from planportal.text.markdown import SAFE_DUMPER

# --- export --------------------------------------------------------------------


def _cells(data: dict[str, Any], columns: dict[str, str], known: dict[str, Codec]) -> tuple[dict[str, str], dict]:
    """The cells for one object's fields, and the fields the cells cannot carry exactly."""
    out: dict[str, str] = {}
    other = {k: v for k, v in data.items() if k not in columns.values() and k not in STRUCTURE}
    for column, name in columns.items():
        if name not in data:
            continue
        value = data[name]
        write, read = known.get(column, (str, lambda s: s))
        out[column] = printable(write(value))
        shown = out[column].strip()
        try:
            same = read(shown) == value if shown else value in ("", [], {})
        except (CellError, ValueError):
            same = False
        if not same:
            other[name] = value
    return out, other


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """Text a spreadsheet (and XML) can hold: control characters shown as \ufffd. A value that
    held one travels exactly in Other fields, where YAML writes it escaped."""
    return _UNPRINTABLE.sub("\ufffd", text)


def plan_rows(plan_id: str, plan: dict[str, Any], codes: list[str]) -> list[dict[str, str]]:
    """The rows of one plan (plan data as `plaindata.to_data` gives it), each {field: cell text}."""
    known = codecs(codes)
    rows: list[dict[str, str]] = []
    groups: list[tuple[dict | None, dict | None, list[dict]]] = []
    for theme in plan.get("themes", []):
        groups.append((theme, None, []))
        for outcome in theme.get("outcomes", []):
            groups.append((theme, outcome, outcome.get("recommendations", [])))
    groups.append((None, None, plan.get("recommendations", [])))
    started: set[int] = set()
    for theme, outcome, recs in groups:
        place = {"plan": plan_id}
        other: dict[str, Any] = {}
        for level, data, columns in (("theme", theme, THEME), ("outcome", outcome, OUTCOME)):
            if data is None:
                continue
            shown, extra = _cells(data, columns, known)
            place.update(shown)
            if id(data) not in started:
                started.add(id(data))
                other.update({level: extra} if extra else {})
        if not recs and (other or outcome is not None or theme is not None and not theme.get("outcomes")):
            rows.append(_row(place, other))
            continue
        for rec in recs:
            shown, extra = _cells(rec, RECOMMENDATION, known)
            first = {**place, **shown}
            rec_other = {**other, **({"recommendation": extra} if extra else {})}
            other = {}
            actions = [(action, parent["id"] if parent is not None else None) for _, action, parent
                       in action_tree(rec.get("actions", []), sub_actions)] or [({}, None)]
            for action, parent in actions:
                cells_, extra = _cells(action, ACTION, known)
                row = {**(first or place), **cells_, **({"parent": parent} if parent else {})}
                rows.append(_row(row, {**rec_other, **({"action": extra} if extra else {})}))
                first, rec_other = {}, {}
    return rows


def yaml_text(value: Any) -> str:
    """A value as YAML for one cell."""
    return yaml.dump(value, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=100).strip()


def _row(cells_: dict[str, str], other: dict[str, Any]) -> dict[str, str]:
    if other:
        cells_["other"] = yaml_text(other)
    return cells_


def headings(with_plan: bool = True) -> list[str]:
    return [FIELDS[f][0] for f in (["plan"] if with_plan else []) + EXPORT_FIELDS]


def table(rows: list[dict[str, str]], with_plan: bool = True) -> list[list[str]]:
    fields = (["plan"] if with_plan else []) + EXPORT_FIELDS
    return [headings(with_plan)] + [[row.get(f, "") for f in fields] for row in rows]
