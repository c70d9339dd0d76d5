"""Spreadsheet and JSON files in and out: `planportal import` and `planportal export`.

Import reads an .xlsx, .csv or open-data .json file into one plan's data (reader.py places the
rows), merges it into the plan file already there (merge.py: what the spreadsheet holds replaces
what it came from, the rest of the file stays as it was), checks it with the model, and reports
every cell it cannot use as `FILE:Sheet:ROW:COLUMN: message`. Export writes the whole portal or one
plan as CSV, XLSX (a sheet of actions and a sheet of plan details) or JSON (opendata.py); importing
an export into the plan it came from changes nothing, byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
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

from planportal.exchange.cells import CellError, cell_text, read_date, read_due, text_of
from planportal.exchange.columns import DEFAULT_MAPPING, FIELDS, Mapping, level_words, with_levels
from planportal.exchange.merge import apply_statuses, column_of, key_at, keys_of, merge, norm, one_id
from planportal.exchange.opendata import FORMAT, plan_standing, portal_json
from planportal.exchange.reader import Directory, Imported, read_rows
from planportal.exchange.rows import Row
from planportal.exchange.writer import (
    Names,
    Standing,
    fits,
    names_of,
    person_words,
    plan_rows,
    printable,
    table,
    yaml_text,
)
from planportal.portal.joined import PlanEntry, Portal
from planportal.portal.publications import portal_date
from planportal.source.model import Plan, PlanPortalFile
from planportal.source.plaindata import to_data
from planportal.source.problems import Problem
from planportal.source.yamledit import EditError, dump, edit
from planportal.source.yamlfile import YamlError, parse_yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan-portal.schema.json"
PLAN_FIELDS = [n for n in Plan.model_fields if n not in ("themes", "recommendations")]
ACTIONS_SHEET, PLANS_SHEET = "Actions", "Plans"
PLANS_HEADINGS = ["Plan", "Field", "Value", "As YAML"]


@dataclass
class Result:
    """What an import made: the plan file's data and text, the problems (each `FILE:Sheet:ROW:COLUMN:
    message`, the cell to change), notes, and what it needs to place later problems at their cells."""

    document: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ""
    imported: Imported | None = None
    existing: str | None = None  # the text of the plan file the import was merged into


# --- export --------------------------------------------------------------------


def _codes(portal: Portal) -> list[str]:
    return [s.code for s in portal.settings.sources]


def standings(entry: PlanEntry) -> dict[tuple[str, str], Standing]:
    """Where each action of a plan stands, by (recommendation ref, action id), as the site shows it."""
    return {(s["recommendation"], s["action"]): Standing(s["status"], s["overdue"]) for s in plan_standing(entry)}


def export_rows(portal: Portal, plan_id: str | None = None, plan_data: dict[str, Any] | None = None,
                names: Names | None = None) -> list[dict[str, str]]:
    """The spreadsheet rows of the portal's actions, or of one plan's (whose `plan_data`, as
    plaindata.to_data gives it, may be passed when already made)."""
    names = names or names_of(portal)
    return [row for e in portal.plans if plan_id in (None, e.id)
            for row in plan_rows(e.id, plan_data if plan_data is not None else to_data(e.plan), _codes(portal), names,
                                 standings(e))]


def detail_cell(value: Any) -> tuple[str, str]:
    """A plan field's Value and As YAML cells: text in words (a translation's first language), else YAML."""
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        value = text_of(value)
    if isinstance(value, str) and value == printable(value.strip()):
        return value, ""
    return yaml_text(value), "yes"


def plan_details(portal: Portal, plan_id: str | None = None) -> list[list[str]]:
    """The Plans sheet: one row per plan field (title, authority, state …), YAML where words cannot hold it."""
    rows = [PLANS_HEADINGS]
    for entry in portal.plans:
        if plan_id not in (None, entry.id):
            continue
        data = to_data(entry.plan)
        rows += [[entry.id, name, *detail_cell(data[name])] for name in PLAN_FIELDS if name in data]
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


def plan_headings(portal: Portal, plan_id: str | None) -> dict[str, list[str]]:
    """The headings of one plan's export, in its own words for its levels; a whole portal's, the
    portal's words (its plans may name their levels differently)."""
    entry = next((e for e in portal.plans if e.id == plan_id), None)
    if entry is None or entry.plan.levels is None:
        return FIELDS
    return with_levels(FIELDS, level_words(to_data(entry.plan.levels)))


def csv_bytes(portal: Portal, plan_id: str | None = None, rows: list[dict[str, str]] | None = None) -> bytes:
    """The actions as CSV; `rows` from export_rows when already made."""
    out = io.StringIO()
    cells = table(export_rows(portal, plan_id) if rows is None else rows, names=plan_headings(portal, plan_id))
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
    _fill(book, ACTIONS_SHEET, table(export_rows(portal, plan_id) if rows is None else rows,
                                     names=plan_headings(portal, plan_id)))
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


_fits = fits


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


def letter(column: int) -> str:
    """A column's letter as spreadsheets name it, from 0: 0 is A, 27 is AB."""
    return str(openpyxl.utils.get_column_letter(column + 1))


def table_rows(name: str, sheet: str, rows: list[list[str]], mapping: Mapping) -> tuple[list[Row], list[str]]:
    """The data rows of a sheet as Rows by field, and problems with its headings."""
    where = f"{name}:{sheet}"
    header = _header(rows, mapping)
    if header is None:
        return [], [f"{where}:1:A: no row of headings found: the sheet needs headings such as 'Recommendation Ref', "
                    "'Recommendation' and 'Main Action and supporting Sub-Actions' (or a mapping file)"]
    problems: list[str] = []
    columns: dict[int, str] = {}
    for c, heading in enumerate(rows[header]):
        column = mapping.field_of(heading)
        if column in columns.values() and column != "ignore":
            problems.append(f"{where}:{header + 1}:{letter(c)}: two columns are {heading!r}: keep one, or map one to "
                            "ignore")
        elif column is not None:
            columns[c] = column
        elif heading or any(c < len(r) and r[c] for r in rows[header + 1:]):
            problems.append(f"{where}:{header + 1}:{letter(c)}: column {letter(c)} {heading!r} is not a known heading, "
                            "so its cells would be lost: name its field in a mapping file (columns:), or list it under "
                            "ignore:")
    letters = {f: letter(c) for c, f in columns.items() if f != "ignore"}
    data = [Row(sheet, header + 2 + i, {f: row[c] for c, f in columns.items() if c < len(row) and f != "ignore"},
                letters) for i, row in enumerate(rows[header + 1:])]
    return data, problems


def directory(portal: Portal | None, existing: dict[str, Any] | None = None) -> Directory:
    """Who and what cells may name: the portal's people and partners (else the plan file's own), each by
    id, name, role and 'name, role'."""
    found = Directory()
    people: list[tuple[str, Any, Any]]
    partners: list[tuple[str, Any]]
    if portal is not None:
        people = [(p.id, p.name, p.role) for p in portal.people.values()]
        partners = [(p.id, p.name) for p in portal.partners.values()]
    else:
        people = [(str(p.get("id")), p.get("name"), p.get("role")) for p in (existing or {}).get("people") or []
                  if isinstance(p, dict)]
        partners = [(str(p.get("id")), p.get("name")) for p in (existing or {}).get("partners") or []
                    if isinstance(p, dict)]
    for ident, name, role in people:
        role_text = text_of(role) if role else None
        for words in (ident, name if isinstance(name, str) else None, role_text,
                      person_words(name if isinstance(name, str) else None, role_text, ident)):
            found.add(found.people, words, ident)
    for ident, name in partners:
        for words in (ident, text_of(name) if name else None):
            found.add(found.partners, words, ident)
    return found


def _names(portal: Portal | None, existing: dict[str, Any]) -> Names:
    if portal is not None:
        return names_of(portal)
    people = {str(p.get("id")): person_words(p.get("name"), text_of(p.get("role")) if p.get("role") else None,
                                             str(p.get("id")))
              for p in existing.get("people") or [] if isinstance(p, dict)}
    partners = {str(p.get("id")): text_of(p.get("name")) for p in existing.get("partners") or [] if isinstance(p, dict)}
    return Names(people, partners)


def _authority(portal: Portal | None) -> str | None:
    return text_of(portal.settings.authority) if portal is not None else None


def import_file(path: Path, plan_id: str, mapping: Mapping = DEFAULT_MAPPING, portal: Portal | None = None,
                existing: str | None = None, existing_name: str = "") -> Result:
    """One plan's file from a spreadsheet or open-data JSON file: merged into `existing` (the text of
    the plan file already there, named `existing_name`) if there is one, else a new file."""
    if path.suffix.lower() == ".json":
        return _import_json(path, plan_id, existing, existing_name)
    name = path.name
    sheets = read_sheets(path)
    sheet = mapping.sheet or (ACTIONS_SHEET if ACTIONS_SHEET in sheets else next(iter(sheets), ""))
    if sheet not in sheets:
        return Result(problems=[f"{name}: no sheet {sheet!r}: the sheets are {', '.join(sheets)}"])
    old: dict[str, Any] | None = None
    if existing is not None:
        try:
            data = parse_yaml(existing, existing_name).data
        except YamlError as err:
            return Result(problems=[f"{existing_name}:{err.line}:{err.column}: {err.message} (correct the plan file "
                                    "before importing into it)"])
        old = data if isinstance(data, dict) else {}
    detail_problems: list[str] = []
    details, detail_rows = _details(name, sheets.get(PLANS_SHEET), plan_id, detail_problems)
    plan_data = (old or {}).get("plan")
    levels = details.get("levels") or (plan_data.get("levels") if isinstance(plan_data, dict) else None)
    # the headings may be in the plan's own words for its levels ("Key issue Ref")
    rows, problems = table_rows(name, sheet, sheets[sheet], mapping.for_levels(level_words(levels)))
    found = directory(portal, old)
    codes = _codes(portal) if portal is not None else []
    imported, notes = read_rows(rows, plan_id, codes, found, mapping.status_of, name)
    problems += [_where(name, row, column) + f": {message}" for row, column, message in imported.problems]
    problems += detail_problems
    if imported.skipped:
        notes.append(f"{imported.skipped} row(s) of other plans left out (Plan column is not {plan_id})")
    if old is not None and isinstance(old.get("plan"), dict):
        document, more, cut = _merged(old, imported, details, portal, plan_id, codes, name, sheets.get(PLANS_SHEET))
        notes += more
        problems += [_where(name, row, column) + f": {message}" for row, column, message in cut]
    else:
        document = _new_document(imported, details, plan_id, name, _authority(portal), notes)
    as_at = _text_date(document["plan"].get("as_at"))
    if mapping.as_at:
        try:
            as_at = read_date(mapping.as_at)
        except CellError as err:
            problems.append(f"as_at: {err} (the mapping file's as_at, the day the spreadsheet's statuses are correct "
                            "at)")
    original = _original(old, portal, plan_id, codes) if old is not None else None
    for row, column, message in apply_statuses(document["plan"], imported, original, mapping.status_of, as_at,
                                               name, notes):
        problems.append(_where(name, row, column) + f": {message}")
    result = Result(document, problems, notes, imported=imported, existing=existing)
    if not problems:
        problems += _model_problems(name, document, imported, detail_rows)
    if not problems:
        try:
            result.text = edit(existing, document, existing_name) if existing is not None else plan_yaml(document, name)
        except EditError as err:
            problems.append(str(err))
    return result


def _text_date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else None


def _where(name: str, row: Row | None, column: str | None) -> str:
    return row.where(name, column) if row is not None else name


def _new_document(imported: Imported, details: dict[str, Any], plan_id: str, name: str, authority: str | None,
                  notes: list[str]) -> dict[str, Any]:
    plan = {**{k: v for k, v in details.items() if v is not None}, **imported.plan}
    for key, default in (("title", plan_id), ("authority", authority or "Not stated"), ("level", "detailed"),
                         ("state", "draft")):
        if key not in plan:
            plan[key] = default
            notes.append(f"{key}: {default!r} (not in {name}): check it in the plan file")
    plan = one_id({k: plan[k] for k in [*PLAN_FIELDS, "themes", "recommendations"] if k in plan})
    return {"plan": plan, **({"people": imported.people} if imported.people else {})}


def _exported(old: dict[str, Any], portal: Portal | None, plan_id: str) -> Plan | None:
    """The plan as an export of it shows it: the portal's, with its update files' progress and moved
    deadlines added (updates/), else the plan file's own. None if the file is not a valid plan."""
    if portal is not None and plan_id in {e.id for e in portal.plans}:
        return portal.plan(plan_id).plan
    try:
        return PlanPortalFile.model_validate(old).plan
    except ValidationError:
        return None


def from_updates(old: dict[str, Any], portal: Portal | None,
                 plan_id: str) -> dict[tuple[str, ...], set[tuple[str, str]]]:
    """The progress entries an export shows that the update files give, not the plan file, by action:
    (date, text). A spreadsheet gives them back, and they stay in updates/, not in the plan file."""
    shown = _exported(old, portal, plan_id)
    if shown is None or not isinstance(old.get("plan"), dict):
        return {}
    own = {key: {(str(_text_date(e.get("date"))), norm(text_of(e.get("text")))) for e in part.get("progress") or []
                 if isinstance(e, dict)} for key, _, part in keys_of(old["plan"]) if key[0] == "action"}
    found = {}
    for key, _, part in keys_of(to_data(shown)):
        if key[0] == "action":
            shown_entries = {(str(e["date"]), norm(text_of(e["text"]))) for e in part.get("progress") or []}
            extra = shown_entries - own.get(key, set())
            if extra:
                found[key] = extra
    return found


def _original(old: dict[str, Any], portal: Portal | None, plan_id: str, codes: list[str]) -> Imported | None:
    """The plan's export, read back as the import reads it: what each cell said before staff changed it
    (with what the update files add, as the export shows it). None if the file is not a valid plan."""
    plan = _exported(old, portal, plan_id)
    if plan is None:
        return None
    entry = PlanEntry(plan_id, plan, "")
    names = _names(portal, old)
    rows = plan_rows(plan_id, to_data(plan), codes, names, standings(entry))
    table_ = table(rows)
    read, _ = table_rows("", ACTIONS_SHEET, table_, DEFAULT_MAPPING)
    imported, _ = read_rows(read, plan_id, codes, directory(portal, old), DEFAULT_MAPPING.status_of)
    return imported


def _merged(old: dict[str, Any], imported: Imported, details: dict[str, Any], portal: Portal | None, plan_id: str,
            codes: list[str], name: str,
            plans_sheet: list[list[str]] | None) -> tuple[dict[str, Any], list[str], list[tuple[Row, str, str]]]:
    """The plan file's data with the spreadsheet merged in."""
    original = _original(old, portal, plan_id, codes)
    changed: dict[str, Any] = {}
    if plans_sheet:
        before: dict[str, str] = {}
        try:
            model = PlanPortalFile.model_validate(old)
            if model.plan is not None:
                data = to_data(model.plan)
                before = {k: detail_cell(data[k])[0] for k in PLAN_FIELDS if k in data}
        except ValidationError:
            pass
        said = {row[1]: row[2] if len(row) > 2 else "" for row in plans_sheet[1:] if row and row[0] == plan_id
                and len(row) > 1}
        for key, value in details.items():
            if norm(said.get(key, "")) != norm(before.get(key, "")):
                changed[key] = value
    merged = merge(old, imported, original, name, changed, imported.people, from_updates(old, portal, plan_id))
    return merged.data, merged.notes, merged.problems


def _details(name: str, rows: list[list[str]] | None, plan_id: str,
             problems: list[str]) -> tuple[dict[str, Any], dict[str, int]]:
    """The plan's own fields from the Plans sheet, if there is one (None for a field left blank), and
    the row each came from."""
    details: dict[str, Any] = {}
    numbers: dict[str, int] = {}
    if not rows:
        return details, numbers
    for number, row in enumerate(rows[1:], start=2):
        cells = (row + ["", "", "", ""])[:4]
        plan, key, value, as_yaml = cells
        if plan != plan_id or not key:
            continue
        if key not in PLAN_FIELDS:
            problems.append(f"{name}:{PLANS_SHEET}:{number}:B: {key!r} is not a plan field: use one of "
                            f"{', '.join(PLAN_FIELDS)}")
            continue
        numbers[key] = number
        try:
            details[key] = (yaml.safe_load(value) if as_yaml.strip().lower() == "yes" else value) if value else None
            if isinstance(details[key], str) and key in ("approved", "as_at", "period"):  # dates as councils type them
                details[key] = read_due(details[key]) if key == "period" else read_date(details[key])
        except yaml.YAMLError:
            problems.append(f"{name}:{PLANS_SHEET}:{number}:C: {key}: the value is marked As YAML but is not YAML")
        except CellError as err:
            problems.append(f"{name}:{PLANS_SHEET}:{number}:C: {key}: {err}")
    return details, numbers


def _model_problems(name: str, document: dict[str, Any], imported: Imported, detail_rows: dict[str, int]) -> list[str]:
    """What the model says is wrong, each at the cell the value came from."""
    try:
        PlanPortalFile.model_validate(document)
    except ValidationError as err:
        found = []
        for error in err.errors():
            loc = tuple(error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            found.append(f"{cell_of(name, document, imported, loc, detail_rows)}: {_field_words(loc)}: {message}")
        return found
    return []


def _field_words(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    return ".".join(names[-2:]) if names else "the file"


def cell_of(name: str, document: dict[str, Any], imported: Imported | None, loc: tuple[Any, ...],
            detail_rows: dict[str, int] | None = None) -> str:
    """Where in the spreadsheet the value at `loc` of the plan file's data came from: its cell, or the row of
    the part it is in, or the Plans sheet's row; else the file alone."""
    if loc[:1] == ("plan",) and imported is not None:
        key, rest = key_at(document["plan"], loc[1:])
        part = imported.parts.get(key) if key else None
        if part is not None:
            column = column_of(key, rest) if key else None
            return part.row.where(name, column if column in part.row.letters else None)
        if len(loc) > 1 and detail_rows and str(loc[1]) in detail_rows:
            return f"{name}:{PLANS_SHEET}:{detail_rows[str(loc[1])]}:C"
    return name


def place_problems(problems: list[Problem], result: Result, file: str, name: str) -> list[str]:
    """Problems the portal's checks found in the plan file as it would be written (`file`), each at the
    spreadsheet's cell the value came from, or, for what the file already said, at its line in the file
    as it is; problems in the portal's other files as they are."""
    doc = parse_yaml(result.text, file)
    at = {position: path for path, position in doc.values.items()}
    at.update({position: path for path, position in doc.keys.items()})
    lines: dict[int, int] = {}
    if result.existing is not None:
        matcher = difflib.SequenceMatcher(None, result.existing.splitlines(), result.text.splitlines(), autojunk=False)
        for block in matcher.get_matching_blocks():
            for i in range(block.size):
                lines[block.b + i + 1] = block.a + i + 1
    out = []
    for problem in problems:
        if problem.file != file:
            out.append(str(problem))
            continue
        path = at.get((problem.line, problem.column))
        where = cell_of(name, result.document, result.imported, tuple(path)) if path is not None else name
        if where == name and problem.line in lines:
            where = f"{file}:{lines[problem.line]}:{problem.column}"
        out.append(f"{where}: {problem.message}")
    return out


def _import_json(path: Path, plan_id: str, existing: str | None, existing_name: str) -> Result:
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
    document: dict[str, Any] = {"plan": plan["plan"]}
    try:
        PlanPortalFile.model_validate(document)
    except ValidationError as err:
        return Result(problems=[f"{name}: plans[{plan_id}].{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                for e in err.errors()])
    if existing is None:
        return Result(document, text=plan_yaml(document, name))
    try:  # the plan replaced with the open data's, where it says otherwise; the file's other sections kept
        old = parse_yaml(existing, existing_name).data
        old = old if isinstance(old, dict) else {}
        old_plan = PlanPortalFile.model_validate({"plan": old.get("plan")}).plan if old.get("plan") else None
        merged_plan = old["plan"] if old_plan is not None and to_data(old_plan) == plan["plan"] else plan["plan"]
        document = {**old, "plan": merged_plan}
        return Result(document, text=edit(existing, document, existing_name), existing=existing)
    except (YamlError, ValidationError, EditError) as err:
        return Result(problems=[f"{existing_name}: cannot be merged into ({err})"])


def plan_yaml(document: dict[str, Any], source: str) -> str:
    """A new plan file's text: the schema line, where it came from, then the data (written by ruamel.yaml
    as edit() writes what it adds)."""
    return (f"{SCHEMA_LINE}\n#\n# Imported from {source} by `planportal import`: check it, then set state: final once "
            "the plan is approved.\n\n" + dump(document))
