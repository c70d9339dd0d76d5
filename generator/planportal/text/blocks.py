r"""Text from YAML where the generator starts a Markdown block with it, kept as text.

The templates put text from plan data at the start of blocks: a heading's text, a definition
term (a partner's name, a glossary term), a table cell, a list item, the first words of a
paragraph. Markdown reads the start of a block as syntax: a partner called "-" would make its
term a list item (and lose the anchor that every link to the partner leads to), a target
"1. x" a list inside the list, a heading ending in "\" no heading at all. `block_text` is the one
place that keeps such text as text: the `h` filter (headings, definition terms) applies it
itself, the templates add the `block` filter after `cell` where a list item, a definition, a
table cell or a paragraph starts with text from the data, and `Site.related` applies it to a
related item given as text.

It escapes only what the site's Markdown (mkdocs.yml's extensions) would read as the start of
a block, with a backslash where Python-Markdown has one (\#, \-, \*, \+, \>, \|, \!, \[…\], 1\.) and a
character reference where it has none (&#58; for :, &#61; for =), so the text shows as written
and ordinary text is left exactly as it was. (The site has no fenced code blocks: ``` starts none.)
"""

from __future__ import annotations

import re

_ORDERED = re.compile(r"\d+\.(?=\s|$)")  # 1. an ordered list item
_LABEL = re.compile(r"\[[^\[\]]*\](?= ?:)")  # [label]: a reference definition
_ABBREVIATION = re.compile(r"\[[^\\]*?\](?= ?:)")  # after a *: *[HTML]: an abbreviation's (its label may hold [)
_TOC = "[TOC]"  # the toc extension's marker: a block of exactly this becomes the table of contents
_ALWAYS = {"#": "\\#", ">": "\\>", "|": "\\|"}  # a heading (no space needed), a quote, a table row
_SPACED = {"-": "\\-", "+": "\\+", "*": "\\*", ":": "&#58;"}  # then a space: a list item, a definition
_RULES = {"-": "\\-", "*": "\\*", "_": "\\_", "=": "&#61;"}  # alone, repeated: a rule, a setext underline


def block_text(line: str) -> str:
    r"""One line of safe Markdown (text.one_line's) that stays text at the start of any block:
    a heading, a definition term, a table cell, a list item or a paragraph. Its end is kept too,
    for a heading's line: a closing '#' and a lone backslash at the end are escaped.

    The starts of a block, each kept as text:

    >>> block_text("-"), block_text("- a list item"), block_text("+ another"), block_text("* and another")
    ('\\-', '\\- a list item', '\\+ another', '\\* and another')
    >>> block_text("1."), block_text("12. an ordered item")
    ('1\\.', '12\\. an ordered item')
    >>> block_text("#"), block_text("#hashtag"), block_text("## a heading")
    ('\\#', '\\#hashtag', '\\## a heading')
    >>> block_text("> a quote"), block_text(">")
    ('\\> a quote', '\\>')
    >>> block_text(": a definition"), block_text(":")
    ('&#58; a definition', '&#58;')
    >>> block_text("| a | table row |")
    '\\| a | table row |'
    >>> block_text("="), block_text("==="), block_text("---"), block_text("***"), block_text("_ _ _")
    ('&#61;', '&#61;==', '\\---', '\\***', '\\_ _ _')
    >>> block_text("    code, four spaces in"), block_text("\tcode, a tab in")
    ('code, four spaces in', 'code, a tab in')
    >>> block_text("!!! note"), block_text("[TOC]")
    ('\\!!! note', '\\[TOC\\]')
    >>> block_text("[label]: https://example.org/"), block_text("*[HTML]: https://example.org/")
    ('\\[label\\]: https://example.org/', '*\\[HTML\\]: https://example.org/')
    >>> block_text("*[[a]: https://example.org/")
    '*\\[[a\\]: https://example.org/'

    The end of a heading's line:

    >>> block_text("C#"), block_text("Room ##"), block_text("ends in \\"), block_text("ends in \\\\")
    ('C\\#', 'Room #\\#', 'ends in \\\\', 'ends in \\\\')

    Ordinary text, and text that starts with these characters but starts no block, is left as it was:

    >>> block_text("Plan 2010"), block_text("**Bold** start"), block_text("*emphasis*"), block_text("-5%")
    ('Plan 2010', '**Bold** start', '*emphasis*', '-5%')
    >>> block_text("1.5 metres"), block_text(":x"), block_text("= 2"), block_text("[a link](https://example.org/)")
    ('1.5 metres', ':x', '= 2', '[a link](https://example.org/)')
    >>> block_text("\\- escaped already"), block_text("C\\#"), block_text("&#58; already")
    ('\\- escaped already', 'C\\#', '&#58; already')
    """
    line = line.strip()
    if not line:
        return line
    first, rest = line[0], line[1:]
    if first in _ALWAYS:
        line = _ALWAYS[first] + rest
    elif first in _SPACED and (not rest or rest[0].isspace()):
        line = _SPACED[first] + rest
    elif first in _RULES and not line.replace(first, "").replace(" ", ""):
        line = _RULES[first] + rest
    elif first.isdigit() and (ordered := _ORDERED.match(line)):
        line = line[: ordered.end() - 1] + "\\" + line[ordered.end() - 1:]
    elif (label := _ABBREVIATION.match(line, 1) if first == "*" else _LABEL.match(line)) or line == _TOC:
        # Both brackets: a link around the text still pairs its own, and a * still makes emphasis.
        start, end = label.span() if label else (0, len(_TOC))
        line = line[:start] + "\\" + line[start: end - 1] + "\\" + line[end - 1:]
    elif line.startswith("!!!"):
        line = "\\" + line
    trailing = len(line) - len(line.rstrip("\\"))
    if trailing % 2:  # a lone backslash at the end would escape what follows: a heading's end of line
        return line + "\\"
    if line.endswith("#") and (len(line) - 1 - len(line[:-1].rstrip("\\"))) % 2 == 0:
        return line[:-1] + "\\#"  # a closing '#' of a heading, dropped as syntax
    return line
