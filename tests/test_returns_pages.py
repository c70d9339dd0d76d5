"""Who has reported, as pure page builders: a small portal with update files in, Markdown out.

A returns page per quarter up to the plan's as-at date lists the leads who returned an update
(an entry dated in the quarter saying who reported it) and, for each lead of open actions who did
not, those actions with when each was last updated, flagged after two quarters with none. The
statuses the site works out ("Deadline passed, no update", a main action's status from its
sub-actions) and what pages say without an as-at date are here too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.nav import nav
from planportal.pages.plans import plan_page, recommendation_page
from planportal.pages.progress import dashboard_page, report_page, report_pages, returns_page, returns_pages
from planportal.portal.joined import Portal
from planportal.portal.returns import plan_returns, return_quarters
from tests.factories import PORTAL, make_portal, plan

PEOPLE = [{"id": "SF", "name": "Sue Fiennes", "role": "Director of Children's Services"},
          {"id": "HL", "name": "Henry Lewis", "role": "Head of Children's Social Care"},
          {"id": "JD", "name": "Jon Dudley", "role": "Children's Services Manager (Resources)"}]
ACTIONS = [
    {"id": "1", "title": "Agree the criteria", "lead": "SF", "due": "2006-02-28"},
    {"id": "2", "title": "Train the consultants", "lead": "HL", "due": "2006-06",
     "progress": [{"date": "2005-11-10", "text": "Trainers booked."}],
     "actions": [{"id": "2a", "title": "Book the trainers", "due": "2006-01",
                  "progress": [{"date": "2005-11-10", "status": "completed", "text": "Booked."}]},
                 {"id": "2b", "title": "Run the sessions", "due": "2006-05",
                  "progress": [{"date": "2006-01-20", "status": "in_progress", "text": "First session run."}]}]},
    {"id": "3", "title": "Write the audit programme", "lead": "JD", "due": "2006-01-31"},
    {"id": "4", "title": "Close the old duty rota", "lead": "JD", "due": "2005-12",
     "progress": [{"date": "2005-12-01", "status": "completed", "text": "Closed."}]},
]
RETURN = {"period": "2005-Q4", "lead": "SF", "updates": [
    {"action": "p/1/1", "date": "2006-02-13", "status": "in_progress", "text": "Draft criteria circulated."},
    {"action": "p/1/1", "date": "2006-03-20", "text": "Comments in from partners."}]}
EARLIER = {"period": "2005-Q3", "lead": "HL", "updates": [
    {"action": "p/1/2b", "date": "2005-12-05", "text": "Venue booked."}]}
RETURNS = {"2005-q3/hl.yaml": EARLIER, "2005-q4/sf.yaml": RETURN}


def portal_of(tmp_path: Path, returns: dict[str, dict[str, Any]] | None = None, **fields: Any) -> Portal:
    """A plan p (as at 25 March 2006, its dates from October 2005) with update files `returns`
    ({"2005-q4/sf.yaml": {...}}; by default HL's for October to December, SF's for January to
    March), in English and Welsh."""
    for name, data in (RETURNS if returns is None else returns).items():
        path = tmp_path / "updates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
    data = {"as_at": "2006-03-25", "period": "2005-10 to 2006-06",
            "recommendations": [{"ref": "1", "text": "Set criteria.", "actions": ACTIONS}], **fields}
    return make_portal(tmp_path, {"p": plan(**data)}, portal={**PORTAL["portal"], "languages": ["en", "cy"]},
                       people=PEOPLE)


def test_a_returns_page_lists_who_returned_and_the_open_actions_of_those_who_did_not(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    page = returns_pages(Site(portal), portal.plans[0])[urls.returns("p", 2005, 4)]

    assert "\n# Returns: January to March 2006 (quarter 4 of 2005 to 2006)\n" in page
    assert "with progress as given at <time datetime=\"2006-03-25\">25 March 2006</time>" in page
    assert "`updates/2005-q4/<lead id>.yaml`" in page
    returned = page.split("## Returned {#returned}", 1)[1].split("\n## ", 1)[0]
    assert '| [Sue Fiennes](../../../leads/sf.md) | 2 | <time datetime="2006-03-20">20 March 2006</time> |' in returned
    missing = page.split("## Not returned {#not-returned}", 1)[1]
    assert "Sue Fiennes" not in missing  # she returned
    assert "### [Henry Lewis](../../../leads/hl.md) {#lead-hl}" in missing
    assert "### [Jon Dudley](../../../leads/jd.md) {#lead-jd}" in missing
    henry = missing.split("{#lead-hl}", 1)[1].split("\n### ", 1)[0]
    # The main action, in progress from its sub-actions; the open sub-action he leads as its main action's lead;
    # not the completed one.
    assert "[Recommendation 1, action 2: Train the consultants](../recommendations/1.md#action-2)" in henry
    assert "In progress</span> (status from its sub-actions)" in henry
    assert "action 2b: Run the sessions" in henry and "action 2a" not in henry
    row = next(line for line in henry.splitlines() if "action 2: " in line)
    assert '<time datetime="2005-11-10">10 November 2005</time> |' in row  # updated in the quarter before
    assert "No update for two quarters" not in row
    jon = missing.split("{#lead-jd}", 1)[1]
    row = next(line for line in jon.splitlines() if "action 3: " in line)
    assert "Deadline passed, no update</span>" in row
    assert row.endswith('| never <strong class="pp-stale"><span aria-hidden="true">⚠</span> '
                        "No update for two quarters</strong> |")
    assert "action 4: " not in jon  # completed: not open
    assert "- [1 lead has returned an update](#returned)" in page
    assert "- [2 leads of open actions have not](#not-returned)" in page
    assert "[Progress report for the quarter](../reports/2005-06-q4.md) · [Previous quarter](2005-06-q3.md)" in page


def test_a_return_is_an_entry_dated_in_the_quarter_by_the_person_it_names(tmp_path: Path) -> None:
    reported = {**RETURN, "updates": [{**RETURN["updates"][0], "reported_by": "HL"}]}  # HL reported for SF
    portal = portal_of(tmp_path, {"2005-q4/sf.yaml": reported})
    returns = plan_returns(portal.plans[0], 2005, 4)
    assert list(returns.returned) == ["HL"]
    assert list(returns.missing) == ["JD", "SF"]  # SF's action is open, and she reported nothing herself
    earlier = plan_returns(portal.plans[0], 2005, 3)
    assert earlier.returned == {}  # the plan's own entries say no one
    assert [(a.action.id, a.stale) for a in earlier.missing["HL"]] == [("2", False), ("2b", False)]  # first quarter


def test_returns_pages_run_up_to_as_at_and_are_linked_from_the_plan_its_reports_and_the_nav(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    site = Site(portal)
    entry = portal.plans[0]
    assert return_quarters(entry) == [(2005, 3), (2005, 4)]  # October 2005 to the quarter of 25 March 2006
    # From the first quarter a lead returned an update for; before any has, the latest quarter alone.
    assert return_quarters(portal_of(tmp_path / "q4", {"2005-q4/sf.yaml": RETURN}).plans[0]) == [(2005, 4)]
    assert return_quarters(portal_of(tmp_path / "none", {}).plans[0]) == [(2005, 4)]
    undated = make_portal(tmp_path / "undated", {"p": plan(as_at="2006-03-25", recommendations=[
        {"ref": "1", "text": "Set criteria.", "actions": [{"id": "1", "title": "Agree the criteria"}]}])})
    assert return_quarters(undated.plans[0]) == []  # nothing dated: no quarter to list
    pages = returns_pages(site, entry)
    assert list(pages) == [urls.returns("p", 2005, 3), urls.returns("p", 2005, 4)]
    assert "[Next quarter](2005-06-q4.md)" in pages[urls.returns("p", 2005, 3)]
    assert all(page.startswith("---\n") and "search: {\"exclude\": true}" in page for page in pages.values())
    assert "- [January to March 2006 (quarter 4 of 2005 to 2006)](returns/2005-06-q4.md)" in plan_page(site, entry)
    report = report_pages(site, entry)[urls.report("p", 2005, 4)]
    assert "[Who has returned an update for this quarter](../returns/2005-06-q4.md)" in report
    assert "Who has returned" not in report_page(site, entry, 2005, 4, standalone=True)
    plans = nav(portal, [])[1]["Plans"]
    assert {"Who has reported": urls.returns("p", 2005, 4)} in plans[0]["Improvement plan"]


def test_without_as_at_there_are_no_returns_and_lateness_cannot_be_judged(tmp_path: Path) -> None:
    portal = portal_of(tmp_path, {}, as_at=None)
    site = Site(portal)
    entry = portal.plans[0]
    assert returns_pages(site, entry) == {}
    page = plan_page(site, entry)
    assert "The plan gives no “progress as at” date, so who has reported cannot be listed." in page
    assert "- **Progress as at:** not given, so whether a deadline has passed cannot be judged" in page
    assert "Who has reported" not in str(nav(portal, []))
    board = dashboard_page(site, urls.plan_dashboard("p"), entry.plan.title, list(portal.recommendations()),
                           site.shared.plan_board(entry))[urls.plan_dashboard("p")]
    assert "| Overdue | Cannot be judged: no “progress as at” date |" in board
    assert "Deadline passed, no update" not in board


def test_an_action_past_its_deadline_with_no_update_says_so_in_words_with_an_icon(tmp_path: Path) -> None:
    portal = portal_of(tmp_path, {})
    site = Site(portal)
    page = recommendation_page(site, next(portal.recommendations()), [])
    action_3 = page.split("{#action-3}", 1)[1].split("\n### ", 1)[0]
    assert ('**Status:** <span class="pp-status pp-status--lapsed"><span aria-hidden="true">⌛</span> '
            "Deadline passed, no update</span>\n") in action_3  # its words say it is late: no second 'Overdue'
    action_2 = page.split("{#action-2}", 1)[1].split("\n#", 1)[0]
    assert "In progress</span> (status from its sub-actions)" in action_2
    board = site.shared.plan_board(portal.plans[0])
    assert [row.action.id for row in board.by_status["lapsed"]] == ["1", "3"]
    assert [row.action.id for row in board.overdue] == ["1", "3"]
    welsh = recommendation_page(Site(portal, "cy"), next(portal.recommendations()), [])
    assert "Dyddiad cau wedi mynd heibio, dim diweddariad</span>" in welsh
    assert "(statws o'i is-gamau gweithredu)" in welsh


def test_a_welsh_returns_page_reads_in_welsh(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    page = returns_page(Site(portal, "cy"), portal.plans[0], 2005, 4)
    assert "# Diweddariadau a anfonwyd: " in page
    assert "## Wedi anfon {#returned}" in page and "## Heb anfon {#not-returned}" in page
    assert "Dim diweddariad ers dau chwarter" in page
    assert "`updates/2005-q4/<id-arweinydd>.yaml`" in page
