"""The seed plans generate the pages inspectors and the public need, linked both ways."""

from __future__ import annotations

import re
from pathlib import Path

from planportal.commands.build import Project
from planportal.pages import urls
from planportal.portal.joined import Portal


def page(project: Project, path: str) -> str:
    return (project.build / "docs" / path).read_text(encoding="utf-8")


def html(project: Project, path: str) -> str:
    return (project.site / path.replace(".md", ".html")).read_text(encoding="utf-8")


def test_every_kind_of_page_exists(built: tuple[Project, Portal]) -> None:
    project, portal = built
    expected = [urls.HOME, urls.GLOSSARY, urls.DOCUMENTS, urls.LEADS, urls.plan("leeds-2010"),
                urls.theme("leeds-2010", "1"), urls.recommendation("leeds-2010", "1.1.1"),
                urls.recommendation("herefordshire-jar-2006", "1"), urls.lead("SF"),
                "guidance/action-plans.md", "guidance/monitoring.md"]
    for path in expected:
        assert (project.site / path.replace(".md", ".html")).is_file(), path
    recs = list(portal.recommendations())
    assert len(recs) >= 10
    for placed in recs:
        assert (project.site / urls.recommendation(*placed.key).replace(".md", ".html")).is_file()


def test_addresses_come_from_refs_not_order(built: tuple[Project, Portal]) -> None:
    project, _ = built
    assert (project.site / "plans/leeds-2010/recommendations/1.1.1.html").is_file()
    text = html(project, urls.recommendation("leeds-2010", "1.1.1"))
    assert 'id="action-1a"' in text


def test_recommendation_page_shows_what_the_plan_says(built: tuple[Project, Portal]) -> None:
    project, _ = built
    md = page(project, urls.recommendation("leeds-2010", "1.1.1"))
    assert "Cooperate with the independent chair to establish an Improvement Board" in md
    assert "IN 3.1 (Improvement Notice, paragraph 3.1)" in md
    assert "1 month (level 1 of 5)" in md
    assert "The plan does not give: capacity / additional resources required, related plans and documents." in md
    assert "## Related plans and documents" not in md and "None stated" not in md
    assert '<time datetime="2010-03-01">1 March 2010</time>' in md
    assert "Inform Executive Board of the Improvement Board" in md
    assert "[Assistant Chief Executive](../../../leads/assistant-chief-executive.md)" in md
    assert "A board is in place." in md


def test_progress_log_and_status_in_words(built: tuple[Project, Portal]) -> None:
    project, _ = built
    md = page(project, urls.recommendation("herefordshire-jar-2006", "1"))
    assert "| Date | Status | Progress |" in md
    assert "Completed</span>" in md
    assert "(as at " in md


def test_referenced_by_runs_both_ways(built: tuple[Project, Portal]) -> None:
    project, portal = built
    pairs = [(placed, rel) for placed in portal.recommendations() for rel in placed.rec.related if rel.recommendation]
    assert pairs, "the seed plans hold cross-references between recommendations"
    for placed, rel in pairs:
        plan_id = rel.plan or placed.plan.id
        assert rel.recommendation is not None
        citing = page(project, urls.recommendation(*placed.key))
        cited = page(project, urls.recommendation(plan_id, rel.recommendation))
        forward = urls.relative(urls.recommendation(*placed.key), urls.recommendation(plan_id, rel.recommendation))
        back = urls.relative(urls.recommendation(plan_id, rel.recommendation), urls.recommendation(*placed.key))
        assert f"]({forward})" in citing
        referenced_by = cited.split("## Referenced by", 1)[1]
        assert f"]({back})" in referenced_by


def test_lead_page_lists_their_actions_across_plans(built: tuple[Project, Portal]) -> None:
    project, _ = built
    md = page(project, urls.lead("SF"))
    assert re.search(r"^# Sue Fiennes$", md, re.MULTILINE)
    assert "Director of Children's Services" in md
    assert "../plans/herefordshire-jar-2006/recommendations/1.md#action-1" in md
    links = re.findall(r"\]\((\.\./plans/[^)]+#action-[^)]+)\)", md)
    assert len(links) == len(set(links)) > 40  # each action once: counted above, not listed again by status


def test_abbreviations_explained_and_linked(built: tuple[Project, Portal]) -> None:
    project, _ = built
    md = page(project, urls.recommendation("herefordshire-jar-2006", "1"))
    assert "*[CCM]: Child Concern Model" in md
    assert "](../../../glossary.md#term-ccm)" in md
    out = html(project, urls.recommendation("herefordshire-jar-2006", "1"))
    assert '<abbr title="Child Concern Model">CCM</abbr>' in out
    assert 'id="term-ccm"' in html(project, urls.GLOSSARY)


def test_plan_page_has_exhibit_2_checklist(built: tuple[Project, Portal]) -> None:
    project, _ = built
    md = page(project, urls.plan("leeds-2010"))
    assert "| Recommendation | Quantifiable outcome targets in place | Time scales and milestones agreed |" in md
    assert md.count("](recommendations/") >= 10


def test_nav_holds_plans_and_themes_but_not_recommendations(built: tuple[Project, Portal]) -> None:
    project, _ = built
    config = (project.build / "mkdocs.yml").read_text(encoding="utf-8")
    assert "theme-1.md" in config
    assert "/recommendations/" not in config


def test_no_page_loads_anything_from_another_host(built: tuple[Project, Portal]) -> None:
    project, _ = built
    loads = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', re.IGNORECASE)
    for path in Path(project.site).rglob("*.html"):
        assert not loads.search(path.read_text(encoding="utf-8")), path


def test_rebuild_with_nothing_changed_rewrites_nothing(built: tuple[Project, Portal]) -> None:
    from planportal.commands.build import generate

    project, _ = built
    _, changed = generate(project)
    assert changed == []


def test_people_are_listed_by_name_with_initials_only_where_the_plans_print_them(built: tuple[Project, Portal]) -> None:
    """The public sees names and the initials the plans use (SF), never ids made for the data."""
    project, _ = built
    listing = page(project, urls.LEADS)
    assert "| [Sue Fiennes](sf.md) | Director of Children's Services | SF |" in listing
    assert "| [Chief Officer Children and Young People's Social Care](chief-officer-cypsc.md) |  |  |" in listing
    assert "chief-officer-cypsc |" not in listing and "Initials or id" not in listing
    assert "**Initials in the plans:** SF" in page(project, urls.lead("SF"))
    assert "Initials" not in page(project, urls.lead("chief-officer-cypsc"))
