"""Rebuilds touch only what changed: a no-op rebuild rewrites nothing, and a change to one
recommendation rewrites exactly the generated files that show it. On a small synthetic portal
(benchmarks/synthetic.py), which must itself be valid."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from benchmarks.synthetic import dump, write_portal

from planportal.commands import serve as preview
from planportal.commands.build import Project, generate
from planportal.portal import publications
from planportal.portal.joined import Portal, walk_actions
from planportal.portal.load import load_portal
from planportal.portal.publications import portal_at
from planportal.source.files import FileCache
from tests.conftest import copy_project

ACTIONS = 60
MARKER = "Zanzibarquux"  # one word no page holds unless the edited recommendation is on it


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def text_of(data: bytes) -> str:
    """A generated file's text, for looking words up: zip members (spreadsheets) unpacked, and
    folded lines (calendars) joined."""
    if data[:2] == b"PK" and zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(text_of(archive.read(name)) for name in archive.namelist())
    return data.decode("utf-8", "replace").replace("\r\n ", "").replace("\n ", "")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = copy_project(tmp_path, plans=None)
    for old in project.plans.iterdir():
        old.unlink()
    write_portal(project.plans, ACTIONS)
    return project


def test_the_synthetic_portal_validates_and_is_reproducible(tmp_path: Path) -> None:
    write_portal(tmp_path / "a", ACTIONS, seed=7)
    write_portal(tmp_path / "b", ACTIONS, seed=7)
    assert snapshot(tmp_path / "a").keys() == snapshot(tmp_path / "b").keys()
    for name in snapshot(tmp_path / "a"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    portal = load_portal(tmp_path / "a", tmp_path / "content", tmp_path)
    actions = [a for placed in portal.recommendations() for a, _ in walk_actions(placed.rec.actions)]
    assert len(actions) == ACTIONS
    assert any(a.progress for a in actions) and any(a.lead for a in actions)
    assert any(rel.recommendation for placed in portal.recommendations() for rel in placed.rec.related)
    assert any(rel.page for placed in portal.recommendations() for rel in placed.rec.related)
    assert portal.glossary and portal.documents and portal.indicators and portal.people


def test_a_rebuild_with_nothing_changed_rewrites_nothing(project: Project) -> None:
    generate(project)
    before = snapshot(project.build)
    _, written = generate(project)
    assert written == []
    assert snapshot(project.build) == before  # every file: the same bytes and modification time


def edit_first_recommendation(project: Project) -> None:
    path = project.plans / "council-001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rec = data["plan"]["themes"][0]["outcomes"][0]["recommendations"][0]
    assert rec["ref"] == "1.1.1"
    rec["text"] = f"{MARKER} {rec['text']}"  # at the start: every title made from the text shows it too
    path.write_text(dump(data), encoding="utf-8")


def test_a_change_to_one_recommendation_rewrites_exactly_the_files_that_show_it(project: Project) -> None:
    generate(project)
    before = snapshot(project.build)
    assert not any(MARKER in text_of(data) for _, data in before.values())

    edit_first_recommendation(project)

    _, written = generate(project)
    after = snapshot(project.build)
    rewritten = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    showing = {name for name, (_, data) in after.items() if MARKER in text_of(data)}
    assert "docs/plans/council-001/recommendations/1.1.1.md" in showing
    assert "cy/docs/plans/council-001/recommendations/1.1.1.md" in showing
    assert rewritten == showing
    assert set(written) == rewritten


def test_serve_writes_the_edited_recommendation_first_as_the_full_build_will(project: Project) -> None:
    cache = FileCache()
    portal, _ = generate(project, cache=cache)
    assert preview.write_first(project, portal, cache)[1] == []  # nothing changed, nothing written
    edit_first_recommendation(project)
    _, first = preview.write_first(project, portal, cache)
    assert first == ["docs/plans/council-001/recommendations/1.1.1.md",
                     "cy/docs/plans/council-001/recommendations/1.1.1.md"]
    early = snapshot(project.build)
    _, written = generate(project, cache=cache)
    assert written and not set(first) & set(written)  # the full build found those pages already right
    assert all(snapshot(project.build)[name] == early[name] for name in first)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_a_serve_rebuild_reads_only_the_files_that_changed_even_with_a_previous_publication(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """The previous publication's files (read from git into a folder of their own) have the same names
    as plans/'s, and must not take their place in serve's cache; and a git commit is read once."""
    git(project.root, "init", "-q")
    git(project.root, "add", "plans")
    git(project.root, "commit", "-qm", "published")
    git(project.root, "tag", "v1")
    edit_first_recommendation(project)
    read_from_git = []

    def counted(root: Path, revision: str) -> Portal:
        read_from_git.append(revision)
        return portal_at(root, revision)

    monkeypatch.setattr(publications, "portal_at", counted)
    plan_files = len(list(project.plans.glob("*.yaml")))

    cache = FileCache()
    portal, _ = preview.write_first(project, None, cache)
    generate(project, cache=cache)
    assert cache.reads == plan_files and read_from_git == ["v1"]
    assert "Changes since the previous publication (v1)." in (project.build / "docs/changes.md").read_text(
        encoding="utf-8")

    preview.write_first(project, portal, cache)  # serve's rebuild with nothing changed
    _, written = generate(project, cache=cache)
    assert written == [] and cache.reads == plan_files and read_from_git == ["v1"]

    (project.plans / "portal.yaml").touch()  # one file changed: it alone is read again
    preview.write_first(project, portal, cache)
    generate(project, cache=cache)
    assert cache.reads == plan_files + 1 and read_from_git == ["v1"]
