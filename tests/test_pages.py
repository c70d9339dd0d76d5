"""Page builders as pure functions: a small portal in, Markdown out, nothing read or written.

Each builder is given a `Site` (one language's page context) and returns the page's Markdown; what
a page says about its language comes from what that page shows, never from the page made before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.directory import glossary_page, lead_page
from planportal.pages.parts import Shared
from planportal.pages.plans import plan_page, print_page, recommendation_page, theme_page
from planportal.pages.progress import dashboard_page
from planportal.pages.site import build_pages
from planportal.portal.joined import Portal
from tests.factories import PORTAL, make_portal, plan

REC = {"ref": "1.1", "text": "Set up a board.", "actions": [
    {"id": "1", "title": "Appoint a chair", "lead": ["SF"], "due": "2026-03-01",
     "actions": [{"id": "1a", "title": "Advertise the post", "due": "2026-01-15"}]}]}
THEMED = plan(title={"en": "Improvement plan", "cy": "Cynllun gwella"}, recommendations=[], themes=[
    {"id": "1", "title": {"en": "Safeguarding", "cy": "Diogelu"}, "outcomes": [
        {"id": "1", "title": {"en": "Children are safe", "cy": "Mae plant yn ddiogel"}, "recommendations": [REC]}]}])


def portal_of(tmp_path: Path, **fields: Any) -> Portal:
    return make_portal(tmp_path, {"p": {**THEMED, **fields}},
                       portal={**PORTAL["portal"], "languages": ["en", "cy"]},
                       glossary=[{"term": "LSCB", "meaning": {"en": "Local Safeguarding Children Board",
                                                              "cy": "Bwrdd Lleol Diogelu Plant"}}])


def test_a_plan_page_names_its_themes_and_links_each(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    page = plan_page(Site(portal), portal.plans[0])
    assert page.startswith("---\n")  # front matter: the page in the other languages
    assert "# Improvement plan" in page
    assert "### [Theme 1: Safeguarding](theme-1.md)" in page
    assert "Draft: not yet approved" not in page


def test_a_draft_says_so_on_its_plan_print_and_recommendation_pages(tmp_path: Path) -> None:
    portal = portal_of(tmp_path, state="draft")
    site = Site(portal)
    entry = portal.plans[0]
    placed = next(portal.recommendations())
    assert '!!! warning "Draft: not yet approved"\n    This plan is a draft.' in plan_page(site, entry)
    assert '!!! warning "Draft: not yet approved"\n    This plan is a draft.' in print_page(site, entry, {})
    rec = recommendation_page(site, placed, [])
    assert '!!! warning "Draft: not yet approved"\n    This recommendation is part of a draft plan.' in rec


def test_a_recommendation_page_has_its_path_and_an_anchor_for_each_action(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    page = recommendation_page(Site(portal), next(portal.recommendations()), [])
    assert "[Theme 1: Safeguarding](../theme-1.md) › [Outcome 1.1](../theme-1.md#outcome-1-1)" in page
    assert "{#action-1}" in page and "{#action-1a}" in page


def test_the_print_page_gives_each_action_an_anchor_of_its_recommendation(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    page = print_page(Site(portal), portal.plans[0], {})
    assert "{#action-1-1_1a}" in page and "{#action-1a}" not in page  # recommendation 1.1's action 1a
    assert page.count('<p class="pp-languages">') == 1  # one language switch, for the whole page


def test_theme_words_are_the_same_on_the_theme_page_and_in_the_nav_of_each_language(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    page = theme_page(Site(portal, "cy"), portal.plans[0], 0)
    assert "\n# Thema 1: Diogelu\n" in page and "## Canlyniad 1.1: Mae plant yn ddiogel {#outcome-1-1}" in page


def test_a_page_notes_text_not_yet_in_welsh_and_the_next_page_does_not(tmp_path: Path) -> None:
    rec = {**REC, "text": {"en": "Set up a board.", "cy": "Sefydlu bwrdd."}}  # its actions are in English only
    outcome = {**THEMED["themes"][0]["outcomes"][0], "recommendations": [rec]}
    portal = portal_of(tmp_path, themes=[{**THEMED["themes"][0], "outcomes": [outcome]}])
    site = Site(portal, "cy")
    fallback = site._("Some text on this page is not yet available in Welsh and is shown in English.")
    assert fallback in recommendation_page(site, next(portal.recommendations()), [])  # its text is English only
    assert fallback not in theme_page(Site(portal, "cy"), portal.plans[0], 0)  # every word of it is Welsh...
    assert fallback not in theme_page(site, portal.plans[0], 0)  # ...after a page that was not
    assert fallback in recommendation_page(site, next(portal.recommendations()), [])  # its details, kept, still say so


def test_a_glossary_term_is_the_same_in_every_language(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    page = glossary_page(Site(portal, "cy"))
    assert '<span lang="en">LSCB</span> {#term-lscb}\n:   Bwrdd Lleol Diogelu Plant' in page  # marked as English
    assert 'hreflang="en" lang="en">English</a>' in page


def test_dashboards_are_worked_out_once_for_every_language(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    shared = Shared(portal)
    english, welsh = Site(portal, "en", shared), Site(portal, "cy", shared)
    entry = portal.plans[0]
    assert english.shared.plan_board(entry) is welsh.shared.plan_board(entry)
    assert english.shared.lead_board("SF") is welsh.shared.lead_board("SF")
    assert "Camau gweithredu" not in lead_page(english, "SF")


def test_a_dashboard_lists_each_action_with_its_status_in_words(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    site = Site(portal)
    entry = portal.plans[0]
    placed = list(portal.recommendations())
    made = dashboard_page(site, urls.plan_dashboard(entry.id), entry.plan.title, placed, site.shared.plan_board(entry))
    page = made[urls.plan_dashboard(entry.id)]
    assert "[1a. Advertise the post](recommendations/1.1.md#action-1a)" in page
    assert '<span aria-hidden="true">' in page and "No status given</span>" in page  # an icon, and words
    assert made[urls.plan_dashboard(entry.id).removesuffix(".md") + "-status.svg"].startswith("<svg")


def test_every_page_of_a_language_is_made_from_one_page_context(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    site = Site(portal, "cy")
    pages = build_pages(portal, [], site=site)
    assert urls.recommendation("p", "1.1") in pages and urls.theme("p", "1") in pages
    assert all(page.endswith("\n") for page in pages.values())
    assert len(site.parts) > 0  # the rows and details the pages share were made in this context
    assert pages == build_pages(portal, [], "cy")  # and a context of its own makes the same pages
