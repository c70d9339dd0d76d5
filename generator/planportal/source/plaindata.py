"""Validated models back to plain data: what a staff member would write in a plan file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from planportal.source.dates import MonthDate, When, quarter_of
from planportal.source.model import Due, DueEntry
from planportal.source.texts import Loc


def when_text(when: When) -> str:
    """A due date as staff write it, the inverse of `parse_when`.

    >>> from planportal.source.dates import parse_when
    >>> [when_text(parse_when(t)) for t in ("2010-03-01", "2010-03", "2009-10 Q4", "from 2006-04",
    ...                                      "2006-01 to 2006-03", "tbc", "ongoing")]
    ['2010-03-01', '2010-03', '2009-10 Q4', 'from 2006-04', '2006-01 to 2006-03', 'tbc', 'ongoing']
    """
    if when.kind in ("tbc", "ongoing"):
        return when.kind
    if when.kind == "from" and when.first:
        return f"from {when_text(when.first)}"
    if when.kind == "range" and when.first and when.last:
        return f"{when_text(when.first)} to {when_text(when.last)}"
    assert when.start is not None
    if when.kind == "day":
        return when.start.isoformat()
    if when.kind == "month":
        return when.start.strftime("%Y-%m")
    fy, q = quarter_of(when.start)
    return f"{fy}-{(fy + 1) % 100:02d} Q{q}"


def due_data(due: Due) -> Any:
    """A due date in its shortest written form: '2010-03', ['2010-09', '2011-03'] or a mapping."""
    entries = [_entry(e) for e in due.entries]
    if due.note is None and due.as_written is None:
        return entries[0] if len(entries) == 1 else entries
    if all(isinstance(e, str) for e in entries):
        return {"date": entries[0] if len(entries) == 1 else entries, **_plain(due, ("note", "as_written"))}
    return {"entries": entries, **_plain(due, ("note", "as_written"))}


def _entry(entry: DueEntry) -> Any:
    text = when_text(entry.date)
    return text if entry.note is None and entry.as_written is None else {
        "date": text, **_plain(entry, ("note", "as_written"))}


def _plain(model: BaseModel, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(model, n) for n in names if getattr(model, n) is not None}


def to_data(value: Any) -> Any:
    """Any model (or list, dict, date, due date) as plain data, leaving out fields left at their default."""
    if isinstance(value, Due):
        return due_data(value)
    if isinstance(value, BaseModel):
        data = {}
        for name, field in type(value).model_fields.items():
            item = getattr(value, name)
            if item == field.default and not field.is_required():
                continue
            data[name] = to_data(item)
        return data
    if isinstance(value, When):
        return when_text(value)
    if isinstance(value, MonthDate):
        return value.strftime("%Y-%m")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def at(data: Any, path: Loc) -> Any:
    """What `path` leads to in plain data: the same path as in the model it was made from.

    >>> at({"themes": [{"id": "1", "outcomes": []}]}, ("themes", 0, "id"))
    '1'
    """
    for step in path:
        data = data[step]
    return data
