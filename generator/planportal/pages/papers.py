"""Committee papers: a quarter's progress report and the whole plan, as Markdown laid out for a
PDF (output/pdf.py makes it one): a title page, then the body, with the words the running header
and the page numbers take. Links become plain text (a paper has no site around it).

Every heading is a bookmark of the PDF, so each section is one; text from the data is made safe
for Markdown here as on the site's pages, and the PDF's HTML escapes everything else.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass

from planportal.pages.charts import bar_chart
from planportal.pages.context import Site
from planportal.pages.plans import print_page
from planportal.pages.progress import quarter_words, report_page
from planportal.portal.joined import PlanEntry, Portal
from planportal.portal.reports import statuses_at
from planportal.text.blocks import block_text
from planportal.text.language import pick
from planportal.text.markdown import demote, front_matter, one_line, unlink


@dataclass(frozen=True)
class Paper:
    """A document for an agenda: its language, its title (the PDF's, in plain text), the running
    header (plain text), the title page and the body (Markdown), and the page-number words with
    %(page)s and %(pages)s in them."""

    lang: str
    title: str
    header: str
    cover: str
    body: str
    page_words: str


def plain(text: str) -> str:
    """Text from the data for the PDF's title and running header, which are not Markdown: on one
    line, as written (the PDF's HTML escapes it).

    >>> plain("Plan | A &\\n B")
    'Plan | A & B'
    """
    return " ".join(text.split())


def paper_words(site: Site, markdown: str) -> str:
    """A page's Markdown as a paper says it: no links, and its abbreviations listed under
    'Abbreviations' (a paper has many pages, not one)."""
    listed = "## " + site._("Abbreviations on this page")
    return unlink(markdown).replace(listed, "## " + site._("Abbreviations"))


def _fields(lines: list[tuple[str, str]]) -> str:
    """A title page's lines, label then value (values already made safe)."""
    return "\n".join(f"- **{label}:** {value}" for label, value in lines) + "\n"


def summary(site: Site, entry: PlanEntry, fy: int, q: int) -> str:
    """The quarter in figures (a table) and a chart, with its text alternative, of where the plan's
    actions stood at the end of the quarter (or at the plan's as-at date, if earlier)."""
    _ = site._
    report = site.shared.report(entry, fy, q)
    day = min(report.end, entry.plan.as_at) if entry.plan.as_at else report.end
    rows = [(site.status_label(status), count) for status, count in statuses_at(entry, day).items()]
    chart = bar_chart(_("Actions by status"), rows)
    alt = _("Bar chart of actions by status.") + " " + ("; ".join(f"{label}: {count}" for label, count in rows)
                                                        or _("No actions."))
    figures = [(_("Completed in the quarter"), len(report.completed)), (_("Slipped"), len(report.slipped)),
               (_("Status changes since the previous quarter"), len(report.changes)),
               (_("New progress entries"), len(report.updates))]
    data = base64.b64encode(chart.encode("utf-8")).decode("ascii")
    heading, caption, actions, number = _("Summary"), _("The quarter in figures"), _("Actions"), _("Number")
    stood = _("Where the actions stood on %(date)s:") % {"date": site.day(day)}
    return "\n".join([
        f"## {heading}", "", f"Table: {caption}", "", f"| {actions} | {number} |", "|---|---|",
        *(f"| {label} | {count} |" for label, count in figures), "", stood, "",
        f'<p class="pp-chart"><img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}"></p>', "",
    ])


def report_paper(portal: Portal, fy: int, q: int, plan_id: str | None = None) -> Paper:
    """The quarter's progress report for one plan (or every plan, each a section), each plan's
    lists grouped by its themes."""
    site = Site(portal)
    _ = site._
    entries = [entry for entry in portal.plans if plan_id is None or entry.id == plan_id]
    words = quarter_words(site, fy, q)
    heading = _("Progress report: %(quarter)s") % {"quarter": words}
    lines = [(_("Authority"), site.marked(entries[0].plan.authority if len(entries) == 1
                                          else portal.settings.authority, one_line))]
    lines += [(_("Plan"), site.marked(entry.plan.title, one_line)) for entry in entries]
    lines += [(_("State"), site.state_words(entry.plan)) for entry in entries[:1] if len(entries) == 1]
    quarter = site.shared.report(entries[0], fy, q) if entries else None
    if quarter:
        lines.append((_("Period"), f"{site.day(quarter.start)} – {site.day(quarter.end)}"))
    lines += [(_("Progress as at"), site.day(entry.plan.as_at)) for entry in entries[:1] if entry.plan.as_at]
    parts = []
    for entry in entries:
        text = report_page(site, entry, fy, q, standalone=True, by_theme=True)
        sections = text[text.index("\n## "):] if "\n## " in text else ""
        part = summary(site, entry, fy, q) + sections
        if len(entries) > 1:
            as_at = [_("Progress as at") + ": " + site.day(entry.plan.as_at)] if entry.plan.as_at else []
            part = "\n\n".join([f"## {block_text(site.marked(entry.plan.title, one_line))}", *as_at, demote(part)])
        parts.append(part)
    title = pick(portal.settings.title, site.lang, site.default) if len(entries) != 1 else site.t(entries[0].plan.title)
    return Paper(lang=site.lang, title=plain(f"{heading}: {title}"), header=plain(title),
                 cover=f"# {heading}\n\n" + _fields(lines), body=paper_words(site, "\n\n".join(parts)),
                 page_words=_("Page %(page)s of %(pages)s"))


def plan_paper(portal: Portal, plan_id: str, site: Site | None = None) -> Paper:
    """The whole plan, as the site's print page has it (the Exhibit 2 checklist included), in
    `site`'s language (by default, the portal's first)."""
    site = site or Site(portal)
    entry = portal.plan(plan_id)
    _meta, text = front_matter(print_page(site, entry, portal.referenced_by(), paper=True))
    title, _sep, rest = text.lstrip().partition("\n")
    body = rest[rest.index("\n## "):] if "\n## " in rest else rest
    cover = rest[:rest.index("\n## ")] if "\n## " in rest else ""
    name = site.t(entry.plan.title)
    return Paper(lang=site.lang, title=plain(site._("%(title)s: the whole plan") % {"title": name}), header=plain(name),
                 cover=unlink(title + "\n" + _without_language_links(cover)), body=paper_words(site, body),
                 page_words=site._("Page %(page)s of %(pages)s"))


def _without_language_links(cover: str) -> str:
    """The print page's opening without the links to its other languages (a paper is in one)."""
    return "\n".join(line for line in cover.splitlines() if not line.startswith('<p class="pp-languages">'))
