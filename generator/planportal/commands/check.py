"""`planportal check`: what each recommendation lacks against Exhibit 2, and what is not yet translated."""

from __future__ import annotations

import argparse
import sys

from planportal.commands.build import Project
from planportal.portal.completeness import COLUMNS, gaps
from planportal.portal.load import load_portal
from planportal.portal.translations import untranslated


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    if args.translations:
        missing = untranslated(project.plans, project.content, project.root)
        for problem in missing:
            print(problem)
        print(f"{len(missing)} missing translation(s).", file=sys.stderr)
        if not args.completeness:
            return 1 if missing and args.strict else 0
    portal = load_portal(project.plans, project.content, project.root)
    found = gaps(portal)
    for placed, column, check in found:
        file, line, col = portal.locations[placed.key]
        print(f"{file}:{line}:{col}: recommendation {placed.rec.ref}: "
              f"{COLUMNS[column].lower()}: {check.answer} ({check.missing})")
    recs = sum(1 for _ in portal.recommendations())
    short = len({placed.key for placed, _, _ in found})
    print(f"{short} of {recs} recommendation(s) have gaps against Exhibit 2 ({len(found)} gap(s)).",
          file=sys.stderr)
    return 1 if (found or args.translations and missing) and args.strict else 0
