"""The Jinja context the page templates run in."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import jinja2

from planportal.pages import urls


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
