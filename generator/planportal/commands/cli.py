"""The `planportal` command: validate, build and serve a portal.

Exit status: 0 all well, 1 invalid data or a failed build, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from planportal.commands.build import Project, cmd_build
from planportal.commands.bundle import cmd_bundle
from planportal.commands.changes import cmd_diff, cmd_snapshot
from planportal.commands.chase import add_parser as add_chase
from planportal.commands.chase import cmd_chase
from planportal.commands.check import cmd_check
from planportal.commands.codeowners import add_parser as add_codeowners
from planportal.commands.codeowners import cmd_codeowners
from planportal.commands.collect import add_parser as add_collect
from planportal.commands.collect import cmd_collect
from planportal.commands.exchange import cmd_export, cmd_import
from planportal.commands.messages import Command, report
from planportal.commands.new import cmd_new
from planportal.commands.print_plan import add_parser as add_print
from planportal.commands.print_plan import cmd_print
from planportal.commands.report import cmd_report
from planportal.commands.returns import add_parser as add_returns
from planportal.commands.returns import cmd_returns
from planportal.commands.serve import cmd_serve
from planportal.commands.validate import cmd_validate
from planportal.exchange.columns import DESCRIPTIONS, FIELDS
from planportal.output.mkdocs import RENDERERS
from planportal.source.problems import InvalidData, PlanPortalError


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="planportal", description=__doc__.splitlines()[0])
    top.add_argument("--root", type=Path, default=Path("."), help="the portal folder (default: here)")
    top.add_argument("--debug", action="store_true", help="show a traceback on an internal error")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("validate", help="check every file in plans/ and report all problems",
                   description="Check every file in plans/; report each problem as file:line:column: message.")
    build = sub.add_parser("build", help="validate, generate and render the site into site/",
                           description="Validate plans/, generate Markdown into build/ and render site/. "
                           "If anything fails, the previous site/ stays exactly as it was. Draft plans are "
                           "left out of this public build unless --include-drafts.")
    build.add_argument("--include-drafts", action="store_true",
                       help="include draft plans, marked 'Draft: not yet approved' (a preview for staff)")
    build.add_argument("--pdf", action="store_true",
                       help="also make each plan as an accessible PDF, linked from its page (slower: about "
                       "5 to 20 seconds a plan in each language)")
    build.add_argument("--renderer", choices=RENDERERS, default="mkdocs",
                       help="what renders build/ into site/: MkDocs with Material (the default), or Zensical "
                       "(docs/renderers.md says what differs)")
    check = sub.add_parser("check", help="list what each recommendation lacks against Exhibit 2",
                           description="List, for staff, every recommendation that lacks quantifiable targets, "
                           "time scales, resources, accountability, monitoring or a link to a plan or document "
                           "(Exhibit 2 of the inspectors' guidance); with --translations, every text not yet "
                           "translated; with --abbreviations, every abbreviation no glossary entry explains. "
                           "Exit status 0 unless --strict.")
    check.add_argument("--completeness", action="store_true", help="check Exhibit 2 completeness (the default)")
    check.add_argument("--translations", action="store_true",
                       help="list every text and page not yet translated into the portal's other languages")
    check.add_argument("--abbreviations", action="store_true",
                       help="list the abbreviations the plans use (LAC, CYPP...) that no glossary entry explains")
    check.add_argument("--strict", action="store_true", help="exit with status 1 when there are gaps")
    report = sub.add_parser("report", help="write one quarter's progress report as a document for committee",
                            description="Write the progress report for one quarter of the financial year "
                            "(what was completed, what slipped, status changes, new progress) as a standalone "
                            "Markdown or HTML document a committee clerk can attach to an agenda.")
    report.add_argument("--period", required=True, help="the quarter: 2026-Q1 or 2026-27 Q1 (April to June 2026)")
    report.add_argument("--format", choices=["md", "html", "pdf"], default="md",
                        help="md (default), html or pdf (a PDF needs --output)")
    report.add_argument("--plan", help="one plan's id (default: every plan)")
    report.add_argument("--output", help="write to this file (default: standard output)")
    snap = sub.add_parser("snapshot", help="save what this publication says, to compare the next one with",
                          description="Write a snapshot of the portal (recommendations, actions, deadlines, "
                          "statuses, progress) as JSON, for the 'What changed' page of the next publication.")
    snap.add_argument("--output", help="the file to write (default: standard output)")
    diff = sub.add_parser("diff", help="list what changed between two publications",
                          description="List new and removed recommendations and actions, status changes, moved "
                          "deadlines and new progress between two publications, each a git tag or commit, a "
                          "snapshot file (.json), or . for the plans/ folder as it is now.")
    diff.add_argument("old", help="the earlier publication: a git revision, a snapshot .json file, or .")
    diff.add_argument("new", help="the later publication: a git revision, a snapshot .json file, or .")
    serve = sub.add_parser("serve", help="preview the site, rebuilding when plans/ or content/ change",
                           description="Live preview: rebuilds when plans/, content/ or theme/ change.")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    add_commands(sub)
    add_returns(sub)
    add_collect(sub)
    add_chase(sub)
    add_codeowners(sub)
    add_print(sub)
    return top


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The parsers of the publishing commands (import, export, bundle and new)."""
    fields = "; ".join(f"{f} ({FIELDS[f][0]!r}" + (f": {DESCRIPTIONS[f]})" if f in DESCRIPTIONS else ")")
                       for f in FIELDS)
    imp = sub.add_parser(
        "import", help="turn an action-plan spreadsheet (.xlsx or .csv) into a plan file",
        description="Read an action-plan spreadsheet laid out like the council plans (one row per action; "
        "headings such as Recommendation Ref, Recommendation, Urgency, Main Action and supporting Sub-Actions, "
        "Action deadlines, Lead Responsible Officer, Success Criteria, Performance Target, Related Plans, "
        "Capacity / Additional Resources required) or an open-data .json export, and write plans/ID.yaml; into "
        "a plan file already there (--force) it merges: what the spreadsheet changed replaces what it said, "
        "and the rest of the file stays byte for byte as it was. Every cell that cannot be used is reported as "
        "FILE:Sheet:ROW:COLUMN: message, and nothing is written.",
        epilog=f"Fields a mapping file can name (columns: {{field: heading}}): {fields}.")
    imp.add_argument("file", help="the .xlsx, .csv or .json file")
    imp.add_argument("--plan", required=True, help="the plan's id (its file name, without .yaml)")
    imp.add_argument("--mapping", help="a YAML file: sheet:, header_row:, columns: {field: heading}, ignore: [...], "
                     "statuses: {word: status}, as_at: the day the statuses are correct at")
    imp.add_argument("--output", help="where to write the plan file (default: plans/ID.yaml; - for standard output)")
    imp.add_argument("--force", action="store_true", help="merge into the output file if it exists")
    exp = sub.add_parser(
        "export", help="write the whole portal or one plan as CSV, XLSX or JSON",
        description="Write every action of the portal (or of one plan) as CSV or an XLSX workbook, one row per "
        "action, or the portal as open data (JSON, format planportal/1: docs/open-data.md). Importing an export "
        "gives the same plan back.")
    exp.add_argument("--format", choices=["csv", "xlsx", "json"], required=True, help="csv, xlsx or json")
    exp.add_argument("--plan", help="one plan's id (default: every plan)")
    exp.add_argument("--output", help="the file to write (default: standard output)")
    bun = sub.add_parser(
        "bundle", help="build the site and zip it for offline use: dist/<portal>-<date>.zip",
        description="Build the public site and write it, with every document it ships, to "
        "dist/<portal>-<date>.zip (the date is the data's latest as_at or approval date). Unzip it anywhere "
        "and open index.html: it works with no network, from a folder, USB stick or CD.")
    bun.add_argument("--include-drafts", action="store_true",
                     help="include draft plans (a preview, not for the public)")
    bun.add_argument("--output", help="the folder to write the zip into (default: dist/)")
    new = sub.add_parser(
        "new", help="make a new portal repository for a council, ready to build",
        description="Make a portal repository in DIR: plans/ with a commented example plan, content/ pages to "
        "edit, mkdocs.yml, theme/, a Makefile (make site, make preview, make validate), and CI that validates "
        "every push and publishes main (GitHub Actions and GitLab CI).")
    new.add_argument("dir", help="the folder to make (must not exist, or be empty)")
    new.add_argument("--title", default="Improvement and action plans", help="the portal's title")
    new.add_argument("--authority", default="Example Council", help="the council publishing it")
    new.add_argument("--planportal", help="what the Makefile installs planportal from (pip requirement; default: "
                     "this planportal's source folder, or 'planportal')")


COMMANDS: dict[str, Command] = {
    "validate": cmd_validate, "check": cmd_check, "report": cmd_report, "snapshot": cmd_snapshot,
            "diff": cmd_diff, "build": cmd_build,
            "serve": cmd_serve, "import": cmd_import, "export": cmd_export,
            "bundle": cmd_bundle, "new": cmd_new, "returns": cmd_returns, "collect": cmd_collect,
            "chase": cmd_chase, "codeowners": cmd_codeowners, "print": cmd_print}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    project = Project(args.root.resolve())
    try:
        return COMMANDS[args.command](project, args)
    except InvalidData as err:
        return report(err)
    except PlanPortalError as err:  # refused on purpose (a render that failed, …): the message says why
        print(f"planportal: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # a bug in planportal, not in the data
        if args.debug:
            traceback.print_exc()
        print(f"planportal: internal error ({type(err).__name__}: {err}); "
              "please report it, with --debug for details", file=sys.stderr)
        return 1
