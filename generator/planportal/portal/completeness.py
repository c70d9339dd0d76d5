"""Exhibit 2 of the inspectors' guidance: for each recommendation, whether the plan has
quantifiable targets, time scales, resources, accountability, monitoring and links to
other plans. Computed from the data only; `planportal check --completeness` lists the gaps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from planportal.portal.joined import Placed, Portal, walk_actions
from planportal.text.catalogue import N_, untranslated

Answer = Literal["yes", "partly", "no"]

COLUMNS = {  # English msgids: `planportal check` prints them as they are, pages translate them
    "targets": N_("Quantifiable outcome targets in place"),
    "timescales": N_("Time scales and milestones agreed"),
    "resources": N_("Budget / resources agreed"),
    "accountability": N_("Accountability allocated"),
    "monitoring": N_("Monitoring"),
    "links": N_("Link to relevant plan or document"),
}


@dataclass(frozen=True)
class Check:
    """One column for one recommendation: the answer, and what is missing when it is not yes:
    `message` is an English msgid of the catalogue, with `values` for its %(name)s placeholders."""

    answer: Answer
    message: str = ""
    values: tuple[tuple[str, int], ...] = ()

    @property
    def missing(self) -> str:
        """What is missing, in English."""
        return self.words()

    def words(self, _: Callable[[str], str] = untranslated) -> str:
        """What is missing, in the language of `_` (a gettext)."""
        if not self.message:
            return ""
        return _(self.message) % dict(self.values) if self.values else _(self.message)


def _share(have: int, of: int, message: str) -> Check:
    """'yes' when all `of` have it, else 'partly' or 'no', saying how many lack it.

    >>> _share(2, 5, "%(missing)s of %(total)s actions have no deadline").missing
    '3 of 5 actions have no deadline'
    """
    if have == of:
        return Check("yes")
    return Check("partly" if have else "no", message, (("missing", of - have), ("total", of)))


def exhibit(placed: Placed, portal: Portal) -> dict[str, Check]:
    """The six checks of Exhibit 2 for one recommendation (its first column is the recommendation)."""
    rec = placed.rec
    actions = [a for a, _ in walk_actions(rec.actions)]
    quantified = rec.performance_targets or any(portal.indicators[c].targets for c in rec.indicators)
    achieve_by = rec.achieve_by is not None and rec.achieve_by.last.kind != "tbc"  # a time scale of its own
    if not actions:
        timescales = Check("yes") if achieve_by else Check("no", N_("no actions, so no milestones"))
    else:
        dated = sum(1 for a in actions if a.due and a.due.last.kind != "tbc")
        timescales = _share(dated, len(actions), N_("%(missing)s of %(total)s actions have no deadline"))
        if timescales.answer == "yes" and rec.achieve_by is None:
            timescales = Check("partly", N_("no date by which it is to be achieved as a whole"))
        elif timescales.answer == "no" and achieve_by:
            timescales = Check("partly", timescales.message, timescales.values)
    if rec.lead or (placed.outcome and placed.outcome.lead) or (placed.theme and placed.theme.lead):
        accountability = Check("yes")
    elif rec.actions:
        led = sum(1 for a in rec.actions if a.lead)
        accountability = _share(led, len(rec.actions), N_("%(missing)s of %(total)s main actions have no lead"))
    else:
        accountability = Check("no", N_("no lead officer"))
    return {
        "targets": Check("yes") if quantified else Check("no", N_("no performance target or indicator target")),
        "timescales": timescales,
        "resources": Check("yes") if rec.resources or any(a.resources for a in actions)
        else Check("no", N_("the resources required are not stated")),
        "accountability": accountability,
        "monitoring": Check("yes") if placed.plan.plan.monitoring
        else Check("no", N_("the plan does not say who monitors it")),
        "links": Check("yes") if rec.related else Check("no", N_("no related plan or document")),
    }


def gaps(portal: Portal) -> list[tuple[Placed, str, Check]]:
    """Every column that is not a plain yes, for every recommendation, in document order."""
    return [
        (placed, column, check)
        for placed in portal.recommendations()
        for column, check in exhibit(placed, portal).items()
        if check.answer != "yes"
    ]
