"""Progress pages: dashboards of where actions stand, quarterly reports, who has returned an
update each quarter, and what changed since the previous publication.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from planportal.pages import urls
from planportal.pages.context import Site, unsearched
from planportal.pages.labels import Note
from planportal.portal.changes import Changes, Item
from planportal.portal.dashboards import Dashboard
from planportal.portal.joined import Placed, PlanEntry
from planportal.portal.reports import Change, Update
from planportal.portal.returns import OpenAction, return_quarters
from planportal.source.dates import quarter
from planportal.source.model import Theme
from planportal.text.blocks import block_text
from planportal.text.markdown import (
    one_line,
)


def dashboard_page(site: Site, page: str, title: Any, placed_list: list[Placed], board: Dashboard,
                   back: tuple[Any, str] | None = None, notes: Iterable[Note] = ()) -> dict[str, str]:
    """The progress dashboard of some recommendations (`board` is theirs) and its chart:
    {page: markdown, chart: svg}; `notes` those of its title."""
    chart = page.removesuffix(".md") + "-status.svg"
    dates = {p.plan.plan.as_at for p in placed_list}
    as_at = dates.pop() if len(dates) == 1 else None
    markdown = site.page("dashboard.md.j2", page, notes=notes, title=title, board=board, back=back, as_at=as_at,
                         chart=urls.relative(page, chart))
    return {page: unsearched(markdown), chart: site.status_chart(board)}


def portal_dashboard_page(site: Site) -> dict[str, str]:
    """The whole portal's progress and its chart: the counts, and a row of figures per plan linked
    to that plan's dashboard (which lists the actions), so the page grows with plans, not actions."""
    page = urls.DASHBOARD
    chart = page.removesuffix(".md") + "-status.svg"
    plans = [(entry, site.shared.plan_board(entry)) for entry in site.portal.plans]
    board = site.shared.portal_board()
    markdown = site.page("portal-dashboard.md.j2", page, title=site.portal.settings.title, board=board,
                           plans=plans, chart=urls.relative(page, chart))
    return {page: unsearched(markdown), chart: site.status_chart(board)}


def quarter_words(site: Site, fy: int, q: int) -> str:
    """'January to March 2006 (quarter 4 of 2005 to 2006)'."""
    return site.when(quarter(fy, q), wrap=False)


def report_page(site: Site, entry: PlanEntry, fy: int, q: int, standalone: bool = False,
                neighbours: tuple[str | None, str | None] = (None, None), returns: str | None = None,
                by_theme: bool = False) -> str:
    """One plan's progress report for one quarter of the financial year; `returns` the address of
    that quarter's returns page, linked from it; `by_theme`, each list grouped by the plan's first
    level (each theme, then the recommendations outside any theme)."""
    page = urls.report(entry.id, fy, q)

    def grouped(items: list[Placement]) -> list[tuple[str | None, list[Placement]]]:
        return report_groups(site, items) if by_theme else ([(None, items)] if items else [])

    return site.page("report.md.j2", page, on_site=not standalone, entry=entry,
                       report=site.shared.report(entry, fy, q),
                       quarter_words=quarter_words(site, fy, q), standalone=standalone,
                       previous=neighbours[0], next=neighbours[1], returns=returns, grouped=grouped,
                       group_heading=group_heading)


def returns_page(site: Site, entry: PlanEntry, fy: int, q: int,
                 neighbours: tuple[str | None, str | None] = (None, None)) -> str:
    """Who has returned an update for one quarter of a plan, and the open actions of each lead who has not."""
    page = urls.returns(entry.id, fy, q)
    returns = site.shared.returns(entry, fy, q)
    returned = [(person_id, len(items), max((i.entry.date for i in items), key=lambda w: w.start))
                for person_id, items in returns.returned.items()]
    as_at = entry.plan.as_at
    with site.collecting() as notes:
        tables = {person_id: open_action_rows(site, items) for person_id, items in returns.missing.items()}
    return unsearched(site.page(
        "returns.md.j2", page, notes=notes, entry=entry, quarter_words=quarter_words(site, fy, q),
        folder=f"{fy}-q{q}", judged=min(returns.end, as_at) if as_at else returns.end, returned=returned,
        missing=tables, stale=any(item.stale for items in returns.missing.values() for item in items),
        report=urls.report(entry.id, fy, q), previous=neighbours[0], next=neighbours[1]))


def open_action_rows(site: Site, items: list[OpenAction]) -> str:
    """The rows of a table of a lead's open actions on a returns page (action, deadline, status, when
    last updated, and the flag after two quarters with none): a loop here, not in Jinja, as
    `Site.action_rows` (a plan's returns list most of its actions, under each of their leads)."""
    never = site._("never")
    stale = (' <strong class="pp-stale"><span aria-hidden="true">⚠</span> '
             f'{site._("No update for two quarters")}</strong>')
    rows = []
    for item in items:
        last = site.when(item.last_update) if item.last_update else never
        rows.append(f"| {site.action_link(item.placed, item.action)} | {site.due(item.action.due)} | "
                    f"{site.badge(item.standing)} | {last}{stale if item.stale else ''} |\n")
    return "".join(rows)


def returns_pages(site: Site, entry: PlanEntry) -> dict[str, str]:
    """A returns page for each quarter up to the plan's as-at date (none without one)."""
    quarters = return_quarters(entry, site.shared.quarters(entry))
    paths = [urls.returns(entry.id, fy, q) for fy, q in quarters]
    return {path: returns_page(site, entry, fy, q, (paths[i - 1] if i else None,
                                                    paths[i + 1] if i + 1 < len(paths) else None))
            for i, (path, (fy, q)) in enumerate(zip(paths, quarters, strict=True))}




Placement = TypeVar("Placement", Update, Change)


def report_groups(site: Site, items: list[Placement]) -> list[tuple[str | None, list[Placement]]]:
    """A report's list split by the plan's first level: each theme in turn ('Theme 1: title'), then
    the recommendations outside any theme ('Recommendations outside the themes'); none are headed
    when all sit at one level, and empty groups are left out."""
    seen = {id(item.placed.theme): item.placed.theme for item in items}  # themes are not hashable
    order = {id(theme): i for i, theme in enumerate(items[0].placed.plan.plan.themes)} if items else {}
    themes: list[Theme | None] = sorted(seen.values(), key=lambda theme: order.get(id(theme), len(order)))
    if len(themes) <= 1:
        return [(None, items)] if items else []
    plan = items[0].placed.plan.plan
    outside = site._("%(recommendations)s outside the %(themes)s") % {
        "recommendations": site.words(plan, "recommendation").many,
        "themes": site.words(plan, "theme").many_in_sentence}
    return [(block_text(site.marked(site.theme_title(plan, theme), one_line)) if theme is not None else outside,
             [item for item in items if item.placed.theme is theme]) for theme in themes]


def group_heading(heading: str | None) -> str:
    r"""The heading of a group of a report's list, if it has one.

    >>> group_heading("Theme 1: Safeguarding"), group_heading(None)
    ('### Theme 1: Safeguarding\n\n', '')
    """
    return f"### {heading}\n\n" if heading else ""


def report_pages(site: Site, entry: PlanEntry) -> dict[str, str]:
    """A report page for each of the plan's quarters, each linked to its quarter's returns page if it has one."""
    quarters = site.shared.quarters(entry)
    returned = set(return_quarters(entry, quarters))
    paths = [urls.report(entry.id, fy, q) for fy, q in quarters]
    return {
        path: unsearched(report_page(site, entry, fy, q, neighbours=(paths[i - 1] if i else None,
                                                                     paths[i + 1] if i + 1 < len(paths) else None),
                                     returns=urls.returns(entry.id, fy, q) if (fy, q) in returned else None))
        for i, (path, (fy, q)) in enumerate(zip(paths, quarters, strict=True))
    }


def changes_page(site: Site, changes: Changes | None, previous: str | None, on_site: bool = True) -> str:
    """What changed since the previous publication, each change linked to where it is now."""
    _ = site._

    def text(item: Item) -> str:
        return one_line(item.text)

    sections = [] if changes is None or changes.unreadable else [
        (_("New recommendations"), [(i, text(i)) for i in changes.new_recommendations]),
        (_("Recommendations removed"), [(i, text(i)) for i in changes.removed_recommendations]),
        (_("New actions"), [(i, text(i)) for i in changes.new_actions]),
        (_("Actions removed"), [(i, text(i)) for i in changes.removed_actions]),
        (_("Status changes"), [(i, f"{text(i)}: {site.status_label(i.before)} → {site.status_label(i.after)}")
                               for i in changes.status_changes]),
        (_("Deadlines moved"), [(i, f"{text(i)}: {' / '.join(i.before) or _('Not stated')} → "
                                   f"{' / '.join(i.after) or _('Not stated')}") for i in changes.moved_deadlines]),
        (_("New progress entries"), [(i, f"{i.after}: {text(i)}") for i in changes.new_progress]),
    ]
    with site.collecting() as notes:
        plan_titles = {p.id: site.t(p.plan.title) for p in site.portal.plans}
    return site.page("changes.md.j2", urls.CHANGES, on_site=on_site, notes=notes, previous=previous,
                     sections=sections, unreadable=changes.unreadable if changes is not None else None,
                     plan_ids={p.id for p in site.portal.plans}, plan_titles=plan_titles)

