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

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain data from one file, with the (line, column) of each value and key, 1-based."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """The position of the deepest part of `path` that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)

    def key_position(self, path: Path_) -> tuple[int, int]:
        """The position of the key naming `path` (for unknown fields), else of its value."""
        return self.keys.get(path) or self.position(path)


class YamlError(Exception):
    """A file that is not readable YAML; carries a position and a message for staff."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing aliases before they are expanded."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                "aliases (*name) are not allowed in plan files: write the value out in full",
            )
        return super().compose_node(parent, index)


def _scalar(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError) as err:
        line, column = _mark(node)
        raise YamlError(line, column, f"{node.value!r} is not a valid value ({err})") from None
    return value


def _walk(loader: _Loader, node: yaml.Node, path: Path_, doc: YamlDocument) -> Any:
    doc.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = _mark(key_node)
                raise YamlError(line, column, "a key must be a plain name, not a list or mapping")
            key = str(_scalar(loader, key_node))
            if key == "<<":
                line, column = _mark(key_node)
                raise YamlError(line, column, "merge keys (<<) are not allowed in plan files")
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
    return _scalar(loader, node)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document, raising YamlError with a position on any problem.

    >>> parse_yaml("a: 1\\nb: [x, y]\\n", "f.yaml").values[("b", 1)]
    (2, 8)
    """
    doc = YamlDocument(file=file, data=None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlError(1, 1, "the file is empty: it needs a 'plan:' or 'portal:' section")
        doc.data = _walk(loader, node, (), doc)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or err.context or "not valid YAML"
        hint = ""
        if "\t" in problem or "tab" in problem:
            hint = " (indent with spaces, not tabs)"
        raise YamlError(line, column, f"not valid YAML: {problem}{hint}") from None
    except yaml.YAMLError as err:
        raise YamlError(1, 1, f"not valid YAML: {err}") from None
    finally:
        loader.dispose()
    return doc


def read_yaml(path: Path, name: str) -> YamlDocument:
    """Read and parse a file; `name` is how the file is named in messages."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise YamlError(line, column, "the file is not UTF-8 text: save it as UTF-8") from None
    return parse_yaml(text, name)
