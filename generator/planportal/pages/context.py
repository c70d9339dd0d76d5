"""The page context: what every page of one language shares (the portal, the language, its labels
and the Jinja environment), and how a page is finished (language links, abbreviations).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any

import jinja2

from planportal.pages import urls
from planportal.pages.charts import bar_chart
from planportal.pages.jinja import _Context
from planportal.portal.dashboards import Dashboard, Row, dashboard
from planportal.portal.indicators import indicator_status
from planportal.portal.joined import Placed, PlanEntry, Portal, plan_recommendations
from planportal.portal.status import ICONS, ORDER, Standing
from planportal.source.dates import When, format_when, plain
from planportal.source.model import Action, Due, Figure, Indicator, Outcome, Plan, Related, SourceRef, Theme
from planportal.text.catalogue import language_name, month_names, mutate_months, translations
from planportal.text.language import resolve
from planportal.text.markdown import (
    after_title,
    front_matter,
    heading_text,
    one_line,
    safe_markdown,
    web_address,
    with_front_matter,
    yes_no,
)


def _time(text: str, iso: str) -> str:
    return f'<time datetime="{iso}">{text}</time>'


class Site:
    """What every page of one language shares: the portal, look-ups and Jinja environment."""

    def __init__(self, portal: Portal, lang: str | None = None, shared: dict[Hashable, Any] | None = None) -> None:
        self.portal = portal
        self.default = portal.settings.languages[0]
        self.lang = lang or self.default
        self.notes: set[str] = set()  # what the page being written needs to say about its language
        self.parts: dict[Hashable, tuple[str, frozenset[str]]] = {}  # see `part`
        self.shared = {} if shared is None else shared  # see `once`
        catalogue = translations(self.lang)
        self._ = catalogue.gettext
        self.ngettext = catalogue.ngettext
        self.months = month_names(self.lang)
        self.when_words = {"to": self._("to"), "of": self._("of"), "from": self._("from"),
                           "tbc": self._("to be confirmed"), "ongoing": self._("ongoing"),
                           "quarter": self._("quarter")}
        self.env = jinja2.Environment(
            extensions=["jinja2.ext.i18n"],
            loader=jinja2.PackageLoader("planportal.pages", "templates"),
            autoescape=False,  # the output is Markdown; every YAML value passes a filter below
            auto_reload=False,  # templates do not change while pages are made: no need to look
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.context_class = _Context
        self.env.filters.update(
            groupby_rec=_group_by_recommendation, t=self.t, md=lambda v: safe_markdown(self.t(v)),
            cell=lambda v: self.marked(v, one_line), h=lambda v: self.marked(v, heading_text), url=web_address,
        )
        self.env.globals.update(
            urls=urls, link=urls.from_root, yes_no=yes_no, person_name=self.person_name,
            partner_link=self.partner_link, part=self.part, action_anchor=_action_anchor,
            action_rows=self.action_rows,
            rec_title=self.rec_title, source_name=self.source_name, urgency_words=self.urgency_words,
            due=self.due, day=self.day, when=self.when, badge=self.badge, status_label=self.status_label,
            tally_words=self.tally_words, chart_alt=self.chart_alt, state_words=self.state_words,
            related=self.related, flags=self.flags,
            priority_title=lambda p: self.t(self.portal.priorities[p].title),
            indicator_title=lambda c: self.t(self.portal.indicators[c].title),
        )
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            self._, self.ngettext, newstyle=True)
        # `_` as Jinja's new-style gettext does it (always %-formatted), called directly: a page
        # asks for a hundred labels, and Jinja's own wrapper is two more calls for each.
        self.env.globals["_"] = self.env.globals["gettext"] = lambda text, **values: self._(text) % values
        self.env.globals["yes_no"] = lambda value: yes_no(value, self._)  # in the page's language
        # The shared pieces of pages, for every template as `m`: they use only globals, so made once.
        self.macros: Any = self.env.get_template("_macros.md.j2").module
        self.env.globals["m"] = self.macros

    # --- words -----------------------------------------------------------------
    def t(self, value: str | dict[str, str] | None) -> str:
        """Text from the data in the page's language, noting on the page any fallback or unchecked text."""
        return self._resolve(value)[0]

    def marked(self, value: str | dict[str, str] | None, form: Any) -> str:
        """Text from the data on one line (`form` makes it safe), in a span that tells browsers and
        screen readers its language when it fell back to the default language."""
        text, fell_back = self._resolve(value)
        line = form(text)
        return f'<span lang="{self.default}">{line}</span>' if fell_back else line

    def _resolve(self, value: str | dict[str, str] | None) -> tuple[str, bool]:
        """The text in the page's language and whether it fell back, noted for the page."""
        text, fell_back, unchecked = resolve(value, self.lang, self.default)
        fell_back = fell_back and bool(text)
        if fell_back:
            self.notes.add("fallback")
        if unchecked:
            self.notes.add("unchecked")
        return text, fell_back

    def person_name(self, person_id: str) -> str:
        person = self.portal.people[person_id]
        return person.name or self.t(person.role)

    def rec_title(self, placed: Placed, limit: int = 90) -> str | dict[str, str]:
        text = " ".join(self.t(placed.rec.text).split())
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0] + "…"
        title = self._("Recommendation %(ref)s: %(text)s") % {"ref": placed.rec.ref, "text": text}
        # a text in the page's language, unless the recommendation's own text fell back to the default language
        return title if resolve(placed.rec.text, self.lang, self.default)[1] else {self.lang: title}

    def source_name(self, source: SourceRef) -> str:
        legend = {s.code: self.t(s.title) for s in self.portal.settings.sources if s.title}
        label = f"{source.code} {source.paragraph}" if source.paragraph else source.code
        if source.code in legend:
            if source.paragraph:
                return self._("%(source)s (%(title)s, paragraph %(paragraph)s)") % {
                    "source": label, "title": legend[source.code], "paragraph": source.paragraph}
            return f"{label} ({legend[source.code]})"
        return label

    def urgency_words(self, level: int | None) -> str:
        if level is None:
            return self._("Not stated")
        scale = {u.level: self.t(u.label) for u in self.portal.settings.urgency}
        return f"{level} ({one_line(scale[level])})" if level in scale else str(level)

    def day(self, value: dt.date) -> str:
        return self.when(When("day", value, value))

    def when(self, value: When, wrap: bool = True) -> str:
        """A date in words in the page's language, in <time> elements unless `wrap` is false."""
        return mutate_months(format_when(value, self.months, self.when_words, _time if wrap else plain), self.lang)

    def due(self, value: Due | None) -> str:
        if value is None:
            return self._("Not stated")
        parts = [
            self.when(e.date) + (f" ({one_line(self.t(e.note))})" if e.note else "")
            for e in value.entries
        ]
        # Translators: an action's deadlines, in date order: "March 2006 and June 2006".
        text = parts[0] if len(parts) == 1 else self._("%(first)s and %(last)s") % {
            "first": ", ".join(parts[:-1]), "last": parts[-1]}
        return text + (f" ({one_line(self.t(value.note))})" if value.note else "")

    @cached_property
    def status_labels(self) -> dict[str, str | dict[str, str]]:
        return {s.id: s.label for s in self.portal.settings.statuses}

    def status_label(self, status: str) -> str:
        """A status in words: the portal's own label in the page's language, else its label in the
        default language through the catalogue (which knows the default labels)."""
        labels = self.status_labels
        if status not in labels:
            return one_line(self._("No status given"))
        label = labels[status]
        if isinstance(label, dict) and label.get(self.lang):
            return one_line(self.t(label))
        return one_line(self._(label if isinstance(label, str) else label.get(self.default, "")))

    def badge(self, st: Standing) -> str:
        icon = ICONS[st.status]
        text = (f'<span class="pp-status pp-status--{st.status}"><span aria-hidden="true">{icon}</span> '
                f"{self.status_label(st.status)}</span>")
        if st.overdue:
            text += f' <strong class="pp-overdue"><span aria-hidden="true">⚠</span> {self._("Overdue")}</strong>'
        return text

    def tally_words(self, board: Dashboard) -> str:
        """'3 of 7 actions completed, 2 in progress, 2 no status given; 1 overdue'."""
        if board.total == 0:
            return self._("no actions listed")
        by = board.by_status
        parts = [self.ngettext("%(done)s of %(num)s action completed", "%(done)s of %(num)s actions completed",
                               board.total) % {"done": len(by["completed"]), "num": board.total}]
        parts += [f"{len(by[s])} {self.status_label(s).lower()}" for s in ORDER[1:] if by[s]]
        text = ", ".join(parts)
        return text + ("; " + self._("%(count)s overdue") % {"count": len(board.overdue)} if board.overdue else "")

    def state_words(self, plan: Plan) -> str:
        words = self._("Final") if plan.state == "final" else self._("Draft: not yet approved")
        if plan.version:
            words += self._(", version %(version)s") % {"version": one_line(plan.version)}
        if plan.approved:
            words += self._(", approved %(date)s") % {"date": self.day(plan.approved)}
        return words

    def partner_link(self, partner_id: str) -> str:
        if partner_id in self.portal.people:
            return f"[{one_line(self.person_name(partner_id))}]({urls.from_root(urls.lead(partner_id))})"
        name = one_line(self.t(self.portal.partners[partner_id].name))
        return f"[{name}]({urls.from_root(urls.LEADS, urls.anchor('partner', partner_id))})"

    def related(self, rel: Related, plan_id: str) -> str:
        """One related plan, document (with page) or recommendation of a recommendation in plan
        `plan_id`, as a Markdown link."""
        note = f" ({one_line(self.t(rel.note))})" if rel.note else ""
        if rel.document:
            doc = self.portal.documents[rel.document]
            title = one_line(self.t(doc.title))
            where = self._(", page %(page)s") % {"page": rel.page} if rel.page else ""
            if doc.url or doc.file:
                target = web_address(doc.url) if doc.url else urls.from_root(doc.file or "")
                if rel.page:
                    target += f"#page={rel.page}"
                return f"[{title}]({target}){where}{note}"
            return f"[{title}]({urls.from_root(urls.DOCUMENTS, urls.anchor('document', doc.id))}){where}{note}"
        if rel.recommendation:
            plan_id = rel.plan or plan_id
            placed = self.portal.recommendation(plan_id, rel.recommendation)
            assert placed is not None
            target = urls.from_root(urls.recommendation(plan_id, rel.recommendation))
            return f"[{one_line(self.t(self.rec_title(placed)))}]({target}){note}"
        if rel.plan and rel.text is None:
            title = one_line(self.t(self.portal.plan(rel.plan).plan.title))
            return f"[{title}]({urls.from_root(urls.plan(rel.plan))}){note}"
        return one_line(self.t(rel.text)) + note

    def flags(self, action: Action) -> str:
        """The impact-assessment flags of an action that are yes, in words: 'statutory function, efficiency'."""
        names = {"contract": self._("contract"), "statutory_function": self._("statutory function"),
                 "support_function": self._("support function"), "efficiency": self._("efficiency")}
        return ", ".join(words for name, words in names.items() if getattr(action, name))

    def indicator_words(self, indicator: Indicator) -> str:
        """Where an indicator stands against its target, in a sentence."""
        st = indicator_status(indicator)
        unit = self.t(indicator.unit) if indicator.unit else ""

        def fig(f: Figure) -> str:
            return f"{f.value:g}{unit if unit == '%' else ''} ({self.when(f.period, wrap=False)})"

        if st.verdict == "not_measured":
            return self._("Not yet measured: the plans publish no actual figures.")
        assert st.actual is not None
        if st.verdict == "no_target":
            return self._("Latest figure %(actual)s; no target is set for that period.") % {"actual": fig(st.actual)}
        assert st.target is not None
        figures = {"actual": fig(st.actual), "target": fig(st.target)}
        return {"on_target": self._("On target: %(actual)s against a target of %(target)s."),
                "off_target": self._("Not on target: %(actual)s against a target of %(target)s."),
                "no_direction": self._("%(actual)s against a target of %(target)s; the plans do not say whether "
                                       "higher or lower is better.")}[st.verdict] % figures

    # --- figures ---------------------------------------------------------------
    def status_rows(self, board: Dashboard) -> list[tuple[str, int]]:
        return [(self.status_label(status), len(rows)) for status, rows in board.by_status.items() if rows]

    def chart_alt(self, board: Dashboard) -> str:
        """The text alternative of a status chart: every bar's label and number."""
        parts = [f"{label}: {count}" for label, count in self.status_rows(board)]
        return self._("Bar chart of actions by status.") + " " + ("; ".join(parts) if parts else self._("No actions."))

    def status_chart(self, board: Dashboard) -> str:
        return bar_chart(self._("Actions by status"), self.status_rows(board))

    def render(self, template: str, page: str, abbreviations: bool = True, on_site: bool = True,
               **context: Any) -> str:
        """A page from its template; `on_site` false for documents that leave the site (no language links)."""
        body = urls.rooted(self.fill(template, page=page, **context), page)
        markdown = _tidy(body) + (self.abbreviations(body, page) if abbreviations else "")
        return self.in_language(markdown, page) if on_site else markdown

    def fill(self, template: str, **context: Any) -> str:
        """A template filled in, as it comes (see `render` for a page)."""
        return self.env.get_template(template).render(settings=self.portal.settings, **context)

    def part(self, key: Hashable, make: Callable[..., str], **context: Any) -> str:
        """Markdown that many pages show (an action's row, a recommendation's details), made once per
        language by `make(**context)` and kept under `key`: its links are written from the root
        (urls.from_root), and what it says about its language is noted on each page showing it."""
        if key not in self.parts:
            outer, self.notes = self.notes, set()
            text = make(**context)
            self.parts[key] = (text, frozenset(self.notes))
            self.notes = outer
        text, notes = self.parts[key]
        self.notes |= notes
        return text

    def once(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """What `make` gives, made once for every page and language that asks by `key`: dashboards
        and quarterly reports, which depend on the data, not the language (Sites given the same
        `shared` share them)."""
        if key not in self.shared:
            self.shared[key] = make()
        return self.shared[key]

    def plan_board(self, entry: PlanEntry) -> Dashboard:
        """Where a plan's actions stand, for the home page, the plan's page and both dashboards."""
        return self.once(("plan", entry.id), lambda: dashboard(list(plan_recommendations(entry))))

    def outcome_board(self, entry: PlanEntry, theme: Theme, outcome: Outcome) -> Dashboard:
        """Where an outcome's actions stand, for its plan's page and its theme's."""
        return self.once(("outcome", entry.id, theme.id, outcome.id), lambda: dashboard(
            [p for p in plan_recommendations(entry) if p.outcome is outcome]))

    def action_rows(self, rows: list[Row], show_rec: bool = True) -> str:
        """The rows of a table of actions, each made once (the action_row macro), with its recommendation
        in the first column when `show_rec`. A dashboard shows thousands: a loop here, not in Jinja."""
        make = self.macros.action_row
        return "".join(self.part(("row", row.placed.key, row.action.id, show_rec), make, row=row, show_rec=show_rec)
                       + "\n" for row in rows)

    def content_page(self, page: str, data: bytes, fallback: bool) -> bytes:
        """A hand-written page with the language switch, marked if it is not yet translated."""
        text = data.decode("utf-8")
        self.notes = {"fallback"} if fallback else set()
        if front_matter(text)[0].get("translation") == "unchecked":
            self.notes.add("unchecked")
        return self.in_language(text, page).encode("utf-8")

    def finish(self) -> set[str]:
        """The notes gathered since the last page was finished (fallback, unchecked), cleared."""
        notes, self.notes = self.notes, set()
        return notes

    def in_language(self, markdown: str, page: str) -> str:
        """A page with links to itself in the other languages (visible, and as hreflang in its
        front matter) and notes on text not yet translated or checked."""
        languages = self.portal.settings.languages
        notes = self.finish()
        if len(languages) == 1:
            return markdown
        others = [lang for lang in languages if lang != self.lang]
        links = " · ".join(
            f'<a href="{urls.counterpart(page, self.lang, lang, self.default)}" hreflang="{lang}" lang="{lang}">'
            f"{language_name(lang)}</a>" for lang in others)
        block = f'<p class="pp-languages">{links}</p>'
        if "fallback" in notes:
            block += "\n\n!!! note \"" + self._("Not yet available in Welsh") + "\"\n    " + self._(
                "Some text on this page is not yet available in Welsh and is shown in English.")
        if "unchecked" in notes:
            block += "\n\n" + self._("Translation not yet checked by a Welsh speaker") + "."
        alternates = [{"lang": lang, "href": urls.counterpart(page, self.lang, lang, self.default)}
                      for lang in languages]
        return with_front_matter(after_title(markdown, block), {"alternates": alternates})

    def abbreviations(self, body: str, page: str) -> str:
        """An 'Abbreviations' list linking to the glossary, and hover definitions, for terms on the page."""
        used = [t for term, t in sorted(self.portal.glossary.items()) if _mentions(body, term)]
        if not used or page == urls.GLOSSARY:
            return ""
        # Out of search: the glossary is where a term is found, not every page that uses it.
        lines = ["", "## " + self._("Abbreviations on this page") + " { data-search-exclude }", ""]
        for term in used:
            href = urls.relative(page, urls.GLOSSARY, urls.anchor("term", term.term))
            lines.append(f"- [{heading_text(term.term)}]({href}): {one_line(self.t(term.meaning))}")
        lines.append("")
        lines += [f"*[{term.term}]: {one_line(self.t(term.meaning))}" for term in used]
        return "\n".join(lines) + "\n"


_WORD = re.compile(r"[\w&]")


@functools.cache
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(re.escape(term) + r"(?![\w&])")


def _mentions(text: str, term: str) -> bool:
    """Whether `term` is in `text` as a word of its own (not inside another word or code).

    Most terms are on few pages: Python's substring search says so fastest. The pattern starts
    with the term itself, and the character before each hit is checked here (a look-behind first
    would be tried at every position).

    >>> _mentions("the LSCB met", "LSCB"), _mentions("LSCBs", "LSCB"), _mentions("xCAF CAF&", "CAF")
    (True, False, False)
    """
    return term in text and any(hit.start() == 0 or not _WORD.match(text, hit.start() - 1)
                                for hit in _term_pattern(term).finditer(text))


def _tidy(markdown: str) -> str:
    """At most one blank line in a row, one newline at the end."""
    while "\n\n\n" in markdown:  # str.replace: several times faster than a regex over a whole page
        markdown = markdown.replace("\n\n\n", "\n\n")
    return markdown.strip() + "\n"


def _action_anchor(action_id: str) -> str:
    """Where an action's anchor goes in a recommendation's details: see _action_anchors."""
    return f"\x01{action_id}\x01"


def _action_anchors(markdown: str, prefix: str = "") -> str:
    """Each action's anchor filled in: `action-1a` on the recommendation's page; on the print page,
    which shows every recommendation, with the ref before the action's id (`action-r1-1a`).

    >>> _action_anchors("{#" + _action_anchor("1a") + "}", "R1-")
    '{#action-r1-1a}'
    """
    return _MARK.sub(lambda match: urls.anchor("action", prefix + match[1]), markdown)


_MARK = re.compile("\x01([^\x01]*)\x01")


def _group_by_recommendation(rows: list[Row]) -> list[tuple[Placed, list[Row]]]:
    """Action rows grouped under their recommendation, in the order they come."""
    groups: dict[tuple[str, str], tuple[Placed, list[Row]]] = {}
    for row in rows:
        groups.setdefault(row.placed.key, (row.placed, []))[1].append(row)
    return list(groups.values())


def unsearched(markdown: str) -> str:
    """A page left out of the search index: one that repeats what the recommendation pages say
    (dashboards, reports, the print page). Searches lead to the recommendation itself, and the
    index, which every browser loads whole, stays about a third of the size."""
    return with_front_matter(markdown, {"search": {"exclude": True}})
