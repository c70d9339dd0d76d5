"""The languages render at once, one MkDocs process each, when the build has the cores (output/mkdocs.py):
the site is byte for byte the one a build on one core makes, the MkDocs processes end with the build,
and when one language fails the other is ended and site/ is left as it was.

Builds run as staff run them (the `planportal` command, in its own process) on the seed portal, which
has two languages (English at the root, Welsh under cy/). "One core" is the build's CPU affinity, as
`taskset -c 0` or a container's CPU limit sets it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project, mkdocs_running, wait_until
from tests.test_publishing import leftovers, snapshot, stopped


def planportal(root: Path, *args: str, fault: str | None = None, one_core: bool = False) -> subprocess.Popen[str]:
    """`planportal --root ROOT ARGS…` in its own process; PLANPORTAL_FAULT set to `fault`; on the
    first core only if `one_core`."""
    env = {k: v for k, v in os.environ.items() if k != "PLANPORTAL_FAULT"}
    if fault:
        env["PLANPORTAL_FAULT"] = fault
    first = min(os.sched_getaffinity(0))
    return subprocess.Popen([sys.executable, "-m", "planportal", "--root", str(root), *args], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=(lambda: os.sched_setaffinity(0, {first})) if one_core else None)


def build(root: Path, one_core: bool = False) -> subprocess.CompletedProcess[str]:
    process = planportal(root, "build", one_core=one_core)
    out, err = process.communicate(timeout=600)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def welsh(pid: int) -> bool:
    """Whether the MkDocs process `pid` renders the Welsh tree (build/cy/mkdocs.yml)."""
    return b"/cy/mkdocs.yml" in Path(f"/proc/{pid}/cmdline").read_bytes()


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """The seed portal, built once: site/ is its last good site."""
    root = copy_project(tmp_path).root
    done = build(root)
    assert done.returncode == 0, done.stderr
    return root


def test_the_languages_render_at_once_when_there_are_the_cores(portal: Path) -> None:
    (portal / "content" / "about.md").write_text("# About\n\nChanged.\n", encoding="utf-8")
    for one_core, expected in ((False, min(2, len(os.sched_getaffinity(0)))), (True, 1)):
        first = planportal(portal, "build", fault="rendering:stop", one_core=one_core)
        wait_until(lambda: stopped(first), "the build stopped while MkDocs renders")  # noqa: B023
        assert len(mkdocs_running(portal)) == expected
        first.kill()
        first.wait()
        wait_until(lambda: mkdocs_running(portal) == [], "MkDocs ended with the build")


def test_the_site_rendered_at_once_is_the_one_rendered_a_language_at_a_time(portal: Path, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    other = copy_project(tmp_path / "other").root
    on_one_core = build(other, one_core=True)
    assert on_one_core.returncode == 0, on_one_core.stderr
    at_once = snapshot(portal / "site")
    assert "cy/index.html" in at_once and "index.html" in at_once
    assert snapshot(other / "site") == at_once


def test_a_build_killed_while_both_languages_render_ends_both_mkdocs(portal: Path) -> None:
    before = snapshot(portal / "site")
    (portal / "content" / "about.md").write_text("# About\n\nChanged.\n", encoding="utf-8")
    first = planportal(portal, "build", fault="rendering:stop")
    wait_until(lambda: stopped(first), "the build stopped while MkDocs renders")
    assert len(mkdocs_running(portal)) == min(2, len(os.sched_getaffinity(0)))

    first.kill()
    first.wait()

    wait_until(lambda: mkdocs_running(portal) == [], "every MkDocs ended with the build")
    assert snapshot(portal / "site") == before
    assert build(portal).returncode == 0
    assert leftovers(portal) == []


def test_when_one_language_fails_the_other_is_ended_and_the_last_site_kept(portal: Path) -> None:
    assert len(os.sched_getaffinity(0)) >= 2, "both languages render at once only on 2 cores or more"
    before = snapshot(portal / "site")
    (portal / "content" / "about.md").write_text("# About\n\nChanged.\n", encoding="utf-8")
    first = planportal(portal, "build", fault="rendering:stop")
    wait_until(lambda: stopped(first), "the build stopped while MkDocs renders")
    (english,) = [pid for pid in mkdocs_running(portal) if not welsh(pid)]
    (cymraeg,) = [pid for pid in mkdocs_running(portal) if welsh(pid)]
    os.kill(english, signal.SIGSTOP)  # it cannot finish by itself: only the build can end it

    os.kill(cymraeg, signal.SIGKILL)  # as the system does when memory runs out
    first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=600)

    assert first.returncode == 1
    assert err.startswith("planportal: the site could not be rendered; site/ was left as it was.\n"
                          "MkDocs was ended by SIGKILL while rendering")
    assert mkdocs_running(portal) == []  # the English one too, which was stopped: ended by the build
    assert snapshot(portal / "site") == before
    assert leftovers(portal) == []
    after = build(portal)
    assert after.returncode == 0, after.stderr
    assert snapshot(portal / "site") != before


def test_a_broken_link_in_one_language_fails_the_build_and_keeps_the_last_site(portal: Path) -> None:
    before = snapshot(portal / "site")
    (portal / "content" / "about.cy.md").write_text("# Amdanom\n\n[Ar goll](ar-goll.md).\n", encoding="utf-8")

    failed = build(portal)

    assert failed.returncode == 1
    assert "ar-goll.md" in failed.stderr and "site/ was left as it was" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert mkdocs_running(portal) == []
    assert snapshot(portal / "site") == before
    assert leftovers(portal) == []
