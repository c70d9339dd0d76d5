"""Synthetic portals shaped like the seed plans, for benchmarks and scale tests.

`write_portal(folder, actions, seed)` writes folder/portal.yaml and folder/<plan>.yaml: plans ×
themes × outcomes × recommendations × main actions × sub-actions, with progress logs and
statuses, deadline changes, leads (people), partners, documents cited with page numbers,
cross-references between recommendations (within and across plans), glossary terms used in the
text, indicators and council plan priorities. Every text is a phrase taken from the seed plans in
plans/, so pages have realistic lengths. The same seed and size always give the same bytes.

    python -m benchmarks.synthetic OUT_FOLDER ACTIONS [--seed N]

Each plan has THEMES × OUTCOMES × RECS recommendations, each with MAIN main actions of SUB
sub-actions (8 actions a recommendation, 512 a plan); the last plan is cut short to give exactly
the number of actions asked for. Leads, partners, documents and indicators grow with the plans
(each plan is a council with its own officers), so pages stay the same size as the portal grows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

SEED_PLANS = Path(__file__).resolve().parent.parent / "plans"
HEADER = "# yaml-language-server: $schema=../schema/plan-portal.schema.json\n# Synthetic: benchmarks/synthetic.py\n"

THEMES, OUTCOMES, RECS, MAIN, SUB = 4, 4, 4, 2, 3
ACTIONS_PER_REC = MAIN * (1 + SUB)
PEOPLE_PER_PLAN, PARTNERS_PER_PLAN, DOCUMENTS_PER_PLAN, INDICATORS_PER_PLAN = 10, 4, 8, 4
STATUSES = ["completed"] * 4 + ["in_progress"] * 3 + ["delayed", "not_yet_due", "no_longer_relevant"]


class Phrases:
    """Texts from the seed plans, by the field they were written in."""

    def __init__(self, folder: Path = SEED_PLANS) -> None:
        self.by_field: dict[str, list[Any]] = {}
        self.glossary: list[dict[str, Any]] = []
        self.portal: dict[str, Any] = {}
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            self.glossary += data.get("glossary", [])
            self.portal = data.get("portal") or self.portal
            self._collect(data, "")
        for name in ("rec", "action", "progress", "criterion", "outcome", "theme", "role", "reason", "title"):
            self.by_field.setdefault(name, ["Improve outcomes for children and young people"])

    def _collect(self, node: Any, key: str) -> None:
        field = {"text": "rec", "title": "action", "success_criteria": "criterion", "performance_targets": "criterion",
                 "role": "role", "reason": "reason", "details": "reason", "name": "name"}.get(key)
        if isinstance(node, dict):
            if "status" in node or "date" in node and "text" in node:  # a progress entry
                self.by_field.setdefault("progress", []).append(node["text"])
            if "outcomes" in node:
                self.by_field.setdefault("theme", []).append(node["title"])
            if "recommendations" in node and "title" in node and "level" not in node:
                self.by_field.setdefault("outcome", []).append(node["title"])
            if "level" in node and "title" in node:
                self.by_field.setdefault("title", []).append(node["title"])
            for k, v in node.items():
                self._collect(v, k)
        elif isinstance(node, list):
            for item in node:
                self._collect(item, key)
        elif isinstance(node, str) and field and len(node) > 3:
            self.by_field.setdefault(field, []).append(node)


def _dates(start: dt.date, days: int, rng: random.Random, count: int) -> list[dt.date]:
    return sorted(start + dt.timedelta(days=rng.randrange(days)) for _ in range(count))


class Generator:
    def __init__(self, actions: int, seed: int, phrases: Phrases | None = None) -> None:
        self.total = actions
        self.rng = random.Random(seed)
        self.ph = phrases or Phrases()
        self.recs = -(-actions // ACTIONS_PER_REC)
        per_plan = THEMES * OUTCOMES * RECS
        self.plan_ids = [f"council-{n + 1:03d}" for n in range(-(-self.recs // per_plan))]
        self.terms = [t["term"] for t in self.ph.glossary]
        self.priorities = [f"priority-{n}" for n in range(1, 6)]

    def pick(self, field: str) -> Any:
        return self.rng.choice(self.ph.by_field[field])

    def plain(self, field: str) -> str:
        """A phrase as plain text (its English where the seed gives translations)."""
        phrase = self.pick(field)
        return phrase if isinstance(phrase, str) else str(phrase.get("en", ""))

    def text(self, field: str) -> Any:
        """A phrase; now and then with a glossary term in it, as plans write them."""
        phrase = self.pick(field)
        if isinstance(phrase, str) and self.terms and self.rng.random() < 0.25:
            phrase = f"{phrase} ({self.rng.choice(self.terms)})"
        return phrase

    # --- the directory -----------------------------------------------------------
    def people(self, plan_id: str) -> list[dict[str, Any]]:
        result = []
        for n in range(PEOPLE_PER_PLAN):
            person: dict[str, Any] = {"id": f"{plan_id}-lead-{n + 1}", "role": self.pick("role")}
            if n % 3:
                person["name"] = f"Officer {n + 1} of {plan_id.replace('-', ' ').title()}"
            result.append(person)
        return result

    def portal_file(self) -> dict[str, Any]:
        settings = dict(self.ph.portal)
        settings["title"] = {"en": "Synthetic portal of council plans", "cy": "Porth synthetig o gynlluniau cynghorau"}
        return {
            "portal": settings,
            "glossary": self.ph.glossary,
            "priorities": [{"id": p, "title": self.pick("theme"), "targets": [self.pick("criterion")]}
                           for p in self.priorities],
        }

    # --- a plan --------------------------------------------------------------------
    def plan_file(self, index: int, first_rec: int) -> dict[str, Any]:
        plan_id = self.plan_ids[index]
        start = dt.date(2024, 4, 1) + dt.timedelta(days=91 * (index % 4))
        self.as_at = start + dt.timedelta(days=455)
        self.start = start
        self.people_ids = [f"{plan_id}-lead-{n + 1}" for n in range(PEOPLE_PER_PLAN)]
        self.partner_ids = [f"{plan_id}-partner-{n + 1}" for n in range(PARTNERS_PER_PLAN)]
        self.document_ids = [f"{plan_id}-doc-{n + 1}" for n in range(DOCUMENTS_PER_PLAN)]
        self.indicator_codes = [f"{plan_id.upper()} {n + 1}" for n in range(INDICATORS_PER_PLAN)]
        themes = []
        rec_number = first_rec
        for t in range(THEMES):
            outcomes = []
            for o in range(OUTCOMES):
                recs = []
                for r in range(RECS):
                    if rec_number >= self.recs:
                        break
                    recs.append(self.recommendation(plan_id, index, f"{t + 1}.{o + 1}.{r + 1}", rec_number))
                    rec_number += 1
                if recs:
                    outcomes.append({"id": str(o + 1), "title": self.text("outcome"),
                                     "lead": self.rng.choice(self.people_ids), "recommendations": recs})
            if outcomes:
                themes.append({"id": str(t + 1), "title": self.pick("theme"), "outcomes": outcomes})
        plan = {
            "title": f"{self.plain('title')} ({plan_id.replace('-', ' ').title()})",
            "authority": f"{plan_id.replace('-', ' ').title()}",
            "level": "detailed",
            "state": "draft" if index % 5 == 4 else "final",
            "version": f"{1 + index % 3}",
            "approved": start.isoformat(),
            "as_at": self.as_at.isoformat(),
            "period": f"{start:%Y-%m} to {start + dt.timedelta(days=730):%Y-%m}",
            "introduction": "\n\n".join(self.plain("rec") for _ in range(3)),
            "monitoring": [{"body": "Improvement Board", "frequency": "monthly"},
                           {"body": "Scrutiny Committee", "frequency": "quarterly"}],
            "themes": themes,
        }
        return {
            "plan": plan,
            "people": self.people(plan_id),
            "partners": [{"id": p, "name": f"Partner body {n + 1} of {plan_id}"}
                         for n, p in enumerate(self.partner_ids)],
            "documents": [self.document(d, n) for n, d in enumerate(self.document_ids)],
            "indicators": [self.indicator(code) for code in self.indicator_codes],
        }

    def document(self, doc_id: str, n: int) -> dict[str, Any]:
        doc: dict[str, Any] = {"id": doc_id, "title": self.plain("rec")[:80].rsplit(" ", 1)[0]}
        if n % 2 == 0:
            doc["url"] = f"https://www.example.gov.uk/{doc_id}.pdf"
        return doc

    def indicator(self, code: str) -> dict[str, Any]:
        quarters = [f"{self.start + dt.timedelta(days=91 * (q + 1)):%Y-%m}" for q in range(4)]
        return {
            "code": code, "title": self.pick("criterion"), "unit": "%", "higher_is_better": True,
            "baseline": {"period": f"{self.start:%Y-%m}", "value": self.rng.randrange(40, 60)},
            "targets": [{"period": q, "value": 60 + 5 * i} for i, q in enumerate(quarters)],
            "actuals": [{"period": q, "value": self.rng.randrange(45, 80)} for q in quarters[:3]],
        }

    def due(self) -> Any:
        rng, start = self.rng, self.start
        day = start + dt.timedelta(days=rng.randrange(700))
        form = rng.randrange(10)
        if form < 4:
            return day.isoformat()
        if form < 7:
            return f"{day:%Y-%m}"
        if form == 7:
            fy = day.year if day.month >= 4 else day.year - 1
            return f"{fy}-{(fy + 1) % 100:02d} Q{rng.randint(1, 4)}"
        if form == 8:
            return [f"{day:%Y-%m}", f"{day + dt.timedelta(days=180):%Y-%m}"]
        return {"date": f"from {day:%Y-%m}", "note": "monthly"} if rng.random() < 0.5 else "ongoing"

    def action(self, action_id: str, main: bool) -> dict[str, Any]:
        rng = self.rng
        action: dict[str, Any] = {"id": action_id, "title": self.text("action"), "due": self.due()}
        if main or rng.random() < 0.5:
            action["lead"] = rng.choice(self.people_ids)
        if rng.random() < 0.3:
            action["partners"] = rng.sample(self.partner_ids, 2)
        if rng.random() < 0.2:
            action["success_criteria"] = [self.pick("criterion")]
        if rng.random() < 0.1:
            action["priorities"] = [rng.choice(self.priorities)]
        if rng.random() < 0.1:
            action["deadline_changes"] = [{"date": (self.start + dt.timedelta(days=100)).isoformat(),
                                           "previous": f"{self.start + dt.timedelta(days=60):%Y-%m}",
                                           "reason": self.pick("reason")}]
        entries = []
        days = _dates(self.start, (self.as_at - self.start).days, rng, rng.choice([0, 1, 1, 2, 3]))
        by_month = [rng.random() < 0.3 for _ in days]  # dated by month: it sorts as the month's first day
        for day, month in sorted(zip(days, by_month, strict=True), key=lambda d: d[0].replace(day=1) if d[1] else d[0]):
            entry: dict[str, Any] = {"date": f"{day:%Y-%m}" if month else day.isoformat(),
                                     "text": self.text("progress")}
            if rng.random() < 0.8:
                entry["status"] = rng.choice(STATUSES)
                if entry["status"] == "no_longer_relevant":
                    entry["reason"] = self.pick("reason")
            entries.append(entry)
        if entries:
            action["progress"] = entries
        return action

    def recommendation(self, plan_id: str, plan_index: int, ref: str, number: int) -> dict[str, Any]:
        rng = self.rng
        codes = [s["code"] for s in self.ph.portal.get("sources", [])] or ["IN"]
        levels = [u["level"] for u in self.ph.portal.get("urgency", [])] or [1]
        related: list[dict[str, Any]] = []
        for _ in range(rng.randrange(3)):
            doc: dict[str, Any] = {"document": rng.choice(self.document_ids)}
            if rng.random() < 0.6:
                doc["page"] = rng.randrange(1, 120)
            related.append(doc)
        if number % 8 > 0 and rng.random() < 0.5:  # an earlier recommendation of this plan
            t, o, r = (int(x) for x in ref.split("."))
            earlier = [f"{a}.{b}.{c}" for a in range(1, t + 1) for b in range(1, OUTCOMES + 1)
                       for c in range(1, RECS + 1) if (a, b, c) < (t, o, r)]
            if earlier:
                related.append({"recommendation": rng.choice(earlier)})
        if plan_index and rng.random() < 0.1:  # a recommendation of another plan
            related.append({"recommendation": "1.1.1", "plan": self.plan_ids[rng.randrange(plan_index)]})
        if plan_index and rng.random() < 0.05:
            related.append({"plan": self.plan_ids[0]})
        if rng.random() < 0.1:
            related.append({"text": "Children and Young People's Plan"})
        actions = []
        left = self.total - number * ACTIONS_PER_REC
        for m in range(MAIN):
            if left <= 0:
                break
            subs = [self.action(f"{m + 1}{chr(97 + s)}", False) for s in range(min(SUB, left - 1))]
            main = self.action(str(m + 1), True)
            if subs:
                main["actions"] = subs
            actions.append(main)
            left -= 1 + len(subs)
        rec: dict[str, Any] = {
            "ref": ref,
            "sources": [{"code": rng.choice(codes), "paragraph": f"{rng.randrange(1, 20)}.{rng.randrange(1, 9)}"}],
            "text": self.text("rec"),
            "urgency": rng.choice(levels),
            "achieve_by": self.due(),
            "success_criteria": [self.pick("criterion") for _ in range(rng.randrange(1, 4))],
            "performance_targets": [self.pick("criterion")] if rng.random() < 0.5 else [],
            "indicators": [rng.choice(self.indicator_codes)] if rng.random() < 0.3 else [],
            "related": related,
            "resources": {"required": rng.random() < 0.5, "details": self.pick("reason")},
            "actions": actions,
        }
        return {k: v for k, v in rec.items() if v != []}

    def files(self) -> Iterator[tuple[str, dict[str, Any]]]:
        yield "portal.yaml", self.portal_file()
        per_plan = THEMES * OUTCOMES * RECS
        for index, plan_id in enumerate(self.plan_ids):
            yield f"{plan_id}.yaml", self.plan_file(index, index * per_plan)


class _Dumper(yaml.SafeDumper):
    """Writes a value used twice out in full: plan files may not hold anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    return HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


def write_portal(folder: Path, actions: int, seed: int = 1) -> list[Path]:
    """Write a synthetic portal of `actions` actions into `folder` (plans/ layout); return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in Generator(actions, seed).files():
        path = folder / name
        path.write_text(dump(data), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("actions", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = write_portal(args.folder, args.actions, args.seed)
    print(f"wrote {len(files)} files to {args.folder}")


if __name__ == "__main__":
    main()
