"""Plan pages: a plan, its themes, each recommendation (with its actions), and the whole plan on
one page for printing, with the Exhibit 2 checklist.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from planportal.pages import urls
from planportal.pages.context import Site, unsearched
from planportal.pages.parts import DetailsKey
from planportal.pages.progress import quarter_words
from planportal.portal.completeness import COLUMNS, Check, exhibit
from planportal.portal.dashboards import dashboard
from planportal.portal.joined import Placed, PlanEntry, plan_recommendations, walk_actions
from planportal.portal.returns import return_quarters
from planportal.portal.status import standing
from planportal.source.dates import When
from planportal.text.catalogue import N_
from planportal.text.markdown import (
    demote,
    one_line,
)


@dataclass(frozen=True)
class ExhibitRow:
    """One recommendation's line in the Exhibit 2 checklist, each column in words."""

    placed: Placed
    cells: dict[str, str]


def _answer(site: Site, check: Check, detail: str = "") -> str:
    words = {"yes": site._("Yes"), "partly": site._("Partly"), "no": site._("No")}[check.answer]
    said = "; ".join(part for part in (check.words(site._), detail) if part)
    return f"{words}: {said}" if said else words


def exhibit_row(site: Site, placed: Placed, page: str) -> ExhibitRow:
    """A recommendation's checklist row. Monitoring is the plan's, the same in every row: a row says
    only yes or no, and the page says once who monitors it."""
    checks = exhibit(placed, site.portal)
    leads = list(dict.fromkeys([*placed.rec.lead, *(placed.outcome.lead if placed.outcome else []),
                                *(placed.theme.lead if placed.theme else []),
                                *(lead for a in placed.rec.actions for lead in a.lead)]))
    details = {
        "accountability": ", ".join(
            f"[{one_line(site.person_name(p))}]({urls.relative(page, urls.lead(p))})" for p in leads),
        "links": "; ".join(site.related(r, placed.plan.id) for r in placed.rec.related),
    }
    return ExhibitRow(placed, {column: _answer(site, check, details.get(column, ""))
                               for column, check in checks.items()})


def plan_page(site: Site, entry: PlanEntry, pdf: bool = False) -> str:
    """A plan's page; `pdf`, with a link to the whole plan as a PDF (`planportal build --pdf`)."""
    page = urls.plan(entry.id)
    placed_all = list(plan_recommendations(entry))
    outcome_counts = {
        (theme.id, outcome.id): site.shared.outcome_board(entry, theme, outcome)
        for theme in entry.plan.themes for outcome in theme.outcomes
    }
    with site.collecting() as notes:
        exhibit_rows = [exhibit_row(site, p, page) for p in placed_all]
    quarters = site.shared.quarters(entry)
    return site.page(
        "plan.md.j2", page, notes=notes, entry=entry, plan=entry.plan, counts=site.shared.plan_board(entry),
        outcome_counts=outcome_counts, direct=[p for p in placed_all if p.theme is None],
        theme_direct={theme.id: [p for p in placed_all if p.theme is theme and p.outcome is None]
                      for theme in entry.plan.themes},
        citing=site.portal.plans_citing().get(entry.id, []),
        exhibit=exhibit_rows,
        columns={column: site._(title) for column, title in COLUMNS.items()},
        reports=[(quarter_words(site, fy, q), urls.report(entry.id, fy, q)) for fy, q in quarters],
        returns=[(quarter_words(site, fy, q), urls.returns(entry.id, fy, q))
                 for fy, q in return_quarters(entry, quarters)],
        pdf=pdf,
    )


def theme_page(site: Site, entry: PlanEntry, theme_index: int) -> str:
    theme = entry.plan.themes[theme_index]
    placed_all = [p for p in plan_recommendations(entry) if p.theme is theme]
    outcomes = []
    for outcome in theme.outcomes:
        mine = [p for p in placed_all if p.outcome is outcome]
        outcomes.append((outcome, mine, site.shared.outcome_board(entry, theme, outcome)))
    direct = [p for p in placed_all if p.outcome is None]
    return site.page("theme.md.j2", urls.theme(entry.id, theme.id), entry=entry, theme=theme, outcomes=outcomes,
                     direct=direct, counts=site.shared.theme_board(entry, theme))


def recommendation_page(site: Site, placed: Placed, referenced_by: list[Placed], print_page: str | None = None) -> str:
    """A recommendation's page; with `print_page`, its part of that page (unique anchors, no banner,
    no language links: the print page has them)."""
    with site.collecting() as notes:
        details = site.part(DetailsKey(placed.key), lambda: recommendation_details(site, placed, referenced_by))
    return site.page(
        "recommendation.md.j2", print_page or urls.recommendation(placed.plan.id, placed.rec.ref),
        abbreviations=print_page is None, on_site=print_page is None, notes=notes, placed=placed, entry=placed.plan,
        print_mode=print_page is not None, details=action_anchors(details, placed.rec.ref if print_page else None),
    )


def not_given(placed: Placed) -> list[str]:
    """What the plan leaves out for a recommendation, by the labels its page would give them
    (English msgids, in page order): said in one line instead of a 'Not stated' each.

    >>> from planportal.source.model import Recommendation
    >>> rec = Recommendation(ref="05", text="Improve the services", urgency=1, related=[{"text": "The strategy"}])
    >>> missing = not_given(Placed(None, None, None, rec))  # type: ignore[arg-type]
    >>> missing[:2], missing[2:]
    (['Source', 'To be achieved by'], ['Capacity / additional resources required', 'Success criteria', \
'Performance targets'])
    """
    rec = placed.rec
    actions_have_criteria = any(a.success_criteria for a, _ in walk_actions(rec.actions))
    missing = [(not rec.sources, N_("Source")), (rec.urgency is None, N_("Urgency")),
               (rec.achieve_by is None, N_("To be achieved by")),
               (placed.outcome is not None and not placed.outcome.lead, N_("Lead accountable officer")),
               (rec.resources is None, N_("Capacity / additional resources required")),
               (not rec.success_criteria and not actions_have_criteria, N_("Success criteria")),
               (not rec.performance_targets, N_("Performance targets")),
               (not rec.related, N_("Related plans and documents"))]
    return [label for absent, label in missing if absent]


def recommendation_details(site: Site, placed: Placed, referenced_by: list[Placed]) -> str:
    """A recommendation's page below its title, the same on its page and its plan's print page: the
    fields the plan gives, and one line naming those it does not."""
    as_at = placed.plan.plan.as_at
    actions = [(a, parent, standing(a, as_at)) for a, parent in walk_actions(placed.rec.actions)]
    dated: list[When] = [p.date for a, _, _ in actions for p in a.progress]
    dated += [c.date for a, _, _ in actions for c in a.deadline_changes]
    missing = not_given(placed)
    return site.fill("recommendation-details.md.j2", placed=placed, entry=placed.plan, actions=actions,
                     counts=dashboard([placed]), referenced_by=referenced_by, text_follows=site.rec_heading(placed)[1],
                     not_given=[site._(label).lower() for label in missing], criteria="Success criteria" not in missing,
                     last_update=max(dated, key=lambda w: w.start or dt.date.min) if dated else None)


def action_anchors(markdown: str, ref: str | None = None) -> str:
    """Each action's anchor (jinja.action_anchor) filled in: `action-1a` on the recommendation's page;
    on the print page, which shows every recommendation, the recommendation's ref and the action's id
    apart (urls.print_action_anchor), so that recommendation 1.1's action 2 and recommendation 1's
    action 1.2 have anchors of their own.

    >>> from planportal.pages.jinja import action_anchor
    >>> action_anchors("{#" + action_anchor("1a") + "}"), action_anchors("{#" + action_anchor("1a") + "}", "R1")
    ('{#action-1a}', '{#action-r1_1a}')
    """
    if ref is None:
        return _MARK.sub(lambda match: urls.anchor("action", match[1]), markdown)
    return _MARK.sub(lambda match: urls.print_action_anchor(ref, match[1]), markdown)


_MARK = re.compile("\x01([^\x01]*)\x01")


def print_page(site: Site, entry: PlanEntry, referenced_by: dict[tuple[str, str], list[Placed]],
               paper: bool = False) -> str:
    """The whole plan on one page for printing: the plan page with the Exhibit 2 checklist, then
    every recommendation in full; `paper`, for a PDF (no words about the site's page)."""
    page = urls.plan_print(entry.id)
    with site.collecting() as notes:
        exhibit_rows = [exhibit_row(site, p, page) for p in plan_recommendations(entry)]
        parts = [site.page("print.md.j2", page, abbreviations=False, on_site=False, entry=entry, plan=entry.plan,
                           paper=paper, exhibit=exhibit_rows,
                           columns={column: site._(title) for column, title in COLUMNS.items()})]
        parts += [demote(recommendation_page(site, placed, referenced_by.get(placed.key, []), page))
                  for placed in plan_recommendations(entry)]
        body = "\n".join(parts)
        body += site.abbreviations(body, page)
    return unsearched(site.finish(body, page, notes))
