"""Directory pages: people and partners, each lead's work, the glossary, documents, performance
indicators and council plan priorities.
"""

from __future__ import annotations

import functools
from collections import Counter

from planportal.pages import urls
from planportal.pages.charts import trend_chart, trend_description
from planportal.pages.context import Site
from planportal.portal.dashboards import Dashboard, dashboard
from planportal.portal.indicators import periods
from planportal.portal.joined import Placed, walk_actions
from planportal.source.dates import When, short_label
from planportal.source.model import Figure
from planportal.text.catalogue import short_month_names


def lead_page(site: Site, person_id: str) -> str:
    person = site.portal.people[person_id]
    board = site.once(("lead", person_id), lambda: dashboard(site.portal.actions_led.get(person_id, []),
                                                           lambda action: person_id in action.lead))
    outcomes = [(entry, theme, outcome) for entry in site.portal.plans for theme in entry.plan.themes
                for outcome in theme.outcomes if person_id in outcome.lead]
    return site.render("lead.md.j2", urls.lead(person_id), person=person, rows=board.rows, outcomes=outcomes,
                       counts=board)


def indicator_pages(site: Site) -> dict[str, str]:
    """A page and a trend chart per indicator, and the index of indicators."""
    used_by: dict[str, list[Placed]] = {}
    for placed in site.portal.recommendations():
        for code in placed.rec.indicators:
            used_by.setdefault(code, []).append(placed)
    pages: dict[str, str] = {}
    listing = []
    for indicator in sorted(site.portal.indicators.values(), key=lambda i: i.code.lower()):
        page = urls.indicator(indicator.code)
        chart = page.removesuffix(".md") + "-trend.svg"
        unit = site.t(indicator.unit) if indicator.unit else ""
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
        words = site.indicator_words(indicator)
        listing.append((indicator, words))
        pages[page] = site.render(
            "indicator.md.j2", page, indicator=indicator, status_words=words, rows=rows,
            chart=urls.relative(page, chart), used_by=used_by.get(indicator.code, []),
            chart_text=site._("Chart of %(code)s by period.") % {"code": indicator.code} + " "
            + trend_description(points, suffix, site._))
        if points:
            pages[chart] = trend_chart(f"{indicator.code}: {site.t(indicator.title)}", points, suffix, site._)
    pages[urls.INDICATORS] = site.render("indicators.md.j2", urls.INDICATORS, indicators=listing)
    return pages


def priority_pages(site: Site) -> dict[str, str]:
    """A page per council plan priority with the actions that contribute to it, and an index."""
    pages: dict[str, str] = {}
    counts = []
    recs = list(site.portal.recommendations())
    for priority in site.portal.priorities.values():
        board = site.once(("priority", priority.id), functools.partial(_contributing, recs, priority.id))
        counts.append((priority, board.total))
        pages[urls.priority(priority.id)] = site.render("priority.md.j2", urls.priority(priority.id),
                                                         priority=priority, board=board)
    pages[urls.PRIORITIES] = site.render("priorities.md.j2", urls.PRIORITIES, priorities=counts)
    return pages


def _contributing(recs: list[Placed], priority_id: str) -> Dashboard:
    """The dashboard of the actions that contribute to a council plan priority."""
    return dashboard(recs, lambda action: priority_id in action.priorities)


def leads_page(site: Site) -> str:
    led: Counter[str] = Counter()
    for placed in site.portal.recommendations():
        for action, _ in walk_actions(placed.rec.actions):
            led.update(action.lead)
    people = [(p, led[p.id]) for p in sorted(site.portal.people.values(), key=lambda p: p.id.lower())]
    partners = sorted(site.portal.partners.values(), key=lambda p: p.id.lower())
    return site.render("leads.md.j2", urls.LEADS, people=people, partners=partners)


def glossary_page(site: Site) -> str:
    terms = sorted(site.portal.glossary.values(), key=lambda t: t.term.lower())
    return site.render("glossary.md.j2", urls.GLOSSARY, terms=terms)


def documents_page(site: Site) -> str:
    cites = site.portal.citations()
    docs = [(d, cites.get(d.id, [])) for d in sorted(site.portal.documents.values(), key=lambda d: site.t(d.title))]
    return site.render("documents.md.j2", urls.DOCUMENTS, documents=docs)
