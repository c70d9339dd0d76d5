"""Exhibit 2 of the inspectors' guidance: for each recommendation, whether the plan has
quantifiable targets, time scales, resources, accountability, monitoring and links to
other plans. Computed from the data only; `planportal check --completeness` lists the gaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planportal.portal import Placed, Portal, walk_actions

Answer = Literal["yes", "partly", "no"]

COLUMNS = {
    "targets": "Quantifiable outcome targets in place",
    "timescales": "Time scales and milestones agreed",
    "resources": "Budget / resources agreed",
    "accountability": "Accountability allocated",
    "monitoring": "Monitoring",
    "links": "Link to relevant plan or document",
}


@dataclass(frozen=True)
class Check:
    """One column for one recommendation: the answer, and what is missing when it is not yes."""

    answer: Answer
    missing: str = ""


def _share(have: int, of: int, noun: str, lacking: str) -> Check:
    """'yes' when all `of` have it, else 'partly' or 'no', saying how many lack it.

    >>> _share(2, 5, "actions", "have no deadline")
    Check(answer='partly', missing='3 of 5 actions have no deadline')
    """
    if have == of:
        return Check("yes")
    return Check("partly" if have else "no", f"{of - have} of {of} {noun} {lacking}")


def exhibit(placed: Placed, portal: Portal) -> dict[str, Check]:
    """The six checks of Exhibit 2 for one recommendation (its first column is the recommendation)."""
    rec = placed.rec
    actions = [a for a, _ in walk_actions(rec.actions)]
    quantified = rec.performance_targets or any(portal.indicators[c].targets for c in rec.indicators)
    if not actions:
        timescales = Check("no", "no actions, so no milestones")
    else:
        dated = sum(1 for a in actions if a.due and a.due.last.kind != "tbc")
        timescales = _share(dated, len(actions), "actions", "have no deadline")
        if timescales.answer == "yes" and rec.achieve_by is None:
            timescales = Check("partly", "no date for the recommendation to be achieved by")
    if placed.outcome and placed.outcome.lead:
        accountability = Check("yes")
    elif rec.actions:
        led = sum(1 for a in rec.actions if a.lead)
        accountability = _share(led, len(rec.actions), "main actions", "have no lead")
    else:
        accountability = Check("no", "no lead officer")
    return {
        "targets": Check("yes") if quantified else Check("no", "no performance target or indicator target"),
        "timescales": timescales,
        "resources": Check("yes") if rec.resources or any(a.resources for a in actions)
        else Check("no", "the resources required are not stated"),
        "accountability": accountability,
        "monitoring": Check("yes") if placed.plan.plan.monitoring
        else Check("no", "the plan does not say who monitors it"),
        "links": Check("yes") if rec.related else Check("no", "no related plan or document"),
    }


def gaps(portal: Portal) -> list[tuple[Placed, str, Check]]:
    """Every column that is not a plain yes, for every recommendation, in document order."""
    return [
        (placed, column, check)
        for placed in portal.recommendations()
        for column, check in exhibit(placed, portal).items()
        if check.answer != "yes"
    ]
