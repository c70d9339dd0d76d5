"""The texts of a model: every field that may carry translations, with its path in the file."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

Loc = tuple[str | int, ...]


def translatable(value: Any, path: Loc = (), is_text: bool = False) -> Iterator[tuple[Loc, str | dict[str, str]]]:
    """Every text field that may carry translations (a model.Text: plain text, or a mapping of
    language to text) in a model, with its path. Ids, refs, codes and dates are not texts."""
    if isinstance(value, BaseModel):
        for name, is_text_field in _text_fields(type(value)):
            yield from translatable(getattr(value, name), path + (name,), is_text_field)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from translatable(item, path + (i,), is_text)
    elif is_text and isinstance(value, str | dict):
        yield path, value


@functools.cache
def _text_fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """A model's fields, each with whether it holds texts (worked out once per model class)."""
    return tuple((name, "dict[str, str]" in str(info.annotation)) for name, info in cls.model_fields.items())


def _texts(value: Any, path: Loc) -> Iterator[tuple[Loc, dict[str, str]]]:
    """Every text given per language (a mapping of language to text) in a model, with its path."""
    for where, text in translatable(value, path):
        if isinstance(text, dict):
            yield where, text
