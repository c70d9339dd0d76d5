"""Quarterly returns: one lead's open actions as a workbook (or CSV) to fill in, and read back.

A return lists every action the lead leads that is not closed (not completed, not "no longer
relevant"), one row each. The grey columns say what the portal says and are locked; the lead
fills the white ones: a new status (a drop-down of the portal's statuses, in words), a progress
note, its date, and a new deadline with its reason. The workbook records its lead and quarter on
its About sheet (and in its document properties), so that `planportal collect` files it under
them. A CSV return gives them in its first lines instead:

    Lead,SF,"Sue Fiennes, Director of Children's Services"
    Period,2005-Q4,January to March 2006 (quarter 4 of 2005 to 2006)
    Format,planportal-return/1,...
    (a blank line, then the headings and a row per action, as on the Return sheet)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import xlsxwriter

from planportal.exchange.cells import cell_text
from planportal.exchange.files import csv_cell, csv_text
from planportal.exchange.instructions import day_words, instructions
from planportal.exchange.writer import printable
from planportal.portal.joined import PlanEntry, Portal, walk_actions
from planportal.portal.status import standing
from planportal.source.dates import format_when, parse_period, quarter
from planportal.source.model import Action
from planportal.source.statuses import CLOSED, LABELS, STATUS_IDS, Status
from planportal.source.updates import address, split_address
from planportal.text.language import pick

FORMAT = "planportal-return/1"
RETURN_SHEET, INSTRUCTIONS_SHEET, ABOUT_SHEET = "Return", "Instructions", "About"


@dataclass(frozen=True)
class Column:
    """A column of the Return sheet: its key, heading and width, and whether the lead fills it."""

    key: str
    heading: str
    width: int
    fill: bool = False
    help: str = ""


COLUMNS = (
    Column("address", "Action address", 28),
    Column("plan", "Plan", 28),
    Column("ref", "Recommendation", 15),
    Column("action", "Action", 48),
    Column("deadline", "Deadline", 20),
    Column("status", "Current status", 18),
    Column("last_date", "Last update on", 16),
    Column("last_text", "Last update", 40),
    Column("new_status", "New status", 18, True, "Choose from the list; leave blank if the status has not changed."),
    Column("note", "Progress note", 48, True, "What happened, in a sentence or two: published as you write it."),
    Column("date", "Date", 14, True, "The day your note is true for."),
    Column("new_deadline", "New deadline", 16, True, "Only if the deadline has moved: a day (30/06/2006) or a "
           "month (June 2006)."),
    Column("reason", "Reason for the new deadline", 36, True, "Why the deadline moved: needed with a new deadline."),
)
KEYS = [c.key for c in COLUMNS]
FILL = [c.key for c in COLUMNS if c.fill]
HEADINGS = {c.key: c.heading for c in COLUMNS}
HELP = {c.key: c.help for c in COLUMNS if c.fill}
STATUS_WORDS = [LABELS[s] for s in STATUS_IDS]
"""The New status drop-down: the statuses staff can give, in words."""


def read_status(text: str) -> Status | None:
    """A New status cell as a status id: its label in words (or the id), whatever the case; None if blank.

    >>> read_status("In progress"), read_status("no_longer_relevant"), read_status(" ")
    ('in_progress', 'no_longer_relevant', None)
    """
    words = " ".join(text.replace("_", " ").split()).casefold()
    if not words:
        return None
    for status in STATUS_IDS:
        if words in (LABELS[status].casefold(), status.replace("_", " ")):
            return status
    raise ValueError(text)


@dataclass(frozen=True)
class ActionRow:
    """One open action as its return shows it (the grey cells, by column key) and the days its Date may take."""

    cells: dict[str, str]
    first_day: dt.date
    last_day: dt.date


@dataclass(frozen=True)
class Return:
    """One lead's return for one quarter of the financial year."""

    lead: str
    lead_name: str
    period: str
    portal: str
    rows: list[ActionRow]
    earlier: list[tuple[str, dt.date]] = field(default_factory=list)
    """Plans whose progress is published as at a day before the quarter ends, with that day."""

    @property
    def period_words(self) -> str:
        """'January to March 2006 (quarter 4 of 2005 to 2006)'."""
        return format_when(quarter(*parse_period(self.period)))

    def file_name(self, fmt: str) -> str:
        """'2005-q4-sf.xlsx'."""
        return f"{self.period.lower()}-{self.lead.lower()}.{fmt}"


def lead_name(portal: Portal, lead: str) -> str:
    """'Sue Fiennes, Director of Children's Services': a person's name and role."""
    person = portal.people[lead]
    default = portal.settings.languages[0]
    return ", ".join(p for p in (person.name, pick(person.role, default, default)) if p) or lead


@dataclass(frozen=True)
class Led:
    """An action (or sub-action), its plan, and who leads it: its own leads, or, for a sub-action
    that names none, its main action's."""

    entry: PlanEntry
    action: Action
    leads: list[str]


def led_actions(portal: Portal, plan_id: str | None = None) -> dict[str, Led]:
    """Every action and sub-action by address, in document order, with who leads it."""
    found = {}
    for placed in portal.recommendations():
        if plan_id in (None, placed.plan.id):
            for action, parent in walk_actions(placed.rec.actions):
                leads = action.lead or (parent.lead if parent else [])
                found[address(placed.plan.id, placed.rec.ref, action.id)] = Led(placed.plan, action, leads)
    return found


def open_actions(portal: Portal, plan_id: str | None = None) -> dict[str, Led]:
    """The actions not closed by their current status (not completed, not no longer relevant)."""
    return {where: led for where, led in led_actions(portal, plan_id).items()
            if standing(led.action, led.entry.plan.as_at).status not in CLOSED}


def cells_of(portal: Portal, where: str, action: Action) -> dict[str, str]:
    """The grey cells of one action's row: what the portal says of it, in words."""
    plan_id, ref, _ = split_address(where)
    entry = portal.plan(plan_id)
    default = portal.settings.languages[0]
    now = standing(action, entry.plan.as_at)
    deadline = " / ".join(format_when(e.date) + (f" ({pick(e.note, default, default)})" if e.note else "")
                          for e in action.due.entries) if action.due else "Not stated"
    last = action.progress[-1] if action.progress else None
    cells = {"address": where, "plan": pick(entry.plan.title, default, default), "ref": ref,
             "action": pick(action.title, default, default), "deadline": deadline,
             "status": LABELS[now.status] + ("; overdue" if now.overdue else ""),
             "last_date": format_when(last.date) if last else "",
             "last_text": pick(last.text, default, default) if last else "No progress reported yet"}
    return {k: " ".join(printable(v).split()) if k != "last_text" else printable(v) for k, v in cells.items()}


def make_return(portal: Portal, lead: str, period: str, plan_id: str | None = None) -> Return:
    """`lead`'s return for `period` ('2005-Q4'): their open actions, in every plan or in one."""
    fy, q = parse_period(period)
    when = quarter(fy, q)
    assert when.start and when.end
    rows, earlier = [], {}
    default = portal.settings.languages[0]
    for where, led in open_actions(portal, plan_id).items():
        if lead in led.leads:
            entry, as_at = led.entry, led.entry.plan.as_at
            last = as_at if as_at and when.start <= as_at < when.end else when.end
            if last < when.end:
                earlier[pick(entry.plan.title, default, default)] = last
            rows.append(ActionRow(cells_of(portal, where, led.action), when.start, last))
    return Return(lead, lead_name(portal, lead), f"{fy}-Q{q}", pick(portal.settings.title, default, default),
                  rows, sorted(earlier.items()))


# --- writing -------------------------------------------------------------------------------


def about(ret: Return) -> list[list[str]]:
    """The About sheet (and the CSV's first lines): whose return it is, for which quarter."""
    return [["Lead", ret.lead, ret.lead_name], ["Period", ret.period, ret.period_words],
            ["Format", FORMAT, f"Written by planportal returns for {ret.portal}. planportal collect reads this "
             "to file the return under its lead and quarter: please leave it as it is."]]


def return_csv(ret: Return) -> bytes:
    """The return as CSV: the About lines, a blank line, the headings, a row per action."""
    out = io.StringIO()
    rows = [*about(ret), [], [c.heading for c in COLUMNS],
            *([r.cells.get(k, "") for k in KEYS] for r in ret.rows)]
    csv.writer(out, lineterminator="\r\n").writerows([[csv_cell(c) for c in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def return_xlsx(ret: Return) -> bytes:
    """The return as a workbook: Instructions, Return (grey cells locked, white cells to fill, with
    drop-downs and date checks) and About. The same return gives the same bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False})
    first = quarter(*parse_period(ret.period)).start
    book.set_properties({"title": f"Quarterly return: {ret.lead_name} ({ret.lead}), {ret.period}",
                         "subject": f"{ret.portal}: {ret.period_words}", "author": "planportal",
                         "created": dt.datetime.combine(first or dt.date(2000, 1, 1), dt.time())})
    book.set_custom_property("Lead", ret.lead)
    book.set_custom_property("Period", ret.period)
    _instructions(book, ret)
    _return_sheet(book, ret)
    sheet = book.add_worksheet(ABOUT_SHEET)
    bold = book.add_format({"bold": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for r, row in enumerate(about(ret)):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value, bold if c == 0 else wrap)
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 2, 70)
    sheet.protect("")
    book.close()
    return out.getvalue()


def _instructions(book: xlsxwriter.Workbook, ret: Return) -> None:
    sheet = book.add_worksheet(INSTRUCTIONS_SHEET)
    styles = {"title": book.add_format({"bold": True, "font_size": 16, "text_wrap": True}),
              "heading": book.add_format({"bold": True, "font_size": 13, "text_wrap": True}),
              "text": book.add_format({"text_wrap": True, "valign": "top"}),
              "point": book.add_format({"text_wrap": True, "valign": "top", "indent": 1})}
    period = quarter(*parse_period(ret.period))
    first, last = period.start, period.end
    assert first and last
    lines = instructions(f"{ret.lead_name} ({ret.lead})", ret.period_words, first, last, ret.portal, ret.earlier)
    sheet.set_column(0, 0, 100)
    for r, (style, text) in enumerate(lines):
        sheet.write_string(r, 0, ("• " if style == "point" else "") + text, styles[style])
    sheet.protect("")


def _return_sheet(book: xlsxwriter.Workbook, ret: Return) -> None:
    sheet = book.add_worksheet(RETURN_SHEET)
    base = {"text_wrap": True, "valign": "top", "border": 1, "border_color": "#A6A6A6"}
    grey = book.add_format({**base, "bg_color": "#EDEDED"})
    heading = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9"})
    to_fill = book.add_format({**base, "bold": True, "bg_color": "#FFF2CC"})
    white = {"new_status": {}, "note": {}, "date": {"num_format": "yyyy-mm-dd"}, "new_deadline": {"num_format": "@"},
             "reason": {}}
    formats = {k: book.add_format({**base, **extra, "locked": False}) for k, extra in white.items()}
    for c, column in enumerate(COLUMNS):
        sheet.write_string(0, c, column.heading, to_fill if column.fill else heading)
        sheet.set_column(c, c, column.width)
    for r, row in enumerate(ret.rows, start=1):
        for c, column in enumerate(COLUMNS):
            if column.fill:
                sheet.write_blank(r, c, None, formats[column.key])
            else:
                sheet.write_string(r, c, row.cells.get(column.key, ""), grey)
        first, last = day_words(row.first_day), day_words(row.last_day)
        sheet.data_validation(r, KEYS.index("date"), r, KEYS.index("date"), {
            "validate": "date", "criteria": "between", "minimum": row.first_day, "maximum": row.last_day,
            "input_title": "Date", "input_message": f"The day your note is true for: {first} to {last}.",
            "error_title": "Not a day of this quarter",
            "error_message": f"Type a day from {first} to {last}, such as {row.first_day:%d/%m/%Y}."})
    if ret.rows:
        end = len(ret.rows)
        sheet.data_validation(1, KEYS.index("new_status"), end, KEYS.index("new_status"), {
            "validate": "list", "source": STATUS_WORDS, "input_title": "New status",
            "input_message": HELP["new_status"], "error_title": "Not a status",
            "error_message": f"Choose one of: {', '.join(STATUS_WORDS)}; or leave the cell blank."})
        for key in ("note", "new_deadline", "reason"):
            sheet.data_validation(1, KEYS.index(key), end, KEYS.index(key), {
                "validate": "any", "input_title": HEADINGS[key][:32], "input_message": HELP[key]})
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.protect("", {"format_columns": True, "format_rows": True})


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnedRow:
    """One row of a return as it came back: its row number and its cells as text, by column key."""

    number: int
    cells: dict[str, str]

    @property
    def blank(self) -> bool:
        """Nothing filled in: the row is skipped."""
        return not any(self.cells.get(k, "").strip() for k in FILL)


@dataclass
class Returned:
    """A return as it came back: its lead and period as recorded, its rows, and what could not be read."""

    file: str
    sheet: str | None
    lead: str = ""
    period: str = ""
    rows: list[ReturnedRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)

    def where(self, number: int, sheet: str | None = None) -> str:
        """'2005-q4-sf.xlsx:Return:5' (for a CSV, '2005-q4-sf.csv:5')."""
        return f"{self.file}:{sheet or self.sheet}:{number}" if self.sheet else f"{self.file}:{number}"


def read_return(path: Path, name: str) -> Returned:
    """A return written by `return_xlsx` or `return_csv` and filled in; `name` names it in messages.
    Raises what openpyxl or csv raise for a file that is not a spreadsheet at all."""
    if path.suffix.lower() == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        lines = [[csv_text(cell_text(c)) for c in row] for row in csv.reader(io.StringIO(text))]
        blank = next((i for i, row in enumerate(lines) if not any(row)), len(lines))
        returned = Returned(name, None)
        if _head(returned, {i + 1: row for i, row in enumerate(lines[:blank])}, None):
            _rows(returned, lines[blank + 1:], blank + 2)
        return returned
    book = openpyxl.load_workbook(path, data_only=True)
    try:
        returned = Returned(name, RETURN_SHEET)
        props = getattr(book, "custom_doc_props", None)
        returned.properties = {p.name: str(p.value) for p in props} if props is not None else {}
        if ABOUT_SHEET not in book.sheetnames or RETURN_SHEET not in book.sheetnames:
            returned.problems.append(f"{name}: this is not a quarterly return written by planportal returns (it has "
                                     f"no {ABOUT_SHEET} and {RETURN_SHEET} sheets): send the lead their return, and "
                                     "collect the workbook they send back")
            return returned
        about_rows = {r: [cell_text(v) for v in row] for r, row in
                      enumerate(book[ABOUT_SHEET].iter_rows(values_only=True), start=1)}
        if _head(returned, about_rows, ABOUT_SHEET):
            sheet = book[RETURN_SHEET]
            _rows(returned, [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)], 1)
        return returned
    finally:
        book.close()


def _head(returned: Returned, rows: dict[int, list[str]], sheet: str | None) -> bool:
    """The lead, period and format the return records; False if it records none (not a return)."""
    found = {row[0]: (number, row[1] if len(row) > 1 else "") for number, row in rows.items() if row}
    if found.get("Format", (0, ""))[1] != FORMAT:
        where = returned.where(found.get("Format", (1, ""))[0], sheet)
        returned.problems.append(f"{where}: this is not a quarterly return written by planportal returns (it does "
                                 f"not record '{FORMAT}'): send the lead their return, and collect what they send back")
        return False
    returned.lead = found.get("Lead", (0, ""))[1]
    number, period = found.get("Period", (1, ""))
    try:
        returned.period = "{}-Q{}".format(*parse_period(period))
    except ValueError:
        returned.problems.append(f"{returned.where(number, sheet)}: the period '{period}' recorded in this return is "
                                 "not a quarter: put back the period it was written for, such as 2005-Q4")
    return True


def _rows(returned: Returned, rows: list[list[str]], first: int) -> None:
    """The rows under the headings; the headings must be the return's, in its order."""
    if not rows:
        returned.problems.append(f"{returned.where(first)}: no headings: use the return as it was sent")
        return
    headings = [*rows[0], *[""] * len(COLUMNS)][:len(COLUMNS)]
    for c, (got, column) in enumerate(zip(headings, COLUMNS, strict=True)):
        if " ".join(got.split()) != column.heading:
            letter = openpyxl.utils.get_column_letter(c + 1)
            returned.problems.append(f"{returned.where(first)}: column {letter} is headed '{got}', not "
                                     f"'{column.heading}': the columns of a return are locked; do not add, remove or "
                                     "move them (use the return as it was sent)")
            return
    for number, row in enumerate(rows[1:], start=first + 1):
        cells = dict(zip(KEYS, [*row, *[""] * len(KEYS)], strict=False))
        if any(v.strip() for v in cells.values()):
            returned.rows.append(ReturnedRow(number, cells))
