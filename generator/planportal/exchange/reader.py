"""Plans out of rows, for import: rows read in order, each placed under its theme, outcome,
recommendation and action, and every row that cannot be placed reported by sheet and row number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from planportal.exchange import cells
from planportal.exchange.cells import CellError
from planportal.exchange.columns import FIELDS
from planportal.exchange.rows import ACTION, RECOMMENDATION, Row, codecs, ids, sub_actions
from planportal.portal.joined import action_tree
from planportal.source.plaindata import at


@dataclass
class Imported:
    """A plan read from rows: its data, the people it names that the directory lacks, the
    rows each part came from (by its place in the data), and every problem."""

    plan: dict[str, Any] = field(default_factory=dict)
    people: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[tuple[Any, ...], Row] = field(default_factory=dict)
    problems: list[tuple[Row | None, str]] = field(default_factory=list)
    skipped: int = 0


_ACTION_LINE = re.compile(r"(\d+[a-z]{0,2}|[a-z])(?:[.):]\s*|\s+)(\S.*)")


class Reader:
    """Builds a plan's data from rows in order, keeping track of the theme, outcome,
    recommendation and action each row continues."""

    def __init__(self, plan_id: str, codes: list[str], directory: dict[str, str]) -> None:
        self.plan_id = plan_id
        self.codecs = codecs(codes)
        self.directory = directory  # casefolded id, name or role → person id
        self.out = Imported(plan={"themes": [], "recommendations": []})
        self.theme: dict[str, Any] | None = None
        self.outcome: dict[str, Any] | None = None
        self.rec: dict[str, Any] | None = None
        self.action: dict[str, Any] | None = None
        self.loc: dict[int, tuple[Any, ...]] = {}
        self.plan_of_row = plan_id
        self.first_cells: dict[int, tuple[Row, dict[str, str]]] = {}

    def person(self, text: str) -> str:
        """The person id a lead cell means: a directory id, name or role; else a new person."""
        key = text.casefold()
        if key in self.directory:
            return self.directory[key]
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-_")[:60] or "lead"
        base, n = slug, 1
        while slug.casefold() in self.directory:
            n += 1
            slug = f"{base}-{n}"
        self.directory[key] = self.directory[slug.casefold()] = slug
        self.out.people.append({"id": slug, "role": text})
        return slug

    def read(self, row: Row, column: str) -> Any:
        """A cell's value, or None (and a problem noted) if it cannot be read: the rest of the
        row is still read, so that every bad cell of a row is reported at once."""
        text = row.cells.get(column, "")
        try:
            value = self.codecs[column][1](text) if column in self.codecs else text.strip()
        except CellError as err:
            self.out.problems.append((row, str(err)))
            return None
        if column in ("lead", "outcome_lead"):
            value = [self.person(p) for p in value]
        return value

    def add(self, row: Row) -> None:
        try:
            self._add(row)
        except CellError as err:
            self.out.problems.append((row, str(err)))

    def _add(self, row: Row) -> None:
        c = row.cells
        other = self._other(row)
        if c.get("plan"):
            self.plan_of_row = c["plan"]
        if self.plan_of_row != self.plan_id:
            self.out.skipped += 1
            return
        if not any(v for k, v in c.items() if k not in ("plan",)):
            return
        heading = self._heading_row(row)
        if heading:
            return
        if c.get("theme") and (self.theme is None or self.theme["id"] != c["theme"]):
            self.theme = {"id": c["theme"], "title": c.get("theme_title") or c["theme"], "outcomes": []}
            self.out.plan["themes"].append(self.theme)
            self.outcome = self.rec = self.action = None
            self._mark(row, ("themes", len(self.out.plan["themes"]) - 1))
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

    def _same_as_first(self, row: Row, columns: tuple[str, ...], part: dict[str, Any] | None) -> None:
        """A theme's or outcome's cells repeated on later rows must say what its first row said:
        a different title or lead there would otherwise be lost without a word."""
        if part is None:
            return
        first = self.first_cells.setdefault(id(part), (row, {c: row.cells.get(c, "") for c in columns}))
        for column in columns:
            said = row.cells.get(column, "")
            if said and said != first[1][column]:
                self.out.problems.append((row, f"{FIELDS[column][0]} {said!r} differs from row {first[0].number}, "
                                               f"where this {column.split('_')[0]} starts: change it there"))

    def _heading_row(self, row: Row) -> bool:
        """A 004-style heading row: one cell 'Improvement Theme 1: …' or 'Outcome 1.1 …'."""
        filled = [v for v in row.cells.values() if v]
        if len(filled) != 1:
            return False
        m = re.fullmatch(r"(?:improvement\s+)?theme\s+(\S+?)[:.]?\s+(.+)", filled[0], re.IGNORECASE | re.DOTALL)
        if m:
            self._add(Row(row.sheet, row.number, {"theme": m[1], "theme_title": m[2].strip()}))
            return True
        m = re.fullmatch(r"outcome\s+(\S+?)[:.]?\s+(.+)", filled[0], re.IGNORECASE | re.DOTALL)
        if m:
            self._add(Row(row.sheet, row.number, {"outcome": m[1], "outcome_title": m[2].strip()}))
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
        earlier = next((r for key, r in self.out.rows.items() if key[-2:-1] == ("recommendations",)
                        and at(self.out.plan, key[1:]).get("ref") == row.cells["ref"]), None)
        if earlier is not None:
            raise CellError(f"recommendation {row.cells['ref']} is already on row {earlier.number}: a ref is given "
                            "once, or on each row of the same recommendation one after another")
        rec: dict[str, Any] = {"ref": row.cells["ref"]}
        for column, name in RECOMMENDATION.items():
            if column != "ref" and row.cells.get(column) and (value := self.read(row, column)) is not None:
                rec[name] = value
        rec.setdefault("text", "")
        if not rec["text"]:
            self.out.problems.append((row, f"recommendation {rec['ref']} has no text: fill the Recommendation column"))
        recs.append(rec)
        self.rec, self.action = rec, None
        self._mark(row, (*loc, len(recs) - 1))

    def _continue_recommendation(self, row: Row) -> None:
        assert self.rec is not None
        for column, name in RECOMMENDATION.items():
            if column == "ref" or not row.cells.get(column):
                continue
            value = self.read(row, column)
            if value is None or self.rec.get(name) == value:
                continue  # the same cell repeated on each row of the recommendation
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
            if extra and self.action is not None:
                self.action.update(extra)
            return
        if self.rec is None:
            raise CellError("an action with no recommendation above it: give the Recommendation Ref first")
        dues = self._split(row, "due", items)
        leads = self._split(row, "lead", items)
        for i, (ref, title, parent) in enumerate(items):
            action: dict[str, Any] = {"id": ref, "title": title}
            if dues[i] and (due := self.read(Row(row.sheet, row.number, {"due": dues[i]}), "due")) is not None:
                action["due"] = due
            if leads[i]:
                action["lead"] = [self.person(p) for p in ids(leads[i])]
            if i == len(items) - 1:
                for column in ("partners", "progress"):
                    if c.get(column) and (value := self.read(row, column)) is not None:
                        action[ACTION[column]] = value
                action.update(extra)
            self._place(row, action, parent)

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
        raise CellError(f"{len(parts)} lines in {FIELDS[column][0]} for {len(items)} actions: give one line per "
                        "action, in order, or put each action on a row of its own")

    def _place(self, row: Row, action: dict[str, Any], parent: str | None) -> None:
        assert self.rec is not None
        rec_loc = self._rec_loc()
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
        path = _path(top, action)
        self._mark(row, (*rec_loc, *path))

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


def read_rows(rows: list[Row], plan_id: str, codes: list[str], directory: dict[str, str]) -> Imported:
    """A plan's data from its rows, in order."""
    reader = Reader(plan_id, codes, directory)
    for row in rows:
        reader.add(row)
    return reader.finish()
