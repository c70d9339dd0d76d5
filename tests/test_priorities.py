"""Impact assessment (003 Part 3): each council plan priority lists the actions that serve it,
with their progress, and each action names the priorities it serves and its impact flags."""

from __future__ import annotations

from pathlib import Path

from planportal.pages import urls
from planportal.pages.site import build_pages
from tests.factories import make_portal, plan

PRIORITIES = [{"id": "safe-and-clean", "title": "Safe and Clean", "targets": ["Increase in residents who feel safe"]},
              {"id": "learning-and-training", "title": "Learning and Training"}]


def test_a_priority_page_lists_the_actions_that_serve_it_with_their_progress(tmp_path: Path) -> None:
    actions = [
        {"id": "1", "title": "Neighbourhood wardens scheme", "lead": "SF", "due": "2006-07 Q2",
         "priorities": ["safe-and-clean"], "team": "Community Safety", "contract": True, "statutory_function": True,
         "progress": [{"date": "2006-09-01", "status": "completed", "text": "Wardens in post."}]},
        {"id": "2", "title": "Adult learning fair", "due": "2006-07 Q3"},
    ]
    portal = make_portal(tmp_path, {"p": plan(as_at="2006-09-30", recommendations=[
        {"ref": "1", "text": "t", "actions": actions}])}, priorities=PRIORITIES)
    pages = build_pages(portal)
    safe = pages[urls.priority("safe-and-clean")]
    assert "# Council plan priority: Safe and Clean" in safe
    assert "Increase in residents who feel safe" in safe
    assert "[1. Neighbourhood wardens scheme](../plans/p/recommendations/1.md#action-1)" in safe
    assert "Completed" in safe and "Adult learning fair" not in safe
    assert "No action in the plans names this priority." in pages[urls.priority("learning-and-training")]
    rec = pages[urls.recommendation("p", "1")]
    assert "[Safe and Clean](../../../priorities/safe-and-clean.md)" in rec
    assert "**Service team:** Community Safety" in rec
    assert "**Impact:** contract, statutory function" in rec
    index = pages[urls.PRIORITIES]
    assert "| [Safe and Clean](safe-and-clean.md) | 1 |" in index
