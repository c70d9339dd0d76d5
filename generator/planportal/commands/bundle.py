"""`planportal bundle`: build the public site and zip it, with its documents, for offline use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planportal.commands.build import Project, build_site
from planportal.output.bundle import bundle


def cmd_bundle(project: Project, args: argparse.Namespace) -> int:
    portal, _ = build_site(project, include_drafts=args.include_drafts)
    path = bundle(portal, project.site, Path(args.output) if args.output else project.root / "dist")
    print(f"Wrote {path}: unzip it and open index.html; it works with no network.", file=sys.stderr)
    return 0
