"""Quarterly updates beside the plan, as a performance officer keeps them: update files in
updates/<period>/, committed to git; `planportal validate` and `build` through the CLI, on a copy
of this portal; the plan files are never touched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from planportal.portal.updates import merged
from planportal.source.updates import LoadedUpdates, UpdateFile
from planportal.source.yamlfile import YamlDocument
from tests.conftest import git, portal_in_git, run

RETURN = """\
# yaml-language-server: $schema=../../schema/update.schema.json
period: 2005-Q4
lead: SF
updates:
  - action: herefordshire-jar-2006/1/1
    date: 2006-03-20
    status: completed
    text: Discussion paper agreed by the partnership board.
  - action: herefordshire-jar-2006/1/4
    date: 2006-03-21
    status: delayed
    text: Operational instructions waiting for sign-off.
    reported_by: ISM
    deadline: {due: "2006-05", reason: Sign-off moved to the May meeting}
"""


@pytest.fixture()
def portal_repo(tmp_path: Path) -> Path:
    """This portal as a council keeps it: a git repository with plans/ committed."""
    return portal_in_git(tmp_path)


def test_a_quarter_of_updates_is_published_beside_the_plan(portal_repo: Path) -> None:
    folder = portal_repo / "updates" / "2005-q4"
    folder.mkdir(parents=True)
    (folder / "sf.yaml").write_text(RETURN, encoding="utf-8")

    checked = run(portal_repo, "validate")
    assert checked.returncode == 0, checked.stderr
    built = run(portal_repo, "build", "--include-drafts")
    assert built.returncode == 0, built.stderr

    page = (portal_repo / "site" / "plans" / "herefordshire-jar-2006" / "recommendations" / "1.html").read_text(
        encoding="utf-8")
    assert "Discussion paper agreed by the partnership board." in page
    assert "Operational instructions waiting for sign-off. (reported by Interim Senior Manager)" in page
    assert "Sign-off moved to the May meeting" in page and '<time datetime="2006-05">May 2006</time>' in page
    assert git(portal_repo, "status", "--porcelain", "plans").stdout == ""  # the approved plan is untouched
    subprocess.run(["git", "-C", str(portal_repo), "diff", "--exit-code", "plans/"], check=True)


def test_a_bad_update_is_refused_at_its_line_and_the_site_stays(portal_repo: Path) -> None:
    assert run(portal_repo, "build", "--include-drafts").returncode == 0
    before = {p: p.read_bytes() for p in (portal_repo / "site").rglob("*.html")}
    folder = portal_repo / "updates" / "2005-q4"
    folder.mkdir(parents=True)
    (folder / "sf.yaml").write_text(RETURN.replace("/1/4", "/1/44").replace("2006-03-20", "2006-04-02"),
                                    encoding="utf-8")

    result = run(portal_repo, "build", "--include-drafts")

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("updates/2005-q4/sf.yaml:6:11: date 2006-04-02 is not in 2005-Q4"), lines
    assert lines[1].startswith("updates/2005-q4/sf.yaml:9:13: unknown action 'herefordshire-jar-2006/1/44' "
                               "(did you mean 'herefordshire-jar-2006/1/4'?)"), lines
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (portal_repo / "site").rglob("*.html")} == before


def test_updates_are_added_after_the_plans_own_entries_of_the_day(portal_repo: Path) -> None:
    from planportal.portal.load import load_portal

    plans = portal_repo / "plans"
    portal = load_portal(plans, portal_repo / "content", portal_repo)
    data = {"period": "2005-Q4", "lead": "SF", "updates": [
        {"action": "herefordshire-jar-2006/1/2", "date": "2006-02-06", "text": "Second meeting minuted."}]}
    doc = YamlDocument("updates/2005-q4/sf.yaml", data, {}, {})
    after = merged(portal, [LoadedUpdates(doc, UpdateFile.model_validate(data))])
    action = next(a for a in after.recommendation("herefordshire-jar-2006", "1").rec.actions if a.id == "2")
    assert [p.text for p in action.progress][-2:] == ["LSCB Subgroup met to discuss paper.", "Second meeting minuted."]
    assert action.progress[-1].reported_by == "SF"
    before = next(a for a in portal.recommendation("herefordshire-jar-2006", "1").rec.actions if a.id == "2")
    assert len(before.progress) == len(action.progress) - 1  # the portal it was given is as it was


def test_what_changed_counts_the_updates_of_the_previous_publication(portal_repo: Path) -> None:
    folder = portal_repo / "updates" / "2005-q4"
    folder.mkdir(parents=True)
    first, second = RETURN.split("  - action: herefordshire-jar-2006/1/4")
    (folder / "sf.yaml").write_text(first, encoding="utf-8")
    git(portal_repo, "add", "updates")
    git(portal_repo, "-c", "user.name=Officer", "-c", "user.email=officer@example.org", "commit", "-qm", "Q4")
    git(portal_repo, "tag", "v1")
    (folder / "sf.yaml").write_text(RETURN, encoding="utf-8")

    assert run(portal_repo, "build", "--include-drafts").returncode == 0

    changed = (portal_repo / "build" / "docs" / "changes.md").read_text(encoding="utf-8")
    assert "Operational instructions waiting for sign-off." in changed  # new since v1
    assert "Discussion paper agreed by the partnership board." not in changed  # published in v1
