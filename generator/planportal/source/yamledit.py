"""Changing a YAML file where its data changed, and nowhere else.

`edit(text, data)` compares what a file says (read as every command reads it, source/yamlfile.py)
with `data`, and rewrites only the text of what differs: a value in place, in the quotes it had; a
key or a list item added after the one before it, in the file's indentation; a key or an item
removed with its lines. Everything else (comments, key order, quoting, blank lines, long lines and
how each value is laid out) stays byte for byte as staff wrote it, so that `git diff` shows the
change and nothing more.

ruamel.yaml, in round-trip mode, reads where each node of the file starts and ends, and writes each
new or changed value in the file's layout (block lists indented as the file indents them, text of
several lines as a `|` block, text that would read as something else in double quotes). The text
made is read back: if it does not say `data` exactly, EditError, never a file that says something
else.

>>> print(edit('a: "1"   # kept\\nb: [x, y]\\n', {"a": "2", "b": ["x", "y"], "c": "new"}), end="")
a: "2"   # kept
b: [x, y]
c: new
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

from planportal.source.problems import PlanPortalError
from planportal.source.yamlfile import YamlError, parse_yaml


class EditError(PlanPortalError):
    """The file could not be changed to say the data asked for (a bug to report: the file is left as it was)."""


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down: True is not 1, a date is not its text.

    >>> same({"a": [1, "x"]}, {"a": [1, "x"]}), same(True, 1), same(1, 1.0)
    (True, False, False)
    """
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def edit(text: str, data: Any, name: str = "the file") -> str:
    """`text` changed to say `data`, where it differs and nowhere else (`name` for messages)."""
    old = parse_yaml(text, name).data
    if same(old, data):
        return text
    try:
        root = YAML(typ="rt").compose(text)
    except RuamelError as err:  # read by yamlfile but not by ruamel.yaml: say so, change nothing
        raise EditError(f"{name} cannot be changed in place ({str(err).splitlines()[0]})") from None
    editor = _Editor(text)
    try:
        editor.value(root, old, data, _Slot("root", None, root, 0))
    except RuamelError as err:  # a value YAML cannot hold
        raise EditError(f"{name}: {str(err).splitlines()[0]}") from None
    changed = editor.apply()
    try:
        back = parse_yaml(changed, name).data
    except YamlError as err:
        raise EditError(f"{name}: the changed file would not read back ({err.message}): please report this") from None
    if not same(back, data):
        raise EditError(f"{name}: the changed file would not say what was asked: please report this")
    return changed


def dump(data: Any) -> str:
    """A new YAML document for `data`, laid out as edit() lays out what it adds."""
    return _Renderer(2).document(data)


@dataclass
class _Slot:
    """Where a value sits: a mapping's pair (`key` its key node), a list's item, or the document."""

    kind: str  # "pair", "item" or "root"
    key: ScalarNode | None
    node: Node
    column: int  # the key's column, or the item's dash's
    flow: bool = False  # inside a flow collection: only flow forms may be written


class _Renderer:
    """New values as YAML text in the file's layout, through ruamel.yaml's round-trip writer."""

    def __init__(self, offset: int) -> None:
        self.yaml = YAML(typ="rt")
        self.yaml.width = 4096  # never fold a long line: staff's files keep theirs
        self.yaml.allow_unicode = True
        self.yaml.indent(mapping=2, sequence=2 + offset, offset=offset)

    def _run(self, value: Any) -> str:
        out = io.StringIO()
        self.yaml.dump(value, out)
        return out.getvalue()

    def styled(self, value: Any, flow: bool = False, style: str | None = None) -> Any:
        """Plain data as ruamel.yaml's round-trip types, each text in the quotes it needs."""
        if isinstance(value, str):
            return self.string(value, style)
        if isinstance(value, dict):
            mapping = CommentedMap((k, self.styled(v, flow)) for k, v in value.items())
            if flow:
                mapping.fa.set_flow_style()
            return mapping
        if isinstance(value, list):
            items = CommentedSeq(self.styled(v, flow) for v in value)
            if flow or _short(value):
                items.fa.set_flow_style()
            return items
        return value

    def string(self, text: str, style: str | None = None) -> Any:
        """Text as it reads back the same: a `|` block for several lines, else as written before
        (`style`) where it can be, plain where it can be, else in double quotes."""
        if "\n" in text and style != "'" and not any(c in text for c in "\r\t\x85\u2028\u2029"):
            return LiteralScalarString(text)
        if style == '"' or "\n" in text:
            return DoubleQuotedScalarString(text)
        if style == "'" and text.isprintable():
            return SingleQuotedScalarString(text)
        if text and not text[0].isdigit() and _reads_as_text(text) and self._plain(text):
            return text  # ids, refs and dates, which start with a digit, quoted as staff quote them
        return DoubleQuotedScalarString(text)

    def _plain(self, text: str) -> bool:
        """Whether ruamel.yaml writes `text` plain, in a block and in a flow collection alike."""
        return (self._run(CommentedMap([("k", text)])) == f"k: {text}\n"
                and self._run(CommentedSeq([text])).strip() == f"- {text}" and not any(c in text for c in ",[]{}"))

    def pair(self, key: str, value: Any, flow: bool = False, style: str | None = None) -> list[str]:
        """'key: value' as lines, the key at column 0."""
        return self._run(CommentedMap([(key, self.styled(value, flow, style))])).splitlines()

    def item(self, value: Any) -> list[str]:
        """'- value' as lines, the dash at column 0."""
        lines = self._run(CommentedSeq([self.styled(value)])).splitlines()
        cut = min(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
        return [line[cut:] for line in lines]

    def inline(self, value: Any, flow: bool = True, style: str | None = None) -> list[str]:
        """The value as it follows 'key: ', as lines (a `|` block's lines indented by 2)."""
        lines = self.pair("k", value, flow, style)
        return [lines[0][3:], *lines[1:]]

    def document(self, data: Any) -> str:
        return self._run(self.styled(data))


def _reads_as_text(text: str) -> bool:
    """Whether `text`, written plain, reads back as this text (not a number, date, yes/no or null),
    as the plan files are read (YAML 1.1) and as ruamel.yaml reads (YAML 1.2)."""
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


class _Editor:
    """The edits that turn a file into one saying new data, made on its text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, int, str]] = []  # (start, end, order, text)
        self.render = _Renderer(_sequence_offset(text))

    # --- positions ---

    def end(self, node: Node) -> int:
        """Where a node's own text ends: its last character that is not a line break or blank."""
        if isinstance(node, ScalarNode) or _flow(node):
            start, stop = node.start_mark.index, node.end_mark.index
            if isinstance(node, ScalarNode) and node.style in ("|", ">"):
                return start + len(self.text[start:stop].rstrip())
            return stop
        if isinstance(node, MappingNode):
            key, value = node.value[-1]
            if isinstance(value, ScalarNode) and value.start_mark.index == value.end_mark.index:  # 'key:' alone
                return self.text.index(":", key.end_mark.index) + 1
            return self.end(value)
        return self.end(node.value[-1])

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Just after the line break ending the line `index` is on."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def starts_line(self, index: int) -> bool:
        return not self.text[self.line_start(index):index].strip()

    def dash(self, item: Node) -> int:
        """Where the '-' of a block list's item is."""
        index = item.start_mark.index - 1
        while index > 0 and self.text[index] == " ":
            index -= 1
        return index if self.text[index] == "-" else item.start_mark.index

    def column(self, index: int) -> int:
        return index - self.line_start(index)

    def add(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, len(self.edits), text))

    def apply(self) -> str:
        text, bound = self.text, len(self.text) + 1
        for start, end, _, new in sorted(self.edits, key=lambda e: (e[0], e[1], e[2]), reverse=True):
            if end > bound:
                raise EditError("two changes to the same text: please report this")
            text = text[:start] + new + text[end:]
            bound = start
        return text

    @staticmethod
    def indent(lines: list[str], column: int, first: bool = False) -> str:
        """Lines joined, each after `column` spaces (the first too if `first`)."""
        pad = " " * column
        return "\n".join((pad if first or i else "") + line if line else line for i, line in enumerate(lines))

    # --- what changed ---

    def value(self, node: Node, old: Any, new: Any, slot: _Slot) -> None:
        if same(old, new):
            return
        if isinstance(node, MappingNode) and isinstance(old, dict) and isinstance(new, dict) and new:
            self.mapping(node, old, new, slot)
        elif isinstance(node, SequenceNode) and isinstance(old, list) and isinstance(new, list) and new:
            self.sequence(node, old, new, slot)
        else:
            self.replace(slot, new)

    def replace(self, slot: _Slot, new: Any) -> None:
        """The value in `slot` written anew."""
        node = slot.node
        style = node.style if isinstance(node, ScalarNode) else None
        inline_ok = not isinstance(new, dict | list) or not new or slot.flow or (
            not isinstance(node, ScalarNode) and _flow(node) and _flowable(new))
        if slot.kind == "root":
            self.add(0, len(self.text), self.render.document(new))
            return
        if inline_ok and (isinstance(node, ScalarNode) or _flow(node)):
            lines = self.render.inline(new, True, style)
            start, stop = node.start_mark.index, self.end(node)
            if start == stop and slot.key is not None:  # 'key:' with nothing after it
                start = stop = self.text.index(":", slot.key.end_mark.index) + 1
                lines[0] = " " + lines[0]
            self.add(start, stop, self.indent(lines, slot.column))
            return
        if slot.kind == "pair":
            assert slot.key is not None
            lines = self.render.pair(str(slot.key.value), new, slot.flow, style)
            self.add(slot.key.start_mark.index, self.end(node), self.indent(lines, slot.column))
        else:
            lines = self.render.item(new)
            self.add(self.dash(node), self.end(node), self.indent(lines, slot.column))

    def mapping(self, node: MappingNode, old: dict[str, Any], new: dict[str, Any], slot: _Slot) -> None:
        keys = list(old)
        pairs = {key: (key_node, value_node) for (key_node, value_node), key in zip(node.value, keys, strict=True)}
        flow = bool(_flow(node)) or slot.flow
        removed = [key for key in keys if key not in new]
        closing: dict[str, int] = {}  # a removed key that starts a '- ' line: up to the next key, which takes its place
        for key in removed:
            start = pairs[key][0].start_mark.index
            if self.starts_line(start):
                continue
            nxt = keys.index(key) + 1
            if nxt < len(keys) and keys[nxt] in new and "#" not in self.text[self.end(pairs[key][1]):
                                                                              pairs[keys[nxt]][0].start_mark.index]:
                closing[key] = pairs[keys[nxt]][0].start_mark.index
            else:
                self.replace(slot, new)
                return
        if (flow and keys != list(new)) or not any(key in new for key in keys):
            self.replace(slot, new)
            return
        column = node.value[0][0].start_mark.column
        for key in keys:
            key_node, value_node = pairs[key]
            if key in new:
                self.value(value_node, old[key], new[key], _Slot("pair", key_node, value_node, column, flow))
            elif key in closing:
                self.add(key_node.start_mark.index, closing[key], "")
            else:
                self.add(self.line_start(key_node.start_mark.index), self.line_end(self.end(value_node)), "")
        anchor: str | None = None
        waiting: list[str] = []
        following: list[str | None] = [*new, None]
        for name in following:
            if name is not None and name not in old:
                waiting.append(name)
                continue
            if waiting:
                self.insert_pairs(node, pairs, anchor, name, {k: new[k] for k in waiting}, column)
                waiting = []
            if name is not None:
                anchor = name

    def insert_pairs(self, node: MappingNode, pairs: dict[str, tuple[ScalarNode, Node]], after: str | None,
                     before: str | None, added: dict[str, Any], column: int) -> None:
        lines = [line for key, value in added.items() for line in self.render.pair(key, value)]
        if after is not None:
            self.add(self.line_end(self.end(pairs[after][1])), self.line_end(self.end(pairs[after][1])),
                     self.indent(lines, column, first=True) + "\n")
            return
        first = pairs[before][0] if before is not None else node.value[0][0]
        start = first.start_mark.index
        if self.starts_line(start):
            start = self.line_start(start)
            self.add(start, start, self.indent(lines, column, first=True) + "\n")
        else:  # the first key of a '- ' line: the new keys take its place on that line
            self.add(start, start, self.indent(lines, column) + "\n" + " " * column)

    def sequence(self, node: SequenceNode, old: list[Any], new: list[Any], slot: _Slot) -> None:
        items: list[Node] = list(node.value)
        flow = bool(_flow(node)) or slot.flow
        if flow:
            if len(old) == len(new):
                for item, a, b in zip(items, old, new, strict=True):
                    self.value(item, a, b, _Slot("item", None, item, slot.column, True))
            else:
                self.replace(slot, new)
            return
        dashes = [self.dash(item) for item in items]
        if not all(self.starts_line(d) for d in dashes):
            self.replace(slot, new)
            return
        column = self.column(dashes[0])
        matcher = difflib.SequenceMatcher(None, [_identity(v) for v in old], [_identity(v) for v in new],
                                          autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    self.value(items[i], old[i], new[j], _Slot("item", None, items[i], column))
                continue
            text = "".join(self.indent(self.render.item(v), column, first=True) + "\n" for v in new[j1:j2])
            if op in ("delete", "replace"):
                self.add(self.line_start(dashes[i1]), self.line_end(self.end(items[i2 - 1])), text)
            elif i1 > 0:
                at = self.line_end(self.end(items[i1 - 1]))
                self.add(at, at, text)
            else:
                at = self.line_start(dashes[0])
                self.add(at, at, text)


def _flow(node: Node) -> bool:
    """Whether a node is written in flow style ([a, b] or {a: b}) rather than as a block."""
    return bool(getattr(node, "flow_style", False))


def _flowable(value: Any) -> bool:
    """Whether a list or mapping can be written on one line, as [a, b] or {a: b}."""
    if isinstance(value, dict):
        return all(_flowable(v) for v in value.values())
    if isinstance(value, list):
        return all(_flowable(v) for v in value)
    return not (isinstance(value, str) and "\n" in value)


def _short(items: list[Any]) -> bool:
    """A list written on one line, as staff write a few dates or ids: ["2010-09", "2011-03"]."""
    return 1 < len(items) and all(isinstance(v, str | int | float) and "\n" not in str(v) for v in items) and (
        sum(len(str(v)) + 4 for v in items) <= 60)


def _identity(value: Any) -> str:
    """What a list item is known by when lists are compared: its id, ref, code or term if it has one
    (so that a changed action is that action changed, not another one), else all of it."""
    if isinstance(value, dict):
        for key in ("id", "ref", "code", "term"):
            if key in value and isinstance(value[key], str | int):
                return f"{key}={value[key]}"
    return json.dumps(value, default=_plain, sort_keys=True)


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else repr(value)


def _sequence_offset(text: str) -> int:
    """How far the file indents a list under its key: 2 ('key:\\n  - a', this project's files) or 0."""
    lines = text.splitlines()
    for above, line in zip(lines, lines[1:], strict=False):
        stripped = above.split("#")[0].rstrip()
        if stripped.endswith(":") and line.lstrip().startswith("- "):
            return max(0, min(2, (len(line) - len(line.lstrip())) - (len(above) - len(above.lstrip()))))
    return 2
