"""What every command prints for staff: the problems found (each `file:line:column: message`),
or a line on how the command was used wrongly. Exit status: 0 all well, 1 bad data, 2 wrong usage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from planportal.commands.build import Project
from planportal.source.problems import InvalidData

Command = Callable[[Project, argparse.Namespace], int]
"""A command's handler: the portal's folders and the parsed arguments in, the exit status out."""


def report(err: InvalidData, outcome: str = "nothing was published") -> int:
    """Print every problem and a count to standard error; the exit status for bad data (1)."""
    return report_problems(err.problems, outcome)


def report_problems(problems: Sequence[object], outcome: str) -> int:
    """Print each problem, then how many and what was not done (`outcome`); the exit status for bad data (1).

    >>> report_problems(["returns/2005-q4-sf.xlsx:Return:5: no date"], "no update file was written")
    1
    """
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; {outcome}.", file=sys.stderr)
    return 1


def usage(command: str, message: str) -> int:
    """Print `planportal COMMAND: message` to standard error; the exit status for wrong usage (2)."""
    print(f"planportal {command}: {message}", file=sys.stderr)
    return 2
