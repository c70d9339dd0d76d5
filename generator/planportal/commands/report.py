"""`planportal report`: one quarter's progress report as a document for a committee agenda."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planportal.commands.build import Project
from planportal.output.pdf import pdf
from planportal.pages.papers import report_paper
from planportal.pages.standalone import standalone_report
from planportal.portal.load import load_portal
from planportal.source.dates import parse_period


def cmd_report(project: Project, args: argparse.Namespace) -> int:
    try:
        fy, q = parse_period(args.period)
    except ValueError as err:
        print(f"planportal report: {err}", file=sys.stderr)
        return 2
    if args.format == "pdf" and not args.output:
        print("planportal report: a PDF needs --output FILE.pdf", file=sys.stderr)
        return 2
    portal = load_portal(project.plans, project.content, project.root)
    if args.plan and args.plan not in {p.id for p in portal.plans}:
        print(f"planportal report: no plan '{args.plan}' in {project.plans.name}/", file=sys.stderr)
        return 2
    if args.format == "pdf":
        return write(Path(args.output), pdf(report_paper(portal, fy, q, args.plan)), "report")
    text = standalone_report(portal, fy, q, args.format, args.plan)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def write(target: Path, data: bytes, command: str) -> int:
    """A paper written to `target`, or what stopped it said in one line (exit status 1)."""
    try:
        target.write_bytes(data)
    except OSError as err:
        print(f"planportal {command}: cannot write {target}: {err.strerror or err}", file=sys.stderr)
        return 1
    return 0
