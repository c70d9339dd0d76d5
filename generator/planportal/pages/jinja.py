"""The Jinja environment the page templates run in: one per language (each `Site` has its own),
its filters for text from the data and its globals for labels, links and shared parts.

Templates write Markdown, so nothing is escaped as HTML by Jinja: every value from YAML passes
one of the filters (`t`, `md`, `cell`, `h`, `url`), which make it safe where it goes.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import jinja2

from planportal.pages import urls
from planportal.pages.labels import outcome_name, theme_name
from planportal.portal.dashboards import Row
from planportal.portal.joined import Placed
from planportal.text.markdown import heading_text, one_line, safe_markdown, web_address, yes_no

if TYPE_CHECKING:
    from planportal.pages.context import Site


def environment(site: Site) -> jinja2.Environment:
    """The environment of `site`'s pages, with the templates of pages/templates/."""
    _ = site._
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.PackageLoader("planportal.pages", "templates"),
        autoescape=False,  # the output is Markdown; every YAML value passes a filter below
        auto_reload=False,  # templates do not change while pages are made: no need to look
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.context_class = _Context
    env.filters.update(
        groupby_rec=group_by_recommendation, t=site.t, md=lambda v: safe_markdown(site.t(v)),
        cell=lambda v: site.marked(v, one_line), h=lambda v: site.marked(v, heading_text), url=web_address,
    )
    env.globals.update(
        urls=urls, link=urls.from_root, person_name=site.person_name,
        partner_link=site.partner_link, part=site.part, action_anchor=action_anchor,
        action_rows=site.action_rows, action_link=site.action_link,
        rec_title=site.rec_title, source_name=site.source_name, urgency_words=site.urgency_words,
        due=site.due, day=site.day, when=site.when, badge=site.badge, status_label=site.status_label,
        tally_words=site.tally_words, chart_alt=site.chart_alt, state_words=site.state_words,
        related=site.related, flags=site.flags,
        theme_name=lambda theme_id, title: theme_name(_, theme_id, title),
        outcome_name=lambda theme_id, outcome_id, title: outcome_name(_, theme_id, outcome_id, title),
        priority_title=lambda p: site.t(site.portal.priorities[p].title),
        indicator_title=lambda c: site.t(site.portal.indicators[c].title),
    )
    env.install_gettext_callables(_, site.ngettext, newstyle=True)  # type: ignore[attr-defined]
    # `_` as Jinja's new-style gettext does it (always %-formatted), called directly: a page
    # asks for a hundred labels, and Jinja's own wrapper is two more calls for each.
    env.globals["_"] = env.globals["gettext"] = lambda text, **values: _(text) % values
    env.globals["yes_no"] = lambda value: yes_no(value, _)  # in the page's language
    return env


def action_anchor(action_id: str) -> str:
    """Where an action's anchor goes in a recommendation's details: see plans.action_anchors."""
    return f"\x01{action_id}\x01"


def group_by_recommendation(rows: list[Row]) -> list[tuple[Placed, list[Row]]]:
    """Action rows grouped under their recommendation, in the order they come."""
    groups: dict[tuple[str, str], tuple[Placed, list[Row]]] = {}
    for row in rows:
        groups.setdefault(row.placed.key, (row.placed, []))[1].append(row)
    return list(groups.values())


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
