"""Committee papers as PDFs: `planportal report --format pdf` and `planportal print`, read back
with pypdf as a clerk's reader (or a screen reader) would have them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from planportal.portal.load import load_portal
from planportal.portal.reports import quarter_report
from planportal.source.model import Action
from tests.conftest import copy_project, run
from tests.factories import make_portal, plan

HEREFORDSHIRE = "herefordshire-jar-2006"


def words(text: str) -> str:
    """Text with every run of white space one space, as a reader's search sees it."""
    return re.sub(r"\s+", " ", text).strip()


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    def walk(items: list[Any]) -> list[str]:
        return [t for item in items for t in (walk(item) if isinstance(item, list) else [item.title])]

    return walk(reader.outline)


def accessible(reader: pypdf.PdfReader) -> None:
    """Tagged (PDF/UA), with its language, a title shown in the window, and bookmarks."""
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert b"pdfuaid" in root["/Metadata"].get_data()
    assert reader.metadata is not None and reader.metadata.title


@pytest.fixture(scope="module")
def portal_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("papers")).root


@pytest.fixture(scope="module")
def report_pdf(portal_folder: Path) -> pypdf.PdfReader:
    result = run(portal_folder, "report", "--period", "2005-Q4", "--format", "pdf", "--plan", HEREFORDSHIRE,
                 "--output", "report.pdf")
    assert result.returncode == 0, result.stderr
    return pypdf.PdfReader(portal_folder / "report.pdf")


def test_the_quarterly_report_pdf_names_each_action_completed_in_the_quarter(
        portal_folder: Path, report_pdf: pypdf.PdfReader) -> None:
    portal = load_portal(portal_folder / "plans", portal_folder / "content", portal_folder)
    completed: list[Action] = [u.action for u in quarter_report(portal.plan(HEREFORDSHIRE), 2005, 4).completed]
    assert completed  # Herefordshire's progress of January to March 2006
    text = words(" ".join(page.extract_text() for page in report_pdf.pages))
    for action in completed:
        assert words(str(action.title)) in text, action.title
    first = words(report_pdf.pages[0].extract_text())  # the title page
    for said in ("January to March 2006", "Herefordshire Council", "Improving Children's Services",
                 "Draft: not yet approved", "1 January 2006", "31 March 2006", "25 March 2006"):
        assert said in first


def test_the_quarterly_report_pdf_is_tagged_titled_and_bookmarked(report_pdf: pypdf.PdfReader) -> None:
    accessible(report_pdf)
    assert "January to March 2006" in str(report_pdf.metadata.title)
    titles = outline_titles(report_pdf)
    for section in ("Summary", "Completed in the quarter", "Slipped", "Status changes since the previous quarter",
                    "New progress entries", "Abbreviations"):
        assert section in titles
    assert "Abbreviations on this page" not in titles  # a paper has many pages
    assert 3 <= len(report_pdf.pages) <= 60


def test_the_report_pdf_has_page_numbers_a_running_header_and_the_chart_with_alt_text(
        report_pdf: pypdf.PdfReader) -> None:
    count = len(report_pdf.pages)
    for number, page in enumerate(report_pdf.pages[1:], start=2):
        text = words(page.extract_text())
        assert f"Page {number} of {count}" in text
        assert "Improving Children's Services in Herefordshire" in text  # the plan's title, above
    figures = [obj for obj in _objects(report_pdf) if obj.get("/S") == "/Figure"]
    assert any(str(f.get("/Alt", "")).startswith("Bar chart of actions by status. Completed: ") for f in figures)


def test_table_header_rows_repeat_on_every_page_a_table_runs_onto(report_pdf: pypdf.PdfReader) -> None:
    # The new progress entries run over several pages: each page of it starts with the header row.
    pages = [words(p.extract_text()) for p in report_pdf.pages]
    table = [i for i, text in enumerate(pages) if re.search(r"\d{4} Recommendation \d+, action", text)]
    assert len(table) >= 2
    for i in table:
        assert "Date Action Progress" in pages[i] or "Action Before After" in pages[i], i + 1


def _objects(reader: pypdf.PdfReader) -> list[Any]:
    """Every structure element of the tagged PDF."""
    found = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.DictionaryObject):
            found.append(node)
            kids = node.get("/K")
            if kids is not None:
                stack += kids if isinstance(kids, list) else [kids]
        elif isinstance(node, list):
            stack += node
    return found


def test_the_whole_plan_pdf_has_every_recommendation_and_the_exhibit_2_checklist(portal_folder: Path) -> None:
    result = run(portal_folder, "print", "--plan", HEREFORDSHIRE)
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(portal_folder / f"{HEREFORDSHIRE}.pdf")
    accessible(reader)
    titles = outline_titles(reader)
    assert "Checklist for each recommendation" in titles
    portal = load_portal(portal_folder / "plans", portal_folder / "content", portal_folder)
    refs = [rec.ref for rec in portal.plan(HEREFORDSHIRE).plan.recommendations]
    for ref in refs:
        assert any(t == f"Recommendation {ref}" or t.startswith(f"Recommendation {ref}:") for t in titles), ref
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert "Quantifiable outcome targets in place" in text
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert landscape  # the checklist's seven columns
    assert len(refs) < len(reader.pages) < 200


def test_text_from_the_plan_is_text_in_the_pdf_never_markup(tmp_path: Path) -> None:
    title = '# Plan | </title><h1>x</h1> & "quotes" \\ } @page'
    make_portal(tmp_path, {"p": plan(title=title, as_at="2006-03-25", recommendations=[
        {"ref": "1", "text": "<b>Bold?</b>", "actions": [
            {"id": "1", "title": "<img src=http://example.org/x.png> Act", "due": "2006-02",
             "progress": [{"date": "2006-02-01", "status": "completed", "text": "Done <i>now</i>"}]}]}])})
    result = run(tmp_path, "report", "--period", "2005-Q4", "--format", "pdf", "--output", "r.pdf")
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(tmp_path / "r.pdf")
    assert title in str(reader.metadata.title)
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert "<img src=http://example.org/x.png> Act" in text
    assert title in words(reader.pages[1].extract_text())  # the running header
    assert title in words(reader.pages[0].extract_text())  # the title page
    result = run(tmp_path, "print", "--plan", "p")
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(tmp_path / "p.pdf")
    assert reader.metadata.title == f"{title}: the whole plan"
    assert f"{title}: the whole plan" in words(reader.pages[0].extract_text())


def test_a_pdf_needs_an_output_file_and_a_known_plan(portal_folder: Path) -> None:
    result = run(portal_folder, "report", "--period", "2005-Q4", "--format", "pdf")
    assert result.returncode == 2 and "--output" in result.stderr and "Traceback" not in result.stderr
    result = run(portal_folder, "print", "--plan", "nope")
    assert result.returncode == 2 and "no plan 'nope'" in result.stderr
    assert not (portal_folder / "nope.pdf").exists()
    result = run(portal_folder, "print", "--plan", HEREFORDSHIRE, "--output", "no-such-folder/plan.pdf")
    assert result.returncode == 1 and "cannot write no-such-folder/plan.pdf" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_each_list_of_the_report_pdf_is_grouped_by_theme(tmp_path: Path) -> None:
    def rec(ref: str, completed: str) -> dict[str, Any]:
        return {"ref": ref, "text": f"Recommendation {ref}", "actions": [
            {"id": "1", "title": f"Action of {ref}", "due": "2006-03",
             "progress": [{"date": completed, "status": "completed", "text": "Done"}]}]}

    themes = [{"id": str(i), "title": title, "outcomes": [{"id": "1", "title": "Outcome", "recommendations": [
        rec(f"{i}.1", day)]}]} for i, title, day in ((1, "Safeguarding", "2006-02-01"), (2, "Staffing", "2006-01-05"))]
    make_portal(tmp_path, {"p": plan(as_at="2006-03-25", themes=themes, recommendations=[rec("9", "2006-01-20")])})
    result = run(tmp_path, "report", "--period", "2005-Q4", "--format", "pdf", "--output", "r.pdf")
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(tmp_path / "r.pdf")
    titles = outline_titles(reader)
    groups = ["Theme 1: Safeguarding", "Theme 2: Staffing", "Recommendations outside the themes"]
    at = titles.index("Completed in the quarter")
    assert titles[at + 1:at + 4] == groups  # themes in the plan's order, each action in its own
    text = words(" ".join(page.extract_text() for page in reader.pages))
    completed = text[text.index("Completed in the quarter Theme 1"):text.index("Slipped Actions whose")]
    assert completed.index("Action of 1.1") < completed.index("Theme 2") < completed.index("Action of 2.1")
    assert completed.index("Recommendations outside the themes") < completed.index("Action of 9")


def test_a_pdf_fetches_nothing_but_what_it_holds() -> None:
    """Only data: addresses (the chart) are read: not the network, not the machine's files."""
    import http.server
    import threading

    from planportal.output.pdf import pdf
    from planportal.pages.papers import Paper

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    here = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        body = (f'<img src="{here}/a.png" alt="a"> <img src="file:///etc/hostname" alt="b">\n\n'
                f'<link rel="stylesheet" href="{here}/b.css">\n\nText')
        data = pdf(Paper(lang="en", title="T", header="H", cover="# T", body=body, page_words="%(page)s"))
    finally:
        server.shutdown()
    assert data.startswith(b"%PDF") and asked == []
