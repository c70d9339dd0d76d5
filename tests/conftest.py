"""Shared fixtures: a copy of this portal built once per test session, and the browser tests' Chromium.

Playwright is imported only when a browser test asks for the `browser` fixture, so tests of the
pure modules (tests/test_when.py, say) run where Playwright is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from planportal.commands.build import Project, build_site
from planportal.portal.joined import Portal

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Route

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
"""Debian's Chromium, which `make test` installs when it is missing (CHROMIUM=... for another one)."""

# Property-based tests (hypothesis) run under the profile HYPOTHESIS_PROFILE names. "ci", the default
# (`make test`): derandomized, the same examples on every run, so a test never fails at random. "fuzz"
# (`make fuzz`): fresh randomness and FUZZ_SCALE times the examples, to explore; each failing input it
# finds becomes an @example of its test.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, deadline=None, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """How many examples a property-based test tries: `count`, or FUZZ_SCALE (50) times as many when fuzzing."""
    return count * int(os.environ.get("FUZZ_SCALE", "50")) if PROFILE == "fuzz" else count


def copy_project(target: Path, plans: Path | None = None) -> Project:
    """A portal folder in `target` with this repository's config, theme and content, and
    `plans` (default: this repository's plans/)."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    for name in ("theme", "content"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(plans or ROOT / "plans", target / "plans")
    return Project(target)


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`planportal --root ROOT ARGS…` as staff run it, in its own process."""
    return subprocess.run([sys.executable, "-m", "planportal", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=600, cwd=root)


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)


def portal_in_git(target: Path, plans: Path | None = None) -> Path:
    """This portal (or one with `plans`) as a council keeps it: a copy in `target`, a git repository with
    everything committed."""
    root = copy_project(target, plans).root
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=Officer", "-c", "user.email=officer@example.org", "commit", "-qm", "Plans")
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Portal]:
    """The seed portal, validated, generated and rendered into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("portal"))
    portal, _ = build_site(project)
    return project, portal


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for every browser test; never skipped."""
    from playwright.sync_api import sync_playwright  # here, so that only browser tests need Playwright

    assert CHROMIUM.exists(), f"the browser tests need Debian's chromium at {CHROMIUM}: `make test` installs it"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


def refuse_other_hosts(context: BrowserContext, origin: str = "file:") -> list[str]:
    """Abort every request of `context` outside `origin` (by default, anything but a local file);
    the list it fills with them."""
    refused: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return refused


def mkdocs_running(root: Path) -> list[int]:
    """The MkDocs processes (not yet ended) rendering or serving the portal at `root`, read from /proc."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if b"mkdocs" in command and str(root).encode() in command and state not in ("Z", "X"):
            found.append(int(proc.name))
    return found


def wait_until(condition: Callable[[], object], what: str, seconds: float = 120.0) -> None:
    """Wait for `condition()` (a process that stopped, a page that shows an edit), polling; fail, saying
    `what`, if it never holds. In a browser, poll `page.evaluate`: `page.wait_for_function` with a string
    needs eval, which the site's Content-Security-Policy refuses."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.02)
