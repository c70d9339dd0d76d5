"""Cross-reference checks of one plan against the portal's directory: leads, partners, sources,
urgency, indicators, related plans and documents, unique ids, logs in date order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from planportal.portal.joined import Portal, action_paths, recommendation_paths
from planportal.source import model
from planportal.source.dates import after_today, quarter_of
from planportal.source.messages import suggest
from planportal.source.problems import Problem
from planportal.source.texts import Loc
from planportal.source.yamlfile import YamlDocument
from planportal.text.language import pick


class Checker:
    """Collects cross-reference problems against one portal's directory."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, doc: YamlDocument, path: Loc, message: str, key: bool = False) -> None:
        line, col = doc.key_position(path) if key else doc.position(path)
        self.problems.append(Problem(doc.file, line, col, message))

    def unique(self, doc: YamlDocument, items: Iterable[tuple[Loc, str]], what: str,
               seen: dict[str, tuple[str, int, str]] | None = None, within: str = "") -> None:
        """Report every id given twice; `seen` carries ids across files; `within` says where
        the id must be unique, e.g. ' in recommendation 1.1'."""
        seen = {} if seen is None else seen
        for path, value in items:
            key = value.casefold()  # ids name files, and a CD or Windows ignores case in file names
            if key in seen:
                file, line, first = seen[key]
                same = f"'{value}'" if first == value else f"'{value}' (the same as '{first}' but for capitals)"
                self.add(doc, path, f"{what} {same} is given twice{within} (first at {file}:{line}): "
                         "ids must be unique")
            else:
                seen[key] = (doc.file, doc.position(path)[0], value)

    def known(self, doc: YamlDocument, path: Loc, value: str, what: str, choices: Collection[str],
              fix: str) -> None:
        if value not in choices:  # a dict or set: found at once
            self.add(doc, path, f"unknown {what} '{value}'{suggest(value, list(choices))}: {fix}")


LEAD_FIX = "add them to people: in portal.yaml or this file, or correct the id"


def _check_lead(check: Checker, doc: YamlDocument, path: Loc, lead: str, portal: Portal) -> None:
    """A lead must be under people: (a person, role, team or organisation); a partner named as one
    is said to be a partner."""
    partner, default = portal.partners.get(lead), portal.settings.languages[0]
    if lead not in portal.people and partner is not None:
        check.add(doc, path, f"'{lead}' is a partner ({pick(partner.name, default, default)}), and leads are "
                  "listed under people: name the person who leads for them, or, for the organisation itself "
                  f"to lead, move it from partners: to people: with kind: organisation (an entry under "
                  "people: can be a partner too)")
    else:
        check.known(doc, path, lead, "lead", portal.people, LEAD_FIX)


def _check_plan(check: Checker, doc: YamlDocument, plan: model.Plan, plan_id: str, portal: Portal,
                plan_refs: dict[str, set[str]]) -> None:
    settings = portal.settings
    codes = [s.code for s in settings.sources]
    levels = [u.level for u in settings.urgency]
    partner_ids = {**portal.partners, **portal.people}
    check.unique(doc, ((("plan", "themes", i, "id"), t.id) for i, t in enumerate(plan.themes)), "theme")
    for t, theme in enumerate(plan.themes):
        base: Loc = ("plan", "themes", t)
        for i, lead in enumerate(theme.lead):
            _check_lead(check, doc, base + ("lead", i), lead, portal)
        check.unique(doc, ((base + ("outcomes", i, "id"), o.id) for i, o in enumerate(theme.outcomes)), "outcome")
        for o, outcome in enumerate(theme.outcomes):
            for i, lead in enumerate(outcome.lead):
                _check_lead(check, doc, base + ("outcomes", o, "lead", i), lead, portal)
    recs = list(recommendation_paths(plan))
    check.unique(doc, ((path + ("ref",), rec.ref) for path, rec in recs), "recommendation ref")
    for path, rec in recs:
        for i, lead in enumerate(rec.lead):
            _check_lead(check, doc, path + ("lead", i), lead, portal)
        for i, source in enumerate(rec.sources):
            if codes and source.code not in codes:
                check.known(doc, path + ("sources", i, "code"), source.code, "source code", codes,
                            "add it to portal.sources in portal.yaml, or correct it")
        if rec.urgency is not None and levels and rec.urgency not in levels:
            check.add(doc, path + ("urgency",), f"urgency {rec.urgency} is not on the urgency scale "
                      f"({', '.join(map(str, levels))}): use one of those")
        for i, code in enumerate(rec.indicators):
            check.known(doc, path + ("indicators", i), code, "indicator", portal.indicators,
                        "add it to indicators:, or correct the code")
        for i, rel in enumerate(rec.related):
            rpath = path + ("related", i)
            if rel.document:
                check.known(doc, rpath + ("document",), rel.document, "document", portal.documents,
                            "add it to documents:, or correct the id")
            if rel.plan and rel.plan not in plan_refs:
                check.known(doc, rpath + ("plan",), rel.plan, "plan", plan_refs, "use a plan's file name without .yaml")
            elif rel.recommendation:
                target = rel.plan or plan_id
                if rel.recommendation not in plan_refs.get(target, set()):
                    check.add(doc, rpath + ("recommendation",), f"unknown recommendation '{rel.recommendation}' "
                              f"in plan '{target}'{suggest(rel.recommendation, plan_refs[target])}: "
                              "use the ref of a recommendation in that plan")
                elif target == plan_id and rel.recommendation == rec.ref:
                    check.add(doc, rpath + ("recommendation",), "a recommendation cannot be related to itself")
        actions = list(action_paths(rec.actions, path))
        check.unique(doc, ((apath + ("id",), a.id) for apath, a, _ in actions), "action id",
                     within=f" in recommendation {rec.ref}")
        for apath, action, _ in actions:
            for i, lead in enumerate(action.lead):
                _check_lead(check, doc, apath + ("lead", i), lead, portal)
            for i, partner in enumerate(action.partners):
                check.known(doc, apath + ("partners", i), partner, "partner", partner_ids,
                            "add it to partners: (or people:), or put the words in partners_text")
            for i, priority in enumerate(action.priorities):
                check.known(doc, apath + ("priorities", i), priority, "priority", portal.priorities,
                            "add it to priorities:, or correct the id")
            for i, entry in enumerate(action.progress):
                future = after_today(entry.date.start)
                if future:
                    check.add(doc, apath + ("progress", i, "date"), f"progress entry {future}")
                elif plan.as_at and entry.date.start > plan.as_at:
                    check.add(doc, apath + ("progress", i, "date"), f"progress entry dated {entry.date.start} is after "
                              f"{plan.as_at}, the day the plan gives its progress as at (as_at): correct the date, "
                              "or move as_at on")
                elif plan.as_at and quarter_of(entry.date.end) > quarter_of(plan.as_at):  # reports go by the end
                    check.add(doc, apath + ("progress", i, "date"), f"progress entry dated {entry.date} runs to "
                              f"{entry.date.end}, a quarter after {plan.as_at}, the day the plan gives its progress "
                              "as at (as_at), so no quarter's report would show it: end the period by as_at, "
                              "or move as_at on")
                if entry.status == "no_longer_relevant" and entry.reason is None:
                    check.add(doc, apath + ("progress", i),
                              "an action that is no longer relevant needs a reason: add reason:")
            for field, one, many in (("progress", "progress entry", "progress entries"),
                                     ("deadline_changes", "deadline change", "deadline changes")):
                log = getattr(action, field)
                for i in range(1, len(log)):
                    if log[i].date.start < log[i - 1].date.start:
                        check.add(doc, apath + (field, i, "date"), f"{one} dated {log[i].date} comes after one "
                                  f"dated {log[i - 1].date}: put {many} in date order, oldest first")
