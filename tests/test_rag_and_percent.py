"""A plan with RAG ratings, per cent complete and progress dated by period, as staff write it
(tests/good/rag-with-per-cent-complete: transcribed from seed 002, its ratings and figures test
fixture values): built with `planportal build`, read in Chromium at desktop and phone widths, and
checked with axe. Each rating is in words with its shape, never colour alone; each per cent complete
says how it was worked out; each progress entry lands in the report of the quarter its period ends in,
and no report is made past the plan's as-at date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from planportal.portal.status import deadline_passed
from planportal.source.model import Action, Plan
from tests.conftest import copy_project, refuse_other_hosts, run
from tests.test_accessibility import REFLOW, WCAG, WIDTHS

FIXTURE = Path(__file__).parent / "good" / "rag-with-per-cent-complete" / "plans"
PLAN = "plans/improvement-plan-2004"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("rag"), FIXTURE).root
    done = run(root, "build")
    assert done.returncode == 0, done.stderr
    return root / "site"


def text_of(path: Path) -> str:
    """A page's words, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


def test_each_rating_is_shown_in_words_with_what_it_means_and_a_shape(site: Path) -> None:
    page = (site / PLAN / "recommendations" / "1.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="pp-rag pp-rag--amber"><span aria-hidden="true">◆</span> '
                     r"Amber: some targets at risk</span>", page)
    words = text_of(site / PLAN / "recommendations" / "1.html")
    assert "RAG rating: ◆ Amber: some targets at risk" in words  # the action's latest rating
    assert "◆ Amber: some targets at risk · 50% complete" in words  # in its progress log
    assert "★ Blue: complete" in words


def test_per_cent_complete_is_rolled_up_to_every_level_and_says_how(site: Path) -> None:
    rec = text_of(site / PLAN / "recommendations" / "1.html")
    # action 1: 50% (its latest entry), weight 2; action 2: 70% (2a 100%, 2b 40%); action 3 gives none
    assert "Per cent complete: 57% (the average, weighted as the plan gives, of 2 of its 3 main actions " \
           "that give one)" in rec
    assert "Per cent complete: 70% (the average of 2 of its 2 sub-actions that give one)" in rec
    assert "Per cent complete: 50% complete" not in rec
    # the plan: 50×2, 70, 100 (2.1), 10 (2.2) over weights 2+1+1+1
    plan = text_of(site / PLAN / "index.html")
    assert "Per cent complete: 56% (the average, weighted as the plan gives, of 4 of its 6 main actions " \
           "that give one)" in plan


def test_an_as_at_month_is_shown_as_the_month_and_deadlines_are_judged_at_its_end(site: Path) -> None:
    plan = text_of(site / PLAN / "index.html")
    assert "Progress as at: September 2004" in plan and "30 September 2004" not in plan
    assert ('Where the 8 actions stand at the end of <time datetime="2004-09">September 2004</time>, the month the '
            "plan's progress is given at.") in (site / PLAN / "dashboard.html").read_text(encoding="utf-8")
    as_at = Plan(title="Plan", authority="Council", level="detailed", state="final", as_at="2004-09").as_at
    assert as_at == dt.date(2004, 9, 30)
    assert deadline_passed(Action(id="1", title="Report", due="2004-09-15"), as_at)
    assert not deadline_passed(Action(id="1", title="Report", due="2004-09"), as_at)


def test_the_dashboard_counts_the_actions_at_each_rating(site: Path) -> None:
    words = text_of(site / PLAN / "dashboard.html")
    assert "RAG rating ▲ Red: targets will not be met without action 1" in words
    assert "RAG rating ◆ Amber: some targets at risk 1" in words
    assert "RAG rating ★ Blue: complete 2" in words
    assert "Green: targets on course" not in words  # no action's latest rating is green


def test_entries_dated_by_period_land_in_the_quarter_their_period_ends_in_and_reports_stop_at_as_at(
        site: Path) -> None:
    reports = sorted(p.name for p in (site / PLAN / "reports").glob("*.html"))
    assert reports == ["2003-04-q4.html", "2004-05-q1.html", "2004-05-q2.html"]  # as_at: September 2004
    q1 = text_of(site / PLAN / "reports" / "2004-05-q1.html")
    q2 = text_of(site / PLAN / "reports" / "2004-05-q2.html")
    assert "April to June 2004 (quarter 1 of 2004 to 2005)" in q1
    assert "July to September 2004" in q2 and "July to September 2004" not in q1


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_sees_ratings_and_per_cent_in_chromium_and_axe_finds_nothing(site: Path, browser: Browser,
                                                                              width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    refused = refuse_other_hosts(context)
    page = context.new_page()
    page.goto((site / PLAN / "index.html").as_uri())
    page.get_by_role("link", name=re.compile("Recommendation 1")).first.click()
    expect(page.get_by_text("Amber: some targets at risk").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"57% \(the average, weighted as the plan gives"))).to_be_visible()
    found: dict[str, list[str]] = {}
    axe = Axe()
    for path in ("index.html", "recommendations/1.html", "recommendations/2.html", "dashboard.html",
                 "reports/2004-05-q2.html"):
        page.goto((site / PLAN / path).as_uri())
        page.wait_for_load_state("load")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG},
                                         "resultTypes": ["violations"]}).response
        assert len(results["passes"]) > 15, f"axe hardly ran on {path}"
        for violation in results["violations"]:
            found.setdefault(path, []).append(f"{violation['id']}: {violation['help']}; "
                                              + "; ".join(str(n["target"]) for n in violation["nodes"][:3]))
    context.close()
    assert found == {}
    assert refused == []


def test_ratings_and_their_meanings_reflow_at_320_css_pixels(site: Path, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    for path in ("recommendations/1.html", "recommendations/2.html", "dashboard.html"):
        page.goto((site / PLAN / path).as_uri())
        page.wait_for_load_state("load")
        overflow, wide = page.evaluate(REFLOW)
        assert overflow <= 1 and wide == [], (path, overflow, wide)
    context.close()


def test_an_update_file_gives_a_rating_and_a_per_cent_that_pages_show(tmp_path: Path) -> None:
    root = copy_project(tmp_path, FIXTURE).root
    folder = root / "updates" / "2004-q2"
    folder.mkdir(parents=True)
    (folder / "review-team.yaml").write_text(  # test data, as the fixture's figures are
        "period: 2004-Q2\nlead: review-team\nupdates:\n"
        "  - action: improvement-plan-2004/2/3\n    date: 2004-09-20\n    status: in_progress\n"
        "    rag: green\n    percent_complete: 30\n    text: Test data, not from the report.\n", encoding="utf-8")
    done = run(root, "build")
    assert done.returncode == 0, done.stderr
    rec = text_of(root / "site" / PLAN / "recommendations" / "2.html")
    assert "RAG rating: ● Green: targets on course to be met" in rec.rsplit("Action 3: ", 1)[1]
    # 2.1 100%, 2.2 10%, 2.3 now 30%
    assert "Per cent complete: 47% (the average of 3 of its 3 main actions that give one)" in rec
