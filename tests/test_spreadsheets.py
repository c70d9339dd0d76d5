"""Spreadsheets in and out: an action plan laid out like the Leeds plan (004) imports into a
valid plan file, and cells that cannot be used are reported by sheet, row and column. Importing an
export into the plan it came from changes nothing, byte for byte, and an edited cell changes its lines
of the plan file and no others: tests/test_round_trip.py runs those through the command line, on a
portal kept in git."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from planportal.commands.cli import main
from planportal.exchange.columns import load_mapping
from planportal.exchange.files import SCHEMA_LINE, export, import_file
from planportal.portal.joined import Portal, recommendation_paths, walk_actions
from planportal.portal.load import load_portal
from planportal.source.model import Plan, PlanPortalFile
from tests.conftest import ROOT, copy_project
from tests.factories import make_portal, plan


@pytest.fixture(scope="module")
def seed() -> Portal:
    """The seed plans, validated (no site needed)."""
    return load_portal(ROOT / "plans", ROOT / "content", ROOT)


HEADINGS_004 = ["Recommendation Ref", "Source", "Recommendation", "Urgency", "Main Action and supporting Sub-Actions",
                "Action deadlines", "Lead Responsible Officer", "Success Criteria", "Performance Target",
                "Related Plans", "Capacity / Additional Resources required"]


def sheet_004(path: Path, extra_rows: list[list[object]] | None = None) -> Path:
    """A workbook shaped like the Leeds plan: a title, a theme heading row, an outcome heading row,
    then the table; a recommendation's cells on its first row only, sub-actions and their deadlines
    one per line in one cell, dates as Excel dates and as dd/mm/yyyy."""
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Theme 1"
    sheet.append(["Children's Services Improvement Plan"])
    sheet.append([])
    sheet.append(HEADINGS_004)
    sheet.append(["Improvement Theme 1: Effective leadership and governance"])
    sheet.append(["Outcome 1.1 Implement new Leadership and Governance arrangements"])
    sheet.append(["1.1.1", "IN 3.1", "Cooperate with the independent chair to establish an Improvement Board.", 1,
                  "1. Establish an effective improvement board\n1a Inform Executive Board of the Improvement Board\n"
                  "1b Produce draft Terms of Reference", "06/01/2010\n19/01/2010", "Assistant Chief Executive",
                  "A board is in place.\nProgress made at each formal review period.",
                  "2010: Unannounced Inspection: no areas for priority action are found", "CYPP",
                  "Yes: Corporate Support"])
    sheet.append([None, None, None, None, "2 Review operation of the board every 6 months",
                  "Sept 2010 / March 2011", "Assistant Chief Executive"])
    sheet.append(["1.1.2", "IN 3.2; AI SC 1", "Prepare a robust Improvement Plan.", 2,
                  "1 Develop a robust improvement plan", dt.datetime(2010, 3, 1), "Deputy Director"])
    for row in extra_rows or []:
        sheet.append(row)
    book.save(path)
    return path


def test_a_004_shaped_spreadsheet_imports_into_a_valid_plan(tmp_path: Path) -> None:
    result = import_file(sheet_004(tmp_path / "leeds.xlsx"), "leeds-import")
    assert result.problems == []
    PlanPortalFile.model_validate(result.document)
    plan = Plan.model_validate(result.document["plan"])
    theme = plan.themes[0]
    assert (theme.id, theme.title) == ("1", "Effective leadership and governance")
    outcome = theme.outcomes[0]
    assert outcome.id == "1"
    first, second = outcome.recommendations
    assert first.ref == "1.1.1" and first.urgency == 1
    assert [(s.code, s.paragraph) for s in first.sources] == [("IN", "3.1")]
    assert [(s.code, s.paragraph) for s in second.sources] == [("IN", "3.2"), ("AI SC", "1")]
    assert first.success_criteria == ["A board is in place.", "Progress made at each formal review period."]
    assert first.resources is not None and first.resources.required and first.resources.details == "Corporate Support"
    assert [r.text for r in first.related] == ["CYPP"]
    main_1, main_2 = first.actions
    assert main_1.title == "Establish an effective improvement board"
    assert [(a.id, str(a.due.last) if a.due else None) for a in main_1.actions] == [
        ("1a", "6 January 2010"), ("1b", "19 January 2010")]
    assert main_1.lead == main_2.lead == ["Assistant-Chief-Executive"]
    assert main_2.due is not None and [str(e.date) for e in main_2.due.entries] == ["September 2010", "March 2011"]
    assert second.actions[0].due is not None and str(second.actions[0].due.last) == "1 March 2010"
    people = {p["id"]: p["role"] for p in result.document["people"]}
    assert people == {"Assistant-Chief-Executive": "Assistant Chief Executive", "Deputy-Director": "Deputy Director"}
    assert plan.state == "draft"  # an import is a draft until someone approves it


def test_the_import_command_writes_a_plan_file_that_validates(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    source = sheet_004(tmp_path / "leeds.xlsx")
    assert main(["--root", str(project.root), "import", str(source), "--plan", "leeds-import"]) == 0
    written = project.plans / "leeds-import.yaml"
    assert written.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    portal = load_portal(project.plans, project.content, project.root)
    assert portal.plan("leeds-import").plan.themes[0].outcomes[0].recommendations[0].ref == "1.1.1"
    # leads the portal already knows are used, not made again
    assert not any(p.get("id") == "assistant-chief-executive"
                   for p in yaml.safe_load(written.read_text(encoding="utf-8")).get("people", []))
    assert main(["--root", str(project.root), "import", str(source), "--plan", "leeds-import"]) == 2  # exists


def test_rows_that_cannot_be_placed_are_reported_by_sheet_and_row(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = sheet_004(tmp_path / "bad.xlsx", [
        ["1.1.3", None, "A recommendation with a bad deadline.", "soon", "1 Do it", "next Tuesday"],
        [None, None, None, None, "1a Something", "31/02/2010"],
        ["1.1.4", None, "Progress without a date.", None, "1 Do it", None, None, None, None, None, None],
    ])
    book = openpyxl.load_workbook(source)
    sheet = book["Theme 1"]
    sheet.cell(row=3, column=12, value="Comments")  # a column nobody mapped
    sheet.cell(row=9, column=12, value="keep this")
    book.save(source)
    result = import_file(source, "bad")
    assert result.problems == [
        "bad.xlsx:Theme 1:3:L: column L 'Comments' is not a known heading, so its cells would be lost: name its field "
        "in a mapping file (columns:), or list it under ignore:",
        "bad.xlsx:Theme 1:9:D: urgency 'soon' is not a whole number such as 1 (the plan's urgency scale)",
        "bad.xlsx:Theme 1:9:F: 'next Tuesday' is not a date: write a day '2026-03-01', a month '2026-03', a "
        "financial-year quarter '2026-27 Q1', a range '2026-01 to 2026-03', 'from 2026-04', 'tbc' or 'ongoing', or "
        "15/03/2010, 15.03.10, 'March 2010', '15 March 2010', 'Q3 2010/11' or '2010/11 Q3'",
        "bad.xlsx:Theme 1:10:F: '31/02/2010' is not a real date: February 2010 has 28 days",
    ]
    assert main(["import", str(source), "--plan", "bad", "--output", str(tmp_path / "out.yaml")]) == 1
    assert not (tmp_path / "out.yaml").exists()
    assert "bad.xlsx:Theme 1:9:D:" in capsys.readouterr().err
    # The mapping can leave the column out on purpose; the remaining rows still fail, by row.
    mapping = tmp_path / "map.yaml"
    mapping.write_text("ignore: [Comments]\ncolumns:\n  urgency: Urgency\n", encoding="utf-8")
    assert main(["import", str(source), "--plan", "bad", "--mapping", str(mapping), "--output", "-"]) == 1
    err = capsys.readouterr().err
    assert "column L" not in err and "bad.xlsx:Theme 1:9:D: urgency 'soon'" in err


def test_an_action_before_any_recommendation_cannot_be_placed(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation Ref,Recommendation,Action,Deadline,Progress\n"
                    ",,1 An orphan action,2010-03,\n"
                    "R1,Text,1 Do it,2010-03,yesterday: done\n"
                    "R1,Text again,,,\n"
                    "R2,Another,,,\n"
                    "R1,Text,,,\n", encoding="utf-8")
    result = import_file(path, "p")
    assert result.problems == [
        "plan.csv:plan:2:C: an action with no recommendation above it: give the Recommendation Ref first",
        "plan.csv:plan:3:E: progress 'yesterday: done' has no date: start each entry with its date, "
        "'2010-01-06 (completed): what was done' (status optional)",
        "plan.csv:plan:4:C: a second Recommendation for recommendation R1: put it on the recommendation's first row, "
        "or give this row its own Recommendation Ref",
        "plan.csv:plan:6:C: recommendation R1 is already on row 3: a ref is given once, or on each row of the same "
        "recommendation one after another",
    ]


def test_a_theme_title_changed_on_a_later_row_is_reported_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Theme,Theme title,Outcome,Outcome title,Recommendation Ref,Recommendation\n"
                    "1,Leadership,1,Governance,1.1.1,Text\n"
                    "1,Leadership,1,Governance,1.1.2,More\n"
                    "1,Leadership and management,1,Governance,1.1.3,Again\n", encoding="utf-8")
    assert import_file(path, "p").problems == [
        "plan.csv:plan:4:B: Theme title 'Leadership and management' differs from row 2, where this theme starts: "
        "change it there"]


def test_a_mapping_file_names_other_headings(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("No.,What we were told,What we will do,When,Who\n"
                    "1,Improve referrals,1 Agree thresholds,31/03/2026,Head of Service\n", encoding="utf-8")
    assert import_file(path, "p").problems[0].startswith("plan.csv:plan:1:A: no row of headings found")
    mapping = load_mapping({"columns": {"ref": "No.", "text": "What we were told", "action": "What we will do",
                                        "due": "When", "lead": "Who"}})
    result = import_file(path, "p", mapping)
    assert result.problems == []
    rec = Plan.model_validate(result.document["plan"]).recommendations[0]
    assert (rec.ref, rec.text, rec.actions[0].title, str(rec.actions[0].due.last) if rec.actions[0].due else "") == (
        "1", "Improve referrals", "Agree thresholds", "31 March 2026")


def test_an_export_read_as_a_new_plan_gives_what_its_cells_say(seed: Portal, tmp_path: Path) -> None:
    """Every seed plan's export, read as a new plan (no plan file to merge into): its structure, ids, leads
    (named by name, found in the directory), deadlines and progress come back. What cells cannot say (a
    translation, a note on a deadline) the plan file keeps: an import into it merges."""
    path = tmp_path / "portal.xlsx"
    path.write_bytes(export(seed, "xlsx"))
    for entry in seed.plans:
        result = import_file(path, entry.id, portal=seed)
        assert result.problems == [], entry.id
        again = Plan.model_validate(result.document["plan"])
        pairs = list(zip(recommendation_paths(again), recommendation_paths(entry.plan), strict=True))
        for (_, new), (_, old) in pairs:
            assert new.ref == old.ref
            assert [(a.id, a.lead, a.partners, [e.date for e in a.due.entries] if a.due else None,
                     [(p.date, p.status) for p in a.progress]) for a, _ in walk_actions(new.actions)] == [
                (a.id, a.lead, a.partners, [e.date for e in a.due.entries] if a.due else None,
                 [(p.date, p.status) for p in a.progress]) for a, _ in walk_actions(old.actions)], (entry.id, old.ref)
        assert "people" not in result.document  # every lead, named by name, was found in the directory


def test_exports_are_the_same_bytes_every_time(seed: Portal) -> None:
    portal = seed
    for fmt in ("csv", "xlsx", "json"):
        assert export(portal, fmt) == export(portal, fmt)


def test_cells_starting_with_equals_are_text_not_formulas(tmp_path: Path) -> None:
    """Every workbook cell is text, and a CSV cell that looks like a formula starts with ': a plan's
    words never run in someone's spreadsheet, and still come back as written."""
    made = make_portal(tmp_path, {"p": plan(recommendations=[
        {"ref": "1", "text": "=HYPERLINK(\"http://x\")", "actions": [{"id": "1", "title": "=1+1"}]}])})
    book = openpyxl.load_workbook(__import__("io").BytesIO(export(made, "xlsx")))
    values = [c.value for row in book["Actions"].iter_rows() for c in row if c.value]
    types = {c.data_type for row in book["Actions"].iter_rows() for c in row if c.value}
    assert "=1+1" in values and types == {"s"}
    csv_file = tmp_path / "p.csv"
    csv_file.write_bytes(export(made, "csv"))
    assert "'=1+1" in csv_file.read_text(encoding="utf-8-sig")  # shown as text by a spreadsheet opening it
    again = Plan.model_validate(import_file(csv_file, "p", portal=made).document["plan"])
    assert again.recommendations[0].text == "=HYPERLINK(\"http://x\")"
    assert again.recommendations[0].actions[0].title == "=1+1"


def test_text_longer_than_a_cell_holds_is_cut_short_and_says_so(tmp_path: Path) -> None:
    """A spreadsheet cell holds 32,767 characters: longer text is cut there with a note, not lost silently."""
    long = "word " * 10_000
    made = make_portal(tmp_path, {"p": plan(recommendations=[
        {"ref": "1", "text": long, "actions": [{"id": "1", "title": "Act"}]}])})
    book = openpyxl.load_workbook(__import__("io").BytesIO(export(made, "xlsx")))
    cells = [c.value for row in book["Actions"].iter_rows() for c in row if c.value and "word word" in c.value]
    assert cells and all(len(c) == 32_767 and c.endswith("the CSV and JSON downloads have it all]") for c in cells)
    # imported back into its plan file, the text cut short is left as the file has it, whole ...
    path = tmp_path / "p.xlsx"
    path.write_bytes(export(made, "xlsx"))
    file_text = (tmp_path / "plans" / "p.yaml").read_text(encoding="utf-8")
    back = import_file(path, "p", portal=made, existing=file_text, existing_name="plans/p.yaml")
    assert back.problems == [] and back.text == file_text
    csv_path = tmp_path / "p.csv"  # (a CSV holds it all)
    csv_path.write_bytes(export(made, "csv"))
    back = import_file(csv_path, "p", portal=made, existing=file_text, existing_name="plans/p.yaml")
    assert back.problems == [] and back.text == file_text
    # ... and a change to it cannot be read back: the import says so at the cell
    book = openpyxl.load_workbook(path)
    sheet = book["Actions"]
    cut = next(c for row in sheet.iter_rows() for c in row if c.value and "word word" in c.value)
    cut.value = "changed " + cut.value
    book.save(path)
    back = import_file(path, "p", portal=made, existing=file_text, existing_name="plans/p.yaml")
    assert back.problems == [f"p.xlsx:Actions:{cut.row}:{cut.column_letter}: this cell was cut short by the export (a "
                             "spreadsheet cell holds 32,767 characters), so it cannot be read back: change this text "
                             "in the plan file or in a CSV export, which holds it all"]


def test_commands_say_how_to_use_them() -> None:
    for command in ("import", "export", "bundle", "new"):
        done = subprocess.run([sys.executable, "-m", "planportal", command, "--help"], capture_output=True,
                              text=True, cwd=ROOT)
        assert done.returncode == 0 and "usage: planportal" in done.stdout, command
    assert main(["--root", str(ROOT), "export", "--format", "csv", "--plan", "no-such-plan"]) == 2
