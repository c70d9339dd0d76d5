"""The README's command table lists every `planportal` command, each with every option it takes."""

from __future__ import annotations

import argparse
import re

from planportal.commands.cli import parser
from tests.conftest import ROOT


def commands() -> dict[str, argparse.ArgumentParser]:
    (sub,) = (action for action in parser()._actions if isinstance(action, argparse._SubParsersAction))
    return dict(sub.choices)


def test_the_command_table_lists_every_command_and_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `planportal ([a-z]+)([^`]*)` \|", readme, re.MULTILINE)
    listed: dict[str, str] = {}
    for name, usage in rows:
        listed[name] = listed.get(name, "") + usage
    assert sorted(listed) == sorted(commands())
    for name, command in commands().items():
        for action in command._actions:
            if action.option_strings and "--help" not in action.option_strings:
                assert action.option_strings[-1] in listed[name], f"planportal {name} {action.option_strings[-1]}"
    top = [a.option_strings[-1] for a in parser()._actions if a.option_strings and "--help" not in a.option_strings]
    assert all(f"`{option}" in readme for option in top), top
