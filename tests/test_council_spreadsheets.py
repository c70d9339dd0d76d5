"""Council spreadsheets as they come, imported with `planportal import` as staff run it: dates as councils
type them in every date column, a RAG column read as the portal's statuses (defaults a mapping file can
change), partners by name matched to the directory or kept in words, and one cell holding action 1 with
sub-actions 1a and 1b, its partners and progress placed where the council meant, or said to be
unplaceable. And the site's CSV and XLSX downloads, which an inspector filters: status in words,
overdue, leads by name, no YAML; the JSON keeps ids."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
import yaml

from planportal.downloads.files import site_files
from planportal.exchange.files import export
from planportal.pages.urls import plan_actions
from planportal.portal.joined import Portal
from planportal.portal.load import load_portal
from tests.conftest import ROOT, copy_project, run

HEADINGS = ["Ref", "Recommendation", "Action", "Lead", "Partners", "Deadline", "RAG", "Progress"]


def council_book(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action plan"
    sheet.append(["Children's services action plan 2010"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


ROWS = [
    ["R1", "Set thresholds for social care involvement.",
     "1. Agree thresholds\n1a Draft thresholds\n1b Consult partners", "Sue Fiennes",
     "Police; West Mercia Police", "March 2010\n12/03/2010\n12.03.10", "Amber", "12/03/2010: Thresholds drafted"],
    ["", "", "2 Publish the thresholds", "Sue Fiennes", "Local Safeguarding Children Board", "Q3 2010/11",
     "Complete", "March 2011 - Published on the intranet"],
    ["", "", "3 Review the thresholds", "Sue Fiennes", "", "2010/11 Q4", "On track", ""],
    ["", "", "4 Audit referrals\n4a Plan the audit\n4b Run the audit", "Sue Fiennes", "", "2011-03",
     "", "4a: 12/02/2011 Audit planned\n4b: 1 March 2011 - Audit started"],
]


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    return copy_project(tmp_path).root


def test_a_council_spreadsheet_imports_as_the_council_wrote_it(portal: Path, tmp_path: Path) -> None:
    source = council_book(tmp_path / "council.xlsx", ROWS)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("as_at: 31/03/2011\nstatuses:\n  Amber: delayed\n", encoding="utf-8")
    done = run(portal, "import", str(source), "--plan", "council-2010", "--mapping", str(mapping))
    assert done.returncode == 0, done.stderr
    # the row's partners and progress are action 1's, the main action of 1, 1a and 1b: the import says so
    assert "council.xlsx:Action plan:3:E: People/Partners placed on action 1, the main action of 1, 1a, 1b" \
        in done.stderr
    assert "council.xlsx:Action plan:5:G: action 3 of recommendation R1: the status 'On track' is recorded as a " \
           "progress entry dated 2011-03-31" in done.stderr
    validated = run(portal, "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    plan = yaml.safe_load((portal / "plans" / "council-2010.yaml").read_text(encoding="utf-8"))["plan"]
    one, two, three, four = plan["recommendations"][0]["actions"]
    assert (one["id"], one["due"], one["lead"]) == ("1", "2010-03", "SF")
    assert [(a["id"], a["due"]) for a in one["actions"]] == [("1a", "2010-03-12"), ("1b", "2010-03-12")]
    assert "partners" not in one["actions"][0] and "progress" not in one["actions"][0]
    # partners by name: "Police" is the directory's, "West Mercia Police" is not, so kept in words
    assert (one["partners"], one["partners_text"]) == ("police", "West Mercia Police")
    assert one["progress"] == [{"date": "2010-03-12", "status": "delayed", "text": "Thresholds drafted"}]  # Amber
    assert two["partners"] == "LSCB" and two["due"] == "2010-11 Q3"
    assert two["progress"] == [{"date": "2011-03", "status": "completed", "text": "Published on the intranet"}]
    assert three["due"] == "2010-11 Q4"
    assert three["progress"] == [{"date": "2011-03-31", "status": "in_progress", "text": "On track"}]
    assert [a.get("progress") for a in four["actions"]] == [
        [{"date": "2011-02-12", "text": "Audit planned"}], [{"date": "2011-03-01", "text": "Audit started"}]]
    assert "progress" not in four


def test_what_cannot_be_placed_is_said_at_its_cell(portal: Path, tmp_path: Path) -> None:
    source = council_book(tmp_path / "council.xlsx", [
        ROWS[0],
        ["", "", "5a Train managers\n5b Train staff", "Sue Fiennes", "Police", "2010-04\n2010-05\n2010-06", "",
         "12/03/2010: Training booked"],
        ["", "", "6 Tell schools", "Sue Fiennes", "", "", "Purple", ""],
        ["", "", "7 Tell partners", "Sue Fiennes", "", "", "Red", ""],
    ])
    done = run(portal, "import", str(source), "--plan", "council-2010")
    assert done.returncode == 1
    assert ("council.xlsx:Action plan:4:E: this People/Partners cell is for 2 actions (5a, 5b) and does not say "
            "which line is whose") in done.stderr
    assert "council.xlsx:Action plan:4:H: this Progress to Date cell is for 2 actions (5a, 5b)" in done.stderr
    assert "council.xlsx:Action plan:4:F: 3 lines in Action deadlines for 2 actions" in done.stderr
    assert "council.xlsx:Action plan:5:G: 'Purple' is not a status" in done.stderr
    assert "council.xlsx:Action plan:6:G: the status 'Red' needs a date" in done.stderr
    assert not (portal / "plans" / "council-2010.yaml").exists()


@pytest.fixture(scope="module")
def seed() -> Portal:
    return load_portal(ROOT / "plans", ROOT / "content", ROOT)


def test_the_downloads_an_inspector_filters(seed: Portal) -> None:
    files = site_files(seed)
    text = files[plan_actions("herefordshire-jar-2006", "csv")].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "Other fields (YAML)" not in rows[0] and not any("{" in v and ":" in v for r in rows for v in r.values()
                                                             if v.startswith("{"))
    seven = next(r for r in rows if r["Recommendation Ref"] == "" and r["Action Ref"] == "7")
    assert seven["Status"] == "Completed" and seven["Overdue"] == "No"
    assert seven["Lead Responsible Officer"] == "Sue Fiennes, Director of Children's Services; Interim Senior Manager"
    assert {r["Status"] for r in rows} <= {"Completed", "In progress", "Delayed", "Not yet due",
                                          "No longer relevant", "Deadline passed, no update", "No status given"}
    assert {r["Overdue"] for r in rows} == {"Yes", "No"}
    assert all("(completed)" not in r["Progress to Date"] for r in rows)  # statuses in words there too
    book = openpyxl.load_workbook(io.BytesIO(files[plan_actions("herefordshire-jar-2006", "xlsx")]))
    headings = [c.value for c in book["Actions"][1]]
    assert {"Status", "Overdue", "Lead Responsible Officer"} <= set(headings) and "Other fields (YAML)" not in headings
    # the downloads are the export, which imports back into the plan it came from (tests/test_round_trip.py)
    for fmt in ("csv", "xlsx"):
        assert files[plan_actions("herefordshire-jar-2006", fmt)] == export(seed, fmt, "herefordshire-jar-2006")
    data = json.loads(files[plan_actions("herefordshire-jar-2006", "json")])
    action = data["plans"][0]["plan"]["recommendations"][0]["actions"][0]
    assert action["lead"] == ["SF", "ISM"]  # the JSON keeps ids
