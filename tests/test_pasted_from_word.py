"""Text pasted from Word into a plan file, checked with `planportal validate` as staff run it: each curly
quote, non-breaking space and tab is named with what to type instead, all of them at once; a date written
06/01/2010 and a `deadline:` get a suggestion; and the council's "2010/11 Q1" is a quarter in the data and
in `report --period` alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_project, run

PLAN = """plan:
  title: Pasted
  authority: Example Council
  level: detailed
  state: draft
  recommendations:
    - ref: "1"
      text: Do it
      actions:
        - id: "1"
          title: First
\t  due: "2010-03"
        - id: "2"
          title:\u00a0Second
        - id: "3"
          title: \u201cThird: the last\u201d
\u00a0         due: "2010-04"
"""


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    return copy_project(tmp_path).root


def test_every_pasted_character_is_named_with_what_to_type_instead_all_at_once(portal: Path) -> None:
    (portal / "plans" / "pasted.yaml").write_text(PLAN, encoding="utf-8")
    done = run(portal, "validate")
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert ("plans/pasted.yaml:12:1: not valid YAML: a tab, which cannot be seen, is in the indentation: delete it "
            "and type spaces, lined up with the lines around it") in out
    assert ("plans/pasted.yaml:14:17: a non-breaking space, which cannot be seen (Word puts them in), follows the "
            "':': delete it and type an ordinary space") in out
    assert ("plans/pasted.yaml:16:18: this value is in curly quotes (\u201c \u201d), which YAML does not read as "
            "quotes: type straight quotes (\") instead, or leave the quotes out") in out
    assert "plans/pasted.yaml:17:1: a non-breaking space, which cannot be seen (Word puts them in), is in the " \
           "indentation: delete it and type an ordinary space" in out


def test_a_date_written_the_uk_way_and_a_deadline_get_a_suggestion(portal: Path) -> None:
    (portal / "plans" / "dated.yaml").write_text(
        'plan:\n  title: Dated\n  authority: Example Council\n  level: detailed\n  state: draft\n'
        '  recommendations:\n    - ref: "1"\n      text: Do it\n      actions:\n        - id: "1"\n'
        '          title: First\n          deadline: "2010-03"\n          progress:\n'
        '            - date: "06/01/2010"\n              text: Started.\n', encoding="utf-8")
    done = run(portal, "validate")
    out = done.stdout + done.stderr
    assert done.returncode == 1
    assert "plans/dated.yaml:12:11: unknown field 'deadline' (did you mean 'due'?)" in out
    assert "plans/dated.yaml:14:21: '06/01/2010' is not a date: " in out
    assert "'tbc' or 'ongoing' (did you mean 2010-01-06?)" in out


def test_the_councils_quarter_is_a_quarter_in_the_data_and_in_report(portal: Path) -> None:
    path = portal / "plans" / "action-planning-2006.yaml"
    text = path.read_text(encoding="utf-8")
    assert '"2006-04 to 2009-03"' in text
    path.write_text(text.replace('"2006-04 to 2009-03"', '"2006/07 Q1 to 2008/09 Q4"'), encoding="utf-8")
    done = run(portal, "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    council = run(portal, "report", "--period", "2005/06 Q4", "--plan", "herefordshire-jar-2006")
    ours = run(portal, "report", "--period", "2005-Q4", "--plan", "herefordshire-jar-2006")
    assert council.returncode == 0, council.stderr
    assert council.stdout == ours.stdout
