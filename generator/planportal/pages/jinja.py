"""The Jinja set-up of the page templates: one environment per language (each `Site` makes its
own, saying what its templates may use), and the helpers templates call that need no language.

Templates write Markdown, so nothing is escaped as HTML by Jinja: every value from YAML passes
one of the filters (`t`, `md`, `cell`, `h`, `url`: see `Site`), which make it safe where it goes.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import jinja2

from planportal.pages import urls
from planportal.portal.dashboards import Row
from planportal.portal.joined import Placed


def environment(gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str],
                filters: dict[str, Callable[..., Any]], names: dict[str, Any]) -> jinja2.Environment:
    """The environment of one language's pages (the templates of pages/templates/): its labels by
    `gettext` and `ngettext`, and `filters` and `names` for what the templates use."""
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.PackageLoader("planportal.pages", "templates"),
        autoescape=False,  # the output is Markdown; every YAML value passes a filter
        auto_reload=False,  # templates do not change while pages are made: no need to look
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.context_class = _Context
    env.filters.update(filters)
    env.globals.update(names)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    # `_` as Jinja's new-style gettext does it (always %-formatted), called directly: a page
    # asks for a hundred labels, and Jinja's own wrapper is two more calls for each.
    env.globals["_"] = env.globals["gettext"] = lambda text, **values: gettext(text) % values
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
    links) straight away; Jinja's own check for pass_context and the like is for everything else.

    It overrides a method Jinja does not document, and earns its place: generating a 10,000-action
    portal took 26 to 31 s of CPU with it and 31 to 34 s without (three runs each, 2 December 2026),
    about 1 to 2% of a whole build, where the generator's share is held under 10%. Should a Jinja
    release change `Context.call`, drop this class: pages come out the same without it."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if type(__obj) in _PLAIN and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


_PLAIN = {types.FunctionType, types.MethodType, types.BuiltinFunctionType, type(urls.anchor)}  # last: lru_cache's
