"""`planportal build --renderer zensical`: the seed portal's build/ tree rendered by Zensical instead of
MkDocs, checked as the MkDocs site is: every page there, every link resolving, search from file:// with
nothing fetched from another host (the iframe-worker shim included), the Content-Security-Policy on
every page and holding in the browser, and axe finding no violation. Where Zensical cannot yet do what
the portal needs, the test says exactly that as an expected failure (docs/renderers.md lists them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.conftest import copy_project, refuse_other_hosts, run
from tests.test_accessibility import KINDS, WCAG, WIDTHS
from tests.test_csp import (
    SCENARIOS,
    Head,
    assert_injected_scripts_are_refused,
    directives,
    violations,
    watch,
)
from tests.test_links import html_pages, read, unopened, unresolved_urls


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed portal, drafts included (as the MkDocs tests build it), built by `planportal build
    --include-drafts --renderer zensical`: its site/."""
    root = copy_project(tmp_path_factory.mktemp("zensical")).root
    done = run(root, "build", "--include-drafts", "--renderer", "zensical")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Built {root / 'site'} from "), done.stdout
    return root / "site"


def test_every_page_of_both_languages_is_rendered(site: Path) -> None:
    build = site.parent / "build"
    expected = {path.relative_to(build / "docs").with_suffix(".html").as_posix()
                for path in (build / "docs").rglob("*.md")}
    expected |= {"cy/" + path.relative_to(build / "cy" / "docs").with_suffix(".html").as_posix()
                 for path in (build / "cy" / "docs").rglob("*.md")}
    rendered = {path.relative_to(site).as_posix() for path in html_pages(site)}
    assert len(expected) > 300
    assert expected - rendered == set()
    assert rendered - expected == {"404.html", "cy/404.html"}


def test_the_tree_is_left_as_it_was(site: Path) -> None:
    build = site.parent / "build"
    left = sorted(p.relative_to(build).as_posix() for p in build.rglob(".*") if p.name != ".rendered")
    assert left == []  # Zensical's config, output and cache are gone


def test_every_link_image_script_and_stylesheet_resolves(site: Path) -> None:
    problems, counted = unresolved_urls(site)
    assert problems == {}
    assert counted > 10_000  # the walk really walked


def test_the_iframe_worker_shim_is_the_vendored_one(site: Path) -> None:
    """Zensical's offline mode adds a CDN copy of the shim unless extra.polyfills names one (mkdocs.yml does)."""
    for page in html_pages(site):
        shims = [url for tag, _, url in read(page).urls if tag == "script" and "iframe-worker" in url]
        assert len(shims) == 1 and shims[0].endswith("assets/javascripts/iframe-worker-shim.js"), (page, shims)


def test_every_search_result_opens_a_page_and_anchor(site: Path) -> None:
    for start in (site, site / "cy"):
        page = start / "plans" / "leeds-2010" / "index.html"
        config = json.loads(read(page).config)
        index_file = (page.parent / config["search"]).resolve()
        assert index_file.is_relative_to(start)
        text = (start / "search.js").read_text(encoding="utf-8")
        index = json.loads(text[text.index("{"):text.rindex("}") + 1])
        assert unopened(site, start, [item["location"] for item in index["items"]]) == []
        assert len(index["items"]) > 200


def test_every_page_carries_the_policy_before_any_script(site: Path) -> None:
    seen: set[str] = set()
    for path in html_pages(site):
        head = Head()
        head.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(site)
        assert len(head.policies) == 1 and head.policy_before_script == [True], where
        assert head.inline_scripts == [], (where, head.inline_scripts)
        assert head.handlers == [], (where, head.handlers)
        seen.add(head.policies[0])
    assert len(seen) == 1
    assert directives(seen.pop())["script-src"] == ["'self'"]


def search(page: Page, start: str, query: str) -> None:
    """Open `start`, open Zensical's search (a dialog in a shadow root, which Playwright's locators
    enter) and type `query`."""
    page.goto(start)
    page.locator(".md-search__button").click()
    page.locator("dialog input[role=combobox]").type(query, delay=20)


@pytest.mark.parametrize("lang", SCENARIOS)
def test_from_a_folder_search_finds_and_opens_a_page_and_nothing_is_fetched(site: Path, browser: Browser,
                                                                            lang: str) -> None:
    start, query, result, heading, _ = SCENARIOS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused = refuse_other_hosts(context)
    console = watch(context)
    page = context.new_page()
    search(page, (site / start).as_uri(), query)
    found = page.locator(f"ol[role=listbox] a[href*='{result}']").first
    expect(found).to_be_visible(timeout=15000)
    gap = "style-src-elem inline"  # the search dialog's own style, on every page: the expected failure below
    assert [v for v in violations(page) if not v.startswith(gap)] == []
    found.click()
    expect(page.locator("h1")).to_contain_text(heading)
    assert [v for v in violations(page) if not v.startswith(gap)] == []
    assert [line for line in console if "inline style" not in line] == []
    assert_injected_scripts_are_refused(page)  # the policy holds
    assert refused == []
    context.close()


@pytest.mark.xfail(strict=True, reason="Zensical 0.0.73's search dialog writes its styles as an inline <style> "
                   "in its shadow root, which the Content-Security-Policy (style-src 'self') refuses: search works, "
                   "but its dialog is shown unstyled (docs/renderers.md)")
@pytest.mark.parametrize("lang", SCENARIOS)
def test_the_search_dialog_is_styled_under_the_policy(site: Path, browser: Browser, lang: str) -> None:
    start, query, _, _, _ = SCENARIOS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    console = watch(context)
    page = context.new_page()
    search(page, (site / start).as_uri(), query)
    expect(page.locator("ol[role=listbox] li").first).to_be_visible(timeout=15000)
    assert violations(page) == [] and console == []
    context.close()


def axe_violations(site: Path, browser: Browser, width: int) -> dict[str, list[str]]:
    """What axe finds (WCAG A and AA) on a page of every kind at `width`: {kind: ["rule (impact): help;
    targets"]}; asserting that nothing was fetched from another host."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    refused = refuse_other_hosts(context)
    page = context.new_page()
    axe = Axe()
    found: dict[str, list[str]] = {}
    for kind, path in KINDS.items():
        assert (site / path).is_file(), f"no {kind} page at {path}"
        page.goto((site / path).as_uri())
        page.wait_for_load_state("load")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG},
                                         "resultTypes": ["violations"]}).response
        assert len(results["passes"]) > 15, f"axe hardly ran on the {kind} page"
        for violation in results["violations"]:
            for node in violation["nodes"]:
                found.setdefault(kind, []).append(f"{violation['id']} ({violation['impact']}): {node['target']}")
    context.close()
    assert refused == []
    return found


def nav_contrast(found: str) -> bool:
    """Whether an axe finding is the gap below: the contrast of the current page's link in the nav."""
    return found.startswith("color-contrast") and "md-nav__link--active" in found


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_wcag_a_or_aa_violation_but_the_nav_contrast(site: Path, browser: Browser, width: int) -> None:
    found = axe_violations(site, browser, width)
    assert {kind: [f for f in said if not nav_contrast(f)] for kind, said in found.items()} == {
        kind: [] for kind in found}


@pytest.mark.xfail(strict=True, reason="Zensical 0.0.73's stylesheet colours the current page's link in the "
                   "sidebar nav below 4.5:1 against its background with the portal's indigo palette (axe "
                   "color-contrast); theme/assets/stylesheets/planportal.css corrects Material's colours, not "
                   "Zensical's (docs/renderers.md)")
def test_axe_finds_no_contrast_failure_in_the_nav(site: Path, browser: Browser) -> None:
    found = axe_violations(site, browser, 1280)
    assert [f for said in found.values() for f in said if nav_contrast(f)] == []


def test_a_build_says_up_to_date_only_for_the_renderer_site_was_rendered_by(site: Path) -> None:
    """Run last: it leaves site/ rendered by MkDocs."""
    root = site.parent
    again = run(root, "build", "--include-drafts", "--renderer", "zensical")
    assert again.returncode == 0 and "is up to date" in again.stdout, again.stderr
    other = run(root, "build", "--include-drafts")
    assert other.returncode == 0, other.stderr
    assert other.stdout.startswith(f"Built {site} from ")
    assert (site / "search" / "search_index.js").is_file() and not (site / "search.js").exists()
