"""Page builders: pure functions from the validated Portal to Markdown pages.

`build_pages(portal)` returns {path: markdown} for every generated page; nothing here
reads or writes files. Each page kind has one builder and one Jinja template in templates/.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jinja2

from planportal import downloads, urls
from planportal.changes import Changes, Item
from planportal.charts import bar_chart, trend_chart, trend_description
from planportal.completeness import COLUMNS, Check, exhibit
from planportal.dashboards import Dashboard, Row, dashboard
from planportal.i18n import language_name, month_names, mutate_months, short_month_names, translations
from planportal.indicators import indicator_status, periods
from planportal.model import Action, Due, Figure, Indicator, Outcome, Plan, Related, SourceRef, Theme
from planportal.portal import Placed, PlanEntry, Portal, plan_recommendations, walk_actions
from planportal.reports import plan_quarters, quarter_report
from planportal.status import ICONS, ORDER, Standing, standing
from planportal.text import (
    after_title,
    demote,
    front_matter,
    heading_text,
    one_line,
    resolve,
    safe_markdown,
    web_address,
    with_front_matter,
    yes_no,
)
from planportal.when import When, format_when, plain, quarter, short_label


def _time(text: str, iso: str) -> str:
    return f'<time datetime="{iso}">{text}</time>'


class _Context(jinja2.runtime.Context):
    """Jinja's context, calling plain Python functions (most of what templates call: labels, dates,
    links) straight away; Jinja's own check for pass_context and the like is for everything else."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if type(__obj) in _PLAIN and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


_PLAIN = {types.FunctionType, types.MethodType, types.BuiltinFunctionType, type(urls.anchor)}  # last: lru_cache's


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
            loader=jinja2.PackageLoader("planportal", "templates"),
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
            urls=urls, downloads=downloads, link=urls.from_root, yes_no=yes_no, person_name=self.person_name,
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


# --- the pages -----------------------------------------------------------------


@dataclass(frozen=True)
class ExhibitRow:
    """One recommendation's line in the Exhibit 2 checklist, each column in words."""

    placed: Placed
    cells: dict[str, str]


def _answer(site: Site, check: Check, detail: str = "") -> str:
    words = {"yes": site._("Yes"), "partly": site._("Partly"), "no": site._("No")}[check.answer]
    said = "; ".join(part for part in (check.words(site._), detail) if part)
    return f"{words}: {said}" if said else words


def exhibit_row(site: Site, placed: Placed, page: str) -> ExhibitRow:
    checks = exhibit(placed, site.portal)
    leads = list(dict.fromkeys([*(placed.outcome.lead if placed.outcome else []),
                                *(lead for a in placed.rec.actions for lead in a.lead)]))
    details = {
        "accountability": ", ".join(
            f"[{one_line(site.person_name(p))}]({urls.relative(page, urls.lead(p))})" for p in leads),
        "monitoring": "; ".join(
            one_line(site.t(m.body)) + (f", {one_line(site.t(m.frequency))}" if m.frequency else "")
            for m in placed.plan.plan.monitoring),
        "links": "; ".join(site.related(r, placed.plan.id) for r in placed.rec.related),
    }
    return ExhibitRow(placed, {column: _answer(site, check, details.get(column, ""))
                               for column, check in checks.items()})


def home_page(site: Site, content_links: list[tuple[str, str]]) -> str:
    plans = [(entry, site.plan_board(entry)) for entry in site.portal.plans]
    return site.render("home.md.j2", urls.HOME, plans=plans, content_links=content_links,
                       site_has_priorities=bool(site.portal.priorities))


def plan_page(site: Site, entry: PlanEntry) -> str:
    page = urls.plan(entry.id)
    placed_all = list(plan_recommendations(entry))
    outcome_counts = {
        (theme.id, outcome.id): site.outcome_board(entry, theme, outcome)
        for theme in entry.plan.themes for outcome in theme.outcomes
    }
    return site.render(
        "plan.md.j2", page, entry=entry, plan=entry.plan, counts=site.plan_board(entry),
        outcome_counts=outcome_counts, direct=[p for p in placed_all if p.theme is None],
        citing=site.portal.plans_citing().get(entry.id, []),
        exhibit=[exhibit_row(site, p, page) for p in placed_all],
        columns={column: site._(title) for column, title in COLUMNS.items()},
        reports=[(quarter_words(site, fy, q), urls.report(entry.id, fy, q)) for fy, q in plan_quarters(entry)],
    )


def theme_page(site: Site, entry: PlanEntry, theme_index: int) -> str:
    theme = entry.plan.themes[theme_index]
    placed_all = [p for p in plan_recommendations(entry) if p.theme is theme]
    outcomes = []
    for outcome in theme.outcomes:
        mine = [p for p in placed_all if p.outcome is outcome]
        outcomes.append((outcome, mine, site.outcome_board(entry, theme, outcome)))
    return site.render("theme.md.j2", urls.theme(entry.id, theme.id), entry=entry, theme=theme,
                       outcomes=outcomes)


def recommendation_page(site: Site, placed: Placed, referenced_by: list[Placed], print_page: str | None = None) -> str:
    """A recommendation's page; with `print_page`, its part of that page (unique anchors, no banner)."""
    details = site.part(("recommendation", placed.key), lambda: recommendation_details(site, placed, referenced_by))
    return site.render(
        "recommendation.md.j2", print_page or urls.recommendation(placed.plan.id, placed.rec.ref),
        abbreviations=print_page is None, on_site=print_page is None, placed=placed, entry=placed.plan,
        print_mode=print_page is not None, details=_action_anchors(details, f"{placed.rec.ref}-" if print_page else ""),
    )


def recommendation_details(site: Site, placed: Placed, referenced_by: list[Placed]) -> str:
    """A recommendation's page below its title, the same on its page and its plan's print page."""
    as_at = placed.plan.plan.as_at
    actions = [(a, parent, standing(a, as_at)) for a, parent in walk_actions(placed.rec.actions)]
    dated: list[When] = [p.date for a, _, _ in actions for p in a.progress]
    dated += [c.date for a, _, _ in actions for c in a.deadline_changes]
    return site.fill("recommendation-details.md.j2", placed=placed, entry=placed.plan, actions=actions,
                     counts=dashboard([placed]), referenced_by=referenced_by,
                     last_update=max(dated, key=lambda w: w.start or dt.date.min) if dated else None)


def print_page(site: Site, entry: PlanEntry, referenced_by: dict[tuple[str, str], list[Placed]]) -> str:
    """The whole plan on one page for printing: the plan page, then every recommendation in full."""
    page = urls.plan_print(entry.id)
    parts = [site.render("print.md.j2", page, abbreviations=False, on_site=False, entry=entry, plan=entry.plan)]
    parts += [demote(recommendation_page(site, placed, referenced_by.get(placed.key, []), page))
              for placed in plan_recommendations(entry)]
    body = "\n".join(parts)
    return unsearched(site.in_language(body + site.abbreviations(body, page), page))


def unsearched(markdown: str) -> str:
    """A page left out of the search index: one that repeats what the recommendation pages say
    (dashboards, reports, the print page). Searches lead to the recommendation itself, and the
    index, which every browser loads whole, stays about a third of the size."""
    return with_front_matter(markdown, {"search": {"exclude": True}})


def lead_page(site: Site, person_id: str) -> str:
    person = site.portal.people[person_id]
    board = site.once(("lead", person_id), lambda: dashboard(site.portal.actions_led.get(person_id, []),
                                                           lambda action: person_id in action.lead))
    outcomes = [(entry, theme, outcome) for entry in site.portal.plans for theme in entry.plan.themes
                for outcome in theme.outcomes if person_id in outcome.lead]
    return site.render("lead.md.j2", urls.lead(person_id), person=person, rows=board.rows, outcomes=outcomes,
                       counts=board)


def dashboard_page(site: Site, page: str, title: Any, placed_list: list[Placed], board: Dashboard,
                   back: tuple[Any, str] | None = None) -> dict[str, str]:
    """The progress dashboard of some recommendations (`board` is theirs) and its chart:
    {page: markdown, chart: svg}."""
    chart = page.removesuffix(".md") + "-status.svg"
    dates = {p.plan.plan.as_at for p in placed_list}
    as_at = dates.pop() if len(dates) == 1 else None
    markdown = site.render("dashboard.md.j2", page, title=title, board=board, back=back, as_at=as_at,
                           chart=urls.relative(page, chart))
    return {page: unsearched(markdown), chart: site.status_chart(board)}


def portal_dashboard_page(site: Site) -> dict[str, str]:
    """The whole portal's progress and its chart: the counts, and a row of figures per plan linked
    to that plan's dashboard (which lists the actions), so the page grows with plans, not actions."""
    page = urls.DASHBOARD
    chart = page.removesuffix(".md") + "-status.svg"
    plans = [(entry, site.plan_board(entry)) for entry in site.portal.plans]
    board = site.once(("portal",), lambda: dashboard(list(site.portal.recommendations())))
    markdown = site.render("portal-dashboard.md.j2", page, title=site.portal.settings.title, board=board,
                           plans=plans, chart=urls.relative(page, chart))
    return {page: unsearched(markdown), chart: site.status_chart(board)}


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


def quarter_words(site: Site, fy: int, q: int) -> str:
    """'January to March 2006 (quarter 4 of 2005 to 2006)'."""
    return site.when(quarter(fy, q), wrap=False)


def report_page(site: Site, entry: PlanEntry, fy: int, q: int, standalone: bool = False,
                neighbours: tuple[str | None, str | None] = (None, None)) -> str:
    """One plan's progress report for one quarter of the financial year."""
    page = urls.report(entry.id, fy, q)
    return site.render("report.md.j2", page, on_site=not standalone, entry=entry,
                       report=site.once(("report", entry.id, fy, q), lambda: quarter_report(entry, fy, q)),
                       quarter_words=quarter_words(site, fy, q), standalone=standalone,
                       previous=neighbours[0], next=neighbours[1])


def report_pages(site: Site, entry: PlanEntry) -> dict[str, str]:
    quarters = plan_quarters(entry)
    paths = [urls.report(entry.id, fy, q) for fy, q in quarters]
    return {
        path: unsearched(report_page(site, entry, fy, q, neighbours=(paths[i - 1] if i else None,
                                                                     paths[i + 1] if i + 1 < len(paths) else None)))
        for i, (path, (fy, q)) in enumerate(zip(paths, quarters, strict=True))
    }


def changes_page(site: Site, changes: Changes | None, previous: str | None, on_site: bool = True) -> str:
    """What changed since the previous publication, each change linked to where it is now."""
    _ = site._

    def status(value: str | None) -> str:
        return site.status_label(value) if value else _("No status given")

    def text(item: Item) -> str:
        return one_line(item.text)

    sections = [] if changes is None else [
        (_("New recommendations"), [(i, text(i)) for i in changes.new_recommendations]),
        (_("Recommendations removed"), [(i, text(i)) for i in changes.removed_recommendations]),
        (_("New actions"), [(i, text(i)) for i in changes.new_actions]),
        (_("Actions removed"), [(i, text(i)) for i in changes.removed_actions]),
        (_("Status changes"), [(i, f"{text(i)}: {status(i.before)} → {status(i.after)}")
                               for i in changes.status_changes]),
        (_("Deadlines moved"), [(i, f"{text(i)}: {' / '.join(i.before) or _('Not stated')} → "
                                   f"{' / '.join(i.after) or _('Not stated')}") for i in changes.moved_deadlines]),
        (_("New progress entries"), [(i, f"{i.after}: {text(i)}") for i in changes.new_progress]),
    ]
    return site.render("changes.md.j2", urls.CHANGES, on_site=on_site, previous=previous, sections=sections,
                       plan_ids={p.id for p in site.portal.plans},
                       plan_titles={p.id: site.t(p.plan.title) for p in site.portal.plans})


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


def build_pages(portal: Portal, content_links: list[tuple[str, str]] | None = None,
                lang: str | None = None, changes: tuple[Changes, str] | None = None,
                shared: dict[Hashable, Any] | None = None) -> dict[str, str]:
    """Every generated page of the portal, as {path: markdown}; `shared` as Site takes it (the
    same dict for each language)."""
    site = Site(portal, lang, shared)
    pages = {urls.HOME: home_page(site, content_links or []), urls.LEADS: leads_page(site),
             urls.GLOSSARY: glossary_page(site), urls.DOCUMENTS: documents_page(site)}
    referenced_by = portal.referenced_by()
    for entry in portal.plans:
        pages[urls.plan(entry.id)] = plan_page(site, entry)
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
        pages[urls.plan_print(entry.id)] = print_page(site, entry, referenced_by)
        placed_all = list(plan_recommendations(entry))
        pages.update(dashboard_page(site, urls.plan_dashboard(entry.id), entry.plan.title, placed_all,
                                    site.plan_board(entry), (entry.plan.title, urls.plan(entry.id))))
        for theme in entry.plan.themes:
            words = site._("Theme %(id)s: %(title)s") % {"id": theme.id, "title": site.t(theme.title)}
            # in the page's language unless the theme's own title fell back to the default language
            theme_title = words if resolve(theme.title, site.lang, site.default)[1] else {site.lang: words}
            mine = [p for p in placed_all if p.theme is theme]
            pages.update(dashboard_page(
                site, urls.theme_dashboard(entry.id, theme.id), theme_title, mine,
                site.once(("theme", entry.id, theme.id), functools.partial(dashboard, mine)),
                (theme_title, urls.theme(entry.id, theme.id))))
    return dict(sorted(pages.items()))
