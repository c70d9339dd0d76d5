"""Changing a YAML file where its data changed and nowhere else (source/yamledit.py): comments, key order,
quoting, blank lines, long lines and each value's layout stay byte for byte, and the text made says the
data asked for."""

from __future__ import annotations

import copy
import difflib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planportal.source.yamledit import EditError, edit
from planportal.source.yamlfile import parse_yaml
from tests.conftest import ROOT, examples

STAFF = '''# yaml-language-server: $schema=../schema/plan-portal.schema.json
#
# Transcribed by hand.

plan:
  title:
    en: A plan
    cy: "Cynllun"
    unchecked: cy   # not yet checked
  # the document gives no date
  state: draft
  text: Cooperate with the independent chair to establish an Improvement Board and support the
    Board in providing effective challenge
  recommendations:
    - ref: "1"
      text: 'Do it'
      actions:
        - id: "1"
          title: First
          lead: [SF, ISM]
          due: 2010-03-01

        - id: "2"   # the second
          title: Second
          progress:
            - date: "2010-02"
              status: in_progress
              text: |
                Started.
                Going well.
'''


def changed(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def edited(text: str, change: Any) -> str:
    data = copy.deepcopy(parse_yaml(text, "f.yaml").data)
    change(data)
    out = edit(text, data)
    assert parse_yaml(out, "f.yaml").data == data
    return out


def actions(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["plan"]["recommendations"][0]["actions"]  # type: ignore[no-any-return]


def test_the_same_data_gives_the_same_bytes() -> None:
    for path in sorted((ROOT / "plans").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert edit(text, parse_yaml(text, path.name).data) == text


def test_a_value_changes_in_place_in_its_own_quotes() -> None:
    out = edited(STAFF, lambda d: actions(d)[1]["progress"][0].update(status="completed"))
    assert changed(STAFF, out) == ["-              status: in_progress", "+              status: completed"]
    out = edited(STAFF, lambda d: d["plan"]["title"].update(cy="Cynllun newydd"))
    assert changed(STAFF, out) == ['-    cy: "Cynllun"', '+    cy: "Cynllun newydd"']
    out = edited(STAFF, lambda d: d["plan"]["recommendations"][0].update(text="Do it now"))
    assert changed(STAFF, out) == ["-      text: 'Do it'", "+      text: 'Do it now'"]


def test_a_long_line_folded_by_hand_is_kept_unless_it_changes() -> None:
    out = edited(STAFF, lambda d: d["plan"].update(state="final"))
    assert changed(STAFF, out) == ["-  state: draft", "+  state: final"]
    out = edited(STAFF, lambda d: d["plan"].update(text="Cooperate."))
    assert changed(STAFF, out) == [
        "-  text: Cooperate with the independent chair to establish an Improvement Board and support the",
        "-    Board in providing effective challenge", "+  text: Cooperate."]


def test_keys_and_items_are_added_after_the_one_before_them_and_removed_with_their_lines() -> None:
    def change(d: dict[str, Any]) -> None:
        first = actions(d)[0]
        del first["due"]
        first["partners"] = "police"
        actions(d).insert(1, {"id": "1b", "title": "Between", "due": "2010-04"})
        actions(d)[2]["progress"].append({"date": "2010-03-12", "text": "More."})
    out = edited(STAFF, change)
    assert changed(STAFF, out) == [
        "-          due: 2010-03-01", "+          partners: police",
        '+        - id: "1b"', "+          title: Between", '+          due: "2010-04"',
        '+            - date: "2010-03-12"', "+              text: More."]
    assert "\n\n        - id: \"2\"   # the second\n" in out  # the blank line and the comment stay


def test_a_list_written_on_one_line_stays_on_one_line() -> None:
    out = edited(STAFF, lambda d: actions(d)[0].update(lead=["SF"]))
    assert changed(STAFF, out) == ["-          lead: [SF, ISM]", "+          lead: [SF]"]
    out = edited(STAFF, lambda d: actions(d)[0].update(lead=["SF", "ISM", "HL"]))
    assert changed(STAFF, out) == ["-          lead: [SF, ISM]", "+          lead: [SF, ISM, HL]"]


def test_text_of_several_lines_is_a_block_and_text_that_would_read_as_something_else_is_quoted() -> None:
    out = edited(STAFF, lambda d: actions(d)[0].update(title="yes", notes="One.\nTwo."))
    assert changed(STAFF, out) == ["-          title: First", '+          title: "yes"',
                                   "+          notes: |-", "+            One.", "+            Two."]


def test_a_file_that_lists_items_under_their_key_without_indenting_them() -> None:
    text = "items:\n- id: a\n  x: 1\n- id: b\n  x: 2\n"
    out = edited(text, lambda d: d["items"].append({"id": "c", "x": 3}))
    assert out == text + "- id: c\n  x: 3\n"


def test_a_key_with_nothing_after_it_is_given_a_value() -> None:
    text = "a:\nb: 1\n"
    assert edited(text, lambda d: d.update(a="x")) == "a: x\nb: 1\n"


def test_a_file_the_edit_cannot_read_is_refused_not_rewritten() -> None:
    with pytest.raises(EditError):
        edit("a: b\n", {"a": object()})


HJ = (ROOT / "plans" / "action-planning-2006.yaml").read_text(encoding="utf-8")
HJ_DATA = parse_yaml(HJ, "hj").data
ACTIONS = [a for r in HJ_DATA["plan"]["recommendations"] for a in r.get("actions", [])]


@settings(max_examples=examples(10))
@given(st.lists(st.tuples(st.integers(0, len(ACTIONS) - 1), st.sampled_from(["title", "due", "status", "drop", "add"]),
                          st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                                  max_size=20)),
                min_size=1, max_size=4))
def test_any_few_edits_of_a_real_plan_read_back_as_asked_and_change_only_their_lines(
        edits: list[tuple[int, str, str]]) -> None:
    data = copy.deepcopy(HJ_DATA)
    flat = [a for r in data["plan"]["recommendations"] for a in r.get("actions", [])]
    for index, kind, text in edits:
        action = flat[index]
        if kind == "title":
            action["title"] = text
        elif kind == "due":
            action["due"] = text
        elif kind == "status" and action.get("progress"):
            action["progress"][-1]["status"] = "delayed"
        elif kind == "drop":
            action.pop("due", None)
        else:
            action.setdefault("progress", []).append({"date": "2006-03-01", "text": text})
    out = edit(HJ, data)
    assert parse_yaml(out, "hj").data == data
    kept = sum(block.size for block in difflib.SequenceMatcher(None, HJ.splitlines(), out.splitlines(),
                                                             autojunk=False).get_matching_blocks())
    assert kept >= len(HJ.splitlines()) - 6 * len(edits)
