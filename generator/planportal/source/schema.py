"""The JSON Schema of plan files, generated from the model (`make schema` writes it to
schema/plan-portal.schema.json, which plan files name for editor completion)."""

from __future__ import annotations

import json

from planportal.source.model import PlanPortalFile


def schema_json() -> str:
    schema = PlanPortalFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Plan Portal plan file"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
