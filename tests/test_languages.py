"""Welsh and English from the same YAML: two trees, each page linked to its other-language
twin, text without a translation shown in English and marked, and a report of what is missing."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from planportal.commands.build import Project
from planportal.pages.context import Site
from planportal.pages.site import build_pages
from planportal.portal.joined import Portal
from tests.factories import make_portal, plan


class Head(HTMLParser):
    """The html lang and the rel=alternate hreflang links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and "alternate" in (a.get("rel") or "").split() and a.get("hreflang") and a.get("href"):
            self.alternates[a["hreflang"] or ""] = a["href"] or ""


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def test_both_language_trees_hold_the_same_pages(built: tuple[Project, Portal]) -> None:
    project, portal = built
    assert portal.settings.languages == ["en", "cy"]
    english = {p.relative_to(project.site).as_posix() for p in pages(project.site)
               if not p.relative_to(project.site).as_posix().startswith("cy/")}
    welsh = {p.relative_to(project.site / "cy").as_posix() for p in pages(project.site / "cy")}
    assert english == welsh
    assert "plans/leeds-2010/recommendations/1.1.1.html" in welsh


def test_every_page_has_its_language_and_alternates_that_resolve(built: tuple[Project, Portal]) -> None:
    project, _ = built
    for path in pages(project.site):
        welsh = path.relative_to(project.site).as_posix().startswith("cy/")
        page = head(path)
        assert page.lang == ("cy" if welsh else "en-GB"), path
        assert set(page.alternates) == {"en", "cy"}, path
        for lang, href in page.alternates.items():
            target = (path.parent / href).resolve()
            assert target.is_file(), (path, lang, href)
            assert head(target).lang == ("cy" if lang == "cy" else "en-GB"), (path, href)


def test_welsh_pages_have_welsh_dates_and_labels(built: tuple[Project, Portal]) -> None:
    project, _ = built
    text = (project.site / "cy/plans/herefordshire-jar-2006/recommendations/1.html").read_text(encoding="utf-8")
    assert '<time datetime="2006-03-25">25 Mawrth 2006</time>' in text
    assert "Cymraeg" not in re.findall(r'<p class="pp-languages">(.*?)</p>', text)[0]  # links to English
    assert 'hreflang="en" lang="en">English</a>' in text


def test_each_language_searches_its_own_pages(built: tuple[Project, Portal]) -> None:
    project, _ = built
    for index in (project.site / "search/search_index.js", project.site / "cy/search/search_index.js"):
        assert index.is_file()
        assert "plans/leeds-2010/recommendations/1.1.1.html" in index.read_text(encoding="utf-8")


def bilingual(tmp_path: Path) -> Portal:
    return make_portal(
        tmp_path,
        {"p": plan(title={"en": "Improvement plan", "cy": "Cynllun gwella", "unchecked": "cy"},
                   as_at="2026-03-01",
                   themes=[{"id": "1", "title": "Leadership", "outcomes": [
                       {"id": "1", "title": {"en": "Governance", "cy": "Llywodraethu"}}]}])},
        portal={"title": {"en": "Plans", "cy": "Cynlluniau"}, "authority": "Test Council", "languages": ["en", "cy"]},
    )


def test_a_field_without_welsh_falls_back_to_english_and_is_marked(tmp_path: Path) -> None:
    portal = bilingual(tmp_path)
    welsh = build_pages(portal, lang="cy")
    theme = welsh["plans/p/theme-1.md"]
    assert '<span lang="en">Leadership</span>' in theme
    assert "Llywodraethu" in theme
    assert Site(portal, "cy")._("Not yet available in Welsh") in theme
    plan_page = welsh["plans/p/index.md"]
    assert "Cynllun gwella" in plan_page
    assert Site(portal, "cy")._("Translation not yet checked by a Welsh speaker") in plan_page
    english = build_pages(portal, lang="en")["plans/p/theme-1.md"]
    assert "Leadership" in english and '<span lang="en">' not in english


def test_translations_report_lists_each_missing_translation(tmp_path: Path) -> None:
    bilingual(tmp_path)
    run = [sys.executable, "-m", "planportal", "--root", str(tmp_path), "check", "--translations"]
    result = subprocess.run(run, capture_output=True, text=True)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(re.fullmatch(r"plans/p\.yaml:\d+:\d+: no 'cy' translation of 'title': add cy:", line)
               for line in lines), lines
    assert any("'authority'" in line for line in lines)
    assert not any("Llywodraethu" in line or "Governance" in line for line in lines)
    assert subprocess.run([*run, "--strict"], capture_output=True, text=True).returncode == 1


def test_unchecked_welsh_is_said_on_the_page(built: tuple[Project, Portal]) -> None:
    project, portal = built
    said = Site(portal, "cy")._("Translation not yet checked by a Welsh speaker")
    home = (project.site / "cy/index.html").read_text(encoding="utf-8")
    assert "Cynlluniau gwella gwasanaethau plant" in home  # the portal title, marked unchecked in portal.yaml
    assert said in home
    assert said not in (project.site / "index.html").read_text(encoding="utf-8")
