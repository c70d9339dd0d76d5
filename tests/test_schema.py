"""The committed JSON Schema is the one the model generates, and every plan file names it."""

from __future__ import annotations

from pathlib import Path

from planportal.source.schema import schema_json

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "plan-portal.schema.json"


def test_committed_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_json(), "schema is stale: run `make schema` and commit it"
    updates = ROOT / "schema" / "update.schema.json"
    assert updates.read_text(encoding="utf-8") == schema_json("update"), "run `make schema` and commit it"


def test_every_plan_file_names_the_schema() -> None:
    for path in sorted((ROOT / "plans").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/plan-portal.schema.json", path
