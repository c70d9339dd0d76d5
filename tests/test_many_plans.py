"""A portal of many plans keeps every page's nav short: past nav.NAV_PLANS plans, the nav links to
one page that lists the plans by authority, instead of listing each plan with its pages."""

from __future__ import annotations

from pathlib import Path

from planportal.pages import urls
from planportal.pages.nav import NAV_PLANS, nav
from planportal.portal.load import load_portal
from tests.conftest import copy_project, run
from tests.factories import make_portal, plan

AUTHORITIES = ["Leeds City Council", "Herefordshire Council"]


def plans(count: int) -> dict[str, dict[str, object]]:
    return {f"plan-{n:02d}": plan(title=f"Improvement plan {n}", authority=AUTHORITIES[n % 2], recommendations=[
        {"ref": "1", "text": "Set up an improvement board.",
         "actions": [{"id": "1", "title": "Establish the board", "lead": "SF", "due": "2010-03"}]}])
        for n in range(count)}


def test_a_portal_of_a_few_plans_lists_each_in_the_nav(tmp_path: Path) -> None:
    portal = make_portal(tmp_path, plans(NAV_PLANS))
    listed = nav(portal, [])[1]["Plans"]
    assert isinstance(listed, list) and len(listed) == NAV_PLANS


def test_a_portal_of_many_plans_lists_them_by_authority_on_a_page_of_their_own(tmp_path: Path) -> None:
    make_portal(tmp_path / "made", plans(NAV_PLANS + 1))
    (tmp_path / "portal").mkdir()
    root = copy_project(tmp_path / "portal", tmp_path / "made" / "plans")
    portal = load_portal(root.plans, root.content, root.root)
    assert nav(portal, [])[1] == {"Plans": urls.PLANS}

    done = run(root.root, "build")
    assert done.returncode == 0, done.stderr
    listing = (root.site / "plans" / "index.html").read_text(encoding="utf-8")
    assert listing.index(">Herefordshire Council<") < listing.index(">Leeds City Council<")
    assert all(f'href="plan-{n:02d}/index.html"' in listing for n in range(NAV_PLANS + 1))
    home = (root.site / "index.html").read_text(encoding="utf-8")
    assert 'href="plans/index.html"' in home and "plan-05/index.html" not in home  # neither nav nor list
    page = (root.site / "plans" / "plan-05" / "recommendations" / "1.html").read_text(encoding="utf-8")
    assert "plan-06/" not in page  # no other plan's pages in its nav
