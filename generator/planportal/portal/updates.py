"""Quarterly updates joined to the plans: each update file checked against the portal (the action
it names, its dates, its period, its lead), then every entry added to its action's progress log,
and a moved deadline to the action's deadline changes. The plan files are never rewritten.

Entries are added after the plan's own entries of the same date, in the order of their files
(by period, then lead) and of the entries in each file, so the same files give the same portal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from planportal.portal.joined import PlanEntry, Portal, walk_actions
from planportal.source.dates import When, after_today, parse_period, quarter
from planportal.source.messages import suggest
from planportal.source.model import Action, DeadlineChange, ProgressEntry, Recommendation
from planportal.source.problems import Problem
from planportal.source.updates import LoadedUpdates, Update, UpdateFile, address, split_address


def addresses(portal: Portal) -> dict[str, tuple[PlanEntry, Recommendation, Action]]:
    """Every action of the portal by its address ('plan/ref/id')."""
    found = {}
    for placed in portal.recommendations():
        for action, _ in walk_actions(placed.rec.actions):
            found[address(placed.plan.id, placed.rec.ref, action.id)] = (placed.plan, placed.rec, action)
    return found


def check_updates(portal: Portal, files: list[LoadedUpdates]) -> list[Problem]:
    """Every problem in the update files, each at its line: an unknown action (with the nearest
    address), a date outside the quarter the file is filed under or after its plan's as-at date,
    the same entry given twice, an unknown lead or reporter, a file filed under the wrong period
    or lead."""
    known = addresses(portal)
    problems: list[Problem] = []
    seen: dict[tuple[str, dt.date, str], str] = {}

    def add(f: LoadedUpdates, path: tuple[str | int, ...], message: str) -> None:
        line, col = f.doc.position(path)
        problems.append(Problem(f.doc.file, line, col, message))

    for f in files:
        try:
            fy, q = parse_period(f.folder)
        except ValueError:
            add(f, (), f"the folder '{f.folder}' is not a quarter: file updates under updates/<period>/, "
                "such as updates/2005-q4/ for January to March 2006")
            continue
        if f.data.period != f"{fy}-Q{q}":
            add(f, ("period",), f"period {f.data.period} is not the quarter this file is filed under "
                f"({f.folder}): move the file to updates/{f.data.period.lower()}/ or correct the period")
        if f.data.lead.casefold() != f.name.casefold():
            add(f, ("lead",), f"lead '{f.data.lead}' is not the lead this file is named for ('{f.name}'): "
                f"name the file {f.data.lead.lower()}.yaml, or correct the lead")
        if f.data.lead not in portal.people:
            add(f, ("lead",), f"unknown lead '{f.data.lead}'{suggest(f.data.lead, portal.people)}: "
                "add them to people: in plans/, or correct the id")
        period = quarter(fy, q)
        for i, update in enumerate(f.data.updates):
            where = ("updates", i)
            target = known.get(update.action)
            if target is None:
                add(f, (*where, "action"), f"unknown action '{update.action}'{suggest(update.action, known)}: "
                    "give plan id/recommendation ref/action id, as in the action's address on its page")
                continue
            entry, _, _ = target
            assert period.start is not None and period.end is not None
            if not period.start <= update.date <= period.end:
                add(f, (*where, "date"), f"date {update.date} is not in {f.data.period} "
                    f"({period.start} to {period.end}), the quarter this file is filed under: file it under "
                    "its own quarter, or correct the date")
            elif future := after_today(update.date):
                add(f, (*where, "date"), f"update {future}")
            elif entry.plan.as_at is not None and update.date > entry.plan.as_at:
                add(f, (*where, "date"), f"date {update.date} is after the as-at date of plan '{entry.id}' "
                    f"({entry.plan.as_at}), the date its progress is published as correct at: "
                    "move the plan's as_at on, or correct the date")
            if update.deadline is not None and update.deadline.reason is None:
                add(f, (*where, "deadline"), "a moved deadline needs its reason: add reason: beside due:, "
                    "saying why the deadline moved")
            if update.reported_by is not None and update.reported_by not in portal.people:
                add(f, (*where, "reported_by"), f"unknown person '{update.reported_by}'"
                    f"{suggest(update.reported_by, portal.people)}: add them to people:, or correct the id")
            key = (update.action, update.date, " ".join(str(update.text).split()))
            if key in seen:
                add(f, where, f"the same update of {update.action} on {update.date} is given twice "
                    f"(first at {seen[key]}): remove one")
            else:
                seen[key] = f"{f.doc.file}:{f.doc.position(where)[0]}"
    return problems


def entries(files: list[LoadedUpdates]) -> Iterator[tuple[UpdateFile, Update]]:
    """Every update, in the order entries are added: by period, then file, then as written."""
    for f in sorted(files, key=lambda f: (parse_period(f.data.period), f.doc.file)):
        for update in f.data.updates:
            yield f.data, update


def merged(portal: Portal, files: list[LoadedUpdates]) -> Portal:
    """The portal with every update added to its action (the files must have passed check_updates).

    Each update becomes a progress entry (reported by its reporter, else the file's lead); a moved
    deadline becomes the action's deadline, the old one kept as a deadline change."""
    by_action: dict[str, list[tuple[UpdateFile, Update]]] = {}
    for file, update in entries(files):
        by_action.setdefault(update.action, []).append((file, update))
    if not by_action:
        return portal
    plans = [_plan_with(entry, by_action) for entry in portal.plans]
    return dataclasses.replace(portal, plans=plans)


def _plan_with(entry: PlanEntry, by_action: dict[str, list[tuple[UpdateFile, Update]]]) -> PlanEntry:
    mine = {split_address(a)[1:]: ups for a, ups in by_action.items() if split_address(a)[0] == entry.id}
    if not mine:
        return entry

    def rec_with(rec: Recommendation) -> Recommendation:
        if not any(ref == rec.ref for ref, _ in mine):
            return rec
        return rec.model_copy(update={"actions": [action_with(rec.ref, a) for a in rec.actions]})

    def action_with(ref: str, action: Action) -> Action:
        changes: dict[str, object] = {"actions": [action_with(ref, a) for a in action.actions]}
        ups = mine.get((ref, action.id), [])
        if ups:
            progress = list(action.progress)
            moves = list(action.deadline_changes)
            due = action.due
            for file, update in ups:
                day = When("day", update.date, update.date)
                progress.append(ProgressEntry(date=day, status=update.status, rag=update.rag,
                                              percent_complete=update.percent_complete, text=update.text,
                                              reported_by=update.reported_by or file.lead))
                if update.deadline is not None:
                    if due is not None:
                        moves.append(DeadlineChange(date=day, previous=due, reason=update.deadline.reason))
                    due = update.deadline.due
            changes |= {"progress": sorted(progress, key=lambda p: p.date.start),  # stable: the plan's first
                        "deadline_changes": sorted(moves, key=lambda c: c.date.start), "due": due}
        return action.model_copy(update=changes)

    plan = entry.plan
    themes = [theme.model_copy(update={"outcomes": [
        outcome.model_copy(update={"recommendations": [rec_with(r) for r in outcome.recommendations]})
        for outcome in theme.outcomes]}) for theme in plan.themes]
    plan = plan.model_copy(update={"themes": themes, "recommendations": [rec_with(r) for r in plan.recommendations]})
    return dataclasses.replace(entry, plan=plan)
