"""Plans out of rows, for import: rows read in order, each placed under its theme, outcome,
recommendation and action, and every row that cannot be placed reported by sheet and row number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from planportal.exchange import cells
from planportal.exchange.cells import CellError
from planportal.exchange.columns import DERIVED, FIELDS
from planportal.exchange.rows import RECOMMENDATION, Key, Part, Row, codecs, ids, sub_actions
from planportal.portal.joined import action_tree
from planportal.source.statuses import LABELS, STATUS_IDS


@dataclass
class Imported:
    """A plan read from rows: its data, the people it names that the directory lacks, the
    rows each part came from (by its place in the data), each part with the cells it was read
    from (by key), and every problem (with the row and field of its cell)."""

    plan: dict[str, Any] = field(default_factory=dict)
    people: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[tuple[Any, ...], Row] = field(default_factory=dict)
    problems: list[tuple[Row | None, str | None, str]] = field(default_factory=list)
    skipped: int = 0
    parts: dict[Key, Part] = field(default_factory=dict)
    columns: set[str] = field(default_factory=set)


@dataclass
class Directory:
    """Who and what a cell may name, casefolded (an id, a name, a role, 'name, role'), and the id it means;
    None where it names more than one."""

    people: dict[str, str | None] = field(default_factory=dict)
    partners: dict[str, str | None] = field(default_factory=dict)

    @staticmethod
    def add(table: dict[str, str | None], words: str | None, ident: str) -> None:
        if not words:
            return
        key = " ".join(words.replace(";", ",").split()).casefold()
        table[key] = ident if table.get(key, ident) == ident else None


_ACTION_LINE = re.compile(r"(\d+[a-z]{0,2}|[a-z])(?:[.):]\s*|\s+)(\S.*)")


class Reader:
    """Builds a plan's data from rows in order, keeping track of the theme, outcome,
    recommendation and action each row continues."""

    def __init__(self, plan_id: str, codes: list[str], directory: Directory | None = None,
                 statuses: Callable[[str], str | None] | None = None) -> None:
        self.plan_id = plan_id
        self.codecs = codecs(codes)
        self.directory = directory or Directory()
        self.statuses = statuses
        self.out = Imported(plan={"themes": [], "recommendations": []})
        self.theme: dict[str, Any] | None = None
        self.outcome: dict[str, Any] | None = None
        self.rec: dict[str, Any] | None = None
        self.action: dict[str, Any] | None = None
        self.loc: dict[int, tuple[Any, ...]] = {}
        self.plan_of_row = plan_id
        self.file = ""
        self.notes: list[str] = []
        self.first_cells: dict[int, tuple[Row, dict[str, str]]] = {}

    def person(self, text: str, row: Row | None = None, column: str = "lead") -> str:
        """The person id a lead cell means: a directory id, name, role or 'name, role'; else a new person."""
        people = self.directory.people
        key = " ".join(text.replace(";", ",").split()).casefold()
        if key in people:
            found = people[key]
            if found is None and row is not None:
                self.problem(row, column, f"{text!r} names more than one person in the directory: write the "
                             "person's id, or their name and role ('Sue Fiennes, Director of Children's Services')")
            if found is not None:
                return found
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-_")[:60] or "lead"
        base, n = slug, 1
        while slug.casefold() in people:
            n += 1
            slug = f"{base}-{n}"
        people[key] = people[slug.casefold()] = slug
        self.out.people.append({"id": slug, "role": text})
        return slug

    def partners(self, text: str) -> dict[str, Any]:
        """A partners cell: each partner a directory partner or person names (by id or name) is
        given by id; the rest are kept in words, as partners_text."""
        found: list[str] = []
        words: list[str] = []
        for part in ids(text):
            key = " ".join(part.split()).casefold()
            ident = self.directory.partners.get(key) or self.directory.people.get(key)
            if ident is not None and ident not in found:
                found.append(ident)
            elif ident is None:
                words.append(part)
        return {**({"partners": found} if found else {}), **({"partners_text": "; ".join(words)} if words else {})}

    def problem(self, row: Row | None, column: str | None, message: str) -> None:
        self.out.problems.append((row, column, message))

    def read(self, row: Row, column: str) -> Any:
        """A cell's value, or None (and a problem noted) if it cannot be read: the rest of the
        row is still read, so that every bad cell of a row is reported at once."""
        text = row.cells.get(column, "")
        try:
            value = self.codecs[column][1](text) if column in self.codecs else text.strip()
        except CellError as err:
            self.problem(row, column, str(err))
            return None
        if column in ("lead", "outcome_lead"):
            value = [self.person(p, row, column) for p in value]
        return value

    def status(self, row: Row, text: str) -> None:
        """A Status (or RAG) cell checked: its words must mean a status."""
        if self.statuses is None or not text.strip():
            return
        try:
            self.statuses(text)
        except KeyError:
            self.problem(row, "status", f"{text.strip()!r} is not a status: write one of "
                         f"{', '.join(str(LABELS[s]) for s in STATUS_IDS)}, or a RAG rating (Red, Amber, Green, "
                         "Complete; On track, At risk, Off track); a mapping file's statuses: can say what other "
                         "words mean")

    def part(self, key: Key, loc: tuple[Any, ...], row: Row, cells_: dict[str, str]) -> None:
        self.out.parts[key] = Part(key, loc, row, cells_)

    def add(self, row: Row) -> None:
        self.out.columns.update(row.letters)
        try:
            self._add(row)
        except CellError as err:
            self.problem(row, next((f for f in ("action", "ref", "text", "outcome", "theme") if f in row.letters),
                                   None), str(err))

    def _add(self, row: Row) -> None:
        c = row.cells
        other = self._other(row)
        if c.get("plan"):
            self.plan_of_row = c["plan"]
        if self.plan_of_row != self.plan_id:
            self.out.skipped += 1
            return
        if not any(v for k, v in c.items() if k != "plan" and k not in DERIVED):
            return
        heading = self._heading_row(row)
        if heading:
            return
        if c.get("theme") and (self.theme is None or self.theme["id"] != c["theme"]):
            self.theme = {"id": c["theme"], "title": c.get("theme_title") or c["theme"], "outcomes": []}
            self.out.plan["themes"].append(self.theme)
            self.outcome = self.rec = self.action = None
            loc = ("themes", len(self.out.plan["themes"]) - 1)
            self._mark(row, loc)
            self.part(("theme", c["theme"]), loc, row, self._cells(row, ("theme_title",)))
        self._same_as_first(row, ("theme_title",), self.theme)
        if self.theme is not None:
            self.theme.update(other.get("theme", {}))
        outcome_id = c.get("outcome", "")
        if self.theme is not None and outcome_id.startswith(self.theme["id"] + "."):
            outcome_id = outcome_id[len(self.theme["id"]) + 1:]
        if outcome_id and (self.outcome is None or self.outcome["id"] != outcome_id):
            if self.theme is None:
                raise CellError(f"outcome {outcome_id} has no theme: fill the Theme column")
            self.outcome = {"id": outcome_id, "title": c.get("outcome_title") or outcome_id, "recommendations": []}
            if c.get("outcome_lead"):
                self.outcome["lead"] = self.read(row, "outcome_lead")
            self.theme["outcomes"].append(self.outcome)
            self.rec = self.action = None
            self._mark(row, self._outcome_loc())
            self.part(("outcome", self.theme["id"], outcome_id), self._outcome_loc(), row,
                      self._cells(row, ("outcome_title", "outcome_lead")))
        self._same_as_first(row, ("outcome_title", "outcome_lead"), self.outcome)
        if self.outcome is not None:
            self.outcome.update(other.get("outcome", {}))
        if c.get("ref") and not (self.rec is not None and self.rec["ref"] == c["ref"]):
            self._start_recommendation(row)
        elif any(c.get(f) for f in RECOMMENDATION if f != "ref"):  # the recommendation above, continued
            if self.rec is None:
                raise CellError("this row gives recommendation details but no Recommendation Ref, and there is no "
                                "recommendation above it: give its ref")
            self._continue_recommendation(row)
        if self.rec is not None:
            self.rec.update(other.get("recommendation", {}))
        self._actions(row, other.get("action", {}))

    @staticmethod
    def _cells(row: Row, columns: Iterable[str]) -> dict[str, str]:
        """The text of the row's cells in `columns`, for those the sheet has."""
        return {column: row.cells.get(column, "") for column in columns if column in row.letters}

    def _same_as_first(self, row: Row, columns: tuple[str, ...], part: dict[str, Any] | None) -> None:
        """A theme's or outcome's cells repeated on later rows must say what its first row said:
        a different title or lead there would otherwise be lost without a word."""
        if part is None:
            return
        first = self.first_cells.setdefault(id(part), (row, {c: row.cells.get(c, "") for c in columns}))
        for column in columns:
            said = row.cells.get(column, "")
            if said and said != first[1][column]:
                self.problem(row, column, f"{FIELDS[column][0]} {said!r} differs from row {first[0].number}, "
                             f"where this {column.split('_')[0]} starts: change it there")

    def _heading_row(self, row: Row) -> bool:
        """A 004-style heading row: one cell 'Improvement Theme 1: …' or 'Outcome 1.1 …'."""
        filled = [(k, v) for k, v in row.cells.items() if v]
        if len(filled) != 1:
            return False
        column, text = filled[0]
        letter = {f: row.letters[column] for f in ("theme", "theme_title", "outcome", "outcome_title")
                  if column in row.letters}
        m = re.fullmatch(r"(?:improvement\s+)?theme\s+(\S+?)[:.]?\s+(.+)", text, re.IGNORECASE | re.DOTALL)
        if m:
            self._add(Row(row.sheet, row.number, {"theme": m[1], "theme_title": m[2].strip()}, letter))
            return True
        m = re.fullmatch(r"outcome\s+(\S+?)[:.]?\s+(.+)", text, re.IGNORECASE | re.DOTALL)
        if m:
            self._add(Row(row.sheet, row.number, {"outcome": m[1], "outcome_title": m[2].strip()}, letter))
            return True
        return False

    def _outcome_loc(self) -> tuple[Any, ...]:
        assert self.theme is not None and self.outcome is not None
        t = self.out.plan["themes"].index(self.theme)
        return ("themes", t, "outcomes", self.theme["outcomes"].index(self.outcome))

    def _recs(self) -> tuple[list[dict[str, Any]], tuple[Any, ...]]:
        if self.outcome is not None:
            return self.outcome["recommendations"], (*self._outcome_loc(), "recommendations")
        if self.theme is not None:
            raise CellError(f"recommendation in theme {self.theme['id']} but no outcome: fill the Outcome column")
        return self.out.plan["recommendations"], ("recommendations",)

    def _start_recommendation(self, row: Row) -> None:
        recs, loc = self._recs()
        ref = row.cells["ref"]
        earlier = self.out.parts.get(("recommendation", ref))
        if earlier is not None:
            raise CellError(f"recommendation {ref} is already on row {earlier.row.number}: a ref is given "
                            "once, or on each row of the same recommendation one after another")
        rec: dict[str, Any] = {"ref": ref}
        for column, name in RECOMMENDATION.items():
            if column != "ref" and row.cells.get(column) and (value := self.read(row, column)) is not None:
                rec[name] = value
        rec.setdefault("text", "")
        if not rec["text"]:
            self.problem(row, "text", f"recommendation {rec['ref']} has no text: fill the Recommendation column")
        recs.append(rec)
        self.rec, self.action = rec, None
        self._mark(row, (*loc, len(recs) - 1))
        self.part(("recommendation", ref), (*loc, len(recs) - 1), row, self._cells(row, RECOMMENDATION))

    def _continue_recommendation(self, row: Row) -> None:
        assert self.rec is not None
        part = self.out.parts[("recommendation", self.rec["ref"])]
        for column, name in RECOMMENDATION.items():
            if column == "ref" or not row.cells.get(column):
                continue
            value = self.read(row, column)
            if value is None or self.rec.get(name) == value:
                continue  # the same cell repeated on each row of the recommendation
            part.cells[column] = "\n".join(t for t in (part.cells.get(column, ""), row.cells[column]) if t)
            if isinstance(value, list) and isinstance(self.rec.get(name, []), list):
                self.rec[name] = self.rec.get(name, []) + value
            elif name in self.rec and self.rec[name]:
                raise CellError(f"a second {FIELDS[column][0]} for recommendation {self.rec['ref']}: put it on "
                                "the recommendation's first row, or give this row its own Recommendation Ref")
            else:
                self.rec[name] = value

    def _actions(self, row: Row, extra: dict[str, Any]) -> None:
        c = row.cells
        items = self._items(row)
        if not items:
            if c.get("progress"):
                if self.action is None:
                    raise CellError("progress with no action to put it on: give the action on this row")
                self.action["progress"] = self.action.get("progress", []) + (self.read(row, "progress") or [])
                part = self.out.parts.get(self.action_key)
                if part is not None:
                    part.cells["progress"] = "\n".join(t for t in (part.cells.get("progress", ""), c["progress"]) if t)
            if extra and self.action is not None:
                self.action.update(extra)
            return
        if self.rec is None:
            raise CellError("an action with no recommendation above it: give the Recommendation Ref first")
        dues = self._split(row, "due", items)
        leads = self._split(row, "lead", items)
        shared = {column: self._spread(row, column, items) for column in ("partners", "progress", "status")}
        for i, (ref, title, parent) in enumerate(items):
            action: dict[str, Any] = {"id": ref, "title": title}
            piece = {"action_ref": ref, "action": title if "action_ref" in row.letters else c.get("action", ""),
                     "due": dues[i], "lead": leads[i], "parent": c.get("parent", ""),
                     **{column: spread[i] for column, spread in shared.items()}}
            if dues[i] and (due := self.read(Row(row.sheet, row.number, {"due": dues[i]}, row.letters), "due")) \
                    is not None:
                action["due"] = due
            if leads[i]:
                action["lead"] = [self.person(p, row) for p in ids(leads[i])]
            if shared["partners"][i]:
                action.update(self.partners(shared["partners"][i]))
            if shared["progress"][i]:
                value = self.read(Row(row.sheet, row.number, {"progress": shared["progress"][i]}, row.letters),
                                  "progress")
                if value is not None:
                    action["progress"] = value
            if shared["status"][i]:
                self.status(row, shared["status"][i])
            if i == len(items) - 1:  # a figure of a row of several actions is the last one's
                for column in ("percent_complete", "weight"):
                    if c.get(column, "").strip() and (value := self.read(row, column)) is not None:
                        action[column] = value
                        piece[column] = c[column]
                action.update(extra)
            self._place(row, action, parent)
            self.part(("action", self.rec["ref"], ref), self._action_loc(action), row,
                      {k: v for k, v in piece.items() if k in row.letters})

    @property
    def action_key(self) -> Key:
        return ("action", self.rec["ref"] if self.rec else "", self.action["id"] if self.action else "")

    def _spread(self, row: Row, column: str, items: list[tuple[str, str, str | None]]) -> list[str]:
        """A partners, progress or status cell for several actions on one row (action 1 with 1a and 1b):
        each line that starts with one of the actions' refs ('1a: 2010-03-12 Agreed') goes to that
        action; otherwise the whole cell goes to the row's main action, which its sub-actions belong
        to. Where there is no one main action, and the lines say nothing of which is which, the cell
        cannot be placed, and the import says so."""
        text = row.cells.get(column, "").strip()
        if len(items) == 1 or not text:
            return [text] + [""] * (len(items) - 1)
        refs = [ref for ref, _, _ in items]
        lines = cells.lines(text)
        placed: list[list[str]] = [[] for _ in items]
        current: int | None = None
        for line in lines:
            m = re.match(r"(\w+)\s*(?:[.):,-]\s*|\s+)(?=\S)", line)
            if m and m[1] in refs:
                current = refs.index(m[1])
                placed[current].append(line[m.end():])
            elif current is not None:
                placed[current].append(line)
            else:
                break
        else:
            return ["\n".join(p) for p in placed]
        mains = [i for i, ref in enumerate(refs) if ref.isdigit()]
        if len(mains) == 1 and all(ref.startswith(refs[mains[0]]) for ref in refs):
            self.notes.append(f"{row.where(self.file, column)}: {FIELDS[column][0]} placed on action {refs[mains[0]]}, "
                              f"the main action of {', '.join(refs)}: start a line with a sub-action's ref "
                              f"('{refs[-1]}: …') to place it on that sub-action")
            return ["" if i != mains[0] else text for i in range(len(items))]
        self.problem(row, column, f"this {FIELDS[column][0]} cell is for {len(items)} actions ({', '.join(refs)}) and "
                     f"does not say which line is whose: start each line with its action's ref ('{refs[0]}: …'), or "
                     "put each action on a row of its own")
        return [""] * len(items)

    def _items(self, row: Row) -> list[tuple[str, str, str | None]]:
        """(ref, title, parent ref) of each action on the row."""
        c = row.cells
        text, ref = c.get("action", ""), c.get("action_ref", "")
        parent = c.get("parent") or None
        if ref:
            return [(ref, text.strip(), parent)]
        if not text:
            return []
        items: list[list[str]] = []
        for line in cells.lines(text):
            m = _ACTION_LINE.fullmatch(line)
            if m:
                items.append([m[1], m[2]])
            elif items:
                items[-1][1] += " " + line
            else:
                items.append([self._next_ref(), line])
        return [(r, t, parent) for r, t in items]

    def _next_ref(self) -> str:
        actions = self.rec.get("actions", []) if self.rec else []
        numbers = [int(a["id"]) for a in actions if str(a["id"]).isdigit()]
        return str(max(numbers, default=0) + 1)

    def _split(self, row: Row, column: str, items: list[tuple[str, str, str | None]]) -> list[str]:
        """A deadline or lead cell for several actions on one row: one line each, or one for all
        the sub-actions, or one line for the row's main action."""
        text = row.cells.get(column, "")
        parts = cells.lines(text) if column == "due" or len(items) > 1 else [text.strip()]
        if len(items) == 1:
            return [text.strip()]
        if not parts:
            return [""] * len(items)
        if len(parts) == len(items):
            return parts
        mains = [i for i, (ref, _, _) in enumerate(items) if ref.isdigit()]
        subs = [i for i in range(len(items)) if i not in mains]
        if len(parts) == len(subs):
            out = [""] * len(items)
            for i, part in zip(subs, parts, strict=True):
                out[i] = part
            return out
        if len(parts) == 1 and len(mains) == 1:
            out = [""] * len(items)
            out[mains[0]] = parts[0]
            return out
        if len(parts) == 1 and not mains:  # one for every sub-action on the row
            return parts * len(items)
        self.problem(row, column, f"{len(parts)} lines in {FIELDS[column][0]} for {len(items)} actions: give one line "
                     "per action, in order, or put each action on a row of its own")
        return [""] * len(items)

    def _place(self, row: Row, action: dict[str, Any], parent: str | None) -> None:
        assert self.rec is not None
        top = self.rec.setdefault("actions", [])
        owner: dict[str, Any] | None = None
        if parent is not None:
            owner = _find(top, parent)
            if owner is None:
                raise CellError(f"sub-action {action['id']} belongs to action {parent}, which recommendation "
                                f"{self.rec['ref']} does not have above this row")
        elif self.action is not None and not action["id"].isdigit():
            main = next((a for a in top if a is self.action or _find([a], self.action["id"]) is not None), None)
            if main and action["id"].startswith(main["id"]) and action["id"][len(main["id"]):].isalpha():
                owner = main
        if _find(top, action["id"]) is not None:
            raise CellError(f"recommendation {self.rec['ref']} already has an action {action['id']}: "
                            "each action needs its own id")
        siblings = owner.setdefault("actions", []) if owner is not None else top
        siblings.append(action)
        if owner is None:
            self.action = action
        self._mark(row, self._action_loc(action))

    def _action_loc(self, action: dict[str, Any]) -> tuple[Any, ...]:
        assert self.rec is not None
        return (*self._rec_loc(), *_path(self.rec.get("actions", []), action))

    def _rec_loc(self) -> tuple[Any, ...]:
        recs, loc = self._recs()
        assert self.rec is not None
        return (*loc, recs.index(self.rec))

    def _other(self, row: Row) -> dict[str, dict[str, Any]]:
        text = row.cells.get("other", "")
        if not text.strip():
            return {}
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as err:
            raise CellError(f"Other fields is not YAML: {str(err).splitlines()[0]}") from None
        levels = {"theme", "outcome", "recommendation", "action"}
        if not isinstance(data, dict) or set(data) - levels or not all(isinstance(v, dict) for v in data.values()):
            raise CellError("Other fields holds a mapping for each of theme, outcome, recommendation or action, "
                            "such as 'action: {team: Finance}'")
        return data

    def _mark(self, row: Row, loc: tuple[Any, ...]) -> None:
        self.out.rows[("plan", *loc)] = row

    def finish(self) -> Imported:
        plan = self.out.plan
        for name in ("themes", "recommendations"):
            if not plan[name]:
                del plan[name]
        return self.out


def _find(actions: list[dict[str, Any]], ref: str) -> dict[str, Any] | None:
    """The action with id `ref` among `actions` and their sub-actions, or None."""
    return next((action for _, action, _ in action_tree(actions, sub_actions) if action["id"] == ref), None)


def _path(actions: list[dict[str, Any]], target: dict[str, Any]) -> tuple[Any, ...]:
    """Where `target` is among `actions` and their sub-actions: ("actions", i, "actions", j …)."""
    return next((path for path, action, _ in action_tree(actions, sub_actions) if action is target), ())


def read_rows(rows: list[Row], plan_id: str, codes: list[str], directory: Directory | None = None,
              statuses: Callable[[str], str | None] | None = None, file: str = "") -> tuple[Imported, list[str]]:
    """A plan's data from its rows, in order, and notes on where cells were placed (`file` names them)."""
    reader = Reader(plan_id, codes, directory, statuses)
    reader.file = file
    for row in rows:
        reader.add(row)
    return reader.finish(), reader.notes
