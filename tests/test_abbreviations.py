"""`planportal check --abbreviations` through the command line, on a copy of this portal: every
abbreviation the plans use that no glossary entry explains, at its first use, until one does."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_project, run


def lines_for(output: str, term: str) -> list[str]:
    return [line for line in output.splitlines() if f": {term} (used " in line]


def test_an_unexplained_abbreviation_is_listed_at_its_first_use_until_the_glossary_explains_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path).root
    plan = root / "plans" / "leeds-2010.yaml"
    text = plan.read_text(encoding="utf-8")
    if "  - term: NEET\n" in text:  # the glossary explains it already: take it out, to see it listed
        start = text.index("  - term: NEET\n")
        end = text.index("\n  - ", start + 1) if "\n  - " in text[start + 1:] else len(text)
        text = text[:start] + text[end + 1:]
        plan.write_text(text, encoding="utf-8")
    first = next(n for n, line in enumerate(text.splitlines(), start=1)
                 if "NEET" in line and not line.lstrip().startswith("#"))
    uses = sum(line.count("NEET") for line in text.splitlines() if not line.lstrip().startswith("#"))

    listed = run(root, "check", "--abbreviations")
    assert listed.returncode == 0, listed.stderr
    [line] = lines_for(listed.stdout, "NEET")
    assert line.startswith(f"plans/leeds-2010.yaml:{first}:")
    assert f"NEET (used {uses} times) is not in any glossary" in line
    assert lines_for(listed.stdout, "HL") == []  # Henry Lewis's initials: his people: entry explains them
    assert lines_for(listed.stdout, "SLA") == []  # in Leeds's glossary
    assert run(root, "check", "--abbreviations", "--strict").returncode == 1

    text = text.replace("glossary:\n", "glossary:\n  - term: NEET\n    meaning: Not in education, employment or "
                        "training\n", 1)
    plan.write_text(text, encoding="utf-8")
    again = run(root, "check", "--abbreviations")
    assert again.returncode == 0, again.stderr
    assert lines_for(again.stdout, "NEET") == []
    assert f"{len(again.stdout.splitlines())} abbreviation(s) not explained" in again.stderr
