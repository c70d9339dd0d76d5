"""Draft plans: marked "Draft: not yet approved" on their pages, and left out of the public
build (`planportal build`) unless --include-drafts, with what only they use."""

from __future__ import annotations

import subprocess
from pathlib import Path

from planportal.commands.build import Project, generate
from planportal.portal.drafts import public
from planportal.portal.joined import Portal
from tests.conftest import copy_project
from tests.factories import make_portal, plan


def test_a_draft_plan_has_the_banner(built: tuple[Project, Portal]) -> None:
    project, portal = built
    assert portal.plan("herefordshire-jar-2006").plan.state == "draft"  # the seed's draft, built by the fixture
    page = (project.site / "plans/herefordshire-jar-2006/index.html").read_text(encoding="utf-8")
    assert "Draft: not yet approved" in page


def test_drafts_are_absent_without_the_flag_and_present_with_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    generate(project, include_drafts=False)
    docs = project.build / "docs"
    assert not (docs / "plans/herefordshire-jar-2006").exists()
    assert (docs / "plans/leeds-2010/index.md").is_file()
    everything = "\n".join(p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
    assert "herefordshire-jar-2006" not in everything and "Herefordshire" not in (docs / "index.md").read_text()
    assert not (docs / "leads/sf.md").exists()  # a lead named only in the draft goes with it
    assert "herefordshire" not in (docs / "data/plan-portal.json").read_text(encoding="utf-8")
    generate(project, include_drafts=True)
    assert (docs / "plans/herefordshire-jar-2006/index.md").is_file()
    assert "Draft: not yet approved" in (docs / "plans/herefordshire-jar-2006/index.md").read_text(encoding="utf-8")


def test_a_final_plan_naming_a_draft_keeps_the_words_without_a_link(tmp_path: Path) -> None:
    portal = make_portal(tmp_path, {
        "final": plan(recommendations=[{"ref": "1", "text": "T", "related": [
            {"plan": "draft"}, {"recommendation": "9", "plan": "draft", "note": "see there"}]}]),
        "draft": plan(state="draft", title="Next year's plan", recommendations=[
            {"ref": "9", "text": "U", "actions": [{"id": "1", "title": "A", "lead": "SF"}]}]),
    })
    shown = public(portal)
    assert [e.id for e in shown.plans] == ["final"]
    related = shown.plan("final").plan.recommendations[0].related
    assert [r.text for r in related] == ["Next year's plan (a draft, not yet published)",
                                         "Recommendation 9 of Next year's plan (a draft, not yet published)"]
    assert related[1].note == "see there"
    assert "SF" not in shown.people  # led only in the draft
    assert public(shown) == shown


def test_a_draft_left_out_is_not_reported_as_removed_since_the_last_publication(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for args in (["init", "-q"], ["add", "plans"],
                 ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "published"],
                 ["tag", "published"]):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)
    generate(project, include_drafts=False)
    changes = (project.build / "docs/changes.md").read_text(encoding="utf-8")
    assert "published" in changes and "herefordshire" not in changes.lower()
