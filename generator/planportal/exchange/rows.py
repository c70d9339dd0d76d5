"""The rows of an action-plan spreadsheet: a row's cells by field, the structure levels a row can
start (theme, outcome, recommendation, action), and how each field is written to and read from
its cell (`codecs`). writer.py makes rows of plans; reader.py makes plans of rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planportal.exchange import cells

Codec = tuple[Callable[[Any], str], Callable[[str], Any]]


def codecs(codes: list[str]) -> dict[str, Codec]:
    """For each field shown in a cell: how to write its value, and how to read it back."""
    text: Codec = (cells.text_of, lambda s: s)
    return {
        "theme_title": text, "outcome_title": text, "text": text, "action": text,
        "success_criteria_source": text, "outcome_lead": (_ids_text, ids),
        "sources": (cells.write_sources, lambda s: cells.read_sources(s, codes)),
        "urgency": (str, cells.read_urgency), "achieve_by": (cells.write_due, cells.read_due),
        "success_criteria": (cells.write_list, cells.read_list),
        "performance_targets": (cells.write_list, cells.read_list),
        "indicators": (_ids_text, lambda s: [p.strip() for p in s.split(";") if p.strip()]),
        "related": (cells.write_related, cells.read_related),
        "resources": (cells.write_resources, cells.read_resources),
        "due": (cells.write_due, cells.read_due), "lead": (_ids_text, ids), "partners": (_ids_text, ids),
        "progress": (cells.write_progress, cells.read_progress),
        "percent_complete": (cells.write_number, cells.read_number), "weight": (cells.write_number, cells.read_number),
    }


def _ids_text(value: list[str]) -> str:
    return "; ".join(value)


def ids(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]


# Which model field each cell fills, per level of the plan.
THEME = {"theme": "id", "theme_title": "title"}
OUTCOME = {"outcome": "id", "outcome_title": "title", "outcome_lead": "lead"}
RECOMMENDATION = {"ref": "ref", "sources": "sources", "text": "text", "urgency": "urgency",
                  "achieve_by": "achieve_by", "success_criteria": "success_criteria",
                  "success_criteria_source": "success_criteria_source",
                  "performance_targets": "performance_targets", "indicators": "indicators", "related": "related",
                  "resources": "resources"}
ACTION = {"action_ref": "id", "action": "title", "due": "due", "lead": "lead", "partners": "partners",
          "progress": "progress", "percent_complete": "percent_complete", "weight": "weight"}
ACTION_CELLS = {**ACTION, "status": "status"}
"""An action's cells: its fields', and its Status (worked out from its progress, and read back into it)."""
FIELDS_OF = {"partners": ("partners", "partners_text"), "status": ()}
"""The model fields a cell fills, where they are not the one its level's table names."""
STRUCTURE = {"outcomes", "recommendations", "actions"}


# --- import --------------------------------------------------------------------


@dataclass
class Row:
    """One row of a sheet: where it is, its cells by field, and each field's column letter."""

    sheet: str
    number: int
    cells: dict[str, str]
    letters: dict[str, str] = field(default_factory=dict)

    def where(self, name: str, column: str | None = None) -> str:
        """'plan.xlsx:Actions:12:F', the cell of `column` (a field) on this row; without one, the row."""
        letter = self.letters.get(column) if column else None
        return f"{name}:{self.sheet}:{self.number}" + (f":{letter}" if letter else "")


Key = tuple[str, ...]
"""What a part of a plan is known by, in a spreadsheet and in its plan file alike: ("theme", id),
("outcome", theme id, id), ("recommendation", ref) or ("action", ref, id)."""


@dataclass
class Part:
    """A theme, outcome, recommendation or action as rows gave it: where it is in the plan's data,
    the row that starts it, and the text of each cell it was read from, by field."""

    key: Key
    loc: tuple[Any, ...]
    row: Row
    cells: dict[str, str] = field(default_factory=dict)


def sub_actions(action: dict[str, Any]) -> list[dict[str, Any]]:
    """An action's sub-actions, in plain data (for portal.joined.action_tree)."""
    return action.get("actions", [])  # type: ignore[no-any-return]
