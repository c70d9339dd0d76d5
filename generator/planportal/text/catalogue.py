"""Languages: the message catalogue of every label the generator writes, and dates in words.

English is the source language: msgids are the English labels. Each other language has a
catalogue at locales/<lang>/LC_MESSAGES/messages.po, read with Babel; month names come from
Babel's locale data (CLDR), so Welsh dates read "1 Mawrth 2026".
"""

from __future__ import annotations

import gettext as gettext_module
import re
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = Path(__file__).parent.parent / "locales"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks English text as a msgid for `make messages` without translating it here (gettext_noop):
    it is translated where it is shown."""
    return message


def untranslated(message: str) -> str:
    """The identity gettext: English labels as they are."""
    return message


RESERVED = [  # in every catalogue for the language switch and the marking of untranslated text
    # Translators: a language's name in the language switch; each language is named in itself.
    N_("English"),
    # Translators: a language's name in the language switch; each language is named in itself.
    N_("Cymraeg"),
    # Translators: marks text shown in English on a Welsh page.
    N_("Not yet available in Welsh"),
    N_("Some text on this page is not yet available in Welsh and is shown in English."),
    N_("Translation not yet checked by a Welsh speaker"),
]


def catalogue_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext_module.NullTranslations:
    """The catalogue for `lang`; English (and any language without one) passes labels through."""
    path = catalogue_path(lang)
    if not path.is_file():
        return gettext_module.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    mo = BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


@cache
def month_names(lang: str) -> list[str]:
    """['', 'January', …] in the language, from CLDR.

    >>> month_names("cy")[3]
    'Mawrth'
    """
    names = Locale.parse(lang.replace("-", "_")).months["format"]["wide"]
    return [""] + [names[m] for m in range(1, 13)]


@cache
def short_month_names(lang: str) -> list[str]:
    """['', 'Jan', …] in the language, from CLDR, for chart axes.

    >>> short_month_names("cy")[2]
    'Chwef'
    """
    names = Locale.parse(lang.replace("-", "_")).months["format"]["abbreviated"]
    return [""] + [names[m] for m in range(1, 13)]


def language_name(lang: str) -> str:
    """A language's name in itself: 'English', 'Cymraeg'."""
    name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_"))
    return (name or lang).capitalize()


# Welsh soft-mutates a month name after "i" (to) and "o" (from, of): "Ionawr i Fawrth 2006".
SOFT_MUTATION = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"}
MUTATING_WORDS = {"cy": ("i", "o")}


def soft_mutation(word: str) -> str:
    """A Welsh word with its first consonant softened: Mawrth → Fawrth, Gorffennaf → Orffennaf.

    >>> [soft_mutation(w) for w in ("Mawrth", "Gorffennaf", "Rhagfyr", "Tachwedd", "Chwefror", "Ionawr")]
    ['Fawrth', 'Orffennaf', 'Ragfyr', 'Dachwedd', 'Chwefror', 'Ionawr']
    """
    lower = word.lower()
    if lower.startswith(("ch", "ph", "th")):  # already aspirate-spelt: no soft mutation
        return word
    for start in sorted(SOFT_MUTATION, key=len, reverse=True):
        if lower.startswith(start):
            softened = SOFT_MUTATION[start] + word[len(start):]
            return softened[:1].upper() + softened[1:] if word[:1].isupper() else softened
    return word


def mutate_months(text: str, lang: str) -> str:
    """Month names after the words that mutate them, mutated (Welsh); other languages unchanged.

    >>> mutate_months('Ionawr i <time datetime="2006-03">Mawrth 2006</time>', "cy")
    'Ionawr i <time datetime="2006-03">Fawrth 2006</time>'
    """
    words = MUTATING_WORDS.get(lang)
    if not words:
        return text
    names = "|".join(month_names(lang)[1:])
    pattern = rf"\b({'|'.join(words)}) ((?:<time[^>]*>)?)({names})\b"
    return re.sub(pattern, lambda m: f"{m[1]} {m[2]}{soft_mutation(m[3])}", text)
