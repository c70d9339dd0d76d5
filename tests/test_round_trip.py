"""The round trip that loses nothing, through the command line as staff run it, on this portal kept in git:
every plan, exported in every format and imported back with `planportal import --force`, leaves plans/
byte for byte as it was and valid; cells edited in an exported workbook change those lines of the plan
file and no others; and a failed import names the spreadsheet's cell, never a line of a file it did not
write."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from planportal.commands.cli import main
from tests.conftest import git, portal_in_git, run

PLANS = ["action-planning-2006", "herefordshire-jar-2006", "leeds-2010"]
FORMATS = ["xlsx", "csv", "json"]  # every format `planportal export --format` offers


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return portal_in_git(tmp_path_factory.mktemp("round-trip"))


@pytest.fixture
def clean(portal: Path) -> Iterator[Path]:
    """The portal with plans/ as committed, before and after each test."""
    git(portal, "checkout", "-q", "--", "plans")
    yield portal
    git(portal, "checkout", "-q", "--", "plans")
    git(portal, "clean", "-qfd", "plans")


def export(root: Path, fmt: str, plan: str | None, out: Path) -> Path:
    done = run(root, "export", "--format", fmt, *(["--plan", plan] if plan else []), "--output", str(out))
    assert done.returncode == 0, done.stderr
    return out


def diff(root: Path) -> str:
    return git(root, "diff", "-U0", "--", "plans").stdout


def changed_lines(root: Path) -> list[str]:
    """The lines `git diff` shows taken out (-) and put in (+), without its headers."""
    return [line for line in diff(root).splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def check_clean(root: Path) -> None:
    """`git diff --exit-code plans/`: nothing in plans/ differs from what was committed, byte for byte."""
    done = subprocess.run(["git", "-C", str(root), "diff", "--exit-code", "--", "plans/"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout[:3000]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_plan_exported_and_imported_back_leaves_plans_byte_for_byte_the_same(clean: Path, tmp_path: Path,
                                                                                   fmt: str) -> None:
    root = clean
    whole = export(root, fmt, None, tmp_path / f"portal.{fmt}")  # the whole portal's export, one plan at a time
    for plan in PLANS:
        for source in (export(root, fmt, plan, tmp_path / f"{plan}.{fmt}"), whole):
            done = run(root, "import", str(source), "--plan", plan, "--force")
            assert done.returncode == 0, done.stderr
            check_clean(root)
    done = run(root, "validate")
    assert done.returncode == 0, done.stdout + done.stderr


RAG_PLAN = Path(__file__).parent / "good" / "rag-with-per-cent-complete" / "plans"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plan_with_rag_ratings_per_cent_complete_and_entries_dated_by_period_comes_back_byte_for_byte(
        tmp_path: Path, fmt: str) -> None:
    (tmp_path / "portal").mkdir()
    root = portal_in_git(tmp_path / "portal", RAG_PLAN)
    out = export(root, fmt, "improvement-plan-2004", tmp_path / f"plan.{fmt}")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        log = next(r for r in rows if r["Recommendation Ref"] == "1" and r["Action Ref"] == "1")
        assert log["Weight"] == "2" and log["Latest RAG rating"] == "Amber"  # the latest entry's: worked out
        assert "2004-05 Q1 (In progress; RAG Green; 25%): " in log["Progress to Date"]
        assert "2004-07 to 2004-09 (In progress; RAG Amber; 50%): " in log["Progress to Date"]
        assert next(r for r in rows if r["Action Ref"] == "2b")["Per cent complete"] == "40"
    done = run(root, "import", str(out), "--plan", "improvement-plan-2004", "--force")
    assert done.returncode == 0, done.stderr
    check_clean(root)


SHAPES = Path(__file__).parent / "shapes"
OWN_HEADINGS = {  # each shape's plan words in its export's headings (its plan.yaml levels:)
    "key-issues": ["Key issue Ref", "Key issue", "Main Action and supporting Sub-Actions"],
    "priorities": ["Priority", "Priority title", "Objective Ref", "Objective", "Action"],
    "organisations": ["Theme", "Outcome", "Recommendation Ref", "Main Action and supporting Sub-Actions"],
}


@pytest.mark.parametrize("shape", sorted(OWN_HEADINGS))
def test_a_plan_that_names_its_levels_is_exported_in_its_words_and_imported_back_byte_for_byte(
        tmp_path: Path, shape: str) -> None:
    (tmp_path / "portal").mkdir()
    root = portal_in_git(tmp_path / "portal", SHAPES / shape / "plans")
    for fmt in ("xlsx", "csv"):
        out = export(root, fmt, "plan", tmp_path / f"plan.{fmt}")
        if fmt == "csv":
            heading = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        else:
            heading = [c.value for c in openpyxl.load_workbook(out)["Actions"][1]]
        assert set(OWN_HEADINGS[shape]) <= set(heading), heading
        done = run(root, "import", str(out), "--plan", "plan", "--force")
        assert done.returncode == 0, done.stderr
        assert "nothing to change" in done.stderr and "note:" not in done.stderr, done.stderr  # no action "moved"
        check_clean(root)
    # the whole portal's export keeps the portal's words (its plans may name their levels differently)
    whole = export(root, "csv", None, tmp_path / "portal.csv")
    assert "Recommendation Ref" in whole.read_text(encoding="utf-8-sig").splitlines()[0]
    done = run(root, "import", str(whole), "--plan", "plan", "--force")
    assert done.returncode == 0, done.stderr
    check_clean(root)


def cells(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[1] if c.value}


def row_of(sheet: openpyxl.worksheet.worksheet.Worksheet, ref: str, action: str) -> int:
    column = cells(sheet)
    last_ref = ""
    for r in range(2, sheet.max_row + 1):
        last_ref = sheet.cell(r, column["Recommendation Ref"]).value or last_ref
        if last_ref == ref and sheet.cell(r, column["Action Ref"]).value == action:
            return r
    raise AssertionError(f"no row for {ref} {action}")


def test_cells_edited_in_an_exported_workbook_change_those_lines_of_the_plan_file_and_no_others(
        clean: Path, tmp_path: Path) -> None:
    root = clean
    book_path = export(root, "xlsx", "herefordshire-jar-2006", tmp_path / "hj.xlsx")
    book = openpyxl.load_workbook(book_path)
    sheet = book["Actions"]
    column = cells(sheet)
    # a deadline, as a council types it
    sheet.cell(row_of(sheet, "1", "1"), column["Action deadlines"], "31/01/2006")
    # a status: where an action stood in its progress log ...
    eight = row_of(sheet, "1", "8")
    progress = sheet.cell(eight, column["Progress to Date"])
    assert "2006-02-28 (Completed): Completed" in progress.value
    progress.value = progress.value.replace("2006-02-28 (Completed)", "2006-02-28 (In progress)")
    # ... and in the Status column, with the progress entry that says so
    two = row_of(sheet, "1", "2")
    assert sheet.cell(two, column["Status"]).value == "No status given"
    sheet.cell(two, column["Status"], "Completed")
    sheet.cell(two, column["Progress to Date"], sheet.cell(two, column["Progress to Date"]).value
               + "\n2006-03-20: Paper agreed by the LSCB.")
    # a new sub-action row, under action 1, its lead by name
    one = row_of(sheet, "1", "1")
    sheet.insert_rows(one + 1)
    for heading, value in {"Plan": "herefordshire-jar-2006", "Action Ref": "1a", "Sub-action of": "1",
                           "Main Action and supporting Sub-Actions": "Share the discussion paper with the LSCB",
                           "Action deadlines": "Jan 2006", "Lead Responsible Officer": "Sue Fiennes"}.items():
        sheet.cell(one + 1, column[heading], value)
    book.save(book_path)

    done = run(root, "import", str(book_path), "--plan", "herefordshire-jar-2006", "--force")
    assert done.returncode == 0, done.stderr
    assert "action 1a of recommendation 1 is new" in done.stderr
    assert changed_lines(root) == [
        '-          due: "2005-12"',
        '+          due: "2006-01-31"',
        "+          actions:",
        '+            - id: "1a"',
        "+              title: Share the discussion paper with the LSCB",
        '+              due: "2006-01"',
        "+              lead: SF",
        '+            - date: "2006-03-20"',
        "+              status: completed",
        "+              text: Paper agreed by the LSCB.",
        "-              status: completed",
        "+              status: in_progress",
    ]
    done = run(root, "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    # exported again, the workbook says what was imported, and importing it changes nothing more
    again = export(root, "xlsx", "herefordshire-jar-2006", tmp_path / "again.xlsx")
    before = diff(root)
    assert run(root, "import", str(again), "--plan", "herefordshire-jar-2006", "--force").returncode == 0
    assert diff(root) == before


def test_a_translated_title_edited_in_a_csv_changes_its_english_and_keeps_its_welsh(clean: Path,
                                                                                    tmp_path: Path) -> None:
    root = clean
    path = export(root, "csv", "leeds-2010", tmp_path / "leeds.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    title = rows[0].index("Theme title")
    old = "Effective leadership and governance of integrated children's services in Leeds"
    assert rows[1][title] == old
    for row in rows[1:]:
        if row[title] == old:
            row[title] = "Effective leadership and governance of children's services in Leeds"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    done = run(root, "import", str(path), "--plan", "leeds-2010", "--force")
    assert done.returncode == 0, done.stderr
    assert changed_lines(root) == [
        f"-        en: {old}",
        "+        en: Effective leadership and governance of children's services in Leeds",
    ]


def test_a_failed_import_names_the_cells_and_writes_nothing(clean: Path, tmp_path: Path) -> None:
    root = clean
    book_path = export(root, "xlsx", "leeds-2010", tmp_path / "leeds.xlsx")
    book = openpyxl.load_workbook(book_path)
    sheet = book["Actions"]
    column = cells(sheet)
    related = sheet.cell(2, column["Related Plans"])
    related.value = "Document: no-such-document"  # refused by the portal's cross-reference checks
    bad_ref = row_of(sheet, "1.1.1", "1b")
    sheet.cell(bad_ref, column["Action Ref"], "1 b")  # refused by the model
    book.save(book_path)
    done = run(root, "import", str(book_path), "--plan", "leeds-2010", "--force")
    assert done.returncode == 1
    ref_letter = openpyxl.utils.get_column_letter(column["Action Ref"])
    assert f"leeds.xlsx:Actions:{bad_ref}:{ref_letter}: " in done.stderr
    assert "no plan file was written" in done.stderr
    assert not re.search(r"plans/leeds-2010\.yaml:\d+", done.stderr), done.stderr
    check_clean(root)
    sheet.cell(bad_ref, column["Action Ref"], "1b")
    book.save(book_path)
    done = run(root, "import", str(book_path), "--plan", "leeds-2010", "--force")
    letter = openpyxl.utils.get_column_letter(column["Related Plans"])
    assert done.returncode == 1
    assert f"leeds.xlsx:Actions:2:{letter}: unknown document 'no-such-document'" in done.stderr, done.stderr
    assert not re.search(r"plans/leeds-2010\.yaml:\d+", done.stderr), done.stderr
    check_clean(root)


def test_import_without_force_into_an_existing_plan_is_refused(clean: Path, tmp_path: Path) -> None:
    root = clean
    path = export(root, "csv", "action-planning-2006", tmp_path / "a.csv")
    assert main(["--root", str(root), "import", str(path), "--plan", "action-planning-2006"]) == 2
    check_clean(root)


def test_progress_from_update_files_stays_in_updates_through_the_round_trip(clean: Path, tmp_path: Path) -> None:
    """An export shows the update files' progress (updates/) with the plan's; imported back, it is not copied
    into the plan file, even when the progress cell is edited."""
    root = clean
    folder = root / "updates" / "2005-q4"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sf.yaml").write_text(
        "# yaml-language-server: $schema=../../schema/update.schema.json\nperiod: 2005-Q4\nlead: SF\nupdates:\n"
        "  - action: herefordshire-jar-2006/1/6\n    date: 2006-01-12\n    status: in_progress\n"
        "    text: Protocol sent to partners.\n", encoding="utf-8")
    try:
        assert run(root, "validate").returncode == 0
        book_path = export(root, "xlsx", "herefordshire-jar-2006", tmp_path / "hj.xlsx")
        done = run(root, "import", str(book_path), "--plan", "herefordshire-jar-2006", "--force")
        assert done.returncode == 0, done.stderr
        check_clean(root)
        book = openpyxl.load_workbook(book_path)
        sheet = book["Actions"]
        column = cells(sheet)
        six = sheet.cell(row_of(sheet, "1", "6"), column["Progress to Date"])
        assert "Protocol sent to partners." in six.value
        six.value += "\n2006-03-01: Guidance reissued."
        book.save(book_path)
        done = run(root, "import", str(book_path), "--plan", "herefordshire-jar-2006", "--force")
        assert done.returncode == 0, done.stderr
        assert changed_lines(root) == ['+            - date: "2006-03-01"', "+              text: Guidance reissued."]
        assert run(root, "validate").returncode == 0
    finally:
        (folder / "sf.yaml").unlink()
        folder.rmdir()
        folder.parent.rmdir()
