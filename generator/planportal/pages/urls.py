"""Where every page lives. These addresses are promises to inspectors: they are built
from ids and refs only, never from titles or order, so they stay the same between builds.

Paths are the Markdown sources (docs/…/x.md); MkDocs writes each as x.html beside it.
File names are lower-case so that the site also works on case-insensitive media (CD, USB).
"""

from __future__ import annotations

import functools
import posixpath

from planportal.portal.names import slug

HOME = "index.md"
GLOSSARY = "glossary.md"
DOCUMENTS = "documents.md"
LEADS = "leads/index.md"
INDICATORS = "indicators/index.md"
PRIORITIES = "priorities/index.md"
DASHBOARD = "dashboard.md"
CHANGES = "changes.md"
PLANS = "plans/index.md"  # made only for a portal of many plans (nav.many_plans)


def plan(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/index.md"


def theme(plan_id: str, theme_id: str) -> str:
    return f"plans/{plan_id.lower()}/theme-{theme_id.lower()}.md"


def plan_dashboard(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/dashboard.md"


def theme_dashboard(plan_id: str, theme_id: str) -> str:
    return f"plans/{plan_id.lower()}/theme-{theme_id.lower()}-dashboard.md"


def plan_timeline(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/timeline.md"


def theme_timeline(plan_id: str, theme_id: str) -> str:
    return f"plans/{plan_id.lower()}/theme-{theme_id.lower()}-timeline.md"


def lead_timeline(person_id: str) -> str:
    return f"leads/{person_id.lower()}-timeline.md"


def timeline_picture(page: str) -> str:
    """The SVG of a timeline page, beside it: plans/a/timeline.svg."""
    return page.removesuffix(".md") + ".svg"


def indicator(code: str) -> str:
    return f"indicators/{anchor('indicator', code).removeprefix('indicator-')}.md"


def priority(priority_id: str) -> str:
    return f"priorities/{priority_id.lower()}.md"


def report(plan_id: str, fy: int, q: int) -> str:
    return f"plans/{plan_id.lower()}/reports/{fy}-{(fy + 1) % 100:02d}-q{q}.md"


def returns(plan_id: str, fy: int, q: int) -> str:
    """Who has returned an update for a quarter: plans/<id>/returns/2005-06-q4.md, beside its report."""
    return f"plans/{plan_id.lower()}/returns/{fy}-{(fy + 1) % 100:02d}-q{q}.md"


def plan_print(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/print.md"


def recommendation(plan_id: str, ref: str) -> str:
    return f"plans/{plan_id.lower()}/recommendations/{ref.lower()}.md"


def lead(person_id: str) -> str:
    return f"leads/{person_id.lower()}.md"


@functools.lru_cache(maxsize=1 << 16)
def anchor(kind: str, value: str) -> str:
    """A stable fragment id: action-1a, term-ccm, document-cypp (the data's names slugged as portal/names.py
    checks them, so that no two are the same)."""
    return f"{kind}-{slug(value)}"


def print_action_anchor(ref: str, action_id: str) -> str:
    """An action's fragment id on its plan's print page: its recommendation's ref and its own id, with
    "_" between (no ref or id makes one), so that no two actions of a plan share it.

    >>> print_action_anchor("1.1", "2"), print_action_anchor("1", "1.2")
    ('action-1-1_2', 'action-1_1-2')
    """
    return f"{anchor('action', ref)}_{anchor('action', action_id).removeprefix('action-')}"


ROOT = "\x00/"
"""Stands for the docs root in Markdown written once for many pages (a page's parts, an action's row):
`rooted` turns each link into the one `relative` gives. No text from the data can hold it: text.py
drops control characters."""


def from_root(to_page: str, fragment: str | None = None) -> str:
    """A link to a page from wherever it is shown: see ROOT.

    >>> rooted(from_root("leads/sf.md", "x"), "plans/a/recommendations/1.md")
    '../../../leads/sf.md#x'
    """
    return f"{ROOT}{to_page}#{fragment}" if fragment else f"{ROOT}{to_page}"


def rooted(markdown: str, page: str) -> str:
    """Markdown with the links written `from_root` made relative to `page`, as `relative` makes them
    (a link to a part of the page itself is just the fragment), by a few replacements, not one per link.

    >>> rooted(f"[a]({ROOT}plans/a/x.md) [b]({ROOT}plans/b/y.md) [c]({ROOT}plans/a/r/1.md#f)", "plans/a/r/1.md")
    '[a](../x.md) [b](../../b/y.md) [c](#f)'
    """
    if ROOT not in markdown:
        return markdown
    markdown = markdown.replace(f"{ROOT}{page}#", "#")
    folders = page.split("/")[:-1]
    for depth in range(len(folders), 0, -1):  # the page's own folder first, then each above it
        markdown = markdown.replace(ROOT + "/".join(folders[:depth]) + "/", "../" * (len(folders) - depth))
    return markdown.replace(ROOT, "../" * len(folders))


def relative(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """A link from one page's Markdown source to another's.

    >>> relative("plans/a/recommendations/1.md", "leads/sf.md", "x")
    '../../../leads/sf.md#x'
    """
    path = _relpath(to_page, posixpath.dirname(from_page) or ".")
    if path == posixpath.basename(from_page) and fragment:
        return f"#{fragment}"
    return f"{path}#{fragment}" if fragment else path


@functools.lru_cache(maxsize=1 << 16)
def _relpath(to_page: str, from_folder: str) -> str:
    # posixpath.relpath asks the OS for the working folder on every call; pages make thousands of links
    return posixpath.relpath(to_page, from_folder)


def counterpart(page: str, lang: str, other: str, default: str) -> str:
    """The address, relative to `page` in language `lang`, of the same page in `other`.
    The default language's pages are at the site's root, each other language's under <lang>/.

    >>> counterpart("plans/a/index.md", "en", "cy", "en")
    '../../cy/plans/a/index.html'
    >>> counterpart("index.md", "cy", "en", "en")
    '../index.html'
    """
    here = page if lang == default else f"{lang}/{page}"
    there = page if other == default else f"{other}/{page}"
    return posixpath.relpath(there, posixpath.dirname(here) or ".").removesuffix(".md") + ".html"


# --- the downloads (downloads/files.py writes them) ---
PORTAL_DATA = "data/plan-portal.json"
PORTAL_FEED = "updates.xml"


def plan_actions(plan_id: str, ext: str) -> str:
    """plans/<id>/<id>-actions.csv, .xlsx or .json: named for the plan, so a download says what it holds."""
    return f"plans/{plan_id.lower()}/{plan_id.lower()}-actions.{ext}"


def plan_calendar(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/{plan_id.lower()}-deadlines.ics"


def plan_feed(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/updates.xml"


def plan_pdf(plan_id: str) -> str:
    """plans/<id>/<id>.pdf: the whole plan as a PDF, made by `planportal build --pdf`."""
    return f"plans/{plan_id.lower()}/{plan_id.lower()}.pdf"


def lead_calendar(person_id: str) -> str:
    return f"leads/{person_id.lower()}-deadlines.ics"
