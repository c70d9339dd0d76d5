"""Characters a plan file or content page cannot hold, named for staff: text that is not UTF-8
(UTF-16 from Notepad or Excel, Windows-1252), control characters (NUL, ESC …) and the invisible
ones text brings when pasted: a byte-order mark in the middle of a file (two files pasted
together), a line separator from a PDF. Each is given with its line and column, as editors count,
and what to do; without this check YAML would refuse them in words staff cannot act on (or read a
key with an invisible mark before it as another key).
"""

from __future__ import annotations

import re
import unicodedata

Found = tuple[int, int, str]
"""(line, column, message), 1-based."""

INVISIBLE = {
    "\ufeff": "a byte-order mark (U+FEFF, invisible) is here, in the middle of the file: two files were probably "
              "pasted together; delete it (it is just before the first visible character here)",
    "\u2028": "a line separator (U+2028, invisible, brought by text copied from a PDF) is here: "
              "replace it with a space, or start a new line",
    "\u2029": "a paragraph separator (U+2029, invisible, brought by text copied from a PDF) is here: "
              "replace it with a space, or start a new line",
    "\x85": "a 'next line' character (U+0085, invisible, brought by text copied from another program) is here: "
            "replace it with a space, or start a new line",
}
"""Characters that YAML would take for something else, and what to do about each."""

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The bidirectional controls that change the direction of the text after them until they are closed: one
left open (an unterminated U+202E in a title) reverses whatever follows on every page that shows it, the
portal's name in the page's <title> included. Plans in English and Welsh never need them."""

ZERO_WIDTH = "\u200b\u2060"
"""A zero-width space and a word joiner: invisible, they make two words or terms that look the same differ."""


UNWANTED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029{BIDI}{ZERO_WIDTH}]")
"""The control characters (all but tab, line feed and carriage return), those of INVISIBLE, BIDI and
ZERO_WIDTH."""


def _where(text: str, index: int) -> tuple[int, int]:
    """The line and column of `text[index]`, 1-based.

    >>> _where("ab\\ncd", 4)
    (2, 2)
    """
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def undecodable(raw: bytes) -> Found | None:
    """Why `raw` is not UTF-8 text, at the first place it is not; None if it is.

    >>> undecodable("plan:".encode("utf-16-le"))[2].split(":")[0]
    'the file is UTF-16 text (every other byte is zero), not UTF-8'
    >>> undecodable(b"title: caf\\xe9\\n")
    (1, 11, 'the file is not UTF-8 text (byte 0xe9 here is not UTF-8): save it as UTF-8')
    >>> undecodable("café".encode()) is None
    True
    """
    zeros = raw[:4096].count(0)
    if zeros and zeros * 4 > len(raw[:4096]) and (raw[1::2][:2048].count(0) * 2 > zeros or
                                                    raw[0::2][:2048].count(0) * 2 > zeros):
        return (1, 1, "the file is UTF-16 text (every other byte is zero), not UTF-8: save it as UTF-8 "
                "(in Notepad or Excel: Save As, Encoding UTF-8)")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start].decode("utf-8", "replace")
        line, column = _where(before + "?", len(before))
        return (line, column, f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} here is not UTF-8): "
                "save it as UTF-8")
    return None


def _name(char: str) -> str:
    """A control character as staff can look it up.

    >>> _name("\\x1b")
    'U+001B, ESCAPE'
    """
    names = {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x08": "BACKSPACE", "\x0c": "FORM FEED",
             "\x0b": "VERTICAL TAB"}
    return f"U+{ord(char):04X}, " + names.get(char, unicodedata.name(char, "a control character"))


def unwanted(text: str) -> list[Found]:
    """Every character in `text` (decoded, its leading byte-order mark gone) that a plan file cannot hold.

    >>> unwanted("a: 1\\n\\ufeffb: 2\\n")[0][:2]
    (2, 1)
    >>> unwanted("a: x\\x1by\\n")
    [(1, 5, 'a control character (U+001B, ESCAPE) is here: it is invisible, and has no place in a plan; delete it')]
    >>> unwanted("a: tab\\there\\r\\n")
    []
    """
    found = []
    for match in UNWANTED.finditer(text):
        found.append((*_where(text, match.start()), why_unwanted(match.group())))
    return found


def why_unwanted(char: str) -> str:
    """What is wrong with one of the UNWANTED characters, and what to do.

    >>> why_unwanted("\u202e").split(":")[0]
    'a bidirectional control (U+202E, RIGHT-TO-LEFT OVERRIDE) is here'
    """
    if char in INVISIBLE:
        return INVISIBLE[char]
    if char in BIDI:
        return (f"a bidirectional control ({_name(char)}) is here: it turns the text after it round on the site; "
                "delete it")
    if char in ZERO_WIDTH:
        return (f"an invisible character ({_name(char)}) is here: it makes words that look the same differ; "
                "delete it")
    return f"a control character ({_name(char)}) is here: it is invisible, and has no place in a plan; delete it"


def normal(text: str) -> str:
    """`text` in Unicode's composed form (NFC): é typed as one character or as e and an accent is the same é,
    so that look-alike terms and ids are the same, and collide as they should.

    >>> normal("cafe\u0301") == "caf\u00e9"
    True
    """
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def summary(found: list[Found]) -> Found:
    """The first problem, saying how many more of them there are.

    >>> summary([(1, 2, "x"), (3, 4, "y")])
    (1, 2, 'x (and 1 more such character in the file)')
    """
    line, column, message = found[0]
    more = len(found) - 1
    return (line, column, message + (f" (and {more} more such character{'s' if more > 1 else ''} in the file)"
                                     if more else ""))
