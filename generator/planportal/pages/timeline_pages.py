"""Timeline pages: for each plan, each theme and each lead, every action against its deadline as
a picture (pages/timelines.py draws it) and the same in a table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from planportal.pages import urls
from planportal.pages.context import Site, unsearched
from planportal.pages.labels import Note
from planportal.pages.timelines import Drawn, timeline_svg
from planportal.portal.joined import Placed, Portal, plan_recommendations
from planportal.portal.timeline import Bar, bars, span
from planportal.source.dates import MonthDate, When
from planportal.text.catalogue import short_month_names


def timeline_pages(site: Site) -> dict[str, str]:
    """Every timeline page and its picture: one per plan, per theme and per lead."""
    pages: dict[str, str] = {}
    for entry in site.portal.plans:
        placed_all = list(plan_recommendations(entry))
        pages.update(timeline_page(site, urls.plan_timeline(entry.id), entry.plan.title, placed_all,
                                   back=(entry.plan.title, urls.plan(entry.id))))
        for theme in entry.plan.themes:
            with site.collecting() as notes:
                theme_title = site.theme_title(entry.plan, theme)
            pages.update(timeline_page(site, urls.theme_timeline(entry.id, theme.id), theme_title,
                                       [p for p in placed_all if p.theme is theme],
                                       back=(theme_title, urls.theme(entry.id, theme.id)), notes=notes))
    led = site.portal.actions_led
    for person_id in site.portal.people:
        with site.collecting() as notes:
            name = site.person_name(person_id)
        pages.update(timeline_page(site, urls.lead_timeline(person_id), name, led.get(person_id, []), person_id,
                                   back=(name, urls.lead(person_id)), notes=notes))
    return pages


def timeline_addresses(portal: Portal) -> set[str]:
    """The addresses `timeline_pages` writes, worked out without making them."""
    found: set[str] = set()

    def add(page: str, placed_list: list[Placed], lead: str | None = None) -> None:
        found.add(page)
        if any(bar.drawn for bar in bars(placed_list, lead)):
            found.add(urls.timeline_picture(page))

    led = portal.actions_led
    for entry in portal.plans:
        placed_all = list(plan_recommendations(entry))
        add(urls.plan_timeline(entry.id), placed_all)
        for theme in entry.plan.themes:
            add(urls.theme_timeline(entry.id, theme.id), [p for p in placed_all if p.theme is theme])
    for person_id in portal.people:
        add(urls.lead_timeline(person_id), led.get(person_id, []), person_id)
    return found


def timeline_page(site: Site, page: str, title: Any, placed_list: list[Placed], lead: str | None = None,
                  back: tuple[Any, str] | None = None, notes: Iterable[Note] = ()) -> dict[str, str]:
    """A timeline of these recommendations' actions (with `lead`, that person's only) and its SVG:
    {page: markdown, svg: svg}; `notes` those of its title."""
    _ = site._
    svg = urls.timeline_picture(page)
    all_bars = bars(placed_list, lead)
    with site.collecting() as own:
        rows = [Drawn(timeline_label(site, bar), timeline_title(site, bar), bar.depth, bar.start, bar.end,
                      bar.moved_from, bar.status) for bar in shown_rows(all_bars)]
        heading = _("Timeline: %(title)s") % {"title": site.t(title)}
    as_at = sorted({p.plan.plan.as_at for p in placed_list if p.plan.plan.as_at})
    marks = [(day, _("As at %(date)s") % {"date": _plain_day(site, day)}) for day in as_at]
    shown = span([b for b in all_bars if b.drawn], as_at) if any(b.drawn for b in all_bars) else None
    picture = timeline_svg(heading, _("Each action is a bar from its start to its deadline; the table on the page "
                                      "gives the same dates and statuses."),
                           rows, *shown, marks, short_month_names(site.lang),
                           _("◇ a deadline before it was moved · dashed line: the date progress is given at")) \
        if shown else ""
    markdown = site.page("timeline.md.j2", page, notes=own.union(notes), title=title, back=back, lead=lead,
                         bars=all_bars,
                         picture=urls.relative(page, svg) if picture else None, starts=start_words(site),
                         moved=lambda bar: ", ".join(site.day(d) for d in bar.moved_from),
                         status_words=lambda bar: status_words(site, bar))
    return {page: unsearched(markdown), **({svg: picture} if picture else {})}


def shown_rows(all_bars: list[Bar]) -> list[Bar]:
    """The rows a timeline draws: each action with a dated deadline, and a main action without one
    when a sub-action under it has one (its label, so that they sit under it)."""
    shown = []
    for i, bar in enumerate(all_bars):
        below = [b for b in all_bars[i + 1:i + 1 + len(bar.action.actions)] if b.depth > bar.depth]
        if bar.drawn or (bar.depth == 0 and any(b.drawn for b in below)):
            shown.append(bar)
    return shown


def start_words(site: Site) -> dict[str, str]:
    """What a bar's start comes from, in words (portal/timeline.py StartFrom)."""
    _ = site._
    return {"own": _("its own start date"), "progress": _("its first progress entry"),
            "period": _("the plan's period start"), "deadline": _("its first deadline's start")}


def status_words(site: Site, bar: Bar) -> str:
    """Where a bar's action stands, in words: 'In progress, overdue'."""
    return site.status_label(bar.status) + (", " + site._("Overdue").lower() if bar.overdue else "")


def timeline_label(site: Site, bar: Bar) -> str:
    """A bar's visible words: its ref and its status ('Rec. 1 action 2: In progress, overdue')."""
    if bar.placed.plan.plan.levels is None:  # the portal's own words, shortened to fit
        return site._("Rec. %(ref)s action %(id)s: %(status)s") % {
            "ref": bar.placed.rec.ref, "id": bar.action.id, "status": status_words(site, bar)}
    return f"{site.t(site.action_title(bar.placed, bar.action, titled=False))}: {status_words(site, bar)}"


def timeline_title(site: Site, bar: Bar) -> str:
    """A bar's <title>: the action in full, when it starts and from what, its deadline, any earlier
    deadlines and its status, in plain words."""
    _ = site._
    name = site.t(site.action_title(bar.placed, bar.action))
    starts = start_words(site)
    if not (bar.start and bar.end and bar.start_from):
        return "; ".join([name, _("no dated deadline"), status_words(site, bar)])
    parts = [name, _("starts %(start)s (%(from)s), due %(end)s") % {
        "start": _plain_day(site, bar.start), "from": starts[bar.start_from], "end": _plain_day(site, bar.end)}]
    if bar.moved_from:
        parts.append(_("deadline moved from %(dates)s") % {"dates": ", ".join(_plain_day(site, d)
                                                                              for d in bar.moved_from)})
    parts.append(status_words(site, bar))
    return "; ".join(parts)


def _plain_day(site: Site, day: dt.date) -> str:
    return site.when(day.when if isinstance(day, MonthDate) else When("day", day, day), wrap=False)
