"""Labels: everything the pages say in words, in one language: text from the data in that
language (noting where it fell back or is not yet checked), dates, deadlines, statuses, sources,
urgency, people, links to related plans and documents, and the words of charts.

`Labels(portal, "cy").status_label("completed")` is the status in Welsh. What a page must say
about its language (some text not yet translated, or not checked) is collected while the page is
made, and handed back by `collecting`: see pages/context.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any, Literal

from planportal.pages import urls
from planportal.pages.charts import bar_chart
from planportal.pages.levels import Words, action_level, in_sentence, level_words
from planportal.portal.dashboards import Dashboard, Row
from planportal.portal.indicators import indicator_status
from planportal.portal.joined import Placed, Portal
from planportal.source.dates import MonthDate, When, format_when, plain, says_more
from planportal.source.model import Action, Due, Figure, Indicator, Outcome, Plan, Related, SourceRef, Theme
from planportal.source.statuses import LABELS, LAPSED, NOT_STATED, ORDER
from planportal.text.blocks import block_text
from planportal.text.catalogue import month_names, mutate_months, translations
from planportal.text.language import resolve
from planportal.text.markdown import one_line, web_address

Note = Literal["fallback", "unchecked"]
"""What a page says about its language: some text fell back to the default language, or some
translation is not yet checked by a speaker of the language."""


_DEFAULT_LABELS: dict[str | None, str] = {status: label for status, label in LABELS.items()}
"""The vocabulary's labels, by status id: those of the statuses the site works out too."""


def _time(text: str, iso: str) -> str:
    return f'<time datetime="{iso}">{text}</time>'


def plan_of(rows: Iterable[Row]) -> Plan | None:
    """The plan all `rows` belong to (so that their table uses its words), or None when they are
    of several plans or none."""
    plans = {id(row.placed.plan.plan): row.placed.plan.plan for row in rows}
    return next(iter(plans.values())) if len(plans) == 1 else None


class Labels:
    """What pages say in one language (`lang`, default the portal's first)."""

    def __init__(self, portal: Portal, lang: str | None = None) -> None:
        self.portal = portal
        self.default = portal.settings.languages[0]
        self.lang = lang or self.default
        self._collecting: list[set[Note]] = []  # see `collecting`
        catalogue = translations(self.lang)
        self._ = catalogue.gettext
        self.ngettext = catalogue.ngettext
        self.months = month_names(self.lang)
        self.when_words = {"to": self._("to"), "of": self._("of"), "from": self._("from"),
                           "tbc": self._("to be confirmed"), "ongoing": self._("ongoing"),
                           "quarter": self._("quarter")}

    @contextmanager
    def collecting(self) -> Iterator[set[Note]]:
        """The notes of what is made inside the `with` block: each text that fell back to the
        default language or is not yet checked. Collections nest, and what an inner one collects is
        collected by the one around it too; text made outside any collection notes nothing.

        >>> from planportal.source.model import PortalSettings
        >>> settings = PortalSettings(title="Plans", authority="A council", languages=["en", "cy"])
        >>> labels = Labels(Portal(settings=settings, plans=[]), "cy")
        >>> with labels.collecting() as notes:
        ...     labels.t("English only")
        'English only'
        >>> notes
        {'fallback'}
        """
        notes: set[Note] = set()
        self._collecting.append(notes)
        try:
            yield notes
        finally:
            self._collecting.pop()
            if self._collecting:
                self._collecting[-1] |= notes

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
        """The text in the page's language and whether it fell back, noted in what is being collected."""
        text, fell_back, unchecked = resolve(value, self.lang, self.default)
        fell_back = fell_back and bool(text)
        if (fell_back or unchecked) and self._collecting:
            notes = self._collecting[-1]
            if fell_back:
                notes.add("fallback")
            if unchecked:
                notes.add("unchecked")
        return text, fell_back

    def person_name(self, person_id: str) -> str:
        person = self.portal.people[person_id]
        return person.name or self.t(person.role)

    @staticmethod
    def initials(person_id: str) -> str | None:
        """A person's id when it is the initials the plans print for them (SF, HoS), so that a
        reader can match them; None for an id made for the data (assistant-chief-executive).

        >>> Labels.initials("SF"), Labels.initials("HoS"), Labels.initials("chief-officer-cypsc")
        ('SF', 'HoS', None)
        """
        return person_id if re.fullmatch(r"[A-Z][A-Za-z&]{0,5}", person_id) and sum(
            c.isupper() for c in person_id) >= min(2, len(person_id)) else None

    def words(self, plan: Plan | None, level: str) -> Words:
        """What `plan` calls `level` (theme, outcome, recommendation, action, sub_action) in the page's language."""
        return level_words(plan, level, self._, self.t)

    def named(self, plan: Plan | None, level: str, ref: str, title: str | None = None) -> str:
        """The name of one thing at `level` as Markdown: the level's words made safe, with its `title`
        (Markdown made safe already, its language marked where it fell back): 'Theme 1: <title>'."""
        words = self.words(plan, level)
        return Words(one_line(words.one), one_line(words.many), words.numbered, self._).name(ref, title)

    def action_name(self, plan: Plan, action: Action, parent: Action | None,
                    titled: bool = True) -> str | dict[str, str]:
        """'Action 1: title' ('Sub-action 1a' without its title unless `titled`), or the plan's own
        words ('Commitment: title'), as a text of the page's language."""
        words = self.words(plan, action_level(parent))
        if not titled:
            return {self.lang: words.name(action.id)}
        return self._in_language(words.name(action.id, self.t(action.title)), action.title)

    def action_title(self, placed: Placed, action: Action, titled: bool = True) -> str | dict[str, str]:
        """An action named with its recommendation, in the plan's words ('Recommendation 1, action 2:
        title'; without its title unless `titled`), as a text of the page's language."""
        plan = placed.plan.plan
        action_words = self.words(plan, "action")
        names = {"recommendation": self.words(plan, "recommendation").name(placed.rec.ref),
                 "action": in_sentence(action_words.name(action.id)) if action_words.numbered
                 else action_words.one_in_sentence}
        if not titled:
            return {self.lang: self._("%(recommendation)s, %(action)s") % names}
        words = self._("%(recommendation)s, %(action)s: %(title)s") % {**names, "title": self.t(action.title)}
        return self._in_language(words, action.title)

    def _in_language(self, words: str, own: str | dict[str, str] | None) -> str | dict[str, str]:
        """`words` as a text of the page's language, unless the data text `own` in them fell back to
        the default language (then they are marked as that language, as the text is)."""
        return words if own is not None and resolve(own, self.lang, self.default)[1] else {self.lang: words}

    def short_text(self, text: str | dict[str, str], limit: int = 90) -> str:
        """A text on one line, cut at a word before `limit` characters with an ellipsis."""
        line = " ".join(self.t(text).split())
        return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"

    def rec_title(self, placed: Placed, limit: int = 90) -> str | dict[str, str]:
        """A recommendation's link text: 'Recommendation 1.1.1: ' and its short title, or its text cut short."""
        rec = placed.rec
        own = rec.title if rec.title is not None else rec.text
        title = self.words(placed.plan.plan, "recommendation").name(rec.ref, self.short_text(own, limit))
        return self._in_language(title, own)

    def rec_heading(self, placed: Placed, limit: int = 90) -> tuple[str | dict[str, str], bool]:
        """A recommendation page's heading: its ref and short title, or its ref and whole text when
        that is short; and whether the text must follow the heading (it is not all in it)."""
        rec, words = placed.rec, self.words(placed.plan.plan, "recommendation")
        text = " ".join(self.t(rec.text).split())
        if rec.title is not None:
            return self._in_language(words.name(rec.ref, self.t(rec.title)), rec.title), True
        if len(text) <= limit:
            return self._in_language(words.name(rec.ref, text), rec.text), False
        return {self.lang: words.name(rec.ref)}, True

    def theme_title(self, plan: Plan, theme: Theme) -> str | dict[str, str]:
        """'Theme 1: title' (in the plan's words) as a text of the page's language."""
        return self._in_language(self.words(plan, "theme").name(theme.id, self.t(theme.title)), theme.title)

    def outcome_title(self, plan: Plan, theme: Theme, outcome: Outcome) -> str | dict[str, str]:
        """'Outcome 1.2: title', numbered within its theme."""
        return self._in_language(self.words(plan, "outcome").name(f"{theme.id}.{outcome.id}", self.t(outcome.title)),
                                 outcome.title)

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
        if level not in scale:
            return str(level)
        where = self._("level %(level)s of %(count)s") % {"level": level, "count": len(scale)}
        return f"{one_line(scale[level])} ({where})"

    def day(self, value: dt.date) -> str:
        """A day in words; a month given for a day (an as-at date written '2013-03') as the month."""
        return self.when(value.when if isinstance(value, MonthDate) else When("day", value, value))

    def when(self, value: When, wrap: bool = True) -> str:
        """A date in words in the page's language, in <time> elements unless `wrap` is false."""
        return mutate_months(format_when(value, self.months, self.when_words, _time if wrap else plain), self.lang)

    def due(self, value: Due | None) -> str:
        if value is None:
            return self._("Not stated")
        parts = [
            self.when(e.date) + (f" ({one_line(self.t(e.note))})" if e.note else "")
            + self._as_written(e.as_written, [(e.date, e.note)])
            for e in value.entries
        ]
        # Translators: an action's deadlines, in date order: "March 2006 and June 2006".
        text = parts[0] if len(parts) == 1 else self._("%(first)s and %(last)s") % {
            "first": ", ".join(parts[:-1]), "last": parts[-1]}
        return text + (f" ({one_line(self.t(value.note))})" if value.note else "") + self._as_written(
            value.as_written, [(e.date, e.note) for e in value.entries] + [(None, value.note)])

    def _as_written(self, words: str | None, shown: list[tuple[When | None, Any]]) -> str:
        """' (as the plan puts it: “by March 2013 for departments, …”)' where the words the plan used for
        a date say more than the dates and notes shown (compared in the default language's words)."""
        english = " ".join((format_when(when) if when else "") + " " + (
            resolve(note, self.default, self.default)[0] if note else "") for when, note in shown)
        if not words or not says_more(words, english):
            return ""
        # Translators: the words a plan used for a deadline, where they say more than the date: "by March 2013 for …".
        return " (" + self._("as the plan puts it: “%(words)s”") % {"words": one_line(words)} + ")"

    @cached_property
    def status_labels(self) -> dict[str, str | dict[str, str]]:
        return {s.id: s.label for s in self.portal.settings.statuses}

    def status_label(self, status: str | None) -> str:
        """A status in words: the portal's own label in the page's language, else its label in the
        default language through the catalogue (which knows the default labels)."""
        labels = self.status_labels
        if status not in labels:  # a status the site works out, or none
            return one_line(self._(_DEFAULT_LABELS.get(status, LABELS[NOT_STATED])))
        label = labels[status]
        if isinstance(label, dict) and label.get(self.lang):
            return one_line(self.t(label))
        return one_line(self._(label if isinstance(label, str) else label.get(self.default, "")))

    def tally_words(self, board: Dashboard) -> str:
        """'3 of 7 actions completed, 2 in progress, 1 past its deadline with no update, 1 no status given;
        1 overdue'."""
        if board.total == 0:
            return self._("no actions listed")
        by, plan = board.by_status, plan_of(board.rows)
        if plan is None or plan.levels is None or plan.levels.action is None:
            parts = [self.ngettext("%(done)s of %(num)s action completed", "%(done)s of %(num)s actions completed",
                                   board.total) % {"done": len(by["completed"]), "num": board.total}]
        else:  # the plan's own word, singular or plural
            words = self.words(plan, "action")
            parts = [self._("%(done)s of %(num)s %(actions)s completed") % {
                "done": len(by["completed"]), "num": board.total,
                "actions": words.one_in_sentence if board.total == 1 else words.many_in_sentence}]
        parts += [self.ngettext("%(num)s past its deadline with no update",
                                "%(num)s past their deadline with no update", len(by[s])) % {"num": len(by[s])}
                  if s == LAPSED else f"{len(by[s])} {self.status_label(s).lower()}" for s in ORDER[1:] if by[s]]
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
        return block_text(one_line(self.t(rel.text))) + note  # a list item's start

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

    def status_rows(self, board: Dashboard) -> list[tuple[str, int]]:
        return [(self.status_label(status), len(rows)) for status, rows in board.by_status.items() if rows]

    def chart_alt(self, board: Dashboard) -> str:
        """The text alternative of a status chart: every bar's label and number."""
        parts = [f"{label}: {count}" for label, count in self.status_rows(board)]
        return self._("Bar chart of actions by status.") + " " + ("; ".join(parts) if parts else self._("No actions."))

    def status_chart(self, board: Dashboard) -> str:
        return bar_chart(self._("Actions by status"), self.status_rows(board))
