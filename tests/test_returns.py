"""Quarterly returns as a performance officer runs them, through the CLI on a copy of this portal
kept in git: `planportal returns` writes one workbook per lead of Herefordshire's plan (a draft,
as at 25 March 2006, so quarter 2005-Q4), each lead fills theirs in (here with openpyxl), and
`planportal collect` reads them into updates/2005-q4/<lead>.yaml; validate and build then show
them, and the plan files are never touched."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import git, portal_in_git, run

PLAN = "herefordshire-jar-2006"
LEADS = ["hl", "ism", "jr", "ls", "sd", "sf"]
"""Herefordshire's leads with an open action (SF leads 1/1 and 1/4, with ISM)."""
STATUS, NOTE, DATE, NEW_DEADLINE, REASON = "I", "J", "K", "L", "M"


@pytest.fixture()
def portal_repo(tmp_path: Path) -> Path:
    """This portal as a council keeps it (plans/ committed to git), with this quarter's returns
    written into returns/."""
    root = portal_in_git(tmp_path)
    written = run(root, "returns", "--period", "2005-Q4", "--plan", PLAN, "--output", "returns")
    assert written.returncode == 0, written.stderr
    return root


def row_of(sheet: Worksheet, address: str) -> int:
    """The row of the Return sheet that is the action at `address`."""
    return next(cell.row for cell in sheet["A"] if cell.value == address)


def fill(path: Path, rows: dict[str, dict[str, object]], save_as: Path | None = None,
         about: dict[str, str] | None = None) -> Path:
    """Fill in a return as its lead would: {address: {column letter: value}}; `about` changes the About sheet."""
    book = openpyxl.load_workbook(path)
    sheet = book["Return"]
    for address, cells in rows.items():
        for column, value in cells.items():
            sheet[f"{column}{row_of(sheet, address)}"] = value
    for cell, value in (about or {}).items():
        book["About"][cell] = value
    book.save(save_as or path)
    return save_as or path


def section(page: str, action: str) -> str:
    """One action's part of a recommendation page."""
    start = page.index(f'id="action-{action}"')
    end = page.find('id="action-', start + 1)
    return page[start:end if end > 0 else len(page)]


SF_RETURN = {
    f"{PLAN}/1/1": {STATUS: "Completed", NOTE: "Discussion paper agreed by the partnership board.",
                    DATE: dt.date(2006, 3, 20)},
    f"{PLAN}/1/4": {STATUS: "Delayed", NOTE: "Operational instructions waiting for sign-off.", DATE: "21/03/2006",
                    NEW_DEADLINE: "May 2006", REASON: "Sign-off moved to the May meeting"},
}


def test_a_return_for_each_lead_lists_their_open_actions_in_words(portal_repo: Path) -> None:
    assert sorted(p.name for p in (portal_repo / "returns").iterdir()) == [f"2005-q4-{lead}.xlsx" for lead in LEADS]
    book = openpyxl.load_workbook(portal_repo / "returns" / "2005-q4-sf.xlsx")
    assert book.sheetnames == ["Instructions", "Return", "About"]
    about = [[c.value for c in row] for row in book["About"].iter_rows(max_col=2)]
    assert about[:2] == [["Lead", "SF"], ["Period", "2005-Q4"]]
    sheet = book["Return"]
    assert [c.value for c in sheet[1]] == [
        "Action address", "Plan", "Recommendation", "Action", "Deadline", "Current status", "Last update on",
        "Last update", "New status", "Progress note", "Date", "New deadline", "Reason for the new deadline"]
    row = [c.value for c in sheet[row_of(sheet, f"{PLAN}/1/4")]]
    assert row[2:8] == ["1", "Additional resourcing and operational instructions in place for duty team",
                        "January 2006", "No status given", "31 January 2006", "Instructions in place end Jan 06"]
    assert row[1].startswith("The Herefordshire Council JAR Performance Improvement Action Plan")
    addresses = [c.value for c in sheet["A"][1:]]
    assert f"{PLAN}/3/6" not in addresses  # led by SF, and completed
    assert all(a.startswith(f"{PLAN}/") for a in addresses)
    words = " ".join(str(c.value) for c in book["Instructions"]["A"])
    for said in ("Sue Fiennes", "January to March 2006", "New status", "Progress note", "25 March 2006",
                 "What happens next"):
        assert said in words


def test_only_the_cells_to_fill_are_unlocked_and_the_status_is_a_drop_down(portal_repo: Path) -> None:
    book = openpyxl.load_workbook(portal_repo / "returns" / "2005-q4-sf.xlsx")
    sheet = book["Return"]
    assert sheet.protection.sheet and book["About"].protection.sheet and book["Instructions"].protection.sheet
    last = sheet.max_row
    for row in (2, last):
        assert [c.protection.locked for c in sheet[row]] == [True] * 8 + [False] * 5
    assert all(c.protection.locked is not False for c in sheet[1])
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    status = checks[f"{STATUS}2:{STATUS}{last}"]
    assert (status.type, status.formula1) == ("list", '"Completed,In progress,Delayed,Not yet due,No longer relevant"')
    date = checks[f"{DATE}2"]
    first_day, as_at = (dt.date(2006, 1, 1), dt.date(2006, 3, 25))
    serial = [(day - dt.date(1899, 12, 30)).days for day in (first_day, as_at)]
    assert (date.type, date.formula1, date.formula2) == ("date", *map(str, serial))
    assert date.operator in (None, "between")  # between is the default


def test_returns_are_collected_validated_and_published_and_collecting_again_adds_nothing(portal_repo: Path) -> None:
    returns = portal_repo / "returns"
    fill(returns / "2005-q4-sf.xlsx", SF_RETURN)
    book = openpyxl.load_workbook(returns / "2005-q4-hl.xlsx")
    hl_action = book["Return"]["A2"].value
    fill(returns / "2005-q4-hl.xlsx", {hl_action: {STATUS: "In progress", NOTE: "Thresholds drafted with the PCT.",
                                                   DATE: dt.datetime(2006, 2, 13)}})

    collected = run(portal_repo, "collect", "returns/2005-q4-sf.xlsx", "returns/2005-q4-hl.xlsx")

    assert collected.returncode == 0, collected.stderr
    sf = (portal_repo / "updates" / "2005-q4" / "sf.yaml").read_text(encoding="utf-8")
    assert sf.splitlines()[:4] == ["# yaml-language-server: $schema=../../schema/update.schema.json",
                                   "period: 2005-Q4", "lead: SF", "updates:"]
    assert "due: 2006-05" in sf and "reason: Sign-off moved to the May meeting" in sf
    assert sf.count("- action:") == 2  # 53 rows left blank: skipped
    assert (portal_repo / "updates" / "2005-q4" / "hl.yaml").is_file()
    checked = run(portal_repo, "validate")
    assert checked.returncode == 0, checked.stderr

    built = run(portal_repo, "build", "--include-drafts")
    assert built.returncode == 0, built.stderr
    pages = portal_repo / "site" / "plans" / PLAN / "recommendations"
    page = (pages / "1.html").read_text(encoding="utf-8")
    assert "pp-status--completed" in section(page, "1")
    assert "Discussion paper agreed by the partnership board. (reported by Sue Fiennes)" in section(page, "1")
    assert "pp-status--delayed" in section(page, "4")
    assert '<time datetime="2006-05">May 2006</time>' in section(page, "4")
    assert "Sign-off moved to the May meeting" in section(page, "4")
    _, ref, action = hl_action.split("/")
    assert "pp-status--in_progress" in section((pages / f"{ref}.html").read_text(encoding="utf-8"), action)

    before = {p: p.read_bytes() for p in (portal_repo / "updates").rglob("*.yaml")}
    again = run(portal_repo, "collect", "returns/2005-q4-sf.xlsx", "returns/2005-q4-hl.xlsx")
    assert again.returncode == 0, again.stderr
    assert "3 update(s) already in the update files: not added again." in again.stderr
    assert {p: p.read_bytes() for p in (portal_repo / "updates").rglob("*.yaml")} == before
    subprocess.run(["git", "-C", str(portal_repo), "diff", "--exit-code", "plans/"], check=True)
    assert git(portal_repo, "status", "--porcelain", "plans").stdout == ""

    later = run(portal_repo, "returns", "--period", "2005-Q4", "--lead", "SF", "--output", "next")
    assert later.returncode == 0, later.stderr
    addresses = [c.value for c in openpyxl.load_workbook(portal_repo / "next" / "2005-q4-sf.xlsx")["Return"]["A"]]
    assert f"{PLAN}/1/4" in addresses and f"{PLAN}/1/1" not in addresses  # completed now


def test_each_bad_cell_is_reported_at_its_row_and_nothing_is_written(portal_repo: Path) -> None:
    path = portal_repo / "returns" / "2005-q4-sf.xlsx"
    sheet = openpyxl.load_workbook(path)["Return"]
    rows = {address: row_of(sheet, address) for address in (f"{PLAN}/1/1", f"{PLAN}/1/3", f"{PLAN}/1/4")}
    fill(path, {
        f"{PLAN}/1/1": {STATUS: "Finished", NOTE: "Paper agreed.", DATE: dt.date(2006, 3, 20)},
        f"{PLAN}/1/3": {STATUS: "Completed", NOTE: "Board briefed.", DATE: dt.date(2006, 4, 3)},
        f"{PLAN}/1/4": {"D": "Duty team resourced", NOTE: "Instructions issued.", DATE: dt.date(2006, 2, 1)},
    })

    result = run(portal_repo, "collect", "returns/2005-q4-sf.xlsx")

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    at = {address: f"returns/2005-q4-sf.xlsx:Return:{row}: " for address, row in rows.items()}
    assert lines[0] == at[f"{PLAN}/1/1"] + (
        "'Finished' is not a status: choose one from the list in the New status cell (Completed, In progress, "
        "Delayed, Not yet due or No longer relevant), or leave it blank if the status has not changed")
    assert lines[1] == at[f"{PLAN}/1/3"] + (
        "the date 3 April 2006 is not in 2005-Q4, the quarter of this return (1 January 2006 to 31 March 2006): "
        "type the day in that quarter that the note is true for; progress in another quarter goes in that "
        "quarter's return")
    assert lines[2].startswith(at[f"{PLAN}/1/4"] + "the Action cell was changed to 'Duty team resourced', but the "
                               "portal says 'Additional resourcing and operational instructions in place for duty "
                               "team' for herefordshire-jar-2006/1/4: the grey columns are locked; put it back")
    assert lines[3:] == ["3 problems found; no update file was written."]
    assert not (portal_repo / "updates").exists()


def test_a_return_for_another_lead_is_refused(portal_repo: Path) -> None:
    returns = portal_repo / "returns"
    hl = fill(returns / "2005-q4-sf.xlsx", SF_RETURN, save_as=returns / "2005-q4-hl-copy.xlsx", about={"B1": "HL"})
    plan = portal_repo / "plans" / f"{PLAN}.yaml"  # the lead of action 1/4 is changed after the returns went out
    text = plan.read_text(encoding="utf-8")
    start = text.index('- id: "4"')  # recommendation 1's
    plan.write_text(text[:start] + text[start:].replace("lead: [SF, ISM]", "lead: [HL]", 1), encoding="utf-8")
    sf = fill(returns / "2005-q4-sf.xlsx", SF_RETURN)

    result = run(portal_repo, "collect", str(sf.relative_to(portal_repo)), str(hl.relative_to(portal_repo)))

    assert result.returncode == 1, result.stderr
    row = row_of(openpyxl.load_workbook(sf)["Return"], f"{PLAN}/1/4")
    assert f"returns/2005-q4-sf.xlsx:Return:{row}: {PLAN}/1/4 is not led by SF, whose return this is (its lead is " \
           "now HL): a row for another lead; leave it blank here, and ask its lead for it" in result.stderr
    assert "returns/2005-q4-hl-copy.xlsx:About:1: the About sheet gives lead 'HL', but the workbook was written " \
           "for 'SF' (its document properties)" in result.stderr
    assert not (portal_repo / "updates").exists()
    assert "Traceback" not in result.stderr


def test_two_returns_that_disagree_about_an_action_are_reported(portal_repo: Path) -> None:
    returns = portal_repo / "returns"  # SF and ISM both lead action 1/1
    fill(returns / "2005-q4-sf.xlsx", {f"{PLAN}/1/1": SF_RETURN[f"{PLAN}/1/1"]})
    fill(returns / "2005-q4-ism.xlsx", {f"{PLAN}/1/1": {**SF_RETURN[f"{PLAN}/1/1"], STATUS: "In progress"}})

    result = run(portal_repo, "collect", "returns/2005-q4-sf.xlsx", "returns/2005-q4-ism.xlsx")

    assert result.returncode == 1
    assert re.search(r"^returns/2005-q4-ism\.xlsx:Return:\d+: two reports of herefordshire-jar-2006/1/1 on "
                     r"20 March 2006 disagree \(different status, note or deadline\): this row, and "
                     r"returns/2005-q4-sf\.xlsx:Return:\d+; keep one", result.stderr, re.MULTILINE), result.stderr
    assert not (portal_repo / "updates").exists()


def test_a_csv_return_gives_its_lead_and_period_in_its_first_lines(portal_repo: Path) -> None:
    written = run(portal_repo, "returns", "--period", "2005-06 Q4", "--lead", "HL", "--format", "csv",
                  "--output", "csv")
    assert written.returncode == 0, written.stderr
    path = portal_repo / "csv" / "2005-q4-hl.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[:2] for r in rows[:3]] == [["Lead", "HL"], ["Period", "2005-Q4"], ["Format", "planportal-return/1"]]
    assert rows[3] == [] and rows[4][0] == "Action address"
    rows[5][8:11] = ["in progress", "Thresholds drafted with the PCT.", "13/02/2006"]
    rows[6][8:11] = ["", "Waiting for the board.", "2006-13-01"]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)

    refused = run(portal_repo, "collect", "csv/2005-q4-hl.csv")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == ("csv/2005-q4-hl.csv:7: the date '2006-13-01' has no month 13: months "
                                              "run 1 to 12; type a day such as 15/02/2006")
    rows[6][8:11] = ["", "", ""]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    collected = run(portal_repo, "collect", "csv/2005-q4-hl.csv")
    assert collected.returncode == 0, collected.stderr
    hl = (portal_repo / "updates" / "2005-q4" / "hl.yaml").read_text(encoding="utf-8")
    assert f"action: {rows[5][0]}\n    date: 2006-02-13\n    status: in_progress\n" in hl
    assert run(portal_repo, "validate").returncode == 0


def test_collecting_into_an_update_file_already_there_keeps_it_as_it_is(portal_repo: Path) -> None:
    folder = portal_repo / "updates" / "2005-q4"
    folder.mkdir(parents=True)
    written = ("# yaml-language-server: $schema=../../schema/update.schema.json\n"
               "# Typed in from Sue's email of 12 January\nperiod: 2005-Q4\nlead: SF\nupdates:\n"
               f"  - action: {PLAN}/1/6\n    date: 2006-01-12\n    text: Protocol sent to partners.\n")
    (folder / "sf.yaml").write_text(written, encoding="utf-8")
    fill(portal_repo / "returns" / "2005-q4-sf.xlsx", SF_RETURN)

    collected = run(portal_repo, "collect", "returns/2005-q4-sf.xlsx")

    assert collected.returncode == 0, collected.stderr
    text = (folder / "sf.yaml").read_text(encoding="utf-8")
    assert text.startswith(written + "  # collected from 2005-q4-sf.xlsx\n")
    assert text.count("- action:") == 3
    assert run(portal_repo, "validate").returncode == 0


def test_collecting_into_an_update_file_laid_out_otherwise_changes_it_in_place(portal_repo: Path) -> None:
    """An update file whose updates are not at its end cannot simply be added to: it is changed in place
    (ruamel.yaml), its comments, order and layout kept, the new updates after the ones already there."""
    folder = portal_repo / "updates" / "2005-q4"
    folder.mkdir(parents=True)
    written = ("# yaml-language-server: $schema=../../schema/update.schema.json\n"
               "period: 2005-Q4\nupdates:\n"
               f"  - action: {PLAN}/1/6   # from Sue's email\n    date: 2006-01-12\n"
               "    text: Protocol sent to partners.\n"
               "# Typed in from Sue's email of 12 January\nlead: SF\n")
    (folder / "sf.yaml").write_text(written, encoding="utf-8")
    fill(portal_repo / "returns" / "2005-q4-sf.xlsx", SF_RETURN)

    collected = run(portal_repo, "collect", "returns/2005-q4-sf.xlsx")

    assert collected.returncode == 0, collected.stderr
    text = (folder / "sf.yaml").read_text(encoding="utf-8")
    assert text.startswith(written.split("# Typed")[0])
    assert text.endswith("# Typed in from Sue's email of 12 January\nlead: SF\n")
    assert text.count("- action:") == 3
    assert run(portal_repo, "validate").returncode == 0
