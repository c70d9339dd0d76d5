"""Timelines: every action against its deadline, as static SVG (one per plan, theme and lead) and
the same in a table, on the built site and drawn from small portals."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from playwright.sync_api import Browser

from planportal.commands.build import Project
from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.timeline_pages import timeline_page
from planportal.portal.joined import Portal, plan_recommendations, walk_actions
from planportal.portal.timeline import action_start, bars
from planportal.source.model import Action
from tests.conftest import wait_until
from tests.factories import make_portal, plan

SVG = "{http://www.w3.org/2000/svg}"
HEREFORDSHIRE = "herefordshire-jar-2006"


def bar_groups(svg: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "pp-bar"]


def dated_deadline(action: Action) -> bool:
    return action.due is not None and action.due.last.end is not None


def test_herefordshires_timeline_has_a_bar_with_a_title_for_each_action_with_a_deadline(
        built: tuple[Project, Portal]) -> None:
    project, portal = built
    svg = (project.site / urls.timeline_picture(urls.plan_timeline(HEREFORDSHIRE))).read_text(encoding="utf-8")
    groups = bar_groups(svg)
    actions = [(placed.rec.ref, action) for placed in plan_recommendations(portal.plan(HEREFORDSHIRE))
               for action, _ in walk_actions(placed.rec.actions)]
    with_deadline = [(ref, a) for ref, a in actions if dated_deadline(a)]
    assert len(with_deadline) < len(actions)  # some have none: "ongoing", or no deadline at all
    assert len(groups) == len(with_deadline)
    for group, (ref, action) in zip(groups, with_deadline, strict=True):
        title = group.find(f"{SVG}title")
        assert title is not None and title.text
        assert title.text.startswith(f"Recommendation {ref}, action {action.id}: ")
        start = r"starts \d+ \w+ \d{4} \((its first progress entry|the plan's period start)\), due "
        assert re.search(start, title.text)
        label = group.find(f"{SVG}text")
        assert label is not None and label.text and label.text.startswith(f"Rec. {ref} action {action.id}: ")
        assert group.find(f"{SVG}rect") is not None
    assert "As at 25 March 2006" in svg  # the as-at date, marked


def test_sub_actions_sit_indented_under_their_action(built: tuple[Project, Portal]) -> None:
    project, portal = built
    for entry in portal.plans:
        svg = ET.fromstring((project.site / urls.timeline_picture(urls.plan_timeline(entry.id))).read_text("utf-8"))
        rows = [(float(text.get("x", 0)), text.text or "", g.get("class"))
                for g in svg.iter(f"{SVG}g") if (text := g.find(f"{SVG}text")) is not None]
        for placed in plan_recommendations(entry):
            for main in placed.rec.actions:
                subs = [s for s in main.actions if dated_deadline(s)]
                if not subs:
                    continue
                at = [i for i, (_, text, _) in enumerate(rows)
                      if text.startswith(f"Rec. {placed.rec.ref} action {main.id}: ")]
                assert len(at) == 1, (entry.id, placed.rec.ref, main.id)
                x, _, kind = rows[at[0]]
                assert kind == ("pp-bar" if dated_deadline(main) else "pp-row")  # no deadline: its label only
                below = rows[at[0] + 1:at[0] + 1 + len(subs)]
                assert [text.split(":")[0] for _, text, _ in below] == [
                    f"Rec. {placed.rec.ref} action {s.id}" for s in subs]
                assert all(sub_x > x for sub_x, _, _ in below)


def test_the_timeline_pages_are_linked_and_give_the_same_in_a_table(built: tuple[Project, Portal]) -> None:
    project, portal = built
    html = (project.site / "plans" / HEREFORDSHIRE / "timeline.html").read_text(encoding="utf-8")
    assert '<img src="timeline.svg"' in html and 'class="pp-timeline"' in html and 'tabindex="0"' in html
    assert html.count("<tr>") - 1 == sum(1 for p in plan_recommendations(portal.plan(HEREFORDSHIRE))
                                         for _ in walk_actions(p.rec.actions))
    assert "<script" not in (project.site / "plans" / HEREFORDSHIRE / "timeline.svg").read_text(encoding="utf-8")
    plan_html = (project.site / "plans" / HEREFORDSHIRE / "index.html").read_text(encoding="utf-8")
    assert 'href="timeline.html"' in plan_html
    theme_html = (project.site / "plans/leeds-2010/theme-1.html").read_text(encoding="utf-8")
    assert 'href="theme-1-timeline.html"' in theme_html
    assert 'href="sf-timeline.html"' in (project.site / "leads/sf.html").read_text(encoding="utf-8")
    assert (project.site / "leads/sf-timeline.svg").is_file()


def test_a_bar_starts_at_the_earlier_of_first_progress_and_period_start() -> None:
    action = Action(id="1", title="t", due="2006-06", progress=[{"date": "2005-11-20", "text": "x"}])
    assert action_start(action, dt.date(2005, 12, 1)) == (dt.date(2005, 11, 20), "progress")
    assert action_start(action, dt.date(2005, 11, 1)) == (dt.date(2005, 11, 1), "period")


def test_an_actions_own_start_is_where_its_bar_starts_when_it_is_the_earliest(tmp_path: Path) -> None:
    """`start:` in the plan file, read through validation as staff write it, and said on the bar."""
    portal = make_portal(tmp_path, {"p": plan(as_at="2006-03-25", period="2006-01 to 2006-12", recommendations=[
        {"ref": "1", "text": "t", "actions": [{"id": "1", "title": "Begun early", "start": "2005-11", "due": "2006-06"},
                                              {"id": "2", "title": "Begun late", "start": "2006-02-01",
                                               "due": "2006-06"}]}])})
    placed = list(plan_recommendations(portal.plans[0]))
    titles = [g.find(f"{SVG}title").text for g in bar_groups(  # type: ignore[union-attr]
        timeline_page(Site(portal), "plans/p/timeline.md", "P", placed)["plans/p/timeline.svg"])]
    assert "starts 1 November 2005 (its own start date)" in titles[0]
    assert "starts 1 January 2006 (the plan's period start)" in titles[1]  # the period starts earlier


def test_a_moved_deadline_shows_old_and_new_and_a_lead_sees_only_their_actions(tmp_path: Path) -> None:
    moved = {"id": "1", "title": "Moved <b>one</b>", "lead": "SF", "due": "2006-06-30",
             "deadline_changes": [{"date": "2006-02-14", "previous": "2006-03-31"}],
             "actions": [{"id": "1a", "title": "Sub", "due": "2006-05"}]}
    other = {"id": "2", "title": "Not led by SF", "due": "2006-04"}
    portal = make_portal(tmp_path, {"p": plan(as_at="2006-03-25", period="2006-01 to 2006-12", recommendations=[
        {"ref": "1", "text": "t", "actions": [moved, other, {"id": "3", "title": "No deadline"}]}])})
    site = Site(portal)
    placed = list(plan_recommendations(portal.plans[0]))
    made = timeline_page(site, "plans/p/timeline.md", "P", placed)
    svg = made["plans/p/timeline.svg"]
    groups = bar_groups(svg)
    assert len(groups) == 3  # 1, 1a, 2: not 3, which has no deadline
    title = groups[0].find(f"{SVG}title")
    assert title is not None and title.text == (
        "Recommendation 1, action 1: Moved <b>one</b>; starts 1 January 2006 (the plan's period start), "
        "due 30 June 2006; deadline moved from 31 March 2006; Not yet due")
    assert groups[0].find(f"{SVG}path") is not None  # the earlier deadline's diamond
    assert groups[1].find(f"{SVG}path") is None
    assert "&lt;b&gt;" in svg  # text from the data is text
    markdown = made["plans/p/timeline.md"]
    assert "moved from" in markdown and "No deadline" in markdown
    assert [b.action.id for b in bars(placed, "SF")] == ["1"]


def test_on_a_phone_the_timeline_scrolls_in_its_box_at_full_size_and_printed_it_fits_the_page(
        built: tuple[Project, Portal], browser: Browser) -> None:
    project, _ = built
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((project.site / "plans" / HEREFORDSHIRE / "timeline.html").as_uri())
    page.wait_for_load_state("load")
    measure = """() => { const box = document.querySelector('.pp-timeline'), img = box.querySelector('img');
        return [box.scrollWidth, box.clientWidth, img.naturalWidth, img.getBoundingClientRect().width,
                document.documentElement.scrollWidth, document.documentElement.clientWidth]; }"""
    scroll, box, natural, shown, page_scroll, page_width = page.evaluate(measure)
    assert scroll > box  # it scrolls sideways, in its own box
    assert shown == natural  # at its own size: the labels are as legible as on a desktop
    assert page_scroll <= page_width  # the page itself does not scroll sideways
    page.focus(".pp-timeline")  # it takes the keyboard's focus (tabindex="0"), and the arrow keys scroll it
    page.keyboard.press("ArrowRight")
    # scrolling may be smooth: polled by evaluate (wait_for_function's string needs eval, which the CSP refuses)
    wait_until(lambda: page.evaluate("document.querySelector('.pp-timeline').scrollLeft") > 0, "the timeline scrolls")
    page.evaluate("document.querySelector('.pp-timeline').scrollLeft = 0")
    page.emulate_media(media="print")
    scroll, box, natural, shown, _, _ = page.evaluate(measure)
    assert shown <= box < natural  # printed, the whole timeline fits the width of the page
    page.close()
