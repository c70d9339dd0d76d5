"""Abbreviations the plans use that no glossary entry explains (`planportal check --abbreviations`).

A word is taken for an abbreviation when it starts with a capital, has at least two, and has no
more small letters than capitals: LAC, CYPP, C&YPPB, CiN, NI. A plural (LSCBs) is its singular.
Roman numerals, months (MAR 06) and web addresses are left out. Entries are matched as the glossary gives them,
capitals and all, as pages mark them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from planportal.source.files import Loaded
from planportal.source.texts import translatable

_WORD = re.compile(r"(?<![\w&])[A-Za-z0-9&]+(?![\w&])")
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+")
_ROMAN = re.compile(r"[IVXLC]+")
_MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC"}


def abbreviation(word: str) -> str | None:
    """The abbreviation a word is, if it is one (a plural as its singular).

    >>> [abbreviation(w) for w in ("LAC", "LSCBs", "C&YPPB", "CiN", "NI", "Leeds", "McDonald", "III", "A", "MAR")]
    ['LAC', 'LSCB', 'C&YPPB', 'CiN', 'NI', None, None, None, None, None]
    """
    if len(word) > 2 and word.endswith("s") and word[-2].isupper():
        word = word[:-1]
    capitals = sum(c.isupper() for c in word)
    small = sum(c.islower() for c in word)
    if not word[0].isupper() or capitals < 2 or small > capitals - 1 or _ROMAN.fullmatch(word) or word in _MONTHS:
        return None
    return word


def abbreviations(text: str) -> Iterator[tuple[int, str]]:
    """Each abbreviation in a text, with where it starts; web addresses left out.

    >>> list(abbreviations("The LSCB and CAMHS (see www.LSCB.org/LAC) met; LSCBs agreed."))
    [(4, 'LSCB'), (13, 'CAMHS'), (47, 'LSCB')]
    """
    text = _ADDRESS.sub(lambda m: " " * len(m[0]), text)
    for match in _WORD.finditer(text):
        found = abbreviation(match[0])
        if found:
            yield match.start(), found


@dataclass(frozen=True)
class Unexplained:
    """An abbreviation no glossary entry explains: how often the plans use it, and where first."""

    term: str
    count: int
    file: str
    line: int
    column: int


def unexplained(files: Iterable[Loaded], glossary: set[str]) -> list[Unexplained]:
    """Every abbreviation the texts of the plan files use and `glossary` does not hold, the most
    used first, each placed at its first use."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[str, int, int]] = {}
    for loaded in files:
        for path, value in translatable(loaded.data):
            for text in ([value] if isinstance(value, str) else value.values()):
                for _, term in abbreviations(text):
                    if term in glossary:
                        continue
                    counts[term] = counts.get(term, 0) + 1
                    first.setdefault(term, (loaded.doc.file, *loaded.doc.position(path)))
    return [Unexplained(term, count, *first[term])
            for term, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
