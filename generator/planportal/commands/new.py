"""`planportal new DIR`: a portal repository for another council, ready for `make site`.

It holds plans/ (the portal and a commented example plan), content/ pages to edit, mkdocs.yml and
theme/ (copied from this planportal), the plan files' JSON Schema, a Makefile, and CI that
validates every push and publishes main, for GitHub Actions and GitLab CI. The files come from
planportal's scaffold/ folder; a name starting "dot-" is written starting ".".
mkdocs.yml and theme/ come from planportal's packaged/ folder in an installed planportal (the
wheel's copy of the repository's, made by setup.py), or else from the source folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from planportal.commands.build import Project
from planportal.commands.messages import usage
from planportal.source.problems import PlanPortalError
from planportal.source.schema import schema_json

TEMPLATES = Path(__file__).parent.parent / "scaffold"
SOURCE = Path(__file__).resolve().parents[3]
"""The planportal source folder (in a checkout, mkdocs.yml and theme/ are copied from it)."""
PACKAGED = Path(__file__).parent.parent / "packaged"
"""mkdocs.yml and theme/ as an installed planportal carries them (setup.py puts them there)."""


class ScaffoldError(PlanPortalError):
    """The portal cannot be made there; the message says why."""


def scaffold(target: Path, title: str, authority: str, planportal: str | None = None) -> Path:
    """Write a new portal into `target` (which must not exist or be empty); return it."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not empty: give a new folder")
    look = next((folder for folder in (PACKAGED, SOURCE)
                 if (folder / "theme").is_dir() and (folder / "mkdocs.yml").is_file()), None)
    if look is None:
        raise ScaffoldError(f"no theme/ and mkdocs.yml in {PACKAGED} or {SOURCE} to copy: reinstall planportal")
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
    shutil.copy(look / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(look / "theme", target / "theme")
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
