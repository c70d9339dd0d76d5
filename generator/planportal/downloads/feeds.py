"""Atom feeds of progress updates, newest first: one for the portal, one per plan.

Every progress entry of every action is an entry. Its id is a tag: URI built from the plan id,
ref, action id and the entry's date (and its place among entries of that day), so readers never
see an update twice; `updated` is the entry's own date, never the build clock. Links are
relative to the feed, so a feed read from a folder or a zip opens the page beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from planportal.exchange.writer import printable
from planportal.pages import urls
from planportal.portal.joined import PlanEntry, Portal, plan_recommendations, walk_actions
from planportal.portal.publications import published_on
from planportal.text.language import pick

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:plan-portal,2026:"


def portal_slug(portal: Portal) -> str:
    """The portal's name for files and ids, from its title: 'childrens-services-improvement-plans'."""
    default = portal.settings.languages[0]
    words = re.sub(r"[^a-z0-9]+", "-", pick(portal.settings.title, default, default).lower().replace("'", ""))
    return words.strip("-")[:60] or "plan-portal"


@dataclass(frozen=True)
class Update:
    """One progress entry, ready to be a feed entry."""

    id: str
    date: dt.date
    title: str
    text: str
    page: str  # the recommendation page (Markdown path) and
    anchor: str  # the action's anchor on it
    order: tuple[int, int]


def updates(portal: Portal, entry: PlanEntry, plan_index: int = 0) -> list[Update]:
    """A plan's progress entries, in document order."""
    default = portal.settings.languages[0]
    slug = portal_slug(portal)
    found: list[Update] = []
    for placed in plan_recommendations(entry):
        for action, _ in walk_actions(placed.rec.actions):
            seen: Counter[str] = Counter()
            for progress in action.progress:
                written = progress.date.start.isoformat() if progress.date.kind == "day" else \
                    progress.date.start.strftime("%Y-%m")
                seen[written] += 1
                status = f" ({progress.status.replace('_', ' ')})" if progress.status else ""
                title = " ".join(pick(action.title, default, default).split())
                found.append(Update(
                    id=f"{TAG}{slug}/{entry.id}/{placed.rec.ref}/{action.id}/{written}/{seen[written]}",
                    date=progress.date.start, title=f"{placed.rec.ref} action {action.id}{status}: {title}",
                    text=pick(progress.text, default, default),
                    page=urls.recommendation(entry.id, placed.rec.ref), anchor=urls.anchor("action", action.id),
                    order=(plan_index, len(found))))
    return found


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed(portal: Portal, path: str, title: str, page: str, items: list[Update], fallback: dt.date,
         feed_id: str) -> bytes:
    """An Atom feed at `path` (in the docs tree) of `items`, newest first; `page` is the page it belongs to."""
    ET.register_namespace("", ATOM)
    default = portal.settings.languages[0]
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": default})
    newest = sorted(items, key=lambda u: (u.date, -u.order[0], -u.order[1]), reverse=True)

    def sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        element.text = printable(text) if text is not None else None  # XML cannot hold control characters
        return element

    sub(root, "id", feed_id)
    sub(root, "title", title)
    sub(root, "updated", _stamp(max((u.date for u in items), default=fallback)))
    author = sub(root, "author")
    sub(author, "name", " ".join(pick(portal.settings.authority, default, default).split()))
    sub(root, "link", rel="self", href=urls.relative(path, path))
    sub(root, "link", rel="alternate", type="text/html", href=_html(urls.relative(path, page)))
    sub(root, "generator", "planportal")
    for update in newest:
        item = sub(root, "entry")
        sub(item, "id", update.id)
        sub(item, "title", update.title)
        sub(item, "updated", _stamp(update.date))
        sub(item, "link", rel="alternate", type="text/html",
            href=_html(urls.relative(path, update.page)) + f"#{update.anchor}")
        sub(item, "content", update.text, type="text")
    ET.indent(root)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _html(path: str) -> str:
    return path.removesuffix(".md") + ".html"


def portal_feed(portal: Portal, path: str, by_plan: list[list[Update]] | None = None) -> bytes:
    """The feed of every plan's updates; `by_plan` is each plan's `updates`, when already made."""
    default = portal.settings.languages[0]
    if by_plan is None:
        by_plan = [updates(portal, e, i) for i, e in enumerate(portal.plans)]
    items = [u for plan_updates in by_plan for u in plan_updates]
    fallback = max((published_on(e) for e in portal.plans), default=dt.date(1970, 1, 1))
    title = f"Progress updates: {' '.join(pick(portal.settings.title, default, default).split())}"
    return feed(portal, path, title, urls.HOME, items, fallback, f"{TAG}{portal_slug(portal)}/updates")


def plan_feed(portal: Portal, entry: PlanEntry, path: str, items: list[Update] | None = None) -> bytes:
    """A plan's feed; `items` is its `updates`, when already made."""
    default = portal.settings.languages[0]
    title = f"Progress updates: {' '.join(pick(entry.plan.title, default, default).split())}"
    items = updates(portal, entry) if items is None else items
    return feed(portal, path, title, urls.plan(entry.id), items, published_on(entry),
                f"{TAG}{portal_slug(portal)}/{entry.id}/updates")
