"""An import merged into the plan file already there: what the spreadsheet holds replaces what it
came from, and everything else in the file stays as it was.

A part of the plan (theme, outcome, recommendation, action) is known in the spreadsheet and in the
file by its key: its id, or its recommendation's ref and its own id. For each part the spreadsheet
holds, each of its cells is compared with the cell an export of the file writes for it (`original`,
the export read back as the import reads it): a cell that still says the same leaves the file's
value exactly as it is, even where the cell cannot say all of it (a Welsh translation, a note on a
deadline, a lead's id behind their name). A cell that says something else gives its value, written
into the file's own form where it can be (only the English of a translated text, one lead as one
id, a progress entry's status and nothing else of it). Fields without a column, the plan's
directory sections and every part of another kind stay as they were. Parts the spreadsheet lacks
are removed, and parts it adds are added, each said in a note.

source/yamledit.py then changes the file's text where the data changed and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from planportal.exchange.cells import text_of
from planportal.exchange.columns import DERIVED
from planportal.exchange.reader import Imported
from planportal.exchange.rows import ACTION, FIELDS_OF, OUTCOME, RECOMMENDATION, THEME, Key, Row
from planportal.exchange.writer import fits
from planportal.portal.status import standing
from planportal.source.model import Action, Outcome, Plan, ProgressEntry, Recommendation, Theme
from planportal.source.statuses import LABELS
from planportal.text.language import UNCHECKED

STRUCTURE = ("themes", "outcomes", "recommendations", "actions")
LEVELS: dict[str, dict[str, str]] = {"theme": THEME, "outcome": OUTCOME, "recommendation": RECOMMENDATION,
                                     "action": {**ACTION, "status": "status"}}
IDS = ("lead", "partners", "priorities")


def norm(text: str) -> str:
    """A cell's text compared line by line, without the spaces around its lines or blank lines."""
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip())


def action_number(action: dict[str, Any], place: int, under: str = "") -> str:
    """An action's id; for one the plan does not number, its place (from 1, under action `under`), as
    model.numbered numbers it.

    >>> action_number({"id": "7"}, 2), action_number({}, 2), action_number({}, 1, under="2")
    ('7', '2', '2.1')
    """
    if "id" in action:
        return str(action["id"])
    return f"{under}.{place}" if under else str(place)


def keys_of(plan: dict[str, Any]) -> Iterator[tuple[Key, tuple[Any, ...], dict[str, Any]]]:
    """Every part of a plan's data with its key and its place in the data."""
    def actions(ref: str, items: list[Any], loc: tuple[Any, ...],
                under: str = "") -> Iterator[tuple[Key, tuple[Any, ...], dict]]:
        for i, action in enumerate(items, 1):
            if isinstance(action, dict):
                here = (*loc, "actions", i - 1)
                number = action_number(action, i, under)
                yield ("action", ref, number), here, action
                yield from actions(ref, action.get("actions") or [], here, number)

    def recs(items: list[Any], loc: tuple[Any, ...]) -> Iterator[tuple[Key, tuple[Any, ...], dict]]:
        for i, rec in enumerate(items):
            if isinstance(rec, dict):
                here = (*loc, "recommendations", i)
                yield ("recommendation", str(rec.get("ref"))), here, rec
                yield from actions(str(rec.get("ref")), rec.get("actions") or [], here)

    for t, theme in enumerate(plan.get("themes") or []):
        if isinstance(theme, dict):
            yield ("theme", str(theme.get("id"))), ("themes", t), theme
            for o, outcome in enumerate(theme.get("outcomes") or []):
                if isinstance(outcome, dict):
                    here = ("themes", t, "outcomes", o)
                    yield ("outcome", str(theme.get("id")), str(outcome.get("id"))), here, outcome
                    yield from recs(outcome.get("recommendations") or [], here)
    yield from recs(plan.get("recommendations") or [], ())


def key_at(plan: dict[str, Any], loc: tuple[Any, ...]) -> tuple[Key | None, tuple[Any, ...]]:
    """The deepest part `loc` leads into, and the rest of `loc` within it (the field)."""
    found: tuple[Key | None, tuple[Any, ...]] = (None, loc)
    for key, here, _ in keys_of(plan):
        if loc[:len(here)] == here and (found[0] is None or len(here) >= len(loc) - len(found[1])):
            found = (key, loc[len(here):])
    return found


def column_of(key: Key, rest: tuple[Any, ...]) -> str | None:
    """The column (field of a row) that fills the first field of `rest` in a part of `key`'s kind."""
    if not rest:
        return None
    name = str(rest[0])
    for column, field_name in LEVELS[key[0]].items():
        if name in FIELDS_OF.get(column, (field_name,)):
            return column
    return None


def _first_language(old: Any, new: Any) -> Any:
    """A text changed in a cell, which shows the first language of a translation: that language's
    text changed, the others kept."""
    if isinstance(old, dict) and isinstance(new, str) and old:
        first = next(k for k in old if k != UNCHECKED) if any(k != UNCHECKED for k in old) else None
        if first is not None:
            return {**old, first: new}
    return new


def _same_ids(old: Any, new: Any) -> bool:
    return ([old] if isinstance(old, str) else old) == ([new] if isinstance(new, str) else new)


def _plain_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _equal(old: Any, new: Any) -> bool:
    """The same value, whatever the form the file gives it: '2010-03' and a date, 'SF' and [SF]."""
    if isinstance(old, dt.date) or isinstance(new, dt.date):
        return bool(_plain_date(old) == _plain_date(new))
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_equal(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_equal(old[k], new[k]) for k in old)
    return bool(old == new)


def _value(name: str, old: Any, new: Any) -> Any:
    """The new value of a field, in the file's form where it can be."""
    if name in IDS:
        if _same_ids(old, new):
            return old
        return new[0] if isinstance(new, list) and len(new) == 1 and isinstance(old, str | None) else new
    if _equal(old, new):
        return old
    if name == "progress" and isinstance(old, list) and isinstance(new, list):
        return _progress(old, new)
    return _first_language(old, new)


def _progress(old: list[Any], new: list[dict[str, Any]]) -> list[Any]:
    """A progress log changed in its cell: each entry the cell still gives (same date and text) kept as
    the file has it (its translations, reason, reporter), with the status the cell gives."""
    unused = [e for e in old if isinstance(e, dict)]
    out: list[Any] = []
    for entry in new:
        match = next((e for e in unused if _equal(e.get("date"), entry["date"])
                      and norm(text_of(e.get("text"))) == norm(entry["text"])), None)
        if match is None:
            match = next((e for e in unused if _equal(e.get("date"), entry["date"])), None)
        if match is None:
            out.append(entry)
            continue
        unused.remove(match)
        kept = dict(match)
        if entry.get("status") != kept.get("status"):
            if entry.get("status"):
                kept["status"] = entry["status"]
            else:
                kept.pop("status", None)
        if norm(text_of(kept.get("text"))) != norm(entry["text"]):
            kept["text"] = _first_language(kept.get("text"), entry["text"])
        out.append(kept)
    return out


@dataclass
class Merged:
    """The file's new data, and what the merge did that staff should know."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    problems: list[tuple[Row, str, str]] = field(default_factory=list)
    """Cells that cannot be read back (cut short by the export), with their row and column."""


CHILD = {"plan": "themes", "theme": "outcomes", "outcome": "recommendations", "recommendation": "actions",
         "action": "actions"}
ORDER = {"theme": list(Theme.model_fields), "outcome": list(Outcome.model_fields),
         "recommendation": list(Recommendation.model_fields), "action": list(Action.model_fields),
         "plan": list(Plan.model_fields)}


def put(data: dict[str, Any], name: str, value: Any, order: list[str]) -> None:
    """`data[name] = value`, a new field placed where the model lists it among the fields already there."""
    if name in data or name not in order:
        data[name] = value
        return
    before = [k for k in data if k in order and order.index(k) < order.index(name)]
    items = list(data.items())
    at = max((i + 1 for i, (k, _) in enumerate(items) if k in before), default=0)
    if not before:
        at = next((i for i, (k, _) in enumerate(items) if k in order), len(items))
    items.insert(at, (name, value))
    data.clear()
    data.update(items)


def child_key(level: str, parent: Key, item: dict[str, Any], place: int) -> Key:
    """The key of a part of kind `level` under a part of key `parent`, at `place` (from 1) among its kind
    there (which numbers an action the plan does not number), as keys_of gives it."""
    if level == "theme":
        return ("theme", str(item.get("id")))
    if level == "outcome":
        return ("outcome", parent[1], str(item.get("id")))
    if level == "recommendation":
        return ("recommendation", str(item.get("ref")))
    return ("action", parent[1], action_number(item, place, parent[2] if parent[0] == "action" else ""))


KIND = {"themes": "theme", "outcomes": "outcome", "recommendations": "recommendation", "actions": "action"}


class Merger:
    """The file's data with the import's parts merged in."""

    def __init__(self, imported: Imported, original: Imported | None, name: str) -> None:
        self.imported, self.original, self.name = imported, original, name
        self.columns = {c for c in imported.columns if c not in DERIVED}
        self.notes: list[str] = []
        self.problems: list[tuple[Row, str, str]] = []
        self.everywhere: dict[Key, dict[str, Any]] = {}
        """Every part of the file by key, wherever it is."""
        self.updates: dict[Key, set[tuple[str, str]]] = {}
        """By action, the progress entries the update files give (updates/): a spreadsheet shows them, and
        they stay there, not copied into the plan file."""

    def changed(self, key: Key, column: str) -> bool:
        """Whether the spreadsheet's cell for `column` of part `key` says other than the export wrote (a
        workbook's cell holds 32,767 characters: text the export cut short there is compared cut short)."""
        part = self.imported.parts.get(key)
        if part is None or column not in self.columns:
            return False
        said = part.cells.get(column, "")
        before = self.original.parts.get(key) if self.original else None
        if before is None:
            return True
        was = before.cells.get(column, "")
        if norm(said) == norm(was):
            return False
        if self.name.lower().endswith(".xlsx") and fits(was) != was:  # the export cut this workbook's cell short
            if norm(said) == norm(fits(was)):
                return False
            self.problems.append((part.row, column, "this cell was cut short by the export (a spreadsheet cell holds "
                                  "32,767 characters), so it cannot be read back: change this text in the plan file "
                                  "or in a CSV export, which holds it all"))
            return False
        return norm(said) != norm(was)

    def part(self, key: Key, level: str, new: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
        """One part: the old one with its changed cells' fields, or the new one as read; its sub-parts merged."""
        if old is None:
            out = _new_part(new)
        else:
            out = dict(old)
            for column, name in LEVELS[level].items():
                if column in ("theme", "outcome", "ref", "action_ref", "status") or not self.changed(key, column):
                    continue
                if column == "progress" and key in self.updates:
                    new = {**new, "progress": [e for e in new.get("progress") or []
                                               if (_plain_date(e["date"]), norm(e["text"])) not in self.updates[key]]}
                for field_name in FIELDS_OF.get(column, (name,)):
                    if field_name in new and new[field_name] not in ("", [], None):
                        put(out, field_name, _value(field_name, old.get(field_name), new[field_name]), ORDER[level])
                    elif field_name in out and field_name not in ("title", "text"):
                        del out[field_name]
            if "other" in self.columns:  # an older export's Other fields (YAML): what it gives replaces the file's
                covered = {n for c, f in LEVELS[level].items() for n in FIELDS_OF.get(c, (f,))} | set(STRUCTURE)
                for field_name, value in new.items():
                    if field_name not in covered and not _equal(out.get(field_name), value):
                        put(out, field_name, value, ORDER[level])
        self.children(out, key, level, new, old)
        return out

    def children(self, out: dict[str, Any], key: Key, level: str, new: dict[str, Any],
                 old: dict[str, Any] | None) -> None:
        """A part's sub-parts (a theme's outcomes, an action's sub-actions …) as the spreadsheet lists
        them, each merged with the file's of the same key; the file's others removed."""
        names = ["themes", "recommendations"] if level == "plan" else [CHILD[level]]
        for child in names:
            kind = KIND[child]
            olds = {child_key(kind, key, o, i): o for i, o in enumerate((old or {}).get(child) or [], 1)
                    if isinstance(o, dict)}
            news = new.get(child) or []
            new_keys = [child_key(kind, key, item, i) for i, item in enumerate(news, 1)]
            result = []
            for item, k in zip(news, new_keys, strict=True):
                moved = self.everywhere.get(k) if k not in olds else None  # moved by the spreadsheet: its fields kept
                result.append(self.part(k, kind, item, olds.get(k) or moved))
                if moved is not None:
                    self.notes.append(f"{self.where(k)}: {_words(k)} is moved here")
                elif k not in olds and old is not None:
                    self.notes.append(f"{self.where(k)}: {_words(k)} is new: added to the plan file")
            for k in olds:
                if k not in new_keys and k not in self.imported.parts:
                    self.notes.append(f"{self.name}: {_words(k)} is not in the spreadsheet: removed from the plan file")
            if result:
                put(out, child, result, ORDER[level])
            else:
                out.pop(child, None)

    def where(self, key: Key) -> str:
        part = self.imported.parts.get(key)
        return part.row.where(self.name) if part else self.name

    def plan(self, old_plan: dict[str, Any]) -> dict[str, Any]:
        new_plan = self.imported.plan
        out = dict(old_plan)
        if "theme" in self.columns or new_plan.get("themes") or not old_plan.get("themes"):
            self.children(out, ("plan",), "plan", new_plan, old_plan)
            return out
        # The spreadsheet gives recommendations but not the themes they sit in: each is merged where the
        # file has it, and a new one added to the plan's own recommendations.
        held = {("recommendation", str(r["ref"])): r for r in new_plan.get("recommendations") or []}
        placed = set()

        def kept(recs: list[Any]) -> list[dict[str, Any]]:
            result = []
            for rec in recs:
                k = ("recommendation", str(rec.get("ref")))
                if k in held:
                    placed.add(k)
                    result.append(self.part(k, "recommendation", held[k], rec))
                else:
                    self.notes.append(f"{self.name}: {_words(k)} is not in the spreadsheet: removed from the plan "
                                      "file")
            return result

        themes = []
        for theme in old_plan.get("themes") or []:
            theme = dict(theme)
            outcomes = []
            for outcome in theme.get("outcomes") or []:
                outcome = dict(outcome)
                if outcome.get("recommendations"):
                    outcome["recommendations"] = kept(outcome["recommendations"])
                    if not outcome["recommendations"]:
                        del outcome["recommendations"]
                outcomes.append(outcome)
            if outcomes:
                theme["outcomes"] = outcomes
            themes.append(theme)
        out["themes"] = themes
        top = kept(old_plan.get("recommendations") or [])
        for k, rec in held.items():
            if k not in placed:
                top.append(self.part(k, "recommendation", rec, None))
                self.notes.append(f"{self.where(k)}: {_words(k)} is new: added to the plan's recommendations")
        if top:
            put(out, "recommendations", top, ORDER["plan"])
        else:
            out.pop("recommendations", None)
        return out


def _named(data: Any) -> set[str]:
    """Every id named as a lead or partner anywhere in `data`."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("lead", "partners"):
                found.update([value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
                             if isinstance(value, list) else [])
            else:
                found |= _named(value)
    elif isinstance(data, list):
        for item in data:
            found |= _named(item)
    return found


def _words(key: Key) -> str:
    """'recommendation 1.1.1', 'action 1a of recommendation 1.1.1', 'outcome 1 of theme 2', 'theme 2'."""
    kind = key[0]
    if kind == "action":
        return f"action {key[2]} of recommendation {key[1]}"
    if kind == "outcome":
        return f"outcome {key[2]} of theme {key[1]}"
    return f"{kind} {key[1]}"


def one_id(data: Any) -> Any:
    """Plan data with each list of one lead or partner written as that one id, as staff write it."""
    if isinstance(data, dict):
        return {k: v[0] if k in IDS and isinstance(v, list) and len(v) == 1 else one_id(v) for k, v in data.items()}
    if isinstance(data, list):
        return [one_id(v) for v in data]
    return data


def _new_part(new: dict[str, Any]) -> dict[str, Any]:
    """A part the file did not have, as the spreadsheet gives it (one lead as one id, as staff write it);
    its sub-lists are merged after."""
    out = {k: v for k, v in new.items() if k not in STRUCTURE}
    for name in IDS:
        if isinstance(out.get(name), list) and len(out[name]) == 1:
            out[name] = out[name][0]
    return out


def merge(old: dict[str, Any], imported: Imported, original: Imported | None, name: str,
          details: dict[str, Any] | None = None, people: list[dict[str, Any]] | None = None,
          updates: dict[Key, set[tuple[str, str]]] | None = None) -> Merged:
    """The plan file's data (`old`, as the file says it) with the spreadsheet merged in: `original` is
    the file's own export read back, `details` the plan's fields the Plans sheet changed, `people` the
    leads the directory lacked."""
    merger = Merger(imported, original, name)
    merger.updates = updates or {}
    merger.everywhere = {key: part for key, _, part in keys_of(old.get("plan") or {})}
    data = dict(old)
    plan = merger.plan(old.get("plan") or {})
    for key, value in (details or {}).items():
        if value is None:
            plan.pop(key, None)
        else:
            put(plan, key, _value(key, plan.get(key), value), ORDER["plan"])
    data["plan"] = plan
    used = _named(plan)
    people = [p for p in people or [] if p["id"] in used]
    if people:
        data["people"] = [*(old.get("people") or []), *people]
    return Merged(data, merger.notes, merger.problems)


def status_words(status: str | None) -> str:
    return str(LABELS[status]) if status else ""  # type: ignore[index]


def current(progress: list[Any]) -> str | None:
    """The status of the latest progress entry that gives one."""
    return next((e.get("status") for e in reversed(progress) if isinstance(e, dict) and e.get("status")), None)


def _standing(action: dict[str, Any], as_at: str | None) -> str | None:
    """Where an action stands as the site works it out (its latest status, else not yet due before its
    first deadline), or None if its data is not yet a valid action."""
    try:
        model = Action.model_validate({**action, "actions": []})
        day = dt.date.fromisoformat(as_at) if as_at else None
    except (ValidationError, ValueError):
        return current(action.get("progress") or [])
    return standing(model, day).status


def apply_statuses(plan: dict[str, Any], imported: Imported, original: Imported | None,
                   status_of: Callable[[str], str | None], as_at: str | None, name: str,
                   notes: list[str]) -> list[tuple[Row, str, str]]:
    """Each Status (or RAG) cell that says other than the export wrote, given to its action: a status is
    given with a dated progress entry, so it goes on the entry the same row adds if that entry gives none,
    else on a new entry dated the day the spreadsheet's statuses are correct at (`as_at`: the mapping
    file's, else the plan's). Where there is neither, the cell cannot be placed: the problems say so."""
    problems = []
    parts = {key: data for key, _, data in keys_of(plan)}
    for key, part in imported.parts.items():
        said = part.cells.get("status", "")
        if key[0] != "action" or not said.strip() or key not in parts:
            continue
        before = original.parts.get(key) if original is not None else None
        if before is not None and norm(before.cells.get("status", "")) == norm(said):
            continue
        try:
            wanted = status_of(said)
        except KeyError:
            continue  # reported where the cell was read
        action = parts[key]
        progress = list(action.get("progress") or [])
        if wanted is None or _standing(action, as_at) == wanted:
            continue
        given = before is None or norm(part.cells.get("progress", "")) != norm(before.cells.get("progress", ""))
        if progress and isinstance(progress[-1], dict) and not progress[-1].get("status") and given:
            entry = dict(progress[-1])
            put(entry, "status", wanted, list(ProgressEntry.model_fields))
            progress[-1] = entry
        elif as_at:
            progress.append({"date": as_at, "status": wanted, "text": said.strip()})
            notes.append(f"{part.row.where(name, 'status')}: {_words(key)}: the status {said.strip()!r} is recorded "
                         f"as a progress entry dated {as_at} (the day the statuses are correct at): say what was "
                         "done in its text")
        else:
            problems.append((part.row, "status", f"the status {said.strip()!r} needs a date: add a dated line to "
                             f"Progress to Date ('2010-03-31 ({status_words(wanted)}): what was done'), or give the "
                             "day the spreadsheet's statuses are correct at (as_at: in a mapping file, or the "
                             "plan's as_at)"))
            continue
        put(action, "progress", progress, ORDER["action"])
    return problems
