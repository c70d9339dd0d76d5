"""Text from YAML in the page's language: a plain text, or one text per language."""

from __future__ import annotations

UNCHECKED = "unchecked"


def resolve(value: str | dict[str, str] | None, lang: str, default: str) -> tuple[str, bool, bool]:
    """The text in `lang`, whether it fell back to the default language, and whether its
    translation is marked as not yet checked.

    >>> resolve({"en": "Plan", "cy": "Cynllun", "unchecked": "cy"}, "cy", "en")
    ('Cynllun', False, True)
    >>> resolve({"en": "Plan"}, "cy", "en"), resolve("Plan", "en", "en")
    (('Plan', True, False), ('Plan', False, False))
    """
    if value is None:
        return "", False, False
    if isinstance(value, str):
        return value, lang != default, False
    if value.get(lang):
        return value[lang], False, lang in value.get(UNCHECKED, "").split()
    return value.get(default, ""), lang != default, False


def pick(value: str | dict[str, str] | None, lang: str, default: str) -> str:
    """The text in `lang`, else in the portal's default language, else ''.

    >>> pick({"en": "Plan", "cy": "Cynllun"}, "cy", "en"), pick("Plan", "cy", "en")
    ('Cynllun', 'Plan')
    """
    return resolve(value, lang, default)[0]
