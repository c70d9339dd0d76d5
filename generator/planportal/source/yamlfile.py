"""Reading YAML safely, remembering the line and column of every value.

PyYAML's safe loader accepts duplicate keys silently and expands aliases (the
"billion laughs" attack); here both are errors, and each value's position is kept
so that validation can point staff at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planportal.source.characters import UNWANTED, normal, summary, undecodable, unwanted, why_unwanted
from planportal.source.pasted import pasted
from planportal.source.problems import PlanPortalError

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain data from one file, with the (line, column) of each value and key, 1-based."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    written: dict[Path_, str] = field(default_factory=dict)
    """What was typed, for each unquoted value YAML read as something other than text (yes as true,
    1.10 as 1.1, 010 as 8, 1:30 as 90, 2010-03-01 as a date), so that messages say what staff wrote."""

    def position(self, path: Path_) -> tuple[int, int]:
        """The position of the deepest part of `path` that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)

    def key_position(self, path: Path_) -> tuple[int, int]:
        """The position of the key naming `path` (for unknown fields), else of its value."""
        return self.keys.get(path) or self.position(path)


class YamlError(PlanPortalError):
    """A file that is not readable YAML; carries a position and a message for staff."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message
        self.more: list[tuple[int, int, str]] = []
        """Characters pasted from Word elsewhere in the file (source/pasted.py), so that one problem hides none."""


def _mark(node: Any) -> tuple[int, int]:
    """Where a node or event starts, 1-based."""
    return (node.start_mark.line + 1, node.start_mark.column + 1)


MAX_BYTES = 10 * 1024 * 1024
"""The largest plan file read: the biggest real plan is a few hundred kilobytes."""

MAX_DEPTH = 100
"""The deepest nesting of lists and mappings accepted; real plans go about 20 deep."""


class _Loader(yaml.SafeLoader):
    """The safe loader, all in Python (its messages are the ones staff see), composing so that it
    refuses anchors and aliases before anything is expanded, and nesting deeper than MAX_DEPTH
    before Python's recursion limit is reached."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(line, column, f"aliases (*{anchor}) are not allowed in plan files: "
                                "write the value out in full")
            raise YamlError(line, column, f"anchors (&{anchor}) are not allowed in plan files: remove it, "
                            "and write the value out in full wherever it is used")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":  # explicit tags build other types of value (!!binary, !!python/...)
            raise YamlError(line, column, f"tags ({tag.replace('tag:yaml.org,2002:', '!!')}) are not allowed in plan "
                            "files: remove it (and put the value in quotes if it is text)")
        if self._depth >= MAX_DEPTH:
            raise YamlError(line, column, f"lists and mappings are nested more than {MAX_DEPTH} deep here: "
                            "plan files need far fewer levels; check the brackets and indentation")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


CParser: Any = yaml.cyaml.CParser if yaml.__with_libyaml__ else None  # type: ignore[attr-defined]
"""libyaml's parser, or None where PyYAML was built without it."""


class _Unusual(Exception):
    """Something the quick reading leaves to the careful one: an anchor, a tag, a duplicate key…"""


if CParser is not None:
    class _EventLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser (about ten times faster than PyYAML's) with the safe loader's values."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _quick(text: str, file: str) -> YamlDocument:
    """The document, read straight from libyaml's events into values and positions: the same as
    `_parse` gives, in less than half the time, for a file that is fine. Anything `_parse` would refuse
    or explain raises _Unusual (or YAMLError), and the careful reading is done instead."""
    doc = YamlDocument(file=file, data=None)
    loader = _EventLoader(text)
    try:
        loader.get_event()
        if loader.check_event(yaml.StreamEndEvent):
            raise _Unusual("empty")
        loader.get_event()
        doc.data = _quick_value(loader, (), doc, 0)
        loader.get_event()
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Unusual("a second document")
    finally:
        loader.dispose()
    return doc


def _quick_value(loader: Any, path: Path_, doc: YamlDocument, depth: int) -> Any:
    event = loader.get_event()
    if getattr(event, "anchor", None) is not None or event.tag not in (None, "!") or depth >= MAX_DEPTH:
        raise _Unusual(event)
    doc.values[path] = _mark(event)
    if type(event) is yaml.ScalarEvent:
        value = _quick_scalar(loader, event)
        if isinstance(value, str):
            if UNWANTED.search(value):  # written as an escape ("\x1b"): the careful reading says where
                raise _Unusual(value)
            return normal(value)
        if value is not None:
            doc.written[path] = event.value
        return value
    if type(event) is yaml.SequenceStartEvent:
        items: list[Any] = []
        while not loader.check_event(yaml.SequenceEndEvent):
            items.append(_quick_value(loader, path + (len(items),), doc, depth + 1))
        loader.get_event()
        return items
    result: dict[str, Any] = {}
    while not loader.check_event(yaml.MappingEndEvent):
        key_event = loader.get_event()
        if type(key_event) is not yaml.ScalarEvent or key_event.anchor is not None or key_event.tag not in (None, "!"):
            raise _Unusual(key_event)
        key = str(_quick_scalar(loader, key_event))
        if key == "<<" or key in result:
            raise _Unusual(key)
        doc.keys[path + (key,)] = _mark(key_event)
        result[key] = _quick_value(loader, path + (key,), doc, depth + 1)
    loader.get_event()
    return result


def _quick_scalar(loader: Any, event: Any) -> Any:
    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return loader.yaml_constructors[tag](loader, node)


def _scalar(loader: _Loader, node: yaml.Node) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as err:
        line, column = _mark(node)
        raise YamlError(line, column, f"{node.value!r} is not a valid value ({err.problem})") from None
    except ValueError as err:
        line, column = _mark(node)
        if node.tag == "tag:yaml.org,2002:timestamp":
            raise YamlError(line, column, f"{node.value!r} is not a real date ({err}): correct it, "
                            "and put dates in quotes") from None
        if node.tag == "tag:yaml.org,2002:int":  # more digits than Python reads (4,300)
            raise YamlError(line, column, f"{shorten(node.value)!r} is too large a number: write one of at most "
                            "15 digits, or put it in quotes if it is text") from None
        raise YamlError(line, column, f"{shorten(node.value)!r} is not a valid value ({err})") from None
    return value


def shorten(text: str, most: int = 40) -> str:
    """`text`, or its start and how long it is, if it is longer than `most` characters.

    >>> shorten("9" * 5000)
    '9999999999999999999999999… (5000 characters)'
    """
    return text if len(text) <= most else f"{text[:most - 15]}… ({len(text)} characters)"


def _walk(loader: _Loader, node: yaml.Node, path: Path_, doc: YamlDocument) -> Any:
    doc.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = _mark(key_node)
                raise YamlError(line, column, "a key must be a plain name, not a list or mapping")
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                line, column = _mark(key_node)
                raise YamlError(line, column, "merge keys (<<) are not allowed in plan files: "
                                "write the fields out in full")
            key = str(_scalar(loader, key_node))
            if key in result:
                line, column = _mark(key_node)
                first = doc.keys[path + (key,)][0]
                raise YamlError(
                    line, column, f"duplicate key '{key}' (first given on line {first}): remove one of them"
                )
            doc.keys[path + (key,)] = _mark(key_node)
            result[key] = _walk(loader, value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, path + (i,), doc) for i, item in enumerate(node.value)]
    value = _scalar(loader, node)
    if isinstance(value, str):
        if found := UNWANTED.search(value):
            raise YamlError(*_mark(node), f"{why_unwanted(found.group())} (written as an escape in quotes)")
        return normal(value)
    if value is not None:
        doc.written[path] = node.value
    return value


_UNCLOSED = {  # (context, how the problem starts): what staff should do, said at the opening mark
    ("while parsing a flow sequence", "expected ','"): "this '[' is not closed: end the list with ']'",
    ("while parsing a flow mapping", "expected ','"): "this '{' is not closed: end the mapping with '}'",
    ("while scanning a quoted scalar", "found unexpected end of stream"):
        "this quote is not closed: end the text with the same quote mark",
    ("while scanning a quoted scalar", "found unexpected document separator"):
        "this quote is not closed: end the text with the same quote mark",
}


def _runaway_quote(text: str, line: int) -> tuple[int, int] | None:
    """Where a quoted text starts that ran on from an earlier line to `line` (0-based): the
    usual cause of a baffling error further down is a quote left open."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.start_mark.line < line == token.end_mark.line):
                found = (token.start_mark.line + 1, token.start_mark.column + 1)
    except yaml.YAMLError:
        pass
    return found


def _explain(err: yaml.MarkedYAMLError, text: str = "") -> YamlError:
    """PyYAML's complaint in words for staff, at the place to fix."""
    problem = err.problem or err.context or "not valid YAML"
    opened = err.context_mark
    for (context, start), advice in _UNCLOSED.items():
        if err.context == context and problem.startswith(start) and opened:
            return YamlError(opened.line + 1, opened.column + 1, f"not valid YAML: {advice}")
    mark = err.problem_mark or opened
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    quote = _runaway_quote(text, line - 1) if mark else None
    if quote:
        return YamlError(*quote, f"not valid YAML: this quote is not closed on its line (it runs on to line {line}): "
                         "end the text with the same quote mark")
    if "'\\t'" in problem:
        problem = "a tab is used here: use spaces, not tabs"
    elif problem.startswith("mapping values are not allowed"):
        problem = "a ':' is not allowed here: put text that holds ': ' in quotes, or check the indentation"
    elif problem.startswith(("expected <block end>", "did not find expected key")):
        problem = ("this does not line up with the lines above: check the indentation here, "
                   "and that every quote on the lines above is closed")
    elif problem.startswith("but found another document"):
        problem = "a second document ('---') starts here: a plan file holds one document"
    return YamlError(line, column, f"not valid YAML: {problem}")


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document, raising YamlError with a position on any problem.

    >>> parse_yaml("a: 1\\nb: [x, y]\\n", "f.yaml").values[("b", 1)]
    (2, 8)
    """
    if CParser is not None:
        try:
            return _quick(text, file)
        except (_Unusual, yaml.YAMLError, KeyError, ValueError, TypeError):
            pass  # read it again carefully, which says what is wrong in the words staff are given
    return _parse(text, file, _Loader)


def _parse(text: str, file: str, loader_class: Any) -> YamlDocument:
    doc = YamlDocument(file=file, data=None)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlError(1, 1, "the file is empty: it needs a 'plan:' or 'portal:' section")
        doc.data = _walk(loader, node, (), doc)
    except yaml.MarkedYAMLError as err:
        explained = _explain(err, text)
        found = pasted(text)
        cause = next((p for p in found if p[0] == explained.line), None) or next(
            (p for p in found if p[0] == explained.line - 1), None)  # a pasted character is the likelier cause
        if cause is not None:
            explained.line, explained.column, explained.message = cause[0], cause[1], f"not valid YAML: {cause[2]}"
        explained.more = [p for p in found if p != cause]
        raise explained from None
    except yaml.YAMLError as err:
        raise YamlError(1, 1, f"not valid YAML: {err}") from None
    finally:
        loader.dispose()
    return doc


def read_yaml(path: Path, name: str) -> YamlDocument:
    """Read and parse a file; `name` is how the file is named in messages."""
    if path.is_dir():
        raise YamlError(1, 1, "this is a folder, not a plan file: rename it so that it does not end in .yaml")
    if path.exists() and not path.is_file():
        raise YamlError(1, 1, "this is not an ordinary file (a pipe or device): plan files are text files")
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as err:
        raise YamlError(1, 1, f"the file cannot be read ({err.strerror}): check that it exists, "
                        "and that it is a file, not a broken link") from None
    if len(raw) > MAX_BYTES:
        size = max(path.stat().st_size, len(raw)) / 1024 / 1024
        raise YamlError(1, 1, f"the file is too large ({size:.1f} MB; plan files may be at most "
                        f"{MAX_BYTES // 1024 // 1024} MB): split it into several plan files, "
                        "or move long documents into content/ and link to them")
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark is allowed, and not counted
    wrong = undecodable(raw)
    if wrong:
        raise YamlError(*wrong)
    text = raw.decode("utf-8")
    found = unwanted(text)
    if found:
        raise YamlError(*summary(found))
    return parse_yaml(text, name)
