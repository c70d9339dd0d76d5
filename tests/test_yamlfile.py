"""Reading YAML: every key and value keeps its 1-based line and column; duplicate keys,
anchors, aliases and merge keys are refused before anything is expanded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planportal.source.yamlfile import YamlDocument, YamlError, parse_yaml, read_yaml

SAMPLE = """\
plan:
  title: Improvement plan
  as_at: "2010-03-31"
  monitoring: [board, scrutiny]
  recommendations:
    - ref: "1.1"
      text: >
        Set up a board.
      actions:
        - id: "1"
          lead: SF
"""


@pytest.fixture
def sample() -> YamlDocument:
    return parse_yaml(SAMPLE, "plans/plan.yaml")


def test_data_is_plain(sample: YamlDocument) -> None:
    assert sample.file == "plans/plan.yaml"
    assert sample.data == {"plan": {
        "title": "Improvement plan", "as_at": "2010-03-31", "monitoring": ["board", "scrutiny"],
        "recommendations": [{"ref": "1.1", "text": "Set up a board.\n", "actions": [{"id": "1", "lead": "SF"}]}],
    }}


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), (1, 1)),
        (("plan",), (2, 3)),  # a block mapping starts at its first key
        (("plan", "title"), (2, 10)),
        (("plan", "as_at"), (3, 10)),  # a quoted value starts at its quote
        (("plan", "monitoring"), (4, 15)),
        (("plan", "monitoring", 0), (4, 16)),
        (("plan", "monitoring", 1), (4, 23)),
        (("plan", "recommendations"), (6, 5)),  # a block list starts at its first '-'
        (("plan", "recommendations", 0), (6, 7)),
        (("plan", "recommendations", 0, "ref"), (6, 12)),
        (("plan", "recommendations", 0, "text"), (7, 13)),
        (("plan", "recommendations", 0, "actions", 0, "id"), (10, 15)),
        (("plan", "recommendations", 0, "actions", 0, "lead"), (11, 17)),
    ],
)
def test_value_positions(sample: YamlDocument, path: tuple[str | int, ...], position: tuple[int, int]) -> None:
    assert sample.values[path] == position
    assert sample.position(path) == position


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("plan",), (1, 1)),
        (("plan", "title"), (2, 3)),
        (("plan", "monitoring"), (4, 3)),
        (("plan", "recommendations", 0, "ref"), (6, 7)),
        (("plan", "recommendations", 0, "text"), (7, 7)),
        (("plan", "recommendations", 0, "actions", 0, "lead"), (11, 11)),
    ],
)
def test_key_positions(sample: YamlDocument, path: tuple[str | int, ...], position: tuple[int, int]) -> None:
    assert sample.keys[path] == position
    assert sample.key_position(path) == position


def test_position_of_something_missing_is_its_deepest_existing_part(sample: YamlDocument) -> None:
    assert sample.position(("plan", "recommendations", 0, "urgency")) == (6, 7)
    assert sample.position(("plan", "monitoring", 5)) == (4, 15)
    assert sample.position(("nothing", "here")) == (1, 1)
    # a list item has no key: its key position is its value's
    assert sample.key_position(("plan", "monitoring", 1)) == (4, 23)
    assert sample.key_position(("plan", "recommendations", 0, "urgency")) == (6, 7)


def test_flow_mapping_positions() -> None:
    doc = parse_yaml('text: {en: Board met., cy: "Cyfarfu\'r bwrdd."}\n', "f.yaml")
    assert doc.keys[("text", "cy")] == (1, 24)
    assert doc.values[("text", "cy")] == (1, 28)


def test_scalars_are_typed_as_yaml_says() -> None:
    doc = parse_yaml("a: 2010-03-01\nb: '2010-03-01'\nc: 3\nd: true\ne: ~\nf: 2010-03\n", "f.yaml")
    assert doc.data == {"a": dt.date(2010, 3, 1), "b": "2010-03-01", "c": 3, "d": True, "e": None, "f": "2010-03"}


def test_duplicate_key_names_both_lines() -> None:
    text = "plan:\n  title: One\n  state: final\n  title: Two\n"
    with pytest.raises(YamlError) as err:
        parse_yaml(text, "f.yaml")
    assert (err.value.line, err.value.column) == (4, 3)
    assert err.value.message == "duplicate key 'title' (first given on line 2): remove one of them"


def test_duplicate_key_in_a_nested_list_item() -> None:
    text = "actions:\n  - id: '1'\n    lead: SF\n  - id: '2'\n    lead: SF\n    lead: HL\n"
    with pytest.raises(YamlError) as err:
        parse_yaml(text, "f.yaml")
    assert (err.value.line, err.value.column) == (6, 5)
    assert "duplicate key 'lead' (first given on line 5)" in err.value.message


def test_the_same_key_in_sibling_mappings_is_fine() -> None:
    doc = parse_yaml("- id: '1'\n- id: '2'\n", "f.yaml")
    assert doc.data == [{"id": "1"}, {"id": "2"}]


def test_alias_is_refused() -> None:
    with pytest.raises(YamlError) as err:
        parse_yaml("a: 1\nb: *x\n", "f.yaml")
    assert (err.value.line, err.value.column) == (2, 4)
    assert err.value.message == "aliases (*x) are not allowed in plan files: write the value out in full"


def test_anchor_is_refused() -> None:
    with pytest.raises(YamlError) as err:
        parse_yaml("a: &x 1\nb: *x\n", "f.yaml")
    assert (err.value.line, err.value.column) == (1, 4)
    assert err.value.message.startswith("anchors (&x) are not allowed in plan files")


def test_merge_key_is_refused() -> None:
    with pytest.raises(YamlError) as err:
        parse_yaml("a:\n  <<: {b: 1}\n  c: 2\n", "f.yaml")
    assert (err.value.line, err.value.column) == (2, 3)
    assert err.value.message.startswith("merge keys (<<) are not allowed in plan files")


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(YamlError) as err:
        parse_yaml("\n".join(lines) + "\n", "f.yaml")
    assert (err.value.line, err.value.column) == (1, 4)


def test_billion_laughs_with_only_aliases_is_refused() -> None:
    # Aliases are refused where they appear, whatever the anchors (here, none survive).
    text = "a: [lol]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(YamlError) as err:
        parse_yaml(text, "f.yaml")
    assert (err.value.line, err.value.column) == (2, 5)


def test_key_must_be_plain() -> None:
    with pytest.raises(YamlError, match="a key must be a plain name"):
        parse_yaml("? [a, b]\n: c\n", "f.yaml")


def test_empty_file() -> None:
    for text in ("", "\n\n", "# only a comment\n"):
        with pytest.raises(YamlError) as err:
            parse_yaml(text, "f.yaml")
        assert (err.value.line, err.value.column, err.value.message) == (
            1, 1, "the file is empty: it needs a 'plan:' or 'portal:' section")


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("a:\n\tb: 1\n", (2, 1), "not valid YAML: a tab, which cannot be seen, is in the indentation: delete it and "
         "type spaces, lined up with the lines around it"),
        ("a: [x, y\nb: 1\n", (1, 4), "not valid YAML: this '[' is not closed: end the list with ']'"),
        ("a: {x: 1\nb: 1\n", (1, 4), "not valid YAML: this '{' is not closed: end the mapping with '}'"),
        ('a: "x\nb: 1\n', (1, 4), "not valid YAML: this quote is not closed: end the text with the same quote mark"),
        ('a: "x\nb: "y"\nc: 1\n', (1, 4),
         "not valid YAML: this quote is not closed on its line (it runs on to line 2): "
         "end the text with the same quote mark"),
        ("a: Plan: the sequel\n", (1, 8),
         "not valid YAML: a ':' is not allowed here: put text that holds ': ' in quotes, or check the indentation"),
        ("a:\n  b: 1\n c: 2\n", (3, 2),
         "not valid YAML: this does not line up with the lines above: check the indentation here, "
         "and that every quote on the lines above is closed"),
        ("a: 1\n---\nb: 2\n", (2, 1), "not valid YAML: a second document ('---') starts here: "
         "a plan file holds one document"),
        ("a: 2010-02-30\n", (1, 4), "'2010-02-30' is not a real date (day is out of range for month): "
         "correct it, and put dates in quotes"),
    ],
)
def test_unreadable_yaml_is_explained_where_to_fix_it(text: str, position: tuple[int, int], message: str) -> None:
    with pytest.raises(YamlError) as err:
        parse_yaml(text, "f.yaml")
    assert ((err.value.line, err.value.column), err.value.message) == (position, message)


def test_a_multi_line_quoted_text_is_fine() -> None:
    doc = parse_yaml('a: "one\n  two"\nb: 1\n', "f.yaml")
    assert doc.data == {"a": "one two", "b": 1}


def test_byte_order_mark_is_accepted_and_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbfplan: x\nb: y\n")
    doc = read_yaml(path, "plans/plan.yaml")
    assert doc.data == {"plan": "x", "b": "y"}
    assert doc.keys[("plan",)] == (1, 1)
    assert doc.values[("plan",)] == (1, 7)


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes("a: 1\nb: café caf".encode() + b"\xe9\n")
    with pytest.raises(YamlError) as err:
        read_yaml(path, "plans/plan.yaml")
    assert (err.value.line, err.value.message) == (2, "the file is not UTF-8 text (byte 0xe9 here is not UTF-8): "
                                                   "save it as UTF-8")
    assert err.value.column == len("b: café caf") + 1  # counted in characters, as editors do


def test_bytes_that_are_not_utf8_after_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: caf\xe9\n")
    with pytest.raises(YamlError) as err:
        read_yaml(path, "plans/plan.yaml")
    assert (err.value.line, err.value.column) == (1, 7)
