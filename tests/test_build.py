"""The command line and the build as a whole: exit statuses, and site/ kept on failure."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from benchmarks.synthetic import write_portal

from planportal.commands.build import Project, build_site
from planportal.commands.cli import main
from planportal.downloads.files import site_files
from planportal.output import fingerprint
from planportal.pages.site import build_pages, generated_addresses
from planportal.portal.drafts import public
from planportal.portal.joined import Portal
from planportal.portal.load import load_portal
from tests.conftest import ROOT, copy_project
from tests.factories import plan


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planportal", *args], capture_output=True, text=True)


@pytest.mark.parametrize("command", ["validate", "build", "serve"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "usage: planportal" in result.stdout


def test_wrong_usage_exits_2() -> None:
    assert run("publish").returncode == 2
    assert run().returncode == 2


def test_validate_reports_the_seed_plans_valid(built: tuple[Project, Portal]) -> None:
    project, portal = built
    result = run("--root", str(project.root), "validate")
    assert result.returncode == 0, result.stderr
    assert f"is valid: {len(portal.plans)} plan(s)" in result.stdout


def test_a_broken_link_fails_the_build_and_keeps_the_last_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    assert main(["--root", str(tmp_path), "build"]) == 0
    before = snapshot(project.site)
    assert main(["--root", str(tmp_path), "build"]) == 0  # nothing changed: not rendered again
    assert "is up to date" in capsys.readouterr().out
    (project.content / "about.md").write_text("# About\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "build"]) == 1
    err = capsys.readouterr().err
    assert "missing.md" in err and "site/ was left as it was" in err
    assert "Traceback" not in err
    assert snapshot(project.site) == before


def test_the_site_is_rendered_again_when_anything_it_is_made_from_changes(tmp_path: Path) -> None:
    """A build that changes nothing leaves site/ alone; a change to the plans, the theme or
    mkdocs.yml, or a missing site/, renders it again."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "portal.yaml").write_text(yaml.safe_dump({"portal": {"title": "Plans", "authority": "Test Council"}}),
                                       encoding="utf-8")
    (plans / "p.yaml").write_text(yaml.safe_dump({"plan": plan(title="Improvement plan")}), encoding="utf-8")
    (tmp_path / "portal").mkdir()
    project = copy_project(tmp_path / "portal", plans)
    assert build_site(project)[1]
    home = project.site / "index.html"
    stamp = home.stat().st_mtime_ns
    assert not build_site(project)[1] and home.stat().st_mtime_ns == stamp

    css = project.root / "theme" / "assets" / "stylesheets" / "planportal.css"
    for change in (lambda: css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8"),
                   lambda: project.config.write_text(project.config.read_text(encoding="utf-8").replace(
                       "site_name: Plan Portal", "site_name: Plan Portal (changed)"), encoding="utf-8"),
                   lambda: (project.plans / "p.yaml").write_text(yaml.safe_dump({"plan": plan(title="Renamed")}),
                                                                  encoding="utf-8"),
                   lambda: shutil.rmtree(project.site)):
        change()
        assert build_site(project)[1]
        assert not build_site(project)[1]
    assert "/* changed */" in (project.site / "assets" / "stylesheets" / "planportal.css").read_text(encoding="utf-8")
    assert "Renamed" in (project.site / "plans" / "p" / "index.html").read_text(encoding="utf-8")


def test_python_writing_its_compiled_cache_does_not_call_for_a_render(tmp_path: Path) -> None:
    """The render fingerprint covers planportal's code but not the .pyc files Python writes beside it."""
    project = copy_project(tmp_path)
    (project.build).mkdir()
    before = fingerprint.sources(project.build, project.config)
    cache = Path(fingerprint.__file__).parent / "__pycache__" / "fingerprint-test.cpython.pyc"
    try:
        cache.parent.mkdir(exist_ok=True)
        cache.write_bytes(b"compiled")
        assert fingerprint.sources(project.build, project.config) == before
    finally:
        cache.unlink(missing_ok=True)
    (project.build / "index.md").write_text("# Home\n", encoding="utf-8")
    assert fingerprint.sources(project.build, project.config) != before


def test_a_content_page_may_not_take_a_generated_address(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    calendar = "leads/chief-executive-education-leeds-deadlines.ics"
    for path, text in [("glossary.md", "# Mine\n"), ("plans/leeds-2010/dashboard.cy.md", "# Fy un i\n"),
                       (calendar, "BEGIN:VCALENDAR\n")]:
        (project.content / path).parent.mkdir(parents=True, exist_ok=True)
        (project.content / path).write_text(text, encoding="utf-8")
    fix = "rename it or move it into a folder"
    for command in ("validate", "build"):  # validate reports what build would refuse
        assert main(["--root", str(tmp_path), command]) == 1
        assert capsys.readouterr().err.splitlines()[:-1] == [
            f"content/glossary.md:1:1: has the same address as a generated page: {fix}",
            f"content/{calendar}:1:1: has the same address as a file the site generates (a download or feed): {fix}",
            f"content/plans/leeds-2010/dashboard.cy.md:1:1: has the same address as a generated page: {fix}"]


def test_the_generated_addresses_are_those_of_the_pages_and_downloads(tmp_path: Path) -> None:
    """What validate checks content/ against, worked out without making the pages, is every page
    and download build makes: for the seed plans with their drafts and without, and a synthetic portal."""
    write_portal(tmp_path / "synthetic", 60)
    seed = load_portal(ROOT / "plans", ROOT / "content", ROOT)
    portals = [seed, public(seed), load_portal(tmp_path / "synthetic", tmp_path / "content", tmp_path)]
    for portal in portals:
        pages, downloads = generated_addresses(portal)
        assert pages == set(build_pages(portal))
        assert downloads == set(site_files(portal))
    assert any(portal.priorities for portal in portals) and any(portal.indicators for portal in portals)
