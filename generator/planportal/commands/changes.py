"""`planportal snapshot` and `planportal diff`: save what a publication says, and list what changed
between two publications.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planportal.commands.build import Project
from planportal.pages.context import Site
from planportal.pages.progress import changes_page
from planportal.portal.changes import compare, snapshot
from planportal.portal.load import load_portal
from planportal.portal.publications import PublicationError, publication
from planportal.text.markdown import unlink


def cmd_snapshot(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)
    text = json.dumps(snapshot(portal), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_diff(project: Project, args: argparse.Namespace) -> int:
    try:
        old, new = publication(project.root, args.old), publication(project.root, args.new)
    except PublicationError as err:
        print(f"planportal diff: {err}", file=sys.stderr)
        return 2
    portal = load_portal(project.plans, project.content, project.root)
    site = Site(portal)
    sys.stdout.write(unlink(changes_page(site, compare(old, new), args.old, on_site=False).replace(
        site._("What changed"), f"{site._('What changed')}: {args.old} → {args.new}", 1)))
    return 0
