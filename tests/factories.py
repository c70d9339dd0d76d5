"""Small portals built from Python data, for tests that need a Portal but not a site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from planportal.portal.joined import Portal
from planportal.portal.load import load_portal

PORTAL = {"portal": {"title": "Test portal", "authority": "Test Council",
                     "urgency": [{"level": 1, "label": "1 month"}]}}
PEOPLE = [{"id": "SF", "name": "Sue Fiennes", "role": "Director of Children's Services"}]


def plan(**fields: Any) -> dict[str, Any]:
    """A valid plan mapping; keyword arguments replace or add its fields."""
    return {"title": "Improvement plan", "authority": "Test Council", "level": "detailed", "state": "final",
            "recommendations": [], **fields}


def make_portal(root: Path, plans: dict[str, dict[str, Any]], **directory: Any) -> Portal:
    """Write portal.yaml (with `directory` sections) and one file per plan under root/plans, and load them."""
    folder = root / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "portal.yaml").write_text(yaml.safe_dump({**PORTAL, "people": PEOPLE, **directory}), encoding="utf-8")
    for plan_id, data in plans.items():
        (folder / f"{plan_id}.yaml").write_text(yaml.safe_dump({"plan": data}), encoding="utf-8")
    return load_portal(folder, root / "content", root)
