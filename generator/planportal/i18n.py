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


def language_name(lang: str) -> str:
    """A language's name in itself: 'English', 'Cymraeg'."""
    name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_"))
    return (name or lang).capitalize()
