"""Text from YAML on its way into Markdown, made safe: raw HTML shown as text, links only to web
addresses, one-line forms for headings and table cells; and front matter.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Callable
from typing import Any

import yaml

# libyaml's safe loader and dumper where PyYAML has them: the same YAML, ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_REFERENCE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # &amp; &#115; &#x6A; &colon;: shown, never decoded
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # browsers drop these inside addresses
_INLINE_LINK = re.compile(r"\]\(\s*")  # [text](target and ![alt](target
_DEFINITION = re.compile(r"\[[^\[\]]*\]:\s*")  # [label]: target, anywhere (lists and quotes hold them too)
_WEB_ADDRESS = re.compile(r"(?:https?://|mailto:)[^\s)\]]", re.IGNORECASE)
"""The key, in a translated text, listing languages whose text a speaker has not checked yet."""


def _inline_link(match: re.Match[str]) -> str:
    return match[0] if _WEB_ADDRESS.match(match.string, match.end()) else "]&#40;" + match[0][2:]


def _definition(match: re.Match[str]) -> str:
    return match[0] if _WEB_ADDRESS.match(match.string, match.end()) else "&#91;" + match[0][1:]


def safe_markdown(text: str) -> str:
    """Markdown from YAML with HTML shown as text and every link but a web address disarmed.

    >>> safe_markdown('<script>x</script> [a](javascript:alert(1)) [b](https://example.org/)')
    '&lt;script&gt;x&lt;/script&gt; [a]&#40;javascript:alert(1)) [b](https://example.org/)'
    >>> safe_markdown('[a]: data:text/html,x &#106;s ![i](https://example.org/i.png) {: #x}')
    '&#91;a]: data:text/html,x &amp;#106;s !&#91;i](https://example.org/i.png) &#123;: #x}'
    """
    text = _CONTROL.sub("", text)
    if "&" in text:  # each test first: most texts hold none of these, and a page has hundreds of texts
        text = _REFERENCE.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace("{", "&#123;").replace("![", "!&#91;")
    if "](" in text:
        text = _INLINE_LINK.sub(_inline_link, text)
    return _DEFINITION.sub(_definition, text) if "]:" in text else text


def web_address(url: str) -> str:
    """An http(s) address as a Markdown link target: whatever Markdown or HTML would read as syntax
    (quotes, brackets, spaces, < >) percent-encoded, so the address cannot end the link or the attribute.

    >>> web_address('https://example.org/a b"><script>(1)')
    'https://example.org/a%20b%22%3E%3Cscript%3E%281%29'
    """
    return urllib.parse.quote(url, safe="-._~:/?#@!$&*+,;=%")


def html_text(text: str) -> str:
    """Text for the theme's templates, which print the site name and nav titles as HTML without
    escaping them: tags and quotes escaped, lines joined (& is kept: where a template does escape,
    it would show as &amp;).

    >>> html_text('A & B "<b>"')
    'A & B &quot;&lt;b&gt;&quot;'
    """
    return " ".join(text.split()).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def one_line(text: str) -> str:
    """Safe Markdown on one line, for table cells and list items: '|' escaped, lines joined (and a
    backslash the text puts before a '|' escaped too, which would otherwise end a table cell there).

    >>> one_line("a | b\\n\\nc"), one_line("a \\\\| b")
    ('a \\\\| b c', 'a \\\\\\\\\\\\| b')
    """
    line = " ".join(safe_markdown(text).split())
    return _PIPE.sub(_pipe, line) if "|" in line else line


_PIPE = re.compile(r"(\\*)\|")


def _pipe(match: re.Match[str]) -> str:
    return match[1] + "\\" * (len(match[1]) % 2) + "\\|"


def heading_text(text: str) -> str:
    """Safe text for a Markdown heading: one line, without a trailing '#' run or attribute list."""
    return one_line(text).rstrip("#").strip()


def yes_no(value: Any, _: Callable[[str], str] = lambda message: message) -> str:
    """'Yes', 'No' or 'Not stated', in the language of `_` (a gettext)."""
    return {True: _("Yes"), False: _("No")}.get(value, _("Not stated"))


_ANY_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")


def unlink(markdown: str) -> str:
    """Markdown with every inline link replaced by its text, for documents that leave the site.

    >>> unlink("See [Recommendation 1](../recommendations/1.md#action-2).")
    'See Recommendation 1.'
    """
    return _ANY_LINK.sub(r"\1", markdown)


def demote(markdown: str, levels: int = 1) -> str:
    r"""Every ATX heading `levels` deeper, to nest a page inside another.

    >>> demote("# A\n\ntext #1\n## B")
    '## A\n\ntext #1\n### B'
    """
    return re.sub(r"^(#{1,6}) ", lambda m: "#" * min(6, len(m[1]) + levels) + " ", markdown, flags=re.MULTILINE)


def with_front_matter(markdown: str, extra: dict[str, object]) -> str:
    r"""Markdown with `extra` keys added to its YAML front matter (made if it has none). They are
    written after its own lines, each as JSON, which YAML reads too, so that each of thousands of
    pages is not parsed and written as YAML again. A key it already has is replaced.

    >>> with_front_matter("---\nsearch:\n  boost: 2\n---\n# A\n", {"x": [{"a": 1}]})
    '---\nsearch:\n  boost: 2\nx: [{"a": 1}]\n---\n# A\n'
    >>> with_front_matter("---\nx: 1\n---\n# A\n", {"x": 2}), with_front_matter("# A\n", {"x": 2})
    ('---\nx: 2\n---\n# A\n', '---\nx: 2\n---\n# A\n')
    """
    head, body = "", markdown
    if markdown.startswith("---\n"):
        own, sep, rest = markdown[4:].partition("\n---\n")
        if sep:
            head, body = own + "\n", rest
    if any(re.search(rf"^{re.escape(key)}\s*:", head, re.MULTILINE) for key in extra):
        meta, body = front_matter(markdown)
        kept = {key: value for key, value in meta.items() if key not in extra}
        head = yaml.dump(kept, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True) if kept else ""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in extra.items())
    return "---\n" + head + lines + "---\n" + body


def front_matter(markdown: str) -> tuple[dict[str, Any], str]:
    """A page's YAML front matter (empty if it has none or it is not a mapping) and the rest."""
    if markdown.startswith("---\n"):
        head, sep, rest = markdown[4:].partition("\n---\n")
        if sep:
            try:
                meta = yaml.load(head, Loader=SAFE_LOADER)
            except yaml.YAMLError:
                return {}, markdown
            if isinstance(meta, dict):
                return meta, rest
    return {}, markdown


def after_title(markdown: str, block: str) -> str:
    r"""Markdown with `block` inserted after its first level-1 heading (or at the top).

    >>> after_title("# A\n\ntext\n", "note")
    '# A\n\nnote\n\ntext\n'
    """
    match = re.search(r"^# .*$", markdown, re.MULTILINE)
    if not match:
        return block + "\n\n" + markdown
    return markdown[: match.end()] + "\n\n" + block + markdown[match.end():]
