"""Quarterly reports: what was completed, what slipped, what changed, in one quarter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from planportal.portal.reports import plan_quarters, quarter_report, status_at
from planportal.source.dates import parse_period
from tests.factories import make_portal, plan


def action(id_: str, due: str, *progress: tuple[str, str | None]) -> dict[str, Any]:
    return {"id": id_, "title": f"Action {id_}", "lead": "SF", "due": due,
            "progress": [{"date": d, "text": f"Update {d}", **({"status": s} if s else {})} for d, s in progress]}


ACTIONS = [
    action("1", "2006-02-27", ("2006-01-10", "in_progress"), ("2006-02-27", "completed")),
    action("2", "2006-03-17", ("2006-02-13", "in_progress")),                       # slipped by 31 March
    action("3", "2006-06", ("2005-12-20", "not_yet_due"), ("2006-03", "in_progress")),
    action("4", "2006-01-31"),                                                       # no update at all: slipped
    action("5", "2006-01-31", ("2006-01-20", None)),                                 # no status: not claimed
]


def report(tmp_path: Path, fy: int, q: int) -> Any:
    portal = make_portal(tmp_path, {"p": plan(as_at="2006-03-25", recommendations=[
        {"ref": "1", "text": "Set criteria.", "actions": ACTIONS}])})
    return quarter_report(portal.plans[0], fy, q)


def ids(items: list[Any]) -> list[str]:
    return [item.action.id for item in items]


def test_quarter_4_reports_completed_slipped_changes_and_updates(tmp_path: Path) -> None:
    r = report(tmp_path, 2005, 4)
    assert (str(r.start), str(r.end)) == ("2006-01-01", "2006-03-31")
    assert ids(r.completed) == ["1"]
    assert [(c.action.id, c.after) for c in r.slipped] == [("2", "in_progress"), ("4", "lapsed")]
    assert [(c.action.id, c.before, c.after) for c in r.changes] == [
        ("1", None, "completed"), ("2", None, "in_progress"), ("3", "not_yet_due", "in_progress")]
    assert ids(r.updates) == ["1", "5", "2", "1", "3"]  # in date order: 10 Jan, 20 Jan, 13 Feb, 27 Feb, March


def test_the_previous_quarter_sees_only_its_own_entries(tmp_path: Path) -> None:
    r = report(tmp_path, 2005, 3)
    assert ids(r.updates) == ["3"]
    assert ids(r.completed) == [] and ids(r.slipped) == []


def test_status_at_a_day_ignores_later_entries(tmp_path: Path) -> None:
    portal = make_portal(tmp_path, {"p": plan(recommendations=[{"ref": "1", "text": "t", "actions": ACTIONS}])})
    first = portal.plans[0].plan.recommendations[0].actions[0]
    assert status_at(first, dt.date(2006, 2, 26)) == "in_progress"
    assert status_at(first, dt.date(2006, 2, 27)) == "completed"


def test_quarters_run_from_the_first_date_to_as_at(tmp_path: Path) -> None:
    portal = make_portal(tmp_path, {"p": plan(as_at="2006-03-25", recommendations=[
        {"ref": "1", "text": "t", "actions": ACTIONS}])})
    assert plan_quarters(portal.plans[0]) == [(2005, 3), (2005, 4)]


def test_periods_are_written_two_ways() -> None:
    assert parse_period("2026-Q1") == parse_period("2026-27 Q1") == (2026, 1)


def test_a_moved_deadline_is_reported_in_the_quarter_it_moved(tmp_path: Path) -> None:
    moved = action("5", "2006-06-30", ("2006-01-05", "in_progress"))
    moved["deadline_changes"] = [{"date": "2006-02-14", "previous": "2006-03-31", "reason": "Awaiting LSCB"}]
    portal = make_portal(tmp_path, {"p": plan(as_at="2006-03-25", recommendations=[
        {"ref": "1", "text": "t", "actions": [moved]}])})
    assert [(m.action.id, str(m.change.previous.last)) for m in quarter_report(portal.plans[0], 2005, 4).moved] == [
        ("5", "31 March 2006")]
    assert quarter_report(portal.plans[0], 2006, 1).moved == []


def test_without_as_at_no_action_is_said_to_have_slipped_with_no_update(tmp_path: Path) -> None:
    portal = make_portal(tmp_path, {"p": plan(recommendations=[{"ref": "1", "text": "t", "actions": ACTIONS}])})
    assert [(c.action.id, c.after) for c in quarter_report(portal.plans[0], 2005, 4).slipped] == [
        ("2", "in_progress")]


def test_a_main_action_slips_with_the_status_its_sub_actions_give_it(tmp_path: Path) -> None:
    main = {"id": "1", "title": "Main", "lead": "SF", "due": "2006-02", "actions": [
        action("1a", "2006-02", ("2006-01-10", "delayed")), action("1b", "2006-02", ("2006-02-01", "completed"))]}
    portal = make_portal(tmp_path, {"p": plan(as_at="2006-03-25", recommendations=[
        {"ref": "1", "text": "t", "actions": [main]}])})
    assert [(c.action.id, c.after) for c in quarter_report(portal.plans[0], 2005, 4).slipped] == [
        ("1", "delayed"), ("1a", "delayed")]
