"""Problems found in plan data, reported to staff as `file:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, with where it is.

    >>> str(Problem("plans/a.yaml", 3, 7, "unknown lead 'SFX'"))
    "plans/a.yaml:3:7: unknown lead 'SFX'"
    """

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class PlanPortalError(Exception):
    """Base of every error planportal raises on purpose (data it refuses, a render that failed,
    a publication it cannot read …), as against a bug: its message is for staff to act on."""


class InvalidData(PlanPortalError):
    """Raised with every problem found, so that staff can fix them all in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the plan data")
        self.problems = sorted(set(problems))
