"""`planportal check`: what each recommendation lacks against Exhibit 2, what is not yet translated, and the
abbreviations the glossary does not explain."""

from __future__ import annotations

import argparse
import sys

from planportal.commands.build import Project
from planportal.portal.abbreviations import unexplained
from planportal.portal.completeness import COLUMNS, gaps
from planportal.portal.load import load_portal
from planportal.portal.translations import untranslated
from planportal.source.files import load_files


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    if args.abbreviations:
        return check_abbreviations(project, args.strict)
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


def check_abbreviations(project: Project, strict: bool) -> int:
    """Each abbreviation the plans use that no glossary entry explains, at its first use, the most used first
    (the ids of people and partners are explained by their entries: HL is Henry Lewis)."""
    portal = load_portal(project.plans, project.content, project.root)
    files, _ = load_files(project.plans, project.root)
    found = unexplained(files, {*portal.glossary, *portal.people, *portal.partners})
    for item in found:
        times = "once" if item.count == 1 else f"{item.count} times"
        print(f"{item.file}:{item.line}:{item.column}: {item.term} (used {times}) is not in any glossary: add it "
              "under glossary: with what it stands for, as the plan's own documents say")
    print(f"{len(found)} abbreviation(s) not explained in a glossary.", file=sys.stderr)
    return 1 if found and strict else 0
