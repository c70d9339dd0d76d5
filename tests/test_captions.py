"""Every table has a caption: a `Table: …` paragraph before a table (pandoc's syntax) becomes the
table's <caption> (planportal.captions), and every table on every built page, in every language,
starts with a caption that says what it lists."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

from planportal.commands.build import Project
from planportal.portal.joined import Portal
from planportal.text.markdown import one_line

EXTENSIONS = ["tables", "attr_list", "abbr", "planportal.captions"]


class Tables(HTMLParser):
    """The tables of a page, each as (what its first child is, the caption's text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, str]] = []
        self._first_child_due = False
        self._caption: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._first_child_due:
            self._first_child_due = False
            self.tables.append((tag, ""))
            if tag == "caption":
                self._caption = ""
        if tag == "table":
            self._first_child_due = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1] = ("caption", " ".join(self._caption.split()))
            self._caption = None

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption += data
        elif self._first_child_due and data.strip():
            self._first_child_due = False
            self.tables.append(("text", ""))


def tables_of(html: str) -> list[tuple[str, str]]:
    reader = Tables()
    reader.feed(html)
    reader.close()
    return reader.tables


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


TABLE = "| Quarter | Months |\n|---|---|\n| 1 | April to June 06 |\n"


def test_a_table_paragraph_before_a_table_becomes_its_first_child() -> None:
    html = render("Some text.\n\nTable: The plan's *quarters* and their months\n\n" + TABLE)
    assert html.startswith("<p>Some text.</p>\n<table>\n"
                           "<caption>The plan's <em>quarters</em> and their months</caption>\n<thead>")
    assert tables_of(html) == [("caption", "The plan's quarters and their months")]
    assert "Table:" not in html


def test_a_table_paragraph_with_no_table_after_it_stays_a_paragraph() -> None:
    assert render("Table: not a caption\n\nText.") == "<p>Table: not a caption</p>\n<p>Text.</p>"
    assert render("Table: \n\n" + TABLE).startswith("<p>Table: </p>\n<table>\n<thead>")  # no words, no caption
    assert tables_of(render("Intro\n\n" + TABLE)) == [("thead", "")]


def test_text_from_plan_data_in_a_caption_stays_text() -> None:
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) | a'
    html = render(f"Table: Figures for {one_line(hostile)}\n\n" + TABLE)
    caption = html.split("<caption>", 1)[1].split("</caption>", 1)[0]
    assert "<script" not in caption and "<img" not in caption and "href" not in caption
    assert "&lt;script&gt;" in caption
    assert tables_of(html)[0][0] == "caption"


def test_every_table_on_every_page_starts_with_a_caption(built: tuple[Project, Portal]) -> None:
    project, _ = built
    pages = sorted(project.site.rglob("*.html"))
    assert project.site / "cy" / "index.html" in pages  # the Welsh site too
    missing: list[str] = []
    counted = 0
    for page in pages:
        for first, caption in tables_of(page.read_text(encoding="utf-8")):
            counted += 1
            if first != "caption" or not caption:
                missing.append(f"{page.relative_to(project.site)}: first child {first!r}, caption {caption!r}")
    assert counted > 100, counted
    assert not missing, "\n".join(missing[:20])
    welsh = tables_of((project.site / "cy" / "leads" / "index.html").read_text(encoding="utf-8"))
    assert welsh[0][1].startswith("Pwy sy'n arwain camau gweithredu")


def test_a_caption_does_not_repeat_the_heading_above_it(built: tuple[Project, Portal]) -> None:
    project, _ = built
    html = (project.site / "plans" / "herefordshire-jar-2006" / "dashboard.html").read_text(encoding="utf-8")
    captions = [caption for _, caption in tables_of(html)]
    assert "Overdue" not in captions and "Completed" not in captions
    assert "Actions with the status: Completed" in captions or "Actions with the status: In progress" in captions
