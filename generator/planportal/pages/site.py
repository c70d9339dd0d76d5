"""Every generated page of one language: `build_pages(portal)` returns {path: markdown}; nothing
here reads or writes files.
"""

from __future__ import annotations

from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.directory import (
    documents_page,
    glossary_page,
    indicator_pages,
    lead_page,
    leads_page,
    priority_pages,
)
from planportal.pages.nav import many_plans
from planportal.pages.plans import plan_page, print_page, recommendation_page, theme_page
from planportal.pages.progress import (
    changes_page,
    dashboard_page,
    portal_dashboard_page,
    report_pages,
    returns_pages,
)
from planportal.pages.timeline_pages import timeline_addresses, timeline_pages
from planportal.portal.changes import Changes
from planportal.portal.dashboards import Dashboard
from planportal.portal.indicators import periods
from planportal.portal.joined import PlanEntry, Portal, plan_recommendations
from planportal.portal.reports import plan_quarters
from planportal.portal.returns import return_quarters


def home_page(site: Site, content_links: list[tuple[str, str]]) -> str:
    """The home page: each plan with its progress, or, for a portal of many plans, a link to their page."""
    plans = [] if many_plans(site.portal) else [(entry, site.shared.plan_board(entry)) for entry in site.portal.plans]
    return site.page("home.md.j2", urls.HOME, plans=plans, content_links=content_links,
                     plans_page=many_plans(site.portal), count=len(site.portal.plans),
                     site_has_priorities=bool(site.portal.priorities))


def plans_page(site: Site) -> str:
    """The page of a portal of many plans that lists them by authority, in the order of their
    authorities' names and, within one, of the plans."""
    groups: dict[str, list[tuple[PlanEntry, Dashboard]]] = {}
    for entry in site.portal.plans:
        groups.setdefault(site.t(entry.plan.authority), []).append((entry, site.shared.plan_board(entry)))
    return site.page("plans.md.j2", urls.PLANS, by_authority=sorted(groups.items(), key=lambda g: g[0].lower()),
                     count=len(site.portal.plans))


def build_pages(portal: Portal, content_links: list[tuple[str, str]] | None = None,
                lang: str | None = None, changes: tuple[Changes, str] | None = None,
                site: Site | None = None, pdfs: bool = False) -> dict[str, str]:
    """Every generated page of the portal in one language, as {path: markdown}: `site`'s language
    (the build gives each language's), else `lang`'s; `pdfs`, each plan's page links its PDF."""
    site = site or Site(portal, lang)
    pages = {urls.HOME: home_page(site, content_links or []), urls.LEADS: leads_page(site),
             urls.GLOSSARY: glossary_page(site), urls.DOCUMENTS: documents_page(site)}
    if many_plans(portal):
        pages[urls.PLANS] = plans_page(site)
    referenced_by = portal.referenced_by()
    for entry in portal.plans:
        pages[urls.plan(entry.id)] = plan_page(site, entry, pdfs)
        for i, theme in enumerate(entry.plan.themes):
            pages[urls.theme(entry.id, theme.id)] = theme_page(site, entry, i)
        for placed in plan_recommendations(entry):
            pages[urls.recommendation(entry.id, placed.rec.ref)] = recommendation_page(
                site, placed, referenced_by.get(placed.key, []))
    for person_id in portal.people:
        pages[urls.lead(person_id)] = lead_page(site, person_id)
    pages[urls.CHANGES] = changes_page(site, *(changes or (None, None)))
    pages.update(indicator_pages(site))
    if portal.priorities:
        pages.update(priority_pages(site))
    pages.update(portal_dashboard_page(site))
    for entry in portal.plans:
        pages.update(report_pages(site, entry))
        pages.update(returns_pages(site, entry))
        pages[urls.plan_print(entry.id)] = print_page(site, entry, referenced_by)
        placed_all = list(plan_recommendations(entry))
        pages.update(dashboard_page(site, urls.plan_dashboard(entry.id), entry.plan.title, placed_all,
                                    site.shared.plan_board(entry), (entry.plan.title, urls.plan(entry.id))))
        for theme in entry.plan.themes:
            with site.collecting() as notes:
                theme_title = site.theme_title(entry.plan, theme)
            mine = [p for p in placed_all if p.theme is theme]
            pages.update(dashboard_page(
                site, urls.theme_dashboard(entry.id, theme.id), theme_title, mine,
                site.shared.theme_board(entry, theme), (theme_title, urls.theme(entry.id, theme.id)), notes))
    pages.update(timeline_pages(site))
    return dict(sorted(pages.items()))


def generated_addresses(portal: Portal, pdfs: bool = False) -> tuple[set[str], set[str]]:
    """The pages and the downloads `generate` writes into each language's docs/, by address, worked
    out from the portal without making them (the same in every language); `pdfs`, with each plan's
    PDF (`planportal build --pdf`)."""
    pages = {urls.HOME, urls.LEADS, urls.GLOSSARY, urls.DOCUMENTS, urls.CHANGES, urls.INDICATORS,
             urls.DASHBOARD, _chart(urls.DASHBOARD, "status")}
    pages |= {urls.lead(person_id) for person_id in portal.people}
    pages |= {urls.PLANS} if many_plans(portal) else set()
    for indicator in portal.indicators.values():
        pages.add(urls.indicator(indicator.code))
        if periods(indicator):
            pages.add(_chart(urls.indicator(indicator.code), "trend"))
    if portal.priorities:
        pages |= {urls.PRIORITIES, *(urls.priority(priority_id) for priority_id in portal.priorities)}
    downloads = {urls.PORTAL_DATA, urls.PORTAL_FEED}
    downloads |= {urls.lead_calendar(person_id) for person_id in portal.people}
    for entry in portal.plans:
        themes = [theme.id for theme in entry.plan.themes]
        dashboards = [urls.plan_dashboard(entry.id), *(urls.theme_dashboard(entry.id, theme) for theme in themes)]
        pages |= {*dashboards, *(_chart(page, "status") for page in dashboards)}
        pages |= {urls.plan(entry.id), urls.plan_print(entry.id), *(urls.theme(entry.id, theme) for theme in themes)}
        pages |= {urls.recommendation(entry.id, placed.rec.ref) for placed in plan_recommendations(entry)}
        quarters = plan_quarters(entry)
        pages |= {urls.report(entry.id, fy, q) for fy, q in quarters}
        pages |= {urls.returns(entry.id, fy, q) for fy, q in return_quarters(entry, quarters)}
        downloads |= {*(urls.plan_actions(entry.id, ext) for ext in ("csv", "xlsx", "json")),
                      urls.plan_calendar(entry.id), urls.plan_feed(entry.id)}
        downloads |= {urls.plan_pdf(entry.id)} if pdfs else set()
    return pages | timeline_addresses(portal), downloads


def _chart(page: str, kind: str) -> str:
    return page.removesuffix(".md") + f"-{kind}.svg"
