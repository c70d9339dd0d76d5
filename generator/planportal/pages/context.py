"""The page context: one `Site` per language holds what every page of that language shares (its
labels, the Jinja environment, the parts many pages show, the build's `Shared` figures), and makes
and finishes pages: links written from the root made relative, blank lines tidied, abbreviations
listed, the language switch and notes on untranslated text added.

What a page says about its language comes back with what made it: `page` collects the notes of
its own text and is handed any other (`notes=`), never left over from the page before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from planportal.pages import urls
from planportal.pages.jinja import action_anchor, environment, group_by_recommendation
from planportal.pages.labels import Labels, Note, plan_of
from planportal.pages.levels import in_sentence
from planportal.pages.parts import ActionLinkKey, Part, PartKey, RowKey, Shared
from planportal.portal.dashboards import Dashboard, Row
from planportal.portal.joined import Placed, Portal
from planportal.portal.status import Complete, Standing, action_complete, actions_complete, rag_of
from planportal.source.dates import MonthDate
from planportal.source.model import Action
from planportal.source.statuses import ICONS, LAPSED, RAG_ICONS, RAG_LABELS
from planportal.text.blocks import block_text
from planportal.text.catalogue import language_name
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


class Site(Labels):
    """What every page of one language shares, and how a page is made; `shared` is the build's
    (the same for every language), else one of its own."""

    def __init__(self, portal: Portal, lang: str | None = None, shared: Shared | None = None) -> None:
        super().__init__(portal, lang)
        self.shared = Shared(portal) if shared is None else shared
        self.parts: dict[PartKey, Part] = {}  # see `part`
        self.env = environment(self._, self.ngettext, self._filters(), self._names())
        # The shared pieces of pages, for every template as `m`: they use only globals, so made once.
        self.macros: Any = self.env.get_template("_macros.md.j2").module
        self.env.globals["m"] = self.macros

    def _filters(self) -> dict[str, Callable[..., Any]]:
        """What templates do to text from the data: each makes it safe where it goes."""
        return {"t": self.t, "md": lambda v: safe_markdown(self.t(v)), "cell": lambda v: self.marked(v, one_line),
                "h": lambda v: block_text(self.marked(v, one_line)), "block": block_text,
                "url": web_address, "w": one_line,  # w: words of the page's language (a level's name), made safe
                "groupby_rec": group_by_recommendation}

    def _names(self) -> dict[str, Any]:
        """What templates call: labels in this language, links, and the parts many pages share."""
        _ = self._
        return dict(
            urls=urls, link=urls.from_root, person_name=self.person_name, initials=self.initials,
            partner_link=self.partner_link, part=self.part, action_anchor=action_anchor,
            action_rows=self.action_rows, action_link=self.action_link,
            rec_title=self.rec_title, source_name=self.source_name, urgency_words=self.urgency_words,
            due=self.due, day=self.day, when=self.when, badge=self.badge, status_label=self.status_label,
            tally_words=self.tally_words, chart_alt=self.chart_alt, state_words=self.state_words,
            related=self.related, flags=self.flags, rag_badge=self.rag_badge, rag_of=rag_of,
            board_complete=self.board_complete, action_complete=self.action_complete,
            is_month=lambda day: isinstance(day, MonthDate),  # a plan's as_at given as a month
            words=self.words, named=self.named, plan_of=plan_of, in_sentence=in_sentence,
            action_title=self.action_title, rec_heading=self.rec_heading, action_name=self.action_name,
            theme_title=self.theme_title, outcome_title=self.outcome_title,
            priority_title=lambda p: self.t(self.portal.priorities[p].title),
            indicator_title=lambda c: self.t(self.portal.indicators[c].title),
            yes_no=lambda value: yes_no(value, _),  # in the page's language
        )

    # --- making pages -----------------------------------------------------------
    def page(self, template: str, page: str, abbreviations: bool = True, on_site: bool = True,
             notes: Iterable[Note] = (), **context: Any) -> str:
        """A page from its template, finished; `notes` are those of what the caller made for it
        beforehand. `on_site` false for what leaves the site or goes into another page (no
        language links: `finish` the page that holds it)."""
        with self.collecting() as own:
            body = urls.rooted(self.fill(template, page=page, **context), page)
            markdown = _tidy(body) + (self.abbreviations(body, page) if abbreviations else "")
        return self.finish(markdown, page, own.union(notes)) if on_site else markdown

    def fill(self, template: str, **context: Any) -> str:
        """A template filled in, as it comes (see `page` for a page)."""
        return self.env.get_template(template).render(settings=self.portal.settings, **context)

    def part(self, key: PartKey, make: Callable[..., str], **context: Any) -> str:
        """Markdown that many pages show (an action's row, a recommendation's details), made once per
        language by `make(**context)` and kept under `key`: its links are written from the root
        (urls.from_root), and what it says about its language is collected on each page showing it."""
        if key not in self.parts:
            with self.collecting() as notes:
                text = make(**context)
            self.parts[key] = Part(text, frozenset(notes))
        part = self.parts[key]
        if self._collecting:
            self._collecting[-1] |= part.notes
        return part.text

    def action_rows(self, rows: list[Row], show_rec: bool = True) -> str:
        """The rows of a table of actions, each made once (the action_row macro), with its recommendation
        in the first column when `show_rec`. A dashboard shows thousands: a loop here, not in Jinja."""
        make = self.macros.action_row
        return "".join(self.part(RowKey(row.placed.key, row.action.id, show_rec), make, row=row, show_rec=show_rec)
                       + "\n" for row in rows)

    def action_link(self, placed: Placed, action: Action) -> str:
        """A link to an action naming its recommendation (the action_link macro), made once."""
        return self.part(ActionLinkKey(placed.key, action.id), self.macros.action_link, placed=placed, action=action)

    def badge(self, st: Standing) -> str:
        """A status in words with its icon, whether it came from the sub-actions, and 'Overdue' when it
        is, unless its words say so already ('Deadline passed, no update': the badge macro)."""
        return str(self.macros.status_badge(st.status, ICONS[st.status], self.status_label(st.status),
                                            st.overdue and st.status != LAPSED, st.from_sub_actions))

    def rag_badge(self, rag: str) -> str:
        """A RAG rating as its shape and its words, with what it means where the portal says:
        'Amber: some targets at risk' (never its colour alone)."""
        given = {str(r.id): r for r in self.portal.settings.rag}.get(rag)
        label = one_line(self.t(given.label)) if given else self._(RAG_LABELS[rag])
        if given and given.means:
            label = self._("%(rating)s: %(meaning)s") % {"rating": label, "meaning": one_line(self.t(given.means))}
        return str(self.macros.rag_span(rag, RAG_ICONS[rag], label))

    def percent(self, value: float) -> str:
        """A per cent complete as a whole number: '40%'."""
        # Translators: a per cent complete, e.g. "40%".
        return self._("%(percent)s%%") % {"percent": round(value)}

    def complete_words(self, complete: Complete | None, sub_actions: bool = False) -> str:
        """'40% (the average of 3 of its 4 main actions that give one)', after 'Per cent complete:';
        '' when none gives one."""
        if complete is None:
            return ""
        words = self.percent(complete.percent)
        if complete.own:
            return words
        values = {"given": complete.given, "num": complete.of}
        if sub_actions:
            how = (self.ngettext("the average, weighted as the plan gives, of %(given)s of its %(num)s sub-action "
                                 "that gives one", "the average, weighted as the plan gives, of %(given)s of its "
                                 "%(num)s sub-actions that give one", complete.of) if complete.weighted else
                   self.ngettext("the average of %(given)s of its %(num)s sub-action that gives one",
                                 "the average of %(given)s of its %(num)s sub-actions that give one", complete.of))
        else:
            how = (self.ngettext("the average, weighted as the plan gives, of %(given)s of its %(num)s main action "
                                 "that gives one", "the average, weighted as the plan gives, of %(given)s of its "
                                 "%(num)s main actions that give one", complete.of) if complete.weighted else
                   self.ngettext("the average of %(given)s of its %(num)s main action that gives one",
                                 "the average of %(given)s of its %(num)s main actions that give one", complete.of))
        return f"{words} ({how % values})"

    def board_complete(self, board: Dashboard) -> str:
        """The per cent complete of what a dashboard counts (a recommendation, outcome, theme or plan),
        from its main actions: '' when none gives one."""
        mains = [row.action for row in board.rows if any(row.action is a for a in row.placed.rec.actions)]
        return self.complete_words(actions_complete(mains))

    def action_complete(self, action: Action) -> str:
        """An action's per cent complete in words: its own, or its sub-actions' ('' when none)."""
        return self.complete_words(action_complete(action), sub_actions=True)

    def content_page(self, page: str, data: bytes, fallback: bool) -> bytes:
        """A hand-written page with the language switch, marked if it is not yet translated."""
        text = data.decode("utf-8")
        notes: set[Note] = {"fallback"} if fallback else set()
        if front_matter(text)[0].get("translation") == "unchecked":
            notes.add("unchecked")
        return self.finish(text, page, notes).encode("utf-8")

    def finish(self, markdown: str, page: str, notes: Iterable[Note]) -> str:
        """A page with links to itself in the other languages (visible, and as hreflang in its
        front matter) and, as `notes` say, notes on text not yet translated or checked."""
        languages = self.portal.settings.languages
        if len(languages) == 1:
            return markdown
        said = set(notes)
        links = [(urls.counterpart(page, self.lang, lang, self.default), lang, language_name(lang))
                 for lang in languages if lang != self.lang]
        block = str(self.macros.language_links(links, "fallback" in said, "unchecked" in said)).strip("\n")
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
    """At most one blank line in a row, one newline at the end.

    >>> _tidy("a\\n\\n\\n\\nb")
    'a\\n\\nb\\n'
    """
    while "\n\n\n" in markdown:  # str.replace: several times faster than a regex over a whole page
        markdown = markdown.replace("\n\n\n", "\n\n")
    return markdown.strip() + "\n"


def unsearched(markdown: str) -> str:
    """A page left out of the search index: one that repeats what the recommendation pages say
    (dashboards, reports, the print page). Searches lead to the recommendation itself, and the
    index, which every browser loads whole, stays about a third of the size."""
    return with_front_matter(markdown, {"search": {"exclude": True}})
