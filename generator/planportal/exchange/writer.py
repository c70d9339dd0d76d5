"""Rows out of plans, for export and for the site's CSV and XLSX downloads: one row per action, with
the columns councils use (columns.py), each cell as staff and inspectors read it (cells.py): leads
and partners by name, where each action stands in words (Status) and whether it is overdue, dates as
written in the plan. No cell holds YAML.

What a cell cannot say exactly (a Welsh translation, a note on a deadline, an action's team …) stays
in the plan file: importing the spreadsheet into the plan it came from changes only what its cells
changed (merge.py), so the round trip loses nothing. The open-data JSON carries everything, by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from planportal.exchange import cells
from planportal.exchange.columns import EXPORT_FIELDS, FIELDS
from planportal.exchange.rows import ACTION, OUTCOME, RECOMMENDATION, THEME, codecs, sub_actions
from planportal.portal.joined import Portal, action_tree
from planportal.source.statuses import LABELS, RAG_LABELS
from planportal.text.language import pick
from planportal.text.markdown import SAFE_DUMPER


@dataclass(frozen=True)
class Names:
    """The words cells give for ids: a person's name and role, a partner's name."""

    people: dict[str, str] = field(default_factory=dict)
    partners: dict[str, str] = field(default_factory=dict)

    def of(self, ident: str) -> str:
        """The words for an id: ';' and line breaks, which part a cell's names, as ','."""
        words = self.people.get(ident) or self.partners.get(ident) or ident
        return cell_words(words)

    def write(self, idents: list[str] | str) -> str:
        return "; ".join(self.of(i) for i in ([idents] if isinstance(idents, str) else idents))


def cell_words(words: str) -> str:
    """Words as a cell of names gives them, where ';' and line breaks part one name from the next."""
    return " ".join(words.replace(";", ",").split())


def person_words(name: str | None, role: str | None, ident: str) -> str:
    """'Sue Fiennes, Director of Children's Services': a person's name and role, as a cell names them."""
    return ", ".join(p for p in (name, role) if p) or ident


def names_of(portal: Portal) -> Names:
    default = portal.settings.languages[0]
    return Names({p.id: person_words(p.name, pick(p.role, default, default) if p.role else None, p.id)
                  for p in portal.people.values()},
                 {p.id: pick(p.name, default, default) for p in portal.partners.values()})


@dataclass(frozen=True)
class Standing:
    """Where one action stands, for its Status and Overdue cells."""

    status: str
    overdue: bool


def status_cells(standing: Standing | None) -> dict[str, str]:
    if standing is None:
        return {}
    return {"status": str(LABELS[standing.status]), "overdue": "Yes" if standing.overdue else "No"}  # type: ignore[index]


def rag_cell(action: dict[str, Any]) -> dict[str, str]:
    """The Latest RAG rating cell: the rating of the action's latest progress entry giving one, in words.

    >>> rag_cell({"progress": [{"rag": "green"}, {"rag": "amber"}, {"text": "no rating"}]}), rag_cell({})
    ({'rag': 'Amber'}, {})
    """
    rag = next((e["rag"] for e in reversed(action.get("progress", [])) if isinstance(e, dict) and e.get("rag")), None)
    return {"rag": RAG_LABELS.get(rag, str(rag))} if rag else {}


# --- export --------------------------------------------------------------------


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """Text a spreadsheet (and XML) can hold: control characters shown as \ufffd (the plan file keeps
    the value as it is: an import leaves a cell that still says what the export wrote alone)."""
    return _UNPRINTABLE.sub("\ufffd", text)


CELL_LIMIT = 32_767  # characters a spreadsheet cell holds (Excel's limit)
CUT_NOTE = " … [cut short: a spreadsheet cell holds 32,767 characters; the CSV and JSON downloads have it all]"


def fits(text: str) -> str:
    """Text cut to what a cell holds, saying so (rather than a workbook Excel cannot open, or cut silently)."""
    return text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE


class RowWriter:
    """The cells of one plan's parts, each field written by its codec."""

    def __init__(self, codes: list[str], names: Names) -> None:
        self.codecs = codecs(codes)
        self.names = names

    def cells(self, data: dict[str, Any], columns: dict[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for column, name in columns.items():
            if column == "partners":
                text = self.partners(data)
            elif name not in data:
                continue
            elif column in ("lead", "outcome_lead"):
                text = self.names.write(data[name])
            else:
                text = self.codecs[column][0](data[name]) if column in self.codecs else cells.text_of(data[name])
            if text:
                out[column] = printable(text)
        return out

    def partners(self, action: dict[str, Any]) -> str:
        """Partners by name, then the partners named in words only (partners_text)."""
        named = self.names.write(action.get("partners", [])) if action.get("partners") else ""
        words = cells.text_of(action.get("partners_text")) if action.get("partners_text") else ""
        return "; ".join(p for p in (named, words) if p)


def plan_rows(plan_id: str, plan: dict[str, Any], codes: list[str], names: Names | None = None,
              standings: dict[tuple[str, str], Standing] | None = None) -> list[dict[str, str]]:
    """The rows of one plan (plan data as `plaindata.to_data` gives it), each {field: cell text};
    `standings` by (recommendation ref, action id) fill the Status and Overdue columns."""
    writer = RowWriter(codes, names or Names())
    rows: list[dict[str, str]] = []
    groups: list[tuple[dict | None, dict | None, list[dict]]] = []
    for theme in plan.get("themes", []):
        groups.append((theme, None, []))
        for outcome in theme.get("outcomes", []):
            groups.append((theme, outcome, outcome.get("recommendations", [])))
    groups.append((None, None, plan.get("recommendations", [])))
    for theme, outcome, recs in groups:
        place = {"plan": plan_id}
        for data, columns in ((theme, THEME), (outcome, OUTCOME)):
            if data is not None:
                place.update(writer.cells(data, columns))
        if not recs and (outcome is not None or theme is not None and not theme.get("outcomes")):
            rows.append(place)
            continue
        for rec in recs:
            first = {**place, **writer.cells(rec, RECOMMENDATION)}
            actions = [(action, parent["id"] if parent is not None else None) for _, action, parent
                       in action_tree(rec.get("actions", []), sub_actions)] or [({}, None)]
            for action, parent in actions:
                row = {**(first or place), **writer.cells(action, ACTION), **({"parent": parent} if parent else {})}
                if action:
                    row.update(status_cells((standings or {}).get((rec["ref"], action["id"]))))
                    row.update(rag_cell(action))
                rows.append(row)
                first = {}
    return rows


def yaml_text(value: Any) -> str:
    """A value as YAML for one cell (the Plans sheet's values that words cannot give)."""
    return yaml.dump(value, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=100).strip()


def headings(with_plan: bool = True, names: dict[str, list[str]] = FIELDS) -> list[str]:
    """The export's headings: each field's first name in `names` (FIELDS, or with_levels' for one plan)."""
    return [names[f][0] for f in (["plan"] if with_plan else []) + EXPORT_FIELDS]


def table(rows: list[dict[str, str]], with_plan: bool = True,
          names: dict[str, list[str]] = FIELDS) -> list[list[str]]:
    fields = (["plan"] if with_plan else []) + EXPORT_FIELDS
    return [headings(with_plan, names)] + [[row.get(f, "") for f in fields] for row in rows]
