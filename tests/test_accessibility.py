"""Accessibility, proven in Chromium: axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on a page
of every kind at desktop and phone widths, the keyboard alone, JavaScript off, the page
language, table headers and status in words. content/accessibility.md states what this proves."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from planportal.commands.build import Project
from planportal.portal.joined import Portal
from planportal.source.statuses import LABELS, LAPSED, NOT_STATED
from tests.conftest import refuse_other_hosts

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [1280, 390]
KINDS = {  # one page of every kind
    "home": "index.html",
    "plan": "plans/leeds-2010/index.html",
    "theme": "plans/leeds-2010/theme-1.html",
    "recommendation": "plans/leeds-2010/recommendations/1.1.1.html",
    "recommendation without themes": "plans/herefordshire-jar-2006/recommendations/1.html",
    "lead": "leads/assistant-chief-executive.html",
    "leads index": "leads/index.html",
    "glossary": "glossary.html",
    "documents": "documents.html",
    "guidance": "guidance/action-plans.html",
    "accessibility statement": "accessibility.html",
    "progress dashboard": "dashboard.html",
    "plan dashboard": "plans/leeds-2010/dashboard.html",
    "theme dashboard": "plans/leeds-2010/theme-1-dashboard.html",
    "indicators": "indicators/index.html",
    "indicator": "indicators/ni-102.html",
    "priority": "priorities/learning-and-training.html",
    "quarterly report": "plans/leeds-2010/reports/2009-10-q4.html",
    "returns": "plans/herefordshire-jar-2006/returns/2005-06-q4.html",
    "whole plan for printing": "plans/leeds-2010/print.html",
    "plan timeline": "plans/herefordshire-jar-2006/timeline.html",
    "theme timeline": "plans/leeds-2010/theme-1-timeline.html",
    "lead timeline": "leads/sf-timeline.html",
    "what changed": "changes.html",
    "Welsh home": "cy/index.html",
    "Welsh recommendation": "cy/plans/leeds-2010/recommendations/1.1.1.html",
}


def site_page(built: tuple[Project, Portal], kind: str) -> Path:
    project, _ = built
    path = project.site / KINDS[kind]
    assert path.is_file(), f"no {kind} page at {KINDS[kind]}: update KINDS"
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_wcag_a_or_aa_violation(built: tuple[Project, Portal], browser: Browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    refused = refuse_other_hosts(context)
    page = context.new_page()
    axe = Axe()
    found: dict[str, list[str]] = {}
    for kind in KINDS:
        page.goto(site_page(built, kind).as_uri())
        page.wait_for_load_state("load")
        options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
        results = axe.run(page, options=options).response
        assert len(results["passes"]) > 15, f"axe hardly ran on the {kind} page"
        for violation in results["violations"]:
            found.setdefault(kind, []).append(
                f"{violation['id']} ({violation['impact']}): {violation['help']}; "
                + "; ".join(str(node["target"]) for node in violation["nodes"][:3]))
    context.close()
    assert found == {}
    assert refused == []


REFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.right > width + 1 && !e.closest('.md-typeset__scrollwrap, .pp-timeline, pre, .md-sidebar, .md-search');
  });
  return [document.documentElement.scrollWidth - width, wide.slice(0, 3).map(e => e.tagName + ': ' +
          (e.textContent || '').trim().slice(0, 40))];
}"""


def test_pages_reflow_at_320_css_pixels(built: tuple[Project, Portal], browser: Browser) -> None:
    """WCAG 1.4.10: nothing but a wide table or a timeline (each scrolls in its own box) makes the page scroll
    sideways on a screen 320 CSS pixels wide, a 1,280-pixel screen zoomed to 400%."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    wide = {}
    for kind in KINDS:
        page.goto(site_page(built, kind).as_uri())
        page.wait_for_load_state("load")
        overflow, elements = page.evaluate(REFLOW)
        if overflow > 0 or elements:
            wide[kind] = (overflow, elements)
    context.close()
    assert wide == {}


def focused(page: Page) -> str:
    """What has the keyboard focus, in words: tag, classes, href and text."""
    return str(page.evaluate("""() => { const e = document.activeElement;
        return [e.tagName, e.className, e.getAttribute('href') || '', (e.textContent || '').trim().slice(0, 40),
                e.closest('article') ? 'in-article' : ''].join(' | '); }"""))


def tab_until(page: Page, pattern: str, limit: int = 400) -> list[str]:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if re.search(pattern, seen[-1]):
            return seen
    raise AssertionError(f"Tab never reached {pattern!r}; reached: {seen[:40]}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_keyboard_alone_reaches_skip_link_search_and_content_and_opens_a_recommendation(
        built: tuple[Project, Portal], browser: Browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_page(built, "home").as_uri())
    page.wait_for_load_state("load")

    page.keyboard.press("Tab")
    assert re.match(r"A \| md-skip[^|]* \| #.+ \| Skip to content", focused(page)), focused(page)
    expect(page.locator("a.md-skip")).to_be_visible()  # shown when focused
    seen = tab_until(page, r"in-article")
    assert any("md-search" in item or "__search" in item for item in seen), seen  # search comes before content

    page.goto(site_page(built, "home").as_uri())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to content
    page.keyboard.press("Tab")
    assert "in-article" in focused(page), focused(page)

    tab_until(page, r"plans/leeds-2010/index\.html \|.*\| in-article")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Children's Services Improvement Plan")
    tab_until(page, r"recommendations/1\.1\.1\.html")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Recommendation 1.1.1")
    assert page.url.endswith("plans/leeds-2010/recommendations/1.1.1.html")
    context.close()


def test_search_can_be_used_with_the_keyboard(built: tuple[Project, Portal], browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_page(built, "home").as_uri())
    page.wait_for_load_state("load")
    tab_until(page, r"md-search__input")
    page.keyboard.type("independent chair", delay=10)
    result = page.locator(".md-search-result__item a[href*='recommendations/1.1.1.html']").first
    expect(result).to_be_visible(timeout=15000)
    for _ in range(30):  # Material moves through the results with the arrow keys
        page.keyboard.press("ArrowDown")
        if "recommendations/1.1.1.html" in focused(page):
            break
    assert "recommendations/1.1.1.html" in focused(page), focused(page)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Recommendation 1.1.1")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_work_with_javascript_off(built: tuple[Project, Portal], browser: Browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    for kind in KINDS:
        page.goto(site_page(built, kind).as_uri())
        expect(page.locator("article h1")).to_be_visible()
        assert page.locator("article").inner_text().strip().count("\n") > 3, kind
        assert page.locator("nav.md-nav--primary a[href]").count() > 3, kind
    page.goto(site_page(built, "home").as_uri())
    if width < 1220:  # the menu is a CSS-only drawer: its button opens it without JavaScript
        page.locator("label.md-header__button[for='__drawer']").click()
    page.locator("nav.md-nav--primary").get_by_role("link", name="Glossary").click()
    expect(page.locator("article h1")).to_have_text("Glossary")
    page.locator("article a[href*='leeds-2010']").first.click() if page.locator(
        "article a[href*='leeds-2010']").count() else None
    context.close()


class Pages(HTMLParser):
    """The page language, tables' header cells and status badges of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.tables: list[dict[str, int]] = []
        self.badges: list[str] = []
        self.lists: list[str] = []
        self._badge = 0
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        elif tag == "table":
            self.tables.append({"th": 0, "td": 0, "thead": 0})
        elif tag in ("th", "td", "thead") and self.tables:
            self.tables[-1][tag] += 1
        elif tag in ("dl", "dd"):
            self.lists.append(tag)
            assert self.lists[-2:] != ["dd", "dl"], "a definition list inside a definition: entries not apart"
        if "pp-status" in (values.get("class") or "").split() or self._badge:
            self._badge += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("dl", "dd") and self.lists:
            self.lists.pop()
        if self._badge:
            self._badge -= 1
            if not self._badge:
                self.badges.append(self._text.strip())
                self._text = ""

    def handle_data(self, data: str) -> None:
        if self._badge:
            self._text += data


def test_every_page_says_its_language(built: tuple[Project, Portal]) -> None:
    project, _ = built
    langs: dict[str, int] = {}
    for path in sorted(project.site.rglob("*.html")):
        parser = Pages()
        parser.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(project.site).as_posix()
        expected = "cy" if rel.startswith("cy/") else "en-GB"
        assert parser.lang == expected, rel
        langs[parser.lang] = langs.get(parser.lang, 0) + 1
    assert langs["en-GB"] > 100


def test_every_table_has_header_cells_and_every_status_has_words(built: tuple[Project, Portal]) -> None:
    project, portal = built
    words = {s.label if isinstance(s.label, str) else s.label["en"] for s in portal.settings.statuses}
    worked_out = {LABELS[LAPSED], LABELS[NOT_STATED]}  # "Deadline passed, no update", "No status given"
    tables = badges = 0
    for path in sorted(project.site.rglob("*.html")):
        if path.relative_to(project.site).parts[0] == "cy":
            continue
        parser = Pages()
        parser.feed(path.read_text(encoding="utf-8"))
        for table in parser.tables:
            assert table["thead"] == 1 and table["th"] > 0, path
        for badge in parser.badges:  # the icon is hidden from screen readers; the words are the status
            assert re.sub(r"^\W+\s*", "", badge) in words | worked_out, (path, badge)
        tables += len(parser.tables)
        badges += len(parser.badges)
    assert tables > 100 and badges > 100
