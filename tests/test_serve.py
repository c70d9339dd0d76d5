"""`planportal serve` as staff use it: short output, the data's problems shown in the browser over the
last good page, an edit shown with the search index up to date (serve renders as `planportal build` does),
and stopping (SIGTERM, Ctrl-C, even kill -9) ends every process it started."""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.run import fetch, free_port
from playwright.sync_api import Browser, expect

from planportal.commands import serve
from planportal.commands.build import Project
from planportal.portal.joined import Portal
from tests.conftest import mkdocs_running, wait_until


class Served:
    """`planportal serve` running on a portal, with what it has said so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.url = f"http://127.0.0.1:{free_port()}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "planportal", "--root", str(root), "serve", "--address", self.url[7:-1]],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        wait_until(lambda: fetch(self.url), "the home page is served")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def page(self) -> str:
        return fetch(self.url) or ""


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "planportal", "new", str(tmp_path / "portal")], capture_output=True,
                   check=True)
    return tmp_path / "portal"


@pytest.fixture
def served(portal: Path) -> Iterator[Served]:
    running = Served(portal)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def test_serve_says_little_when_all_is_well(served: Served) -> None:
    (line,) = served.lines
    assert line.startswith("planportal: generated in ")
    assert line.endswith(f" s; serving {served.url} (Ctrl-C to stop)")


def test_problems_show_in_the_browser_over_the_last_good_page_until_fixed(served: Served, portal: Path) -> None:
    plan = portal / "plans" / "example-plan.yaml"
    good = plan.read_text(encoding="utf-8")
    assert "planportal-problems" not in served.page()
    line = next(n for n, text in enumerate(good.splitlines(), 1) if text.strip().startswith("lead: "))
    plan.write_text(good.replace("lead: ", "lead: NOBODY-", 1), encoding="utf-8")

    wait_until(lambda: "planportal-problems" in served.page(), "the problems are shown on the home page")

    shown = html.unescape(served.page())
    assert f"plans/example-plan.yaml:{line}:" in shown and "unknown lead 'NOBODY-" in shown
    assert "this is the last" in shown
    assert any(f"plans/example-plan.yaml:{line}:" in said for said in served.lines)
    plan.write_text(good, encoding="utf-8")
    wait_until(lambda: "planportal-problems" not in served.page(), "the banner goes once the data is right")
    wait_until(lambda: served.lines[-1].startswith("planportal: rebuilt "), "serve says it rebuilt")
    assert not any(said.startswith(("INFO", "WARNING")) for said in served.lines)  # MkDocs' lines: not shown


def test_the_open_page_shows_the_problems_and_then_the_fix_by_itself(served: Served, portal: Path,
                                                                     browser: Browser) -> None:
    """A lead officer keeps the preview open in Chromium while editing: the page shows what is wrong, then the
    corrected page, each without a reload, and the site's Content-Security-Policy refuses nothing serve adds."""
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
    page.goto(served.url + "plans/example-plan/recommendations/1.html")
    assert page.locator(".planportal-problems").count() == 0
    plan = portal / "plans" / "example-plan.yaml"
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good.replace("lead: ", "lead: NOBODY-", 1), encoding="utf-8")

    banner = page.locator(".planportal-problems[role=alert]")
    expect(banner).to_be_visible(timeout=60_000)
    expect(banner).to_contain_text("unknown lead 'NOBODY-")
    expect(banner).to_contain_text("this is the last good version of the page")
    line = next(text for text in good.splitlines() if text.strip().startswith("text: "))
    plan.write_text(good.replace(line, line.replace("text: ", "text: Zanzibarquux ", 1), 1), encoding="utf-8")

    expect(page.locator("article")).to_contain_text("Zanzibarquux", timeout=60_000)
    expect(banner).to_have_count(0)
    assert not [text for text in refused if "Content Security Policy" in text], refused
    page.close()


def test_a_built_site_has_nothing_of_serve(built: tuple[Project, Portal]) -> None:
    project, _ = built
    pages = list(project.site.rglob("*.html"))
    assert pages and not [p for p in pages if "planportal-problems" in p.read_text(encoding="utf-8")
                          or "/.planportal/" in p.read_text(encoding="utf-8")]


def test_a_deleted_page_is_no_longer_served(served: Served, portal: Path) -> None:
    assert fetch(served.url + "about.html")

    (portal / "content" / "about.md").unlink()

    wait_until(lambda: fetch(served.url) and fetch(served.url + "about.html") is None, "about.html is gone")
    assert mkdocs_running(portal) == []  # the preview is rendered, not served by MkDocs: nothing left running


def test_an_edit_is_served_with_the_search_index_that_finds_it(served: Served, portal: Path) -> None:
    plan = portal / "plans" / "example-plan.yaml"
    good = plan.read_text(encoding="utf-8")
    line = next(text for text in good.splitlines() if text.strip().startswith("text: "))
    plan.write_text(good.replace(line, line.replace("text: ", "text: Zanzibarquux ", 1), 1), encoding="utf-8")

    wait_until(lambda: "Zanzibarquux" in (fetch(served.url + "search/search_index.json") or ""),
               "the search index finds the edited words")
    wait_until(lambda: served.lines[-1].startswith("planportal: rebuilt "), "serve says it rebuilt")
    assert "Zanzibarquux" in (fetch(served.url + "plans/example-plan/recommendations/1.html") or "")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_stops_mkdocs(served: Served, portal: Path, how: signal.Signals) -> None:

    served.process.send_signal(how)

    assert served.process.wait(timeout=60) == 0
    assert mkdocs_running(portal) == []
    assert served.lines[-1] == "planportal: stopped serving"


def test_killing_serve_ends_mkdocs_too(served: Served, portal: Path) -> None:
    served.process.kill()
    served.process.wait()

    wait_until(lambda: mkdocs_running(portal) == [], "MkDocs ended with serve")


def test_a_file_that_vanishes_while_serve_lists_the_folder_is_left_out(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    for name in ("a.yaml", "b.yaml", "editor-temp.yaml~"):
        (tmp_path / "plans" / name).write_text("plan:\n", encoding="utf-8")
    real_stat = os.stat

    def stat(path: str, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).endswith("~"):  # deleted between listing the folder and asking about the file
            raise FileNotFoundError(2, "No such file or directory", path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    seen = serve.watched_files([tmp_path / "plans", tmp_path / "gone"])
    assert sorted(Path(p).name for p in seen) == ["a.yaml", "b.yaml"]
