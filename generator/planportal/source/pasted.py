"""Characters text pasted from Word brings into a plan file, which look like others or cannot be seen:
curly quotes, non-breaking spaces, tabs, dashes. Each is named, with what to type instead, and every one
in a file is found at once (yamlfile.py reports them beside the problem that stopped the reading, so
that one never hides the rest).

>>> for line, column, message in pasted("plan:\\n\\ttitle: x\\n  state:\\u00a0draft\\n  text: \\u201cWord\\u201d\\n"
...                                      "  lead:\\n    - \\u2018SF\\u2019\\n"):
...     print(line, column, message[:60])
2 1 a tab, which cannot be seen, is in the indentation: delete i
3 9 a non-breaking space, which cannot be seen (Word puts them i
4 9 this value is in curly quotes (“ ”), which YAML does not rea
6 7 this value is in curly quotes (‘ ’), which YAML does not rea
"""

from __future__ import annotations

import re

NAMES = {
    "\t": "a tab, which cannot be seen,",
    "\u00a0": "a non-breaking space, which cannot be seen (Word puts them in),",
    "\u2007": "a figure space, which cannot be seen,",
    "\u202f": "a narrow non-breaking space, which cannot be seen,",
    "\u200b": "a zero-width space, which cannot be seen,",
    "\ufeff": "a zero-width no-break space, which cannot be seen,",
}
"""The invisible characters that break a YAML file's layout, as staff are told of them."""

INSTEAD = {"\t": "delete it and type spaces, lined up with the lines around it"}
CURLY = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201d", "\u00ab": "\u00bb"}
DASHES = {"\u2013": "an en dash (–)", "\u2014": "an em dash (—)", "\u2212": "a minus sign (−)"}

_ITEM = re.compile(r"(?:-[ \t\u00a0]+)*")
_KEY = re.compile(r"[^\s:#'\"][^:#]*?:[ \t\u00a0]+")


def pasted(text: str) -> list[tuple[int, int, str]]:
    """Every pasted character that breaks the layout, or a value in curly quotes: (line, column, message)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t\u00a0\u2007\u202f\u200b\ufeff"))
        for column, char in enumerate(line[:indent], start=1):
            if char in NAMES:
                found.append((number, column, f"{NAMES[char]} is in the indentation: "
                                              f"{INSTEAD.get(char, 'delete it and type an ordinary space')}"))
        body = line[indent:]
        if body[:1] in DASHES and body[1:2].isspace():
            found.append((number, indent + 1, f"{DASHES[body[0]]} starts this line where a list item's '-' goes: "
                                              "type a hyphen (-) instead"))
            continue
        colon = re.match(r"(?:-\s+)?[A-Za-z_][\w-]*:([\u00a0\u2007\u202f\u200b]+)", body)
        if colon:
            found.append((number, indent + colon.start(1) + 1,
                          f"{NAMES[colon[1][0]]} follows the ':': delete it and type an ordinary space"))
        start = _ITEM.match(body).end()  # type: ignore[union-attr]
        key = _KEY.match(body, start)
        start = key.end() if key else start
        if body[start:start + 1] in CURLY:
            found.append((number, indent + start + 1,
                          f"this value is in curly quotes ({body[start]} {CURLY[body[start]]}), which YAML does not "
                          "read as quotes: type straight quotes (\") instead, or leave the quotes out"))
    return found


def hint(value: object) -> str:
    """What a pasted character in `value` is, for a message about that value: '' if it has none.

    >>> hint("\u201cSF\u201d"), hint("SF")
    (' (it holds curly quotes (“ ”), pasted from Word: type straight quotes, or none)', '')
    """
    if not isinstance(value, str):
        return ""
    if any(c in value for c in (*CURLY, *CURLY.values())):
        return " (it holds curly quotes (“ ”), pasted from Word: type straight quotes, or none)"
    invisible = next((c for c in value if c in NAMES), None)
    if invisible is not None:
        return f" (it holds {NAMES[invisible].rstrip(',')}: delete it, and type an ordinary space if one is meant)"
    return ""
