"""The monitoring pages of the seed portal: dashboards with charts and tables, indicators,
priorities, quarterly reports and the whole plan on one page."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml

from planportal.commands.build import Project
from planportal.pages import urls
from planportal.portal.joined import Portal
from planportal.source.dates import parse_when
from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def md(project: Project, path: str) -> str:
    return (project.build / "docs" / path).read_text(encoding="utf-8")


def test_every_chart_has_a_title_a_description_and_its_numbers_in_a_table(built: tuple[Project, Portal]) -> None:
    project, _ = built
    charts = sorted((project.build / "docs").rglob("*.svg"))
    assert len(charts) >= 4
    for chart in charts:
        root = ET.fromstring(chart.read_text(encoding="utf-8"))
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text, chart
        beside = chart.with_suffix(".md")  # a timeline: x-timeline.svg on x-timeline.md, in its scrolling box
        page = (beside if beside.exists() else chart.with_name(chart.name.rsplit("-", 1)[0] + ".md")).read_text(
            encoding="utf-8")
        assert f"]({chart.name})" in page or f'<img src="{chart.name}"' in page, f"{chart} is not shown on its page"
        for label, number in re.findall(r"(?:^|; )([^;:]+): (\d+)", desc.text if "status" in chart.name else ""):
            assert re.search(rf"\| {label.strip()} \| \[?{number}\]?", page), (chart, label, number)


def test_dashboard_figures_link_to_the_actions_they_count(built: tuple[Project, Portal]) -> None:
    project, portal = built
    page = md(project, urls.plan_dashboard("herefordshire-jar-2006"))
    counted = {name: int(n) for name, n in re.findall(r"\| (Completed|Overdue) \| \[(\d+)\]\(#[a-z-]+\)[^|]* \|", page)}
    assert counted["Completed"] > 0 and counted["Overdue"] > 0
    for name, anchor in (("Completed", "status-completed"), ("Overdue", "overdue")):
        section = page.split(f"{{#{anchor} ", 1)[1].split("\n## ", 1)[0]
        assert len(re.findall(r"\]\(recommendations/[^)#]+#action-", section)) == counted[name], name


def test_the_portal_dashboard_counts_each_plan_and_links_to_its_lists(built: tuple[Project, Portal]) -> None:
    """The portal's page grows with its plans, not its actions: no action is listed there; each
    plan's figures link to the lists on that plan's own dashboard."""
    project, portal = built
    page = md(project, urls.DASHBOARD)
    assert "#action-" not in page
    for entry in portal.plans:
        board = md(project, urls.plan_dashboard(entry.id))
        target = urls.relative(urls.DASHBOARD, urls.plan_dashboard(entry.id))
        row = next(line for line in page.splitlines() if line.startswith("| [") and f"]({target})" in line)
        for anchor in re.findall(rf"\({re.escape(target)}#([a-z-]+)\)", row):
            assert f"{{#{anchor} " in board, (entry.id, anchor)
    assert re.search(r"\[\d+\]\([^)]+/dashboard\.md#overdue\)", page)


def test_lists_that_repeat_the_recommendation_pages_are_left_out_of_search(built: tuple[Project, Portal]) -> None:
    """Lead and priority pages are found by their names, not by the actions they list again."""
    project, _ = built
    index = json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = {doc["location"] for doc in index["docs"]}
    assert any(location.startswith("leads/") for location in found)
    kept = ("#progress", "#actions-they-lead", "#what-they-lead-or-are-accountable-for",
            "#actions-that-contribute-to-it", "#targets")
    listed = [location for location in found if location.startswith(("leads/", "priorities/")) and "#" in location
              and "/index.html" not in location and not location.endswith(kept)]
    assert not listed, listed[:10]


def test_plan_page_shows_the_exhibit_2_checklist_in_words(built: tuple[Project, Portal]) -> None:
    project, portal = built
    page = md(project, urls.plan("leeds-2010"))
    assert "| Recommendation | Quantifiable outcome targets in place | Time scales and milestones agreed |" in page
    assert re.search(r"\| (Yes|Partly: [^|]+|No: [^|]+) \|", page)
    # Monitoring is the plan's: said once, above the table, not in each row.
    assert page.count("Improvement Board: monthly, a monitoring report to each meeting") == 1
    assert "Monitoring is arranged for the plan as a whole" in page
    rows = [line for line in page.split("## Checklist for each recommendation", 1)[1].splitlines()
            if line.startswith("| [")]
    assert len(rows) == sum(1 for p in portal.recommendations() if p.plan.id == "leeds-2010") > 50
    assert all(line.split(" | ")[5] == "Yes" for line in rows)


def test_indicator_pages_link_both_ways(built: tuple[Project, Portal]) -> None:
    project, portal = built
    assert (project.build / "docs" / urls.INDICATORS).is_file()
    for placed in portal.recommendations():
        for code in placed.rec.indicators:
            rec_page = md(project, urls.recommendation(*placed.key))
            assert urls.relative(urls.recommendation(*placed.key), urls.indicator(code)) in rec_page
            assert urls.relative(urls.indicator(code), urls.recommendation(*placed.key)) in md(
                project, urls.indicator(code))


def test_priority_pages_exist_for_the_council_plan_priorities(built: tuple[Project, Portal]) -> None:
    project, portal = built
    assert len(portal.priorities) == 4
    for priority_id in portal.priorities:
        assert re.search(r"^# Council plan priority: ", md(project, urls.priority(priority_id)), re.MULTILINE)


def test_a_report_page_per_quarter_and_the_whole_plan_on_one_page(built: tuple[Project, Portal]) -> None:
    project, portal = built
    report = md(project, urls.report("herefordshire-jar-2006", 2005, 4))
    assert "\n# Progress report: January to March 2006 (quarter 4 of 2005 to 2006)\n" in report
    for heading in ("## Completed in the quarter", "## Slipped", "## Status changes since the previous quarter",
                    "## New progress entries"):
        assert heading in report
    whole = md(project, urls.plan_print("herefordshire-jar-2006"))
    entry = portal.plan("herefordshire-jar-2006")
    assert whole.count("\n## Recommendation ") == len(entry.plan.recommendations)
    anchors = re.findall(r"\{#([^}]+)\}", whole)
    assert len(anchors) == len(set(anchors)), "anchors on the one-page plan are unique"


def test_report_command_writes_a_standalone_document(built: tuple[Project, Portal]) -> None:
    project, _ = built
    base = [sys.executable, "-m", "planportal", "--root", str(project.root), "report", "--period", "2005-Q4",
            "--plan", "herefordshire-jar-2006"]
    as_md = subprocess.run([*base, "--format", "md"], capture_output=True, text=True, check=True).stdout
    assert as_md.startswith("# Progress report: January to March 2006")
    assert "](" not in as_md, "links are plain text outside the site"
    as_html = subprocess.run([*base, "--format", "html"], capture_output=True, text=True, check=True).stdout
    assert as_html.startswith("<!DOCTYPE html>") and "<table>" in as_html and "http" not in as_html.split("<main>")[1]
    wrong = subprocess.run([*base[:-4], "--period", "2005-Q5"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "is not a quarter" in wrong.stderr


def lapsed_in_plan_file(path: Path) -> tuple[int, int]:
    """Counted from the plan file itself, not through the generator's standing: the actions past their
    last deadline on the plan's as_at date with no progress at all recorded on them or under them
    (and the main actions with no status of their own taking that from a sub-action none of whose
    siblings is delayed); and the actions past their deadline with no status, whatever their progress."""
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))["plan"]
    as_at = dt.date.fromisoformat(plan["as_at"])

    def passed(action: dict[str, Any]) -> bool:
        due = action.get("due")
        if due is None:
            return False
        dates = due if isinstance(due, list) else [due]
        last = dates[-1]["date"] if isinstance(dates[-1], dict) else dates[-1]
        end = parse_when(last).end
        return end is not None and end < as_at

    def quiet(action: dict[str, Any]) -> bool:
        return not action.get("progress") and all(quiet(sub) for sub in action.get("actions", []))

    def given(action: dict[str, Any]) -> set[str]:
        return {p["status"] for p in action.get("progress", []) if p.get("status")}

    def count(action: dict[str, Any]) -> tuple[int, int, bool]:
        subs = [count(sub) for sub in action.get("actions", [])]
        lapsed = passed(action) and quiet(action)
        if not given(action) and any(sub[2] for sub in subs) and not any(
                "delayed" in given(sub) for sub in action.get("actions", [])):
            lapsed = True
        unstated = int(passed(action) and not given(action) and not action.get("actions"))
        return (int(lapsed) + sum(s[0] for s in subs), unstated + sum(s[1] for s in subs), lapsed)

    actions = [a for rec in plan["recommendations"] for a in rec.get("actions", [])]
    totals = [count(a) for a in actions]
    return sum(t[0] for t in totals), sum(t[1] for t in totals)


def test_herefordshire_counts_each_action_past_its_deadline_with_no_update(built: tuple[Project, Portal]) -> None:
    """No action past its deadline with no update is hidden behind 'Overdue': it has a state of its
    own, in words, counted on the dashboard and in the overdue figure, and listed under it."""
    project, _ = built
    lapsed, unstated = lapsed_in_plan_file(ROOT / "plans" / "herefordshire-jar-2006.yaml")
    assert (lapsed, unstated) == (2, 39)  # 39 past their deadline with no status; 37 of them have progress text
    page = md(project, urls.plan_dashboard("herefordshire-jar-2006"))
    assert f"| Deadline passed, no update | [{lapsed}](#status-lapsed) |" in page
    section = page.split("{#status-lapsed ", 1)[1].split("\n## ", 1)[0]
    assert section.count("Deadline passed, no update</span>") == lapsed
    assert '<span aria-hidden="true">⌛</span> Deadline passed, no update</span>' in section  # an icon and words
    overdue = int(re.search(r"\| Overdue \| \[(\d+)\]\(#overdue\) ", page)[1])  # type: ignore[index]
    stated = len(re.findall(r"pp-overdue", page.split("{#overdue ", 1)[1].split("\n## ", 1)[0]))
    assert overdue == lapsed + stated  # 'Overdue' counts them too, each with the words that say why
    # The rest of the 39 have progress but no status: said beside the overdue figure, never hidden behind it.
    note = re.search(r"\(not counting (\d+) actions past their deadline whose progress gives no status, which "
                     r"cannot be judged\) \|", page)
    assert note and lapsed + int(note[1]) == unstated
    report = md(project, urls.report("herefordshire-jar-2006", 2005, 4))
    slipped = report.split("## Slipped", 1)[1].split("\n## ", 1)[0]
    assert slipped.count("; deadline passed, no update") >= lapsed


def test_without_as_at_the_pages_say_lateness_cannot_be_judged(built: tuple[Project, Portal]) -> None:
    project, _ = built
    board = md(project, urls.plan_dashboard("leeds-2010"))
    assert "| Overdue | Cannot be judged: no “progress as at” date |" in board
    assert "| Overdue | 0 |" not in board
    assert "not given, so whether a deadline has passed cannot be judged" in md(project, urls.plan("leeds-2010"))
    lead = md(project, urls.lead("assistant-chief-executive"))
    assert "| Overdue | Cannot be judged: no “progress as at” date |" in lead
    portal_board = md(project, urls.DASHBOARD)
    assert re.search(r"\| Overdue \| \d+ \(not counting \d+ actions with no “progress as at” date", portal_board)
