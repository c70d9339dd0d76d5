"""`planportal print`: the whole plan as a PDF for a committee agenda (every recommendation and
action, and the Exhibit 2 checklist)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planportal.commands.build import Project
from planportal.commands.report import write
from planportal.output.pdf import paper_html, pdf
from planportal.pages.papers import plan_paper
from planportal.portal.load import load_portal


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The `print` command's parser."""
    cmd = sub.add_parser("print", help="write the whole plan as a PDF (or HTML) for a committee agenda",
                         description="Write one plan, every recommendation and action and the Exhibit 2 "
                         "checklist, as an accessible (tagged, PDF/UA) PDF, or as the HTML it is made from.")
    cmd.add_argument("--plan", required=True, help="the plan's id (its file name, without .yaml)")
    cmd.add_argument("--format", choices=["pdf", "html"], default="pdf", help="pdf (default) or html")
    cmd.add_argument("--output", help="the file to write (default: ID.pdf, or ID.html, here)")


def cmd_print(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)
    if args.plan not in {p.id for p in portal.plans}:
        print(f"planportal print: no plan '{args.plan}' in {project.plans.name}/", file=sys.stderr)
        return 2
    paper = plan_paper(portal, args.plan)
    target = Path(args.output or f"{args.plan}.{args.format}")
    data = pdf(paper) if args.format == "pdf" else paper_html(paper).encode("utf-8")
    return write(target, data, "print")
