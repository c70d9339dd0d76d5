"""What changed between two publications: from snapshots, from git, on the site and on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from planportal.commands.build import Project, generate
from planportal.commands.cli import main
from planportal.portal.changes import compare, snapshot
from tests.factories import PORTAL, make_portal, plan


def rec(*actions: dict[str, Any], ref: str = "1") -> dict[str, Any]:
    return {"ref": ref, "text": f"Recommendation {ref}.", "actions": list(actions)}


def action(id_: str, due: str, *progress: tuple[str, str | None]) -> dict[str, Any]:
    return {"id": id_, "title": f"Action {id_}", "due": due,
            "progress": [{"date": d, "text": f"Update {d}", **({"status": s} if s else {})} for d, s in progress]}


OLD = [rec(action("1", "2006-03", ("2006-01-10", "in_progress")), action("2", "2006-04")), rec(ref="2")]
NEW = [rec(action("1", "2006-03", ("2006-01-10", "in_progress"), ("2006-02-27", "completed")),
           action("2", "2006-06"), action("3", "2006-09")), rec(ref="3")]


def test_compare_finds_every_kind_of_change(tmp_path: Path) -> None:
    old = snapshot(make_portal(tmp_path / "old", {"p": plan(recommendations=OLD)}))
    new = snapshot(make_portal(tmp_path / "new", {"p": plan(recommendations=NEW)}))
    c = compare(old, new)
    assert [i.ref for i in c.new_recommendations] == ["3"]
    assert [i.ref for i in c.removed_recommendations] == ["2"]
    assert [(i.ref, i.action) for i in c.new_actions] == [("1", "3")]
    assert c.removed_actions == []
    assert [(i.action, i.before, i.after) for i in c.status_changes] == [("1", "in_progress", "completed")]
    assert [(i.action, i.before, i.after) for i in c.moved_deadlines] == [("2", ["April 2006"], ["June 2006"])]
    assert [(i.action, i.after, i.text) for i in c.new_progress] == [("1", "27 February 2006", "Update 2006-02-27")]
    assert not compare(new, new)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_the_site_and_diff_compare_with_the_last_git_tag(tmp_path: Path) -> None:
    make_portal(tmp_path, {"p": plan(recommendations=OLD)})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "plans")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "2006 Q3 publication")
    git(tmp_path, "tag", "published-2006-q3")
    (tmp_path / "plans" / "p.yaml").write_text(yaml.safe_dump({"plan": plan(recommendations=NEW)}), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")

    generate(Project(tmp_path))
    page = (tmp_path / "build/docs/changes.md").read_text(encoding="utf-8")
    assert "published-2006-q3" in page
    assert "## Status changes\n\n- [Recommendation 1, action 1](plans/p/recommendations/1.md#action-1) " in page
    assert "In progress → Completed" in page

    out = subprocess.run([sys.executable, "-m", "planportal", "--root", str(tmp_path), "diff", "published-2006-q3",
                          "."], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# What changed: published-2006-q3 → .")
    assert "- Recommendation 3 (Improvement plan): Recommendation 3." in out.stdout
    bad = subprocess.run([sys.executable, "-m", "planportal", "--root", str(tmp_path), "diff", "no-such-tag", "."],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "no-such-tag" in bad.stderr


def test_a_saved_snapshot_can_be_the_previous_publication(tmp_path: Path) -> None:
    make_portal(tmp_path, {"p": plan(recommendations=OLD)})
    subprocess.run([sys.executable, "-m", "planportal", "--root", str(tmp_path), "snapshot", "--output",
                    str(tmp_path / "publications/2006-q3.json")], check=True)
    assert json.loads((tmp_path / "publications/2006-q3.json").read_text())["format"] == "planportal-snapshot/1"
    make_portal(tmp_path, {"p": plan(recommendations=NEW)},
                portal={"title": "Plans", "authority": "Test Council",
                        "previous_publication": "publications/2006-q3.json"})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    generate(Project(tmp_path))
    page = (tmp_path / "build/docs/changes.md").read_text(encoding="utf-8")
    assert "## New progress entries\n\n- [Recommendation 1, action 1]" in page
    assert "27 February 2006: Update 2006-02-27" in page


def commit_and_tag(root: Path, tag: str) -> None:
    git(root, "add", "plans")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", f"publication {tag}")
    git(root, "tag", tag)


def test_a_last_tag_whose_plans_no_longer_pass_is_skipped_with_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nobody chose the last tag: a build goes on without it, says why once on standard error, and
    the 'What changed' page says why it has nothing to compare with, in each language."""
    make_portal(tmp_path, {"p": plan(recommendations=OLD)},
                portal={**PORTAL["portal"], "languages": ["en", "cy"]})
    git(tmp_path, "init", "-q")
    (tmp_path / "plans" / "p.yaml").write_text(yaml.safe_dump({"plan": plan(recommendations=OLD, colour="blue")}),
                                               encoding="utf-8")
    commit_and_tag(tmp_path, "v1")
    (tmp_path / "plans" / "p.yaml").write_text(yaml.safe_dump({"plan": plan(recommendations=NEW)}), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")

    assert main(["--root", str(tmp_path), "validate"]) == 0
    assert capsys.readouterr().err == ""
    generate(Project(tmp_path))
    why = "plans/p.yaml:3:3: unknown field 'colour': check the spelling, or remove it"
    assert capsys.readouterr().err.splitlines() == [
        f"planportal: warning: the last git tag, v1, cannot be read, so the 'What changed' page has nothing to "
        f"compare with: {why}; to compare with another publication, set previous_publication in portal.yaml"]
    page = (tmp_path / "build/docs/changes.md").read_text(encoding="utf-8")
    assert (f"\nThe previous publication, tag v1, could not be read, so there is nothing to compare this one with: "
            f"{why}.\n") in page
    assert "##" not in page
    welsh = (tmp_path / "build/cy/docs/changes.md").read_text(encoding="utf-8")
    assert "Nid oedd modd darllen y cyhoeddiad blaenorol, tag <span lang=\"en\">v1</span>" in welsh


def test_a_previous_publication_named_in_portal_yaml_is_reported_where_it_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each problem of the publication portal.yaml names is reported at the setting, and names
    the publication's own file and line; validate reports them as build does."""
    make_portal(tmp_path, {"p": plan(recommendations=OLD)})
    git(tmp_path, "init", "-q")
    bad = plan(recommendations=[{**OLD[0], "owner": "SF"}, OLD[1]], colour="blue")
    (tmp_path / "plans" / "p.yaml").write_text(yaml.safe_dump({"plan": bad}), encoding="utf-8")
    commit_and_tag(tmp_path, "v1")
    (tmp_path / "plans" / "p.yaml").write_text(yaml.safe_dump({"plan": plan(recommendations=NEW)}), encoding="utf-8")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "fixed")
    git(tmp_path, "tag", "v2")
    settings = {**PORTAL["portal"], "previous_publication": "v1"}
    make_portal(tmp_path, {"p": plan(recommendations=NEW)}, portal=settings)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    lines = (tmp_path / "plans/portal.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "previous_publication:" in text)
    column = lines[line - 1].index("v1") + 1
    fix = ("give a later git tag or commit, or a snapshot file saved by 'planportal snapshot', or leave "
           "previous_publication out to compare with the last git tag")

    for command in ("validate", "build"):
        assert main(["--root", str(tmp_path), command]) == 1
        assert capsys.readouterr().err.splitlines()[:-1] == [
            f"plans/portal.yaml:{line}:{column}: previous_publication 'v1' cannot be read (at v1, {problem}): {fix}"
            for problem in ["plans/p.yaml:18:5: unknown field 'owner' (did you mean 'lead'?): it is written lead: "
                            "(see docs/writing-plans.md)",
                            "plans/p.yaml:3:3: unknown field 'colour': check the spelling, or remove it"]]
    (tmp_path / "plans/portal.yaml").write_text("\n".join(lines).replace("previous_publication: v1",
                                                                         "previous_publication: v9") + "\n")
    assert main(["--root", str(tmp_path), "validate"]) == 1
    assert capsys.readouterr().err.startswith(
        f"plans/portal.yaml:{line}:{column}: previous_publication 'v9' cannot be read (git revision 'v9': fatal: ")
