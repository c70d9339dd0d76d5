"""Spreadsheet and JSON files in and out: `planportal import` and `planportal export`.

Import reads an .xlsx, .csv or open-data .json file into one plan's data (rows.py
places the rows), checks it with the model, and reports every row it cannot place as
`FILE:Sheet:ROW: message`. Export writes the whole portal or one plan as CSV, XLSX (a sheet of
actions and a sheet of plan details) or JSON (opendata.py); importing an export gives the
same plan back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
import yaml
from pydantic import ValidationError

from planportal.exchange.cells import cell_text
from planportal.exchange.columns import DEFAULT_MAPPING, Mapping
from planportal.exchange.opendata import FORMAT, portal_json
from planportal.exchange.reader import read_rows
from planportal.exchange.rows import Row
from planportal.exchange.writer import plan_rows, printable, table, yaml_text
from planportal.portal.joined import Portal
from planportal.portal.publications import portal_date
from planportal.source.model import Plan, PlanPortalFile
from planportal.source.plaindata import to_data

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan-portal.schema.json"
PLAN_FIELDS = [n for n in Plan.model_fields if n not in ("themes", "recommendations")]
ACTIONS_SHEET, PLANS_SHEET = "Actions", "Plans"
PLANS_HEADINGS = ["Plan", "Field", "Value", "As YAML"]


@dataclass
class Result:
    """What an import made: the plan file's data, and the problems (each `FILE:Sheet:ROW: message`)."""

    document: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- export --------------------------------------------------------------------


def _codes(portal: Portal) -> list[str]:
    return [s.code for s in portal.settings.sources]


def export_rows(portal: Portal, plan_id: str | None = None,
                plan_data: dict[str, Any] | None = None) -> list[dict[str, str]]:
    """The spreadsheet rows of the portal's actions, or of one plan's (whose `plan_data`, as
    plaindata.to_data gives it, may be passed when already made)."""
    return [row for e in portal.plans if plan_id in (None, e.id)
            for row in plan_rows(e.id, plan_data if plan_data is not None else to_data(e.plan), _codes(portal))]


def plan_details(portal: Portal, plan_id: str | None = None) -> list[list[str]]:
    """The Plans sheet: one row per plan field (title, authority, state …), YAML where a cell cannot hold it."""
    rows = [PLANS_HEADINGS]
    for entry in portal.plans:
        if plan_id not in (None, entry.id):
            continue
        data = to_data(entry.plan)
        for name in PLAN_FIELDS:
            if name in data:
                value = data[name]
                plain = isinstance(value, str) and "\n" not in value and value == printable(value.strip())
                rows.append([entry.id, name, value if plain else yaml_text(value), "" if plain else "yes"])
    return rows


_FORMULA = re.compile(r"'*[=+@\t\r]|'*-[^\s\d]")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet opening the CSV will show as text, never run as a formula: text that
    starts like one (=, +, @, -x) gets a leading ' (and so does text that already starts with 's
    before one), which `csv_text` takes off again.

    >>> [csv_cell(t) for t in ("=1+1", "- a list", "-1", "'=x", "Plan")]
    ["'=1+1", '- a list', '-1', "''=x", 'Plan']
    """
    return "'" + text if _FORMULA.match(text) else text


def csv_text(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell[1:]) else cell


def csv_bytes(portal: Portal, plan_id: str | None = None, rows: list[dict[str, str]] | None = None) -> bytes:
    """The actions as CSV; `rows` from export_rows when already made."""
    out = io.StringIO()
    cells = table(export_rows(portal, plan_id) if rows is None else rows)
    csv.writer(out, lineterminator="\r\n").writerows([[csv_cell(c) for c in row] for row in cells])
    return out.getvalue().encode("utf-8-sig")  # the byte order mark tells Excel it is UTF-8


def xlsx_bytes(portal: Portal, plan_id: str | None = None, rows: list[dict[str, str]] | None = None) -> bytes:
    """The workbook: Actions (one row per action) and Plans (each plan's details). Dated from the
    data, never the clock, so the same plans give the same bytes. `rows` from export_rows when already made."""
    day = max(portal_date(portal) or dt.date(1980, 1, 1), dt.date(1980, 1, 1))
    out = io.BytesIO()
    # Every cell is text, whatever it starts with: never a formula, a number or a link.
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False})
    book.set_properties({"author": "planportal", "created": dt.datetime.combine(day, dt.time())})
    _fill(book, ACTIONS_SHEET, table(export_rows(portal, plan_id) if rows is None else rows))
    _fill(book, PLANS_SHEET, plan_details(portal, plan_id))
    book.close()
    return out.getvalue()


def _fill(book: xlsxwriter.Workbook, name: str, rows: list[list[str]]) -> None:
    """A sheet of text, wrapped and top-aligned, the first row bold and frozen."""
    sheet = book.add_worksheet(name)
    body = book.add_format({"text_wrap": True, "valign": "top"})
    heading = book.add_format({"text_wrap": True, "valign": "top", "bold": True})
    for r, row in enumerate(rows):
        style = heading if r == 0 else body
        for c, value in enumerate(row):
            sheet.write_string(r, c, _fits(printable(value)), style)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, len(rows[0]) - 1, 24)


CELL_LIMIT = 32_767  # characters a spreadsheet cell holds (Excel's limit)
CUT_NOTE = " … [cut short: a spreadsheet cell holds 32,767 characters; the CSV and JSON downloads have it all]"


def _fits(text: str) -> str:
    """Text cut to what a cell holds, saying so (rather than a workbook Excel cannot open, or cut silently)."""
    return text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE


def export(portal: Portal, fmt: str, plan_id: str | None = None) -> bytes:
    if fmt == "json":
        return portal_json(portal, plan_id)
    return csv_bytes(portal, plan_id) if fmt == "csv" else xlsx_bytes(portal, plan_id)


# --- import --------------------------------------------------------------------


def read_sheets(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet of a workbook (or the one 'sheet' of a CSV, named after the file) as rows of text."""
    if path.suffix.lower() == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        return {path.stem: [[csv_text(cell_text(c)) for c in row] for row in csv.reader(io.StringIO(text))]}
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        return {sheet.title: [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                for sheet in book.worksheets}
    finally:
        book.close()


def _header(rows: list[list[str]], mapping: Mapping) -> int | None:
    """The index of the heading row: the one naming most fields (at least two) among the first 30."""
    if mapping.header_row is not None:
        return mapping.header_row - 1 if mapping.header_row <= len(rows) else None
    best, index = 1, None
    for i, row in enumerate(rows[:30]):
        named = {mapping.field_of(cell) for cell in row} - {None, "ignore"}
        if len(named) > best and named & {"ref", "action", "text"}:
            best, index = len(named), i
    return index


def table_rows(name: str, sheet: str, rows: list[list[str]], mapping: Mapping) -> tuple[list[Row], list[str]]:
    """The data rows of a sheet as Rows by field, and problems with its headings."""
    where = f"{name}:{sheet}"
    header = _header(rows, mapping)
    if header is None:
        return [], [f"{where}:1: no row of headings found: the sheet needs headings such as 'Recommendation Ref', "
                    "'Recommendation' and 'Main Action and supporting Sub-Actions' (or a mapping file)"]
    problems: list[str] = []
    columns: dict[int, str] = {}
    for c, heading in enumerate(rows[header]):
        column = mapping.field_of(heading)
        if column in columns.values() and column != "ignore":
            problems.append(f"{where}:{header + 1}: two columns are {heading!r}: keep one, or map one to ignore")
        elif column is not None:
            columns[c] = column
        elif heading or any(c < len(r) and r[c] for r in rows[header + 1:]):
            letter = openpyxl.utils.get_column_letter(c + 1)
            problems.append(f"{where}:{header + 1}: column {letter} {heading!r} is not a known heading, so its cells "
                            "would be lost: name its field in a mapping file (columns:), or list it under ignore:")
    data = [Row(sheet, header + 2 + i, {f: row[c] for c, f in columns.items() if c < len(row) and f != "ignore"})
            for i, row in enumerate(rows[header + 1:])]
    return data, problems


def _directory(portal: Portal | None) -> tuple[dict[str, str], list[str], str | None]:
    """Person look-up (id, name or role → id), source codes and the authority, from the portal if there is one."""
    if portal is None:
        return {}, [], None
    people: dict[str, str] = {}
    for person in portal.people.values():
        for key in (person.role if isinstance(person.role, str) else None, person.name, person.id):
            if key:
                people[key.casefold()] = person.id
    authority = portal.settings.authority
    return people, _codes(portal), authority if isinstance(authority, str) else None


def import_file(path: Path, plan_id: str, mapping: Mapping = DEFAULT_MAPPING,
                portal: Portal | None = None) -> Result:
    """One plan's file data from a spreadsheet or open-data JSON file."""
    if path.suffix.lower() == ".json":
        return _import_json(path, plan_id)
    name = path.name
    sheets = read_sheets(path)
    sheet = mapping.sheet or (ACTIONS_SHEET if ACTIONS_SHEET in sheets else next(iter(sheets), ""))
    if sheet not in sheets:
        return Result(problems=[f"{name}: no sheet {sheet!r}: the sheets are {', '.join(sheets)}"])
    rows, problems = table_rows(name, sheet, sheets[sheet], mapping)
    people, codes, authority = _directory(portal)
    imported = read_rows(rows, plan_id, codes, people)
    problems += [f"{name}:{row.sheet}:{row.number}: {message}" if row else f"{name}: {message}"
                 for row, message in imported.problems]
    details, notes = _details(name, sheets.get(PLANS_SHEET), plan_id, problems)
    plan = {**details, **imported.plan}
    for key, default in (("title", plan_id), ("authority", authority or "Not stated"), ("level", "detailed"),
                         ("state", "draft")):
        if key not in plan:
            plan[key] = default
            notes.append(f"{key}: {default!r} (not in {name}): check it in the plan file")
    plan = {k: plan[k] for k in [*PLAN_FIELDS, "themes", "recommendations"] if k in plan}
    if imported.skipped:
        notes.append(f"{imported.skipped} row(s) of other plans left out (Plan column is not {plan_id})")
    document = {"plan": plan, **({"people": imported.people} if imported.people else {})}
    if not problems:
        problems += _model_problems(name, document, imported.rows)
    return Result(document, problems, notes)


def _details(name: str, rows: list[list[str]] | None, plan_id: str,
             problems: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The plan's own fields from the Plans sheet, if there is one."""
    details: dict[str, Any] = {}
    if not rows:
        return details, []
    for number, row in enumerate(rows[1:], start=2):
        cells = (row + ["", "", "", ""])[:4]
        plan, key, value, as_yaml = cells
        if plan != plan_id or not key:
            continue
        if key not in PLAN_FIELDS:
            problems.append(f"{name}:{PLANS_SHEET}:{number}: {key!r} is not a plan field: use one of "
                            f"{', '.join(PLAN_FIELDS)}")
            continue
        try:
            details[key] = yaml.safe_load(value) if as_yaml.strip().lower() == "yes" else value
        except yaml.YAMLError:
            problems.append(f"{name}:{PLANS_SHEET}:{number}: {key}: the value is marked As YAML but is not YAML")
    return details, []


def _model_problems(name: str, document: dict[str, Any], rows: dict[tuple[Any, ...], Row]) -> list[str]:
    """What the model says is wrong, each at the row the part came from."""
    try:
        PlanPortalFile.model_validate(document)
    except ValidationError as err:
        found = []
        for error in err.errors():
            loc = tuple(error["loc"])
            row = next((rows[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in rows), None)
            where = f"{name}:{row.sheet}:{row.number}" if row else f"{name}:{PLANS_SHEET}"
            field_name = ".".join(str(p) for p in loc[-2:])
            found.append(f"{where}: {field_name}: {str(error['msg']).removeprefix('Value error, ')}")
        return found
    return []


def _import_json(path: Path, plan_id: str) -> Result:
    name = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        return Result(problems=[f"{name}: not JSON ({err})"])
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return Result(problems=[f"{name}: not a planportal open-data file (its \"format\" is not {FORMAT!r})"])
    plan = next((p for p in data.get("plans", []) if isinstance(p, dict) and p.get("id") == plan_id), None)
    if plan is None:
        ids = ", ".join(str(p.get("id")) for p in data.get("plans", []) if isinstance(p, dict))
        return Result(problems=[f"{name}: no plan {plan_id!r} in it: it has {ids or 'none'}"])
    document = {"plan": plan["plan"]}
    try:
        PlanPortalFile.model_validate(document)
    except ValidationError as err:
        return Result(problems=[f"{name}: plans[{plan_id}].{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                for e in err.errors()])
    return Result(document)


def plan_yaml(document: dict[str, Any], source: str) -> str:
    """The plan file text: the schema line, where it came from, then the data."""
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return (f"{SCHEMA_LINE}\n#\n# Imported from {source} by `planportal import`: check it, then set state: final once "
            "the plan is approved.\n\n" + body)
