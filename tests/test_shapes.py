"""Plans of other shapes (tests/shapes/): two levels led by teams, a level left out with the plan's
own words for its levels, and organisations as leads. Each is validated and built through the CLI
as staff run it, then browsed from file:// in Chromium with every other host refused, and checked
with axe at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.conftest import copy_project, refuse_other_hosts, run
from tests.test_accessibility import WCAG, WIDTHS
from tests.test_round_trip import OWN_HEADINGS

SHAPES = Path(__file__).parent / "shapes"

PAGES = {  # the pages of each shape that axe checks
    "key-issues": ["plans/plan/index.html", "plans/plan/recommendations/8.html", "leads/review-team.html",
                   "leads/index.html"],
    "priorities": ["plans/plan/index.html", "plans/plan/theme-1.html", "plans/plan/recommendations/1.1.1.html",
                   "cy/plans/plan/recommendations/1.1.1.html"],
    "organisations": ["plans/plan/index.html", "plans/plan/recommendations/14.html", "leads/pct.html",
                      "leads/index.html"],
}


@pytest.fixture(scope="module", params=sorted(PAGES))
def shape(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A shape's portal, validated and built by the CLI: (its name, its site folder)."""
    name: str = request.param
    root = copy_project(tmp_path_factory.mktemp(name), SHAPES / name / "plans").root
    for command in ("validate", "build"):
        done = run(root, command)
        assert done.returncode == 0, done.stderr
    return name, root / "site"


def opened(browser: Browser, site: Path, path: str, width: int = 1280) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    refused = refuse_other_hosts(context)
    page = context.new_page()
    page.goto((site / path).as_uri())
    return page, refused


def test_each_shape_reads_in_its_own_words(shape: tuple[str, Path], browser: Browser) -> None:
    name, site = shape
    if name == "key-issues":
        page, refused = opened(browser, site, "plans/plan/index.html")
        expect(page.locator("article h2", has_text="Key issues")).to_be_visible()
        page.locator("article").get_by_role("link", name="Key issue 8: Policy development").click()
        expect(page.locator("h1")).to_have_text("Key issue 8: Policy development")
        expect(page.locator("article")).not_to_contain_text("Recommendation")
        page.locator("article").get_by_role("link", name="The Review Team").first.click()
        expect(page.locator("h1")).to_have_text("The Review Team")
        expect(page.locator("article")).to_contain_text("Key issue 11: The development of Performance Indicators")
    elif name == "priorities":
        page, refused = opened(browser, site, "plans/plan/index.html")
        expect(page.locator("article h2", has_text="Priorities")).to_be_visible()
        nav = page.locator("nav.md-nav--primary")
        expect(nav.get_by_role("link", name="Priority 1: Effective leadership", exact=False).first).to_be_attached()
        page.locator("article").get_by_role("link", name="Priority 1: Effective leadership").first.click()
        expect(page.locator("h1")).to_have_text(
            "Priority 1: Effective leadership and governance of integrated children's services in Leeds")
        expect(page.locator("article")).to_contain_text("Lead: Interim DCS")
        page.locator("article").get_by_role("link", name="Objective 1.1.1", exact=False).click()
        expect(page.locator("h1")).to_have_text(
            "Objective 1.1.1: Cooperate with the independent chair to establish an Improvement Board")
        crumbs = page.locator("article p", has_text="Children's Services Improvement Plan").first
        expect(crumbs).not_to_contain_text("Outcome")  # the level the plan leaves out is not made up
        headings = page.locator("article h3").all_inner_texts()
        assert headings[:2] == ["Action: Inform Executive Board of the Improvement Board",
                                "Action: Produce draft Terms of Reference for inaugural meeting of Improvement Board"]
        page.goto((site / "cy/plans/plan/recommendations/1.1.1.html").as_uri())
        expect(page.locator("h1")).to_contain_text("Amcan 1.1.1: ")
        expect(page.locator("article")).to_contain_text("Blaenoriaeth 1")
    else:
        page, refused = opened(browser, site, "plans/plan/recommendations/14.html")
        expect(page.locator("article")).to_contain_text("Lead: Sue Doheny")
        page.locator("article").get_by_role("link", name="Herefordshire Primary Care Trust").first.click()
        expect(page.locator("h1")).to_have_text("Herefordshire Primary Care Trust")
        expect(page.locator("article")).to_contain_text("PCT to determine actions to be taken.")
        page.goto((site / "plans/plan/index.html").as_uri())
        checklist = page.locator("table", has_text="Accountability").first
        expect(checklist).not_to_contain_text("No: no lead officer")
    assert refused == []


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_on_each_shape(shape: tuple[str, Path], browser: Browser, width: int) -> None:
    name, site = shape
    found: dict[str, list[str]] = {}
    for path in PAGES[name]:
        page, refused = opened(browser, site, path, width)
        page.wait_for_load_state("load")
        options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
        results = Axe().run(page, options=options).response
        assert len(results["passes"]) > 15, f"axe hardly ran on {path}"
        if results["violations"]:
            found[path] = [f"{v['id']}: {v['help']}" for v in results["violations"]]
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{path} is {wide} px wide at {width} px"
        assert refused == []
        page.context.close()
    assert found == {}


def test_each_shapes_download_is_in_its_words_and_imports_back_unchanged(shape: tuple[str, Path]) -> None:
    """The site's spreadsheet download, as a lead officer saves it from the plan page, heads its columns in
    the plan's words, and imported back (`planportal import --force`) leaves the plan file as it was."""
    name, site = shape
    root = site.parent
    download = site / "plans/plan/plan-actions.csv"
    assert set(OWN_HEADINGS[name]) <= set(download.read_text(encoding="utf-8-sig").splitlines()[0].split(","))
    plan_file = root / "plans" / "plan.yaml"
    before = plan_file.read_bytes()
    done = run(root, "import", str(download), "--plan", "plan", "--force")
    assert done.returncode == 0, done.stderr
    assert plan_file.read_bytes() == before
