"""The site's downloads: iCalendar files hold every dated deadline, Atom feeds one entry per
progress update, newest first; both dated from the data, never the clock, and linked from the
pages so that they work from the file system too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from icalendar import Calendar

from planportal.commands.build import Project
from planportal.downloads.calendars import lead_calendar, plan_calendar
from planportal.downloads.feeds import ATOM, plan_feed, portal_feed
from planportal.downloads.files import site_files
from planportal.pages import urls
from planportal.portal.joined import Portal, plan_recommendations, walk_actions
from planportal.portal.publications import published_on

A = f"{{{ATOM}}}"


def dated_deadlines(portal: Portal, plan_id: str) -> list[tuple[str, dt.date]]:
    """(what, last day) of every deadline with a last day, from the model itself."""
    entry = portal.plan(plan_id)
    found = []
    for placed in plan_recommendations(entry):
        dues = [(placed.rec.ref, placed.rec.achieve_by)]
        dues += [(f"{placed.rec.ref} action {a.id}", a.due) for a, _ in walk_actions(placed.rec.actions)]
        for what, due in dues:
            for e in due.entries if due else []:
                if e.date.end is not None:
                    found.append((what, e.date.end))
    return found


def test_each_plan_calendar_holds_every_dated_deadline(built: tuple[Project, Portal]) -> None:
    _, portal = built
    for entry in portal.plans:
        events = Calendar.from_ical(plan_calendar(portal, entry)).walk("VEVENT")
        expected = dated_deadlines(portal, entry.id)
        assert sorted(e.decoded("dtstart") for e in events) == sorted(day for _, day in expected)
        for event in events:  # all-day, on the deadline's last day, dated from the plan, never the clock
            start, end = event.decoded("dtstart"), event.decoded("dtend")
            assert type(start) is dt.date and end == start + dt.timedelta(days=1)
            assert event.decoded("dtstamp").date() == published_on(entry)
        uids = [str(e["uid"]) for e in events]
        assert len(uids) == len(set(uids)) and all(u.startswith(f"{entry.id}-") for u in uids)
    leeds = Calendar.from_ical(plan_calendar(portal, portal.plan("leeds-2010"))).walk("VEVENT")
    review = [e for e in leeds if str(e["uid"]).startswith("leeds-2010-1.1.1-1d-")]
    assert [e.decoded("dtstart") for e in review] == [dt.date(2010, 9, 30), dt.date(2011, 3, 31)]  # 2010-09, 2011-03


def test_a_lead_calendar_holds_the_deadlines_they_lead(built: tuple[Project, Portal]) -> None:
    _, portal = built
    events = Calendar.from_ical(lead_calendar(portal, "assistant-chief-executive")).walk("VEVENT")
    assert events and all("Assistant Chief Executive" in str(e["description"]) or "achieve-by" in str(e["uid"])
                          for e in events)
    assert {"leeds-2010-1.1.1-1a@planportal", "leeds-2010-1.1.1-1d-2@planportal"} <= {str(e["uid"]) for e in events}


def test_feeds_are_atom_with_one_entry_per_progress_update_newest_first(built: tuple[Project, Portal]) -> None:
    _, portal = built
    entry = portal.plan("herefordshire-jar-2006")
    progress = [(placed.rec.ref, a.id, p) for placed in plan_recommendations(entry)
                for a, _ in walk_actions(placed.rec.actions) for p in a.progress]
    feed = ET.fromstring(plan_feed(portal, entry, urls.plan_feed(entry.id)))
    assert feed.tag == f"{A}feed"
    entries = feed.findall(f"{A}entry")
    assert len(entries) == len(progress) > 50
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    assert feed.findtext(f"{A}updated") == updated[0] == "2006-03-25T00:00:00Z"  # the data's date, not the clock
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("tag:plan-portal,2026:") for i in ids)
    for item in entries:
        for name in ("id", "title", "updated", "content"):
            assert item.find(f"{A}{name}") is not None, name
    everything = ET.fromstring(portal_feed(portal, urls.PORTAL_FEED)).findall(f"{A}entry")
    total = sum(len(a.progress) for p in portal.recommendations() for a, _ in walk_actions(p.rec.actions))
    assert len(everything) == total


def test_downloads_are_linked_from_the_pages_and_their_links_resolve(built: tuple[Project, Portal]) -> None:
    project, portal = built
    site = project.site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/plan-portal.json"' in home and 'href="updates.xml"' in home
    plan_page = (site / "plans/leeds-2010/index.html").read_text(encoding="utf-8")
    for ext in ("csv", "xlsx", "json"):
        assert f'href="leeds-2010-actions.{ext}"' in plan_page
        assert (site / urls.plan_actions("leeds-2010", ext).replace(".md", "")).is_file()
    assert 'href="leeds-2010-deadlines.ics"' in plan_page and 'href="updates.xml"' in plan_page
    lead_page = (site / "leads/assistant-chief-executive.html").read_text(encoding="utf-8")
    assert 'href="assistant-chief-executive-deadlines.ics"' in lead_page
    for lang in ("", "cy/"):  # each language's tree has its own copy, so relative links work in both
        assert (site / lang / urls.PORTAL_DATA).is_file()
    # Every link in every feed opens a page and anchor in the built site.
    for feed_path in [urls.PORTAL_FEED, *(urls.plan_feed(e.id) for e in portal.plans)]:
        feed = site / feed_path
        root = ET.parse(feed).getroot()
        for link in root.iter(f"{A}link"):
            target, _, fragment = link.attrib["href"].partition("#")
            page = (feed.parent / target).resolve()
            assert page.is_file(), (feed_path, target)
            if fragment:
                assert f'id="{fragment}"' in page.read_text(encoding="utf-8"), (feed_path, link.attrib["href"])


def test_downloads_do_not_change_between_builds(built: tuple[Project, Portal]) -> None:
    _, portal = built
    first, second = site_files(portal), site_files(portal)
    assert first == second
    assert len(first) == 2 + 5 * len(portal.plans) + len(portal.people)


def test_an_undated_plan_still_has_a_fixed_stamp(tmp_path: Path) -> None:
    from tests.factories import make_portal, plan

    portal = make_portal(tmp_path, {"p": plan(recommendations=[
        {"ref": "1", "text": "T", "actions": [{"id": "1", "title": "A", "due": "2026-03"}]}])})
    events = Calendar.from_ical(plan_calendar(portal, portal.plan("p"))).walk("VEVENT")
    assert [e.decoded("dtstamp").date() for e in events] == [dt.date(1970, 1, 1)]
    assert [e.decoded("dtstart") for e in events] == [dt.date(2026, 3, 31)]


def test_events_read_back_as_written_whatever_their_text(tmp_path: Path) -> None:
    """Events are written without icalendar: read back by it, long, Welsh and punctuated text is
    the same, and no line is longer than 75 octets (RFC 5545)."""
    from tests.factories import make_portal, plan

    title = "Cytuno ar y trothwyon; ŵyr, ŷd a “dyfyniadau”, \\ a slash " * 4
    portal = make_portal(tmp_path, {"p": plan(recommendations=[
        {"ref": "1", "text": "T", "actions": [{"id": "1", "title": title, "due": "2026-03"}]}])})
    data = plan_calendar(portal, portal.plan("p"))
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == f"1 action 1: {' '.join(title.split())}"
    assert str(event["description"]).splitlines()[-2] == f"Action 1: {' '.join(title.split())}"
    assert event.decoded("dtend") == dt.date(2026, 4, 1)
