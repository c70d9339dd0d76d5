"""`planportal new DIR`: a portal repository for another council, ready for `make site`."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from planportal.commands.build import Project
from planportal.commands.messages import usage
from planportal.source.schema import schema_json

TEMPLATES = Path(__file__).parent.parent / "scaffold"
SOURCE = Path(__file__).resolve().parents[3]
"""The planportal source folder (mkdocs.yml and theme/ are copied from it)."""


class ScaffoldError(Exception):
    """The portal cannot be made there; the message says why."""


def scaffold(target: Path, title: str, authority: str, planportal: str | None = None) -> Path:
    """Write a new portal into `target` (which must not exist or be empty); return it."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not empty: give a new folder")
    if not (SOURCE / "theme").is_dir() or not (SOURCE / "mkdocs.yml").is_file():
        raise ScaffoldError(f"no theme/ and mkdocs.yml in {SOURCE} to copy: run planportal from its source folder")
    install = planportal or (str(SOURCE) if (SOURCE / "pyproject.toml").is_file() else "planportal")
    words = {"@TITLE@": title, "@AUTHORITY@": authority, "@PLANPORTAL@": install}
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = "/".join("." + part[4:] if part.startswith("dot-") else part
                       for part in path.relative_to(TEMPLATES).parts)
        text = path.read_text(encoding="utf-8")
        for marker, value in words.items():
            text = text.replace(marker, json.dumps(value) if rel.endswith(".yaml") else value)
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    shutil.copy(SOURCE / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(SOURCE / "theme", target / "theme")
    (target / "schema").mkdir()
    (target / "schema" / "plan-portal.schema.json").write_text(schema_json(), encoding="utf-8")
    return target


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    try:
        made = scaffold(Path(args.dir), args.title, args.authority, args.planportal)
    except ScaffoldError as err:
        return usage("new", str(err))
    print(f"Made a portal in {made}: cd into it and run make site.", file=sys.stderr)
    return 0
