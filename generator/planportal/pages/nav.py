"""The site's navigation: the generated pages (plans and their themes, directory pages) and the
hand-written pages of content/, each under the title its first heading gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from planportal.pages import urls
from planportal.pages.levels import level_words
from planportal.portal.joined import Portal
from planportal.portal.returns import return_quarters
from planportal.text.catalogue import untranslated
from planportal.text.language import pick
from planportal.text.markdown import html_text

NAV_PLANS = 12
"""The most plans the nav lists one by one, each with its pages. A portal of more has a page of
its plans by authority instead, so that every page's nav stays short (at 98 plans, listing them
all made each page half as big again)."""


def many_plans(portal: Portal) -> bool:
    """Whether the portal has too many plans for the nav: they are listed on urls.PLANS instead."""
    return len(portal.plans) > NAV_PLANS


def nav(portal: Portal, content_nav: list[Any], lang: str | None = None,
        _: Callable[[str], str] = untranslated) -> list[Any]:
    """The site navigation: home, each plan with its themes, directory pages, then content pages;
    `_` (a gettext) translates the labels."""
    default = portal.settings.languages[0]

    def t(value: Any) -> str:
        return html_text(pick(value, lang or default, default))

    plans: list[Any] = []
    for entry in [] if many_plans(portal) else portal.plans:
        theme = level_words(entry.plan, "theme", _, t)
        themes = [{theme.name(th.id, t(th.title)): urls.theme(entry.id, th.id)} for th in entry.plan.themes]
        quarters = return_quarters(entry)  # the latest quarter's returns: each links to the others
        returns = [{_("Who has reported"): urls.returns(entry.id, *quarters[-1])}] if quarters else []
        plans.append({t(entry.plan.title): [urls.plan(entry.id), {_("Progress"): urls.plan_dashboard(entry.id)},
                                            *returns, *themes]})
    return [
        {_("Home"): urls.HOME},
        {_("Plans"): urls.PLANS if many_plans(portal) else plans},
        {_("Progress"): urls.DASHBOARD},
        {_("What changed"): urls.CHANGES},
        {_("Performance indicators"): urls.INDICATORS},
        *([{_("Council plan priorities"): urls.PRIORITIES}] if portal.priorities else []),
        {_("People and partners"): urls.LEADS},
        {_("Glossary"): urls.GLOSSARY},
        {_("Documents"): urls.DOCUMENTS},
        *content_nav,
    ]


def _title(markdown: bytes, fallback: str) -> str:
    match = re.search(rb"^# (.+)$", markdown, re.MULTILINE)
    return match.group(1).decode("utf-8").strip() if match else fallback


def content_nav(content: dict[str, bytes]) -> list[Any]:
    """Nav entries for hand-written pages: top-level pages, then one section per folder."""
    pages = {path: data for path, data in content.items() if path.endswith(".md")}
    entries: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for path, data in pages.items():
        folder, _, name = path.rpartition("/")
        item = {_title(data, name): path}
        if not folder:
            entries.append(item)
        else:
            top = folder.split("/")[0]
            sections.setdefault(top, [])
            sections[top].insert(0, path) if name == "index.md" else sections[top].append(item)
    for top, items in sections.items():
        index = f"{top}/index.md"
        title = _title(pages[index], top) if index in pages else top.capitalize()
        entries.append({title: items})
    return entries


def content_links(content: dict[str, bytes]) -> list[tuple[str, str]]:
    """(title, path) of each top-level hand-written page or folder index, for the home page."""
    return [
        (_title(data, path), path)
        for path, data in content.items()
        if path.endswith(".md") and (path.count("/") == 0 or path.endswith("/index.md") and path.count("/") == 1)
    ]
