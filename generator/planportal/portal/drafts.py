"""The public portal: draft plans left out until they are approved (`state: final`).

A public build shows only final plans. What only drafts use (their leads, partners, documents,
indicators and priorities) goes with them; a final plan that names a draft plan or one of its
recommendations as related keeps the words, without a link to a page that is not published.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from planportal.portal.joined import PlanEntry, Portal, plan_recommendations, recommendation_paths, walk_actions
from planportal.source.model import Related
from planportal.source.plaindata import at, to_data
from planportal.text.catalogue import translations
from planportal.text.language import pick


def drafts(portal: Portal) -> list[str]:
    return [e.id for e in portal.plans if e.plan.state == "draft"]


def public(portal: Portal) -> Portal:
    """The portal without its draft plans, and without what only they use."""
    left_out = set(drafts(portal))
    if not left_out:
        return portal
    kept = [_unlink(e, left_out, portal) for e in portal.plans if e.id not in left_out]
    used = _used(kept)
    dropped_used = _used([e for e in portal.plans if e.id in left_out])

    def keep(key: str) -> bool:  # keep what a published plan uses, and what no plan uses (the directory)
        return key in used or key not in dropped_used

    return replace(
        portal, plans=kept,
        people={k: v for k, v in portal.people.items() if keep(k)},
        partners={k: v for k, v in portal.partners.items() if keep(k)},
        documents={k: v for k, v in portal.documents.items() if keep(k)},
        indicators={k: v for k, v in portal.indicators.items() if keep(k)},
        priorities={k: v for k, v in portal.priorities.items() if keep(k)},
        locations={k: v for k, v in portal.locations.items() if k[0] not in left_out},
    )


def _used(entries: list[PlanEntry]) -> set[str]:
    """Every id the plans refer to: leads, partners, documents, indicators, priorities."""
    found: set[str] = set()
    for entry in entries:
        for theme in entry.plan.themes:
            for outcome in theme.outcomes:
                found.update(outcome.lead)
        for placed in plan_recommendations(entry):
            found.update(placed.rec.indicators)
            found.update(r.document for r in placed.rec.related if r.document)
            for action, _ in walk_actions(placed.rec.actions):
                found.update(action.lead, action.partners, action.priorities)
    return found


def _words(portal: Portal, plan_id: str, ref: str | None) -> str | dict[str, str]:
    """'Recommendation 3 of <title> (a draft, not yet published)' in each of the portal's languages."""
    languages = portal.settings.languages
    words = {}
    for lang in languages:
        _ = translations(lang).gettext
        title = pick(portal.plan(plan_id).plan.title, lang, languages[0])
        if ref:
            words[lang] = _("Recommendation %(ref)s of %(plan)s (a draft, not yet published)") % {
                "ref": ref, "plan": title}
        else:
            words[lang] = _("%(plan)s (a draft, not yet published)") % {"plan": title}
    return words[languages[0]] if len(languages) == 1 else words


def _unlink(entry: PlanEntry, left_out: set[str], portal: Portal) -> PlanEntry:
    """The plan with each related item that points into a draft plan turned into words."""
    def related(rel: Related, here: str) -> Related:
        target = rel.plan or here
        if target not in left_out or rel.document or rel.text is not None:
            return rel
        return Related(text=_words(portal, target, rel.recommendation), note=rel.note)

    data: Any = entry.plan
    if not any(r.plan in left_out for p in plan_recommendations(entry) for r in p.rec.related):
        return entry
    plan_data = to_data(data)
    for path, _ in recommendation_paths(entry.plan):
        rec_data = at(plan_data, path[1:])  # the same recommendation in the plan's plain data
        rec_data["related"] = [to_data(related(Related.model_validate(r), entry.id))
                               for r in rec_data.get("related", [])]
    return replace(entry, plan=type(data).model_validate(plan_data))
