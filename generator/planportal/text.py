"""Text from YAML on its way into Markdown: picking the language, and making it safe.

Text in plan files is Markdown for formatting, never HTML: angle brackets are escaped,
attribute lists ({: ...}) are disarmed and links may only go to http, https, mailto or a
relative address inside the site.
"""

from __future__ import annotations

import re
from typing import Any

SAFE_SCHEMES = ("http:", "https:", "mailto:")
_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)([^\s)>]*)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def pick(value: str | dict[str, str] | None, lang: str, default: str) -> str:
    """The text in `lang`, else in the portal's default language, else ''.

    >>> pick({"en": "Plan", "cy": "Cynllun"}, "cy", "en"), pick("Plan", "cy", "en")
    ('Cynllun', 'Plan')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get(default) or ""


def _safe_target(match: re.Match[str]) -> str:
    target = match.group(2)
    unsafe = bool(_SCHEME.match(target)) and not target.lower().startswith(SAFE_SCHEMES)
    return match.group(1) + ("#" if unsafe or target.startswith("//") else target)


def safe_markdown(text: str) -> str:
    """Markdown from YAML with HTML escaped and unsafe links disarmed.

    >>> safe_markdown('<script>x</script> [a](javascript:alert(1))')
    '&lt;script&gt;x&lt;/script&gt; [a](#))'
    """
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("{", "&#123;")
    return _LINK.sub(_safe_target, text)


def one_line(text: str) -> str:
    """Safe Markdown on one line, for table cells and list items: '|' escaped, lines joined.

    >>> one_line("a | b\\n\\nc")
    'a \\\\| b c'
    """
    return " ".join(safe_markdown(text).split()).replace("|", "\\|")


def heading_text(text: str) -> str:
    """Safe text for a Markdown heading: one line, without a trailing '#' run or attribute list."""
    return one_line(text).rstrip("#").strip()


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 action', '3 actions'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def yes_no(value: Any) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not stated")
