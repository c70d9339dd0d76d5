"""What changed between two publications: from snapshots, from git, on the site and on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from planportal.commands.build import Project, generate
from planportal.portal.changes import compare, snapshot
from tests.factories import make_portal, plan


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
