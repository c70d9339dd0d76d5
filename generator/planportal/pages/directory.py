"""Directory pages: people and partners, each lead's work, the glossary, documents, performance
indicators and council plan priorities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from planportal.pages import urls
from planportal.pages.charts import trend_chart, trend_description
from planportal.pages.context import Site
from planportal.pages.labels import Note
from planportal.portal.indicators import periods
from planportal.portal.joined import Placed, PlanEntry, plan_recommendations, walk_actions
from planportal.source.dates import When, short_label
from planportal.source.model import Figure
from planportal.text.catalogue import short_month_names


def lead_page(site: Site, person_id: str) -> str:
    person = site.portal.people[person_id]
    board = site.shared.lead_board(person_id)
    return site.page("lead.md.j2", urls.lead(person_id), person=person, rows=board.rows, counts=board,
                     led=list(parts_led(site, person_id)))


def parts_led(site: Site, person_id: str) -> Iterator[tuple[str | dict[str, str], str, str | None, PlanEntry]]:
    """The themes, outcomes and recommendations `person_id` leads (or is accountable for), in plan
    order: each as (its name, its page, the anchor on that page, its plan)."""
    for entry in site.portal.plans:
        plan = entry.plan
        for theme in plan.themes:
            if person_id in theme.lead:
                yield site.theme_title(plan, theme), urls.theme(entry.id, theme.id), None, entry
            for outcome in theme.outcomes:
                if person_id in outcome.lead:
                    yield (site.outcome_title(plan, theme, outcome), urls.theme(entry.id, theme.id),
                           urls.anchor("outcome", f"{theme.id}-{outcome.id}"), entry)
        for placed in plan_recommendations(entry):
            if person_id in placed.rec.lead:
                yield site.rec_title(placed), urls.recommendation(entry.id, placed.rec.ref), None, entry


def indicator_pages(site: Site) -> dict[str, str]:
    """A page and a trend chart per indicator, and the index of indicators."""
    used_by: dict[str, list[Placed]] = {}
    for placed in site.portal.recommendations():
        for code in placed.rec.indicators:
            used_by.setdefault(code, []).append(placed)
    pages: dict[str, str] = {}
    listing = []
    listed: set[Note] = set()  # what the index's words say about their language
    for indicator in sorted(site.portal.indicators.values(), key=lambda i: i.code.lower()):
        page = urls.indicator(indicator.code)
        chart = page.removesuffix(".md") + "-trend.svg"
        with site.collecting() as notes:
            unit = site.t(indicator.unit) if indicator.unit else ""
            with site.collecting() as said:
                words = site.indicator_words(indicator)
        listed |= said
        suffix = unit if unit == "%" else ""

        def value(figures: list[Figure], when: When) -> float | None:
            return next((f.value for f in figures if f.period == when), None)

        points, rows = [], []
        for when in periods(indicator):
            baseline = value([indicator.baseline] if indicator.baseline else [], when)
            target, actual = value(indicator.targets, when), value(indicator.actuals, when)
            # Translators: the letter for "quarter" on a chart axis, as in "Q4 2009-10".
            points.append((short_label(when, site.months, {**site.when_words, "Q": site._("Q")},
                                       short_month_names(site.lang)), actual, target))
            rows.append((site.when(when), *(f"{v:g}{suffix}" if v is not None else "" for v in (baseline, target,
                                                                                               actual))))
        listing.append((indicator, words))
        pages[page] = site.page(
            "indicator.md.j2", page, notes=notes, indicator=indicator, status_words=words, rows=rows,
            chart=urls.relative(page, chart), used_by=used_by.get(indicator.code, []),
            chart_text=site._("Chart of %(code)s by period.") % {"code": indicator.code} + " "
            + trend_description(points, suffix, site._))
        if points:
            pages[chart] = trend_chart(f"{indicator.code}: {site.t(indicator.title)}", points, suffix, site._)
    pages[urls.INDICATORS] = site.page("indicators.md.j2", urls.INDICATORS, notes=listed, indicators=listing)
    return pages


def priority_pages(site: Site) -> dict[str, str]:
    """A page per council plan priority with the actions that contribute to it, and an index."""
    pages: dict[str, str] = {}
    counts = []
    recs = list(site.portal.recommendations())
    for priority in site.portal.priorities.values():
        board = site.shared.priority_board(priority.id, recs)
        counts.append((priority, board.total))
        pages[urls.priority(priority.id)] = site.page("priority.md.j2", urls.priority(priority.id),
                                                         priority=priority, board=board)
    pages[urls.PRIORITIES] = site.page("priorities.md.j2", urls.PRIORITIES, priorities=counts)
    return pages


def leads_page(site: Site) -> str:
    led: Counter[str] = Counter()
    for placed in site.portal.recommendations():
        for action, _ in walk_actions(placed.rec.actions):
            led.update(action.lead)
    people = [(p, led[p.id]) for p in sorted(site.portal.people.values(),
                                             key=lambda p: (site.person_name(p.id).lower(), p.id))]
    partners = sorted(site.portal.partners.values(), key=lambda p: p.id.lower())
    return site.page("leads.md.j2", urls.LEADS, people=people, partners=partners,
                     kind_words={"team": site._("Team"), "organisation": site._("Organisation")})


def glossary_page(site: Site) -> str:
    terms = sorted(site.portal.glossary.values(), key=lambda t: t.term.lower())
    return site.page("glossary.md.j2", urls.GLOSSARY, terms=terms)


def documents_page(site: Site) -> str:
    cites = site.portal.citations()
    with site.collecting() as notes:  # the titles, by which they are listed
        docs = [(d, cites.get(d.id, [])) for d in sorted(site.portal.documents.values(), key=lambda d: site.t(d.title))]
    return site.page("documents.md.j2", urls.DOCUMENTS, notes=notes, documents=docs)
