"""Exhibit 2 computed from the data: each column missing in turn is reported as a gap."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planportal.portal.completeness import exhibit, gaps
from tests.factories import make_portal, plan

COMPLETE: dict[str, Any] = {
    "ref": "1.1",
    "text": "Establish an Improvement Board.",
    "achieve_by": "2010-03-01",
    "performance_targets": ["No areas for priority action found at the 2010 unannounced inspection"],
    "resources": {"required": True, "details": "Corporate support"},
    "related": [{"text": "Children and Young People's Plan 2009-14"}],
    "actions": [{"id": "1", "title": "Inform Executive Board", "lead": "SF", "due": "2010-01-06",
                 "actions": [{"id": "1a", "title": "Draft terms of reference", "due": "2010-01-19"}]}],
}
MONITORED = {"monitoring": [{"body": "Scrutiny Committee", "frequency": "quarterly"}]}


def checks_for(tmp_path: Path, rec: dict[str, Any], **plan_fields: Any) -> dict[str, Any]:
    portal = make_portal(tmp_path, {"p": plan(recommendations=[rec], **plan_fields)})
    placed = next(portal.recommendations())
    return {column: (check.answer, check.missing) for column, check in exhibit(placed, portal).items()}


def without(path: str, value: Any = None) -> dict[str, Any]:
    """COMPLETE with one field removed (or set to `value`); path like 'actions.0.lead'."""
    rec = copy.deepcopy(COMPLETE)
    *parents, last = path.split(".")
    node: Any = rec
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is None:
        del node[int(last) if last.isdigit() else last]
    else:
        node[last] = value
    return rec


def test_a_complete_recommendation_has_no_gaps(tmp_path: Path) -> None:
    assert {c: a for c, (a, _) in checks_for(tmp_path, COMPLETE, **MONITORED).items()} == dict.fromkeys(
        ["targets", "timescales", "resources", "accountability", "monitoring", "links"], "yes")


@pytest.mark.parametrize(("change", "column", "expected"), [
    (without("performance_targets"), "targets", ("no", "no performance target or indicator target")),
    (without("actions.0.actions.0.due"), "timescales", ("partly", "1 of 2 actions have no deadline")),
    (without("achieve_by"), "timescales", ("partly", "no date by which it is to be achieved as a whole")),
    (without("resources"), "resources", ("no", "the resources required are not stated")),
    (without("actions.0.lead"), "accountability", ("no", "1 of 1 main actions have no lead")),
    (without("related"), "links", ("no", "no related plan or document")),
])
def test_each_column_missing_in_turn(tmp_path: Path, change: dict[str, Any], column: str,
                                     expected: tuple[str, str]) -> None:
    checks = checks_for(tmp_path, change, **MONITORED)
    assert checks[column] == expected
    assert all(answer == "yes" for c, (answer, _) in checks.items() if c != column)


def test_a_recommendations_own_achieve_by_counts_as_a_time_scale(tmp_path: Path) -> None:
    no_actions = without("actions")
    assert checks_for(tmp_path, no_actions)["timescales"] == ("yes", "")
    undated = without("actions.0.actions.0.due")
    del undated["actions"][0]["due"]
    assert checks_for(tmp_path, undated)["timescales"] == ("partly", "2 of 2 actions have no deadline")
    del undated["achieve_by"]
    assert checks_for(tmp_path, undated)["timescales"] == ("no", "2 of 2 actions have no deadline")
    del no_actions["achieve_by"]
    assert checks_for(tmp_path, no_actions)["timescales"] == ("no", "no actions, so no milestones")


def test_monitoring_comes_from_the_plan(tmp_path: Path) -> None:
    assert checks_for(tmp_path, COMPLETE)["monitoring"] == ("no", "the plan does not say who monitors it")


def test_an_indicator_with_targets_counts_as_a_quantified_target(tmp_path: Path) -> None:
    rec = without("performance_targets")
    rec["indicators"] = ["NI 59"]
    portal = make_portal(tmp_path, {"p": plan(recommendations=[rec], **MONITORED)}, indicators=[
        {"code": "NI 59", "title": "Initial assessments within timescale", "unit": "%", "higher_is_better": True,
         "targets": [{"period": "2010-03", "value": 72}]}])
    assert gaps(portal) == []


def test_check_command_lists_gaps_and_exits_0_unless_strict(tmp_path: Path) -> None:
    make_portal(tmp_path, {"p": plan(recommendations=[without("related")], **MONITORED)})
    run = [sys.executable, "-m", "planportal", "--root", str(tmp_path), "check", "--completeness"]
    result = subprocess.run(run, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "plans/p.yaml:8:5: recommendation 1.1: link to relevant plan or document: no (no related plan or document)"]
    assert subprocess.run([*run, "--strict"], capture_output=True, text=True).returncode == 1
