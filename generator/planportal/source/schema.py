"""The JSON Schemas of plan files and update files, generated from the model (`make schema` writes
them to schema/plan-portal.schema.json and schema/update.schema.json, which the files name for
editor completion).

>>> import json; json.loads(schema_json("update"))["title"]
'Plan Portal update file'
"""

from __future__ import annotations

import json
import sys
from typing import Literal

from pydantic import BaseModel

from planportal.source.model import PlanPortalFile
from planportal.source.updates import UpdateFile

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "plan": (PlanPortalFile, "Plan Portal plan file"),
    "update": (UpdateFile, "Plan Portal update file"),
}


def schema_json(kind: Literal["plan", "update"] = "plan") -> str:
    """The schema of a plan file (in plans/) or of an update file (in updates/<period>/)."""
    model, title = KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_json(sys.argv[1] if len(sys.argv) > 1 else "plan"), end="")  # type: ignore[arg-type]
