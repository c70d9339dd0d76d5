"""Plan data never runs as script: a portal whose every text carries injection payloads
(tests/hostile_portal.py) is built, and every page is opened in Chromium.

Each payload sets window.__pwned or calls alert() if it runs. Besides watching for that, every
page's DOM is checked for what could run later (an event-handler attribute, a javascript: or
data: address, a script, frame or form from the data), and the payloads must show as text."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import markdown
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

from planportal.commands.build import Project, build_site
from planportal.text.blocks import block_text
from planportal.text.markdown import heading_text, one_line, safe_markdown
from tests.conftest import copy_project, examples
from tests.hostile_portal import FORMULAS, PAYLOADS, RUN, write_content, write_plans

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]  # as in mkdocs.yml
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file):", re.IGNORECASE)

# What may run on a page: Material's own scripts and ours, from files, and nothing else (no inline script).
DOM_CHECK = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} has ${attr.name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster'].includes(attr.name)) {
        const url = el.href instanceof SVGAnimatedString ? el.href.baseVal : (el[attr.name] ?? attr.value);
        let protocol = '';
        try { protocol = new URL(String(url), location.href).protocol; } catch (e) { protocol = 'bad:'; }
        if (['javascript:', 'data:', 'vbscript:'].includes(protocol)) found.push(`${el.tagName} ${attr.name}=${url}`);
      }
    }
  }
  // Material's search form, the empty hidden frame the offline search shim makes, and the theme's
  // Content-Security-Policy in the head are expected.
  for (const el of document.querySelectorAll('iframe, frame, object, embed, form, base, meta[http-equiv], applet')) {
    const shim = el.tagName === 'IFRAME' && el.hidden && !el.hasAttribute('src') && el.parentElement === document.body;
    const policy = el.tagName === 'META' && el.parentElement === document.head &&
      el.httpEquiv.toLowerCase() === 'content-security-policy';
    if (!shim && !policy && !el.matches('form.md-search__form')) found.push(`a ${el.tagName} element`);
  }
  for (const el of document.querySelectorAll('.md-content script, .md-content style, .md-content link, ' +
                                             '.md-content foreignObject')) {
    found.push(`a ${el.tagName} element in the content`);
  }
  for (const el of document.querySelectorAll('.md-content img')) {  // only the site's own charts
    if (new URL(el.src).protocol !== location.protocol || !el.src.endsWith('.svg')) found.push(`an image ${el.src}`);
  }
  for (const el of document.querySelectorAll('script')) {
    const src = el.getAttribute('src');
    if (src !== null && !/^\\/?(assets\\/javascripts|search)\\//.test(src.replace(/^(\\.\\.\\/)+/, ''))) {
      found.push(`script from ${src}`);
    }
    if (src === null && el.type !== 'application/json') {
      found.push(`inline script: ${el.textContent.slice(0, 80)}`);
    }
  }
  return found;
}"""


class Elements(HTMLParser):
    """Every start tag with its attributes, for checks without a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def dangers(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag in ("script", "style", "iframe", "object", "embed", "form", "base", "meta", "img", "link", "svg"):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src") and value is not None and not re.match(r"(https?://|mailto:)[^\s]", value):
                found.append(f"<{tag} {name}={value!r}>")
    return found


def block_start(text: str) -> str:
    """Text as the templates put it at the start of a block (a definition term, a list item)."""
    return block_text(one_line(text))


ESCAPES = [safe_markdown, one_line, heading_text, block_start]


def placed(escape: Callable[[str], str], text: str) -> str:
    """Escaped text where it goes: a heading's in a heading, a block's start in a definition term."""
    return {heading_text: f"# {text}", block_start: f"{text} {{#a}}\n:   d"}.get(escape, text)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("escape", ESCAPES)
def test_a_payload_renders_as_inert_text(payload: str, escape: Callable[[str], str]) -> None:
    """Each payload through each escape, rendered by Python-Markdown with the site's extensions."""
    text = escape(payload)
    html = markdown.markdown(placed(escape, text), extensions=EXTENSIONS)
    assert dangers(html) == []


PIECES = st.sampled_from(
    ["<", ">", "&", "#", ";", "x", "(", ")", "[", "]", ":", "!", "{", "}", "\\", "\n", "\n\n", " ", "    ", "\t", "*",
     "-", "`", '"', "'", "|", "=", "javascript", "JaVaScRiPt", "data", "vbscript", "script", "onerror=", "#106;",
     "#x6A;", "colon;", "lt;", "](", "]:", "![", "*[", "http://", "https://", "mailto:", "<img src=x ", "<a href=",
     "{: ", "> ", "- ", "1. ", "title=", "\u200b", "\x00"])


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(ESCAPES))
def test_no_text_whatever_renders_as_markup(text: str, escape: Callable[[str], str]) -> None:
    """Random mixtures of the characters and words that make links, tags and attribute lists."""
    escaped = escape(text)
    html = markdown.markdown(placed(escape, escaped), extensions=EXTENSIONS)
    assert dangers(html) == []


def test_web_links_still_work() -> None:
    html = markdown.markdown(safe_markdown(
        "See [the plan](https://example.org/plan.pdf) or [write](mailto:plans@example.org).\n\n"
        "[ref]: https://example.org/ref\n\nAnd [the reference][ref]."), extensions=EXTENSIONS)
    assert html.count("<a href=") == 3
    assert 'href="https://example.org/plan.pdf"' in html and 'href="mailto:plans@example.org"' in html
    assert 'href="https://example.org/ref"' in html


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("hostile")
    write_plans(root / "hostile-plans")
    project = copy_project(root, root / "hostile-plans")
    write_content(project.content)
    build_site(project)
    return project


def pages(project: Project) -> list[Path]:
    """Every page, and every chart (an SVG opened by itself runs its scripts, unlike one in <img>)."""
    return sorted([*project.site.rglob("*.html"), *project.site.rglob("*.svg")])


def test_the_built_html_has_no_injected_markup(hostile: Project) -> None:
    for path in pages(hostile):
        html = path.read_text(encoding="utf-8")
        for tag in ("<script>window", "<script>alert", "<img src=x", "<svg onload", "<a href='javascript", "<style>"):
            assert tag not in html, (path, tag)
        parser = Elements()
        parser.feed(html)
        for tag, attrs in parser.tags:
            assert not [n for n in attrs if n.startswith("on")], (path, tag, attrs)
            for name in ("href", "src"):
                assert not BAD_SCHEME.match(attrs.get(name) or ""), (path, tag, attrs)


def test_downloads_hold_the_payloads_as_inert_text(hostile: Project) -> None:
    """Spreadsheets show formulas as text; feeds, calendars, charts and open data stay well-formed,
    whatever newlines and markup the data holds."""
    site = hostile.site
    csvs, sheets, feeds, calendars, charts, data = (sorted(site.rglob(f"*.{ext}")) for ext in
                                                   ("csv", "xlsx", "xml", "ics", "svg", "json"))
    cells = [cell for path in csvs for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
             for cell in row]
    assert any(FORMULAS[0] in cell for cell in cells)
    assert [cell for cell in cells if re.match(r"[=+@\t\r]|-[^\d\s]|-\d+[+*/]", cell)] == []
    for path in sheets:
        book = openpyxl.load_workbook(path)
        assert [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    for path in feeds:
        root = ElementTree.parse(path).getroot()  # well-formed, whatever the data held
        entries = root.findall("{http://www.w3.org/2005/Atom}entry")
        assert not [e for e in entries if (e.findtext("{http://www.w3.org/2005/Atom}id") or "") == ""], path
        for content in root.iter("{http://www.w3.org/2005/Atom}content"):
            if content.get("type") == "html":  # feed readers show this HTML: it must hold no markup from the data
                assert dangers(content.text or "") == [], path
    events = 0
    for path in calendars:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        for event in calendar.walk("VEVENT"):
            events += 1
            assert str(event.get("summary", "")) != "injected", path
    assert events > 0
    for path in charts:
        svg = ElementTree.parse(path).getroot()
        for element in svg.iter():
            assert element.tag.split("}")[-1] not in ("script", "foreignObject", "a"), path
            assert not [name for name in element.attrib if name.split("}")[-1].startswith("on")], path
    for path in data:
        json.loads(path.read_text(encoding="utf-8"))


def open_page(page: Page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # an image's onerror fires just after load


# The pages' Content-Security-Policy would stop a payload that got through (tests/test_csp.py); these
# tests turn it off (bypass_csp) so that they prove the escaping by itself.
def test_no_payload_runs_on_any_page(hostile: Project, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    checked = 0
    for path in pages(hostile):
        open_page(page, path)
        assert page.evaluate("window.__pwned") is None, path
        assert page.evaluate(DOM_CHECK) == [], path
        first = page.locator(".md-content abbr, .md-content [title]").first  # a real hover shows a tooltip
        box = first.bounding_box() if first.count() else None
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.evaluate("""() => { for (const el of document.querySelectorAll('.md-content abbr, .md-content [title]'))
            for (const type of ['mouseover', 'mouseenter', 'focus']) el.dispatchEvent(new Event(type)); }""")
        page.wait_for_timeout(50)
        assert page.evaluate("window.__pwned") is None, path
        assert page.evaluate(DOM_CHECK) == [], path
        checked += 1
    assert dialogs == []
    assert checked >= 15
    context.close()


def test_payloads_show_as_the_text_that_was_written(hostile: Project, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    open_page(page, hostile.site / "plans" / "evil" / "index.html")
    intro = page.locator("article").inner_text()
    for shown in (f"<script>{RUN}</script>", f'<img src=x onerror="{RUN}">', f"[inline link](javascript:{RUN})",
                  "[entity link](java&#115;cript:alert(1))", "[evil]: javascript:alert(1)",
                  f'{{: onclick="{RUN}" }}', "![image](javascript:alert(1))"):
        assert shown in intro
    assert "Text 20: <script>" in page.title()  # the title is text too
    assert page.locator("article a[href^='javascript'], article a[href^='data']").count() == 0
    context.close()


def test_searching_for_a_payload_runs_nothing(hostile: Project, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, hostile.site / "index.html")
    page.locator("input.md-search__input").click()
    page.keyboard.type("pwned onerror script", delay=10)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate(DOM_CHECK) == []
    assert dialogs == []
    context.close()
