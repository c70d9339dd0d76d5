"""Returns read back into update files: every filled-in row checked against the portal (its grey
cells as the portal says them, its lead, its status, its date in the return's quarter) and against
the update files already there (an entry already there is not added again; two reports of the same
action and day that disagree are refused). Nothing is written unless every return is right.

Each problem is `FILE:Sheet:ROW: message` (for a CSV, `FILE:ROW: message`), saying what to type
instead. The update files are `updates/<period>/<lead>.yaml`; entries are added at the end of a
file that is already there, keeping what it says (and its comments) as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from planportal.exchange.cells import CellError, read_date
from planportal.exchange.instructions import day_words
from planportal.exchange.returns import (
    ABOUT_SHEET,
    HEADINGS,
    STATUS_WORDS,
    Led,
    Returned,
    ReturnedRow,
    cells_of,
    led_actions,
    read_status,
)
from planportal.portal.joined import PlanEntry, Portal
from planportal.portal.updates import check_updates
from planportal.source.dates import WhenError, parse_period, parse_when, quarter
from planportal.source.messages import suggest
from planportal.source.updates import LoadedUpdates, Update, UpdateFile
from planportal.source.yamledit import EditError, edit
from planportal.source.yamlfile import YamlError, parse_yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/update.schema.json"
IDENTITY = ("address", "plan", "ref", "action")
"""The grey cells that say which action a row is: they must be as the portal says them."""
NAMED = re.compile(r"(?P<period>\d{4}-q[1-4])-(?P<lead>.+?)(?: ?\(\d+\)| \d+)?", re.IGNORECASE)
"""A return's file name as `planportal returns` gives it: 2005-q4-sf (or 2005-q4-sf (1), as a browser
names a second copy)."""


@dataclass
class Collected:
    """What collecting made: each update file's new text (by its name under the portal's folder),
    how many entries each gained, how many were there already; or the problems, and nothing to write."""

    problems: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    already: int = 0


@dataclass(frozen=True)
class Reported:
    """One accepted row: where it came from, the update file it goes in, and the entry."""

    where: str
    source: str
    target: tuple[str, str]  # (period, lead)
    data: dict[str, Any]  # the entry as the update file gives it
    update: Update


def _words(text: str) -> str:
    return " ".join(text.split())


def same(a: Update, b: Update) -> bool:
    """Whether two entries say the same (status, text and moved deadline), whatever the spacing."""
    def key(u: Update) -> tuple[Any, ...]:
        return u.status, _words(u.text) if isinstance(u.text, str) else u.text, u.deadline
    return key(a) == key(b)


def _heading(ret: Returned, portal: Portal) -> list[str]:
    """Problems with whose return it is and for which quarter (rows 1 and 2 of its About sheet)."""
    problems = []
    lead_at, period_at = ret.where(1, ABOUT_SHEET), ret.where(2, ABOUT_SHEET)
    for name, value in ret.properties.items():
        recorded = {"Lead": ret.lead, "Period": ret.period}.get(name)
        if recorded is not None and value != recorded:
            problems.append(f"{lead_at if name == 'Lead' else period_at}: the About sheet gives {name.lower()} "
                            f"'{recorded}', but the workbook was written for '{value}' (its document properties): "
                            f"put back '{value}' on the About sheet, or ask for that lead's own return")
    if ret.lead not in portal.people:
        problems.append(f"{lead_at}: this return is for '{ret.lead}', who is not a person in plans/"
                        f"{suggest(ret.lead, portal.people)}: collect it into the portal it was written from, "
                        "or put back the lead it was written for")
    named = NAMED.fullmatch(Path(ret.file).stem)
    if named and (named["lead"].casefold(), named["period"].casefold()) != (ret.lead.casefold(), ret.period.lower()):
        problems.append(f"{lead_at}: this file is named for {named['lead']} and {named['period']}, but it is the "
                        f"return written for {ret.lead} for {ret.period}, so it would be filed as {ret.lead}'s: "
                        "a return for another lead? Collect the return each lead sent back, named as it was sent "
                        f"({ret.period.lower()}-{ret.lead.lower()}{Path(ret.file).suffix})")
    return problems


def _row(portal: Portal, known: dict[str, Led], ret: Returned,
         row: ReturnedRow) -> tuple[Reported | None, list[str]]:
    """One filled-in row as an update entry, or what is wrong with it."""
    where, cells = ret.where(row.number), row.cells
    target = known.get(cells["address"])
    if target is None:
        return None, [f"{where}: the Action address '{cells['address']}' is not an action in the portal"
                      f"{suggest(cells['address'], known)}: the grey columns are locked; put back the address the "
                      "return was sent with (or write a new return, if the plan has changed since)"]
    problems = _locked(portal, ret, row, target)
    status = None
    try:
        status = read_status(cells["new_status"])
    except ValueError:
        problems.append(f"'{_words(cells['new_status'])}' is not a status: choose one from the list in the New "
                        f"status cell ({', '.join(STATUS_WORDS[:-1])} or {STATUS_WORDS[-1]}), or leave it blank "
                        "if the status has not changed")
    note = "\n".join(line.rstrip() for line in cells["note"].strip().splitlines())
    if not note:
        problems.append("no progress note: say in a sentence or two what happened (it is published as written), "
                        "or clear the row if there is nothing to report")
    day, problem = _day(cells["date"], ret.period, target.entry)
    deadline, problems = _deadline(_words(cells["new_deadline"]), _words(cells["reason"]), problems + problem)
    if problems:
        return None, [f"{where}: {p}" for p in problems]
    data = {"action": cells["address"], "date": day, **({"status": status} if status else {}), "text": note,
            **({"deadline": deadline} if deadline else {})}
    try:
        return Reported(where, ret.file, (ret.period, ret.lead), data, Update.model_validate(data)), []
    except ValidationError as err:
        return None, [f"{where}: {e['msg'].removeprefix('Value error, ')}" for e in err.errors()]


def _locked(portal: Portal, ret: Returned, row: ReturnedRow, target: Led) -> list[str]:
    """A grey cell naming the action changed, or the action led by someone else now."""
    problems, address = [], row.cells["address"]
    expected = cells_of(portal, address, target.action)
    for key in IDENTITY:
        if _words(row.cells.get(key, "")) != expected[key]:
            problems.append(f"the {HEADINGS[key]} cell was changed to '{_words(row.cells.get(key, ''))}', but the "
                            f"portal says '{expected[key]}' for {address}: the grey columns are locked; put it back "
                            "as it was, and type only in the white columns (New status to Reason for the new deadline)")
    if ret.lead not in target.leads:
        problems.append(f"{address} is not led by {ret.lead}, whose return this is (its lead is now "
                        f"{', '.join(target.leads) or 'no one'}): a row for another lead; leave it blank here, and "
                        "ask its lead for it")
    return problems


def _deadline(new: str, reason: str, problems: list[str]) -> tuple[dict[str, str] | None, list[str]]:
    """A moved deadline (the New deadline cell as a due date, and its reason), or what is wrong."""
    if not new:
        return None, problems + (["a reason for a new deadline, but no new deadline: type the new deadline (a day, "
                                  "30/06/2006, or a month, June 2006), or clear the reason"] if reason else [])
    try:
        due = read_date(new)
    except CellError as err:
        return None, [*problems, f"the new deadline {err}"]
    if not reason:
        return None, [*problems, "a new deadline needs its reason: say in Reason for the new deadline why it moved"]
    return {"due": due, "reason": reason}, problems


def _day(text: str, quarter_id: str, entry: PlanEntry) -> tuple[dt.date | None, list[str]]:
    """The Date cell as a day in the return's quarter ('2005-Q4'), on or before its plan's as-at
    date; or what is wrong."""
    period, as_at = quarter(*parse_period(quarter_id)), entry.plan.as_at
    assert period.start and period.end
    span = f"{day_words(period.start)} to {day_words(period.end)}"
    example = (period.start + dt.timedelta(days=45)).strftime("%d/%m/%Y")
    if not text.strip():
        return None, [f"no date: type the day the progress note is true for ({span}), such as {example}"]
    try:
        when = parse_when(read_date(text.split(" ")[0] if re.match(r"\d{4}-\d\d-\d\d \d", text) else text))
    except (CellError, WhenError) as err:
        return None, [f"the date {err}; type a day such as {example}"]
    if when.kind != "day" or when.start is None:
        return None, [f"the date '{text}' is not a day: type the day the progress note is true for, such as {example}"]
    day = when.start
    if not period.start <= day <= period.end:
        return None, [f"the date {day_words(day)} is not in {quarter_id}, the quarter of this return ({span}): "
                      "type the day in that quarter that the note is true for; progress in another quarter goes "
                      "in that quarter's return"]
    if as_at and day > as_at:
        return None, [f"the date {day_words(day)} is after {day_words(as_at)}, the day plan '{entry.id}' publishes "
                      "its progress as at: type a day on or before it, or move the plan's as_at on "
                      f"({entry.file}) first"]
    return day, []


def collect(portal: Portal, existing: list[LoadedUpdates], returns: list[Returned], root: Path) -> Collected:
    """The update files the returns make, added to those already there (`existing`, read from `root`)."""
    known = led_actions(portal)
    result = Collected()
    reported: list[Reported] = []
    for ret in returns:
        result.problems += ret.problems
        if ret.problems:
            continue
        problems = _heading(ret, portal)
        result.problems += problems
        if problems:
            continue
        for row in ret.rows:
            if not row.blank:
                accepted, problems = _row(portal, known, ret, row)
                result.problems += problems
                reported += [accepted] if accepted else []
    fresh = _fresh(existing, reported, result)
    if result.problems:
        return result
    _texts(portal, existing, fresh, root, result)
    return result


def _fresh(existing: list[LoadedUpdates], reported: list[Reported], result: Collected) -> list[Reported]:
    """The rows not already in an update file (nor given twice), and a problem for each that disagrees."""
    there: dict[tuple[str, dt.date], list[tuple[Update, str]]] = {}
    for f in existing:
        for i, update in enumerate(f.data.updates):
            there.setdefault((update.action, update.date), []).append(
                (update, f"{f.doc.file}:{f.doc.position(('updates', i))[0]}"))
    fresh: list[Reported] = []
    for r in reported:
        key = (r.update.action, r.update.date)
        olds = there.get(key, [])
        news = [n for n in fresh if (n.update.action, n.update.date) == key]
        if any(same(r.update, u) for u, _ in olds) or any(same(r.update, n.update) for n in news):
            result.already += 1
        elif olds or news:
            other = olds[0][1] if olds else news[0].where
            result.problems.append(
                f"{r.where}: two reports of {r.update.action} on {day_words(r.update.date)} disagree (different "
                f"status, note or deadline): this row, and {other}; keep one (correct or clear this row, or remove "
                "the entry already in the update file), then collect again")
        else:
            fresh.append(r)
    return fresh


def _texts(portal: Portal, existing: list[LoadedUpdates], fresh: list[Reported], root: Path,
           result: Collected) -> None:
    """Each update file's new text, checked as every command checks update files."""
    targets: dict[tuple[str, str], list[Reported]] = {}
    for r in fresh:
        targets.setdefault(r.target, []).append(r)
    files = {(f.folder.casefold(), f.name.casefold()): f for f in existing}
    texts: dict[str, str] = {}
    for (period, lead), rows in targets.items():
        old = files.get((period.casefold(), lead.casefold()))
        name = old.doc.file if old else f"updates/{period.lower()}/{lead.lower()}.yaml"
        texts[name] = _text(old, root, period, lead, rows)
        result.added[name] = len(rows)
    loaded = [f for f in existing if f.doc.file not in texts]
    for name, text in texts.items():
        try:
            doc = parse_yaml(text, name)
            loaded.append(LoadedUpdates(doc, UpdateFile.model_validate(doc.data)))
        except (YamlError, ValidationError) as err:
            result.problems.append(f"{name}: the update file would not read back ({err}): please report this")
    result.problems += [str(p) for p in check_updates(portal, loaded)]
    if not result.problems:
        result.texts = texts


class _Dumper(yaml.SafeDumper):
    """YAML as staff write it: a note of several lines as a block, its lines as typed."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def _dump(data: Any, indent: str = "") -> str:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "".join(indent + line + "\n" for line in text.splitlines())


def _text(old: LoadedUpdates | None, root: Path, period: str, lead: str, rows: list[Reported]) -> str:
    """An update file with `rows` added: at the end of the file already there (kept as it is) if that
    reads back right, else the file written out again; or a new file."""
    added = ""
    for source in dict.fromkeys(r.source for r in rows):
        added += f"  # collected from {Path(source).name}\n"
        added += "".join(_dump([r.data], "  ") for r in rows if r.source == source)
    if old is None:
        return f"{SCHEMA_LINE}\nperiod: {period}\nlead: {lead}\nupdates:\n{added}"
    text = (root / old.doc.file).read_text(encoding="utf-8")
    appended = text + ("" if text.endswith("\n") or not text else "\n") + added
    expected = [*old.data.updates, *(r.update for r in rows)]
    try:
        doc = parse_yaml(appended, old.doc.file)
        if UpdateFile.model_validate(doc.data).updates == expected:
            return appended
    except (YamlError, ValidationError):
        pass
    data = dict(old.doc.data) if isinstance(old.doc.data, dict) else {}
    data["updates"] = [*(data.get("updates") or []), *(r.data for r in rows)]
    try:  # the file changed in place where the new updates go, its comments and layout kept (ruamel.yaml)
        return edit(text, data, old.doc.file)
    except (EditError, YamlError):
        return f"{SCHEMA_LINE}\n{_dump(data)}"
