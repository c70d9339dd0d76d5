"""Languages: the message catalogue of every label the generator writes, and dates in words.

English is the source language: msgids are the English labels. Each other language has a
catalogue at locales/<lang>/LC_MESSAGES/messages.po, read with Babel; month names come from
Babel's locale data (CLDR), so Welsh dates read "1 Mawrth 2026".
"""

from __future__ import annotations

import gettext as gettext_module
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = Path(__file__).parent / "locales"
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
