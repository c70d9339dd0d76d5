"""The site's print page (the whole plan on one page): the Exhibit 2 checklist, anchors built from
refs, sub-action headings as written; and `planportal build --pdf`, which links each plan's PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
from playwright.sync_api import Browser

from planportal.commands.build import Project
from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.plans import print_page
from planportal.portal.joined import Portal, plan_recommendations
from tests.conftest import copy_project, run
from tests.factories import make_portal, plan


def test_the_print_page_has_the_exhibit_2_checklist(built: tuple[Project, Portal]) -> None:
    project, portal = built
    for entry in portal.plans:
        html = (project.site / urls.plan_print(entry.id).replace(".md", ".html")).read_text(encoding="utf-8")
        assert "<caption>What the plan gives for each recommendation, against the Exhibit 2 checklist</caption>" in html
        table = html[html.index("against the Exhibit 2 checklist</caption>"):]
        table = table[:table.index("</table>")]
        assert table.count("<tr>") == 1 + len(list(plan_recommendations(entry)))  # the header, a row each


def test_action_anchors_on_the_print_page_are_built_from_refs_and_never_collide(tmp_path: Path) -> None:
    portal = make_portal(tmp_path, {"p": plan(recommendations=[
        {"ref": "1", "text": "One", "actions": [{"id": "1.2", "title": "One's action 1.2"}]},
        {"ref": "1.1", "text": "One point one", "actions": [{"id": "2", "title": "One point one's action 2",
                                                             "actions": [{"id": "2a", "title": "Sub"}]}]}])})
    markdown = print_page(Site(portal), portal.plans[0], portal.referenced_by())
    anchors = re.findall(r"\{#(action-[^ }]+)", markdown)
    assert anchors == ["action-1_1-2", "action-1-1_2", "action-1-1_2a"]
    renamed = make_portal(tmp_path / "renamed", {"p": plan(recommendations=[
        {"ref": "1", "text": "One, reworded", "actions": [{"id": "1.2", "title": "Reworded"}]},
        {"ref": "1.1", "text": "Also reworded", "actions": [{"id": "2", "title": "Reworded too",
                                                            "actions": [{"id": "2a", "title": "Sub, reworded"}]}]}])})
    again = print_page(Site(renamed), renamed.plans[0], renamed.referenced_by())
    assert re.findall(r"\{#(action-[^ }]+)", again) == anchors  # the text changed, the anchors did not


def test_sub_action_headings_print_as_written(built: tuple[Project, Portal], browser: Browser) -> None:
    project, _ = built
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.emulate_media(media="print")
    page.goto((project.site / "plans/leeds-2010/print.html").as_uri())
    page.wait_for_load_state("load")
    headings = page.evaluate("""() => [...document.querySelectorAll('.md-typeset h5')].map(h => {
        const style = getComputedStyle(h);
        return [h.id, h.textContent.replace('¶', '').trim(), h.innerText.replace('¶', '').trim(),
                style.textTransform, style.fontVariantCaps, style.color];
    })""")
    page.close()
    assert len(headings) > 20  # Leeds' sub-actions: 1a, 1b, …
    for anchor, text, shown, transform, caps, colour in headings:
        assert re.fullmatch(r"action-[0-9-]+_[0-9a-z-]+", anchor), anchor
        assert shown == text and transform == "none" and caps == "normal", (anchor, shown)
        assert colour in ("rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)"), (anchor, colour)


def test_build_with_pdf_links_each_plans_pdf_and_without_it_does_not(tmp_path: Path) -> None:
    plans = tmp_path / "data"
    make_portal(plans, {"p": plan(recommendations=[{"ref": "1", "text": "Set criteria.", "actions": [
        {"id": "1", "title": "Write the criteria", "due": "2006-03"}]}])})
    (tmp_path / "portal").mkdir()
    root = copy_project(tmp_path / "portal", plans / "plans").root
    result = run(root, "build", "--pdf")
    assert result.returncode == 0, result.stderr
    pdf = root / "site/plans/p/p.pdf"
    reader = pypdf.PdfReader(pdf)
    assert "Write the criteria" in " ".join(p.extract_text() for p in reader.pages)
    assert 'href="p.pdf"' in (root / "site/plans/p/index.html").read_text(encoding="utf-8")
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    assert not pdf.exists()
    assert 'href="p.pdf"' not in (root / "site/plans/p/index.html").read_text(encoding="utf-8")
