"""A person's walk through the built site in Chromium, opened from the file system with
every request to anything but a local file refused (and counted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from planportal.commands.build import Project
from planportal.portal.joined import Portal
from tests.conftest import refuse_other_hosts


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page whose requests to anything but file:// are aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused = refuse_other_hosts(context)
    page = context.new_page()
    yield page, refused
    context.close()


def test_walk_from_home_to_a_lead_by_clicking(built: tuple[Project, Portal],
                                               offline_page: tuple[Page, list[str]]) -> None:
    project, _ = built
    page, refused = offline_page
    errors: list[str] = []  # nothing the site asks for fails, nothing it runs throws
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((project.site / "index.html").as_uri())
    expect(page.locator("h1")).to_have_text("Children's services improvement plans")

    page.locator("article").get_by_role("link", name="Children's Services Improvement Plan").click()
    expect(page.locator("h1")).to_have_text("Children's Services Improvement Plan")

    page.locator("article").get_by_role("link", name="Theme 1: Effective leadership").first.click()
    expect(page.locator("h1")).to_contain_text("Theme 1: Effective leadership and governance")

    page.locator("article").get_by_role("link", name="Recommendation 1.1.1", exact=True).click()
    expect(page.locator("h1")).to_have_text("Recommendation 1.1.1")  # its words are too long for a heading...
    expect(page.locator("h1 + p + p + p")).to_contain_text("Cooperate with the independent chair")  # ...and follow
    assert page.url.endswith("/plans/leeds-2010/recommendations/1.1.1.html")

    page.locator("article").get_by_role("link", name="Assistant Chief Executive").first.click()
    expect(page.locator("h1")).to_have_text("Assistant Chief Executive")
    expect(page.locator("article")).to_contain_text("Establish an effective improvement board")
    assert refused == []
    assert errors == []


def test_search_finds_a_recommendation_offline(built: tuple[Project, Portal],
                                               offline_page: tuple[Page, list[str]]) -> None:
    project, _ = built
    page, refused = offline_page
    page.goto((project.site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type("independent chair Improvement Board", delay=20)
    result = page.locator(".md-search-result__item a[href*='recommendations/1.1.1.html']").first
    expect(result).to_be_visible(timeout=15000)
    result.click()
    expect(page.locator("h1")).to_have_text("Recommendation 1.1.1")
    assert refused == []


def test_a_recommendation_prints_without_navigation(built: tuple[Project, Portal], browser: Browser,
                                                    tmp_path: Path) -> None:
    from pypdf import PdfReader

    project, _ = built
    page = browser.new_page()
    page.goto((project.site / "plans/herefordshire-jar-2006/recommendations/2.html").as_uri())
    pdf = tmp_path / "recommendation.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    text = " ".join(text.split())
    assert "Ensure that these criteria are clearly understood" in text
    for navigation in ("People and partners", "Glossary", "Table of contents", "Search", "Back to top"):
        assert navigation not in text, navigation


def test_the_language_switch_goes_to_the_same_page_offline(built: tuple[Project, Portal],
                                                           offline_page: tuple[Page, list[str]]) -> None:
    project, _ = built
    page, refused = offline_page
    page.goto((project.site / "plans/leeds-2010/recommendations/1.1.1.html").as_uri())
    page.locator(".pp-languages").get_by_role("link", name="Cymraeg").click()
    assert page.url.endswith("/cy/plans/leeds-2010/recommendations/1.1.1.html")
    assert page.locator("html").get_attribute("lang") == "cy"
    expect(page.locator("h1")).to_contain_text("1.1.1")
    page.locator(".pp-languages").get_by_role("link", name="English").click()
    assert page.url.endswith("/site/plans/leeds-2010/recommendations/1.1.1.html")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert refused == []


def test_a_long_list_on_a_dashboard_is_folded_and_opens_without_script(built: tuple[Project, Portal],
                                                                       browser: Browser) -> None:
    """Leeds's 433 actions with no status are under one summary: the page is short on a phone, and a
    click opens the list, with JavaScript turned off."""
    project, _ = built
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    refuse_other_hosts(context)
    page = context.new_page()
    page.goto((project.site / "plans/leeds-2010/dashboard.html").as_uri())
    table = page.get_by_role("table", name="Actions with the status: No status given")
    expect(table).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollHeight") < 4000
    page.get_by_text("Show the 433 actions").click()
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() == 433
    context.close()


@pytest.mark.parametrize("plan", ["leeds-2010", "herefordshire-jar-2006", "action-planning-2006"])
def test_the_exhibit_2_checklist_fits_the_page_at_1280_px(built: tuple[Project, Portal], browser: Browser,
                                                          plan: str) -> None:
    """Every column of the checklist is on screen beside the navigation, none scrolled out of sight."""
    project, _ = built
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refuse_other_hosts(context)
    page = context.new_page()
    page.goto((project.site / f"plans/{plan}/index.html").as_uri())
    table = page.get_by_role("table", name="What the plan gives for each recommendation, against the Exhibit 2 "
                             "checklist")
    wrap = table.evaluate("t => { const w = t.closest('.md-typeset__scrollwrap'); "
                          "return [w.scrollWidth, w.clientWidth] }")
    assert wrap[0] <= wrap[1], wrap
    last = page.get_by_role("columnheader", name="Link to relevant plan or document").bounding_box()
    article = page.locator("article").bounding_box()
    assert last and article and last["x"] + last["width"] <= article["x"] + article["width"] + 1
    context.close()
