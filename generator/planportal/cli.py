"""The `planportal` command: validate, build and serve a portal.

Exit status: 0 all well, 1 invalid data or a failed build, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from planportal import preview
from planportal.build import Project, build_site, generate
from planportal.changes import PublicationError, compare, publication, snapshot
from planportal.completeness import COLUMNS, gaps
from planportal.pages import Site, changes_page
from planportal.problems import InvalidData
from planportal.publishing import COMMANDS as PUBLISHING
from planportal.publishing import add_commands
from planportal.render import RenderError
from planportal.reports import parse_period
from planportal.standalone import standalone_report
from planportal.text import unlink
from planportal.validate import load_portal, untranslated


def _report(err: InvalidData) -> int:
    for problem in err.problems:
        print(problem, file=sys.stderr)
    count = len(err.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was published.", file=sys.stderr)
    return 1


def cmd_validate(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)
    recs = sum(1 for _ in portal.recommendations())
    print(f"{project.plans.name}/ is valid: {len(portal.plans)} plan(s), {recs} recommendation(s).")
    return 0


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


def cmd_report(project: Project, args: argparse.Namespace) -> int:
    try:
        fy, q = parse_period(args.period)
    except ValueError as err:
        print(f"planportal report: {err}", file=sys.stderr)
        return 2
    portal = load_portal(project.plans, project.content, project.root)
    if args.plan and args.plan not in {p.id for p in portal.plans}:
        print(f"planportal report: no plan '{args.plan}' in {project.plans.name}/", file=sys.stderr)
        return 2
    text = standalone_report(portal, fy, q, args.format, args.plan)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


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


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    portal, rendered = build_site(project, include_drafts=args.include_drafts)
    drafts = "" if args.include_drafts else " (draft plans left out: --include-drafts to preview them)"
    if rendered:
        print(f"Built {project.site} from {len(portal.plans)} plan(s){drafts}.")
    else:
        print(f"{project.site} is up to date: nothing it is made from has changed since it was built{drafts}.")
    return 0


def _snapshot(folders: Sequence[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    preview.start()
    portal, _ = generate(project)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f",
                               str(project.build / "mkdocs.yml"), "-a", args.address],
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    watched = [project.plans, project.content]
    seen = _snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(0.3)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                try:
                    # the edited recommendations' pages first, so that they are served at once; then the rest
                    portal, first = preview.write_first(project, portal)
                    if first:
                        print(f"planportal: wrote {', '.join(first)}; now the rest", file=sys.stderr)
                    portal, changed = generate(project)
                    print(f"planportal: rebuilt {len(changed)} page(s)", file=sys.stderr)
                except InvalidData as err:
                    _report(err)
                    print("planportal: still serving the last good version", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


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
    check = sub.add_parser("check", help="list what each recommendation lacks against Exhibit 2",
                           description="List, for staff, every recommendation that lacks quantifiable targets, "
                           "time scales, resources, accountability, monitoring or a link to a plan or document "
                           "(Exhibit 2 of the inspectors' guidance); with --translations, every text not yet "
                           "translated. Exit status 0 unless --strict.")
    check.add_argument("--completeness", action="store_true", help="check Exhibit 2 completeness (the default)")
    check.add_argument("--translations", action="store_true",
                       help="list every text and page not yet translated into the portal's other languages")
    check.add_argument("--strict", action="store_true", help="exit with status 1 when there are gaps")
    report = sub.add_parser("report", help="write one quarter's progress report as a document for committee",
                            description="Write the progress report for one quarter of the financial year "
                            "(what was completed, what slipped, status changes, new progress) as a standalone "
                            "Markdown or HTML document a committee clerk can attach to an agenda.")
    report.add_argument("--period", required=True, help="the quarter: 2026-Q1 or 2026-27 Q1 (April to June 2026)")
    report.add_argument("--format", choices=["md", "html"], default="md", help="md (default) or html")
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
    return top


COMMANDS = {"validate": cmd_validate, "check": cmd_check, "report": cmd_report, "snapshot": cmd_snapshot,
            "diff": cmd_diff, "build": cmd_build,
            "serve": cmd_serve, **PUBLISHING}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    project = Project(args.root.resolve())
    try:
        return COMMANDS[args.command](project, args)
    except InvalidData as err:
        return _report(err)
    except RenderError as err:
        print(f"planportal: the site could not be rendered; site/ was left as it was.\n{err}", file=sys.stderr)
        return 1
    except Exception as err:  # a bug in planportal, not in the data
        if args.debug:
            traceback.print_exc()
        print(f"planportal: internal error ({type(err).__name__}: {err}); "
              "please report it, with --debug for details", file=sys.stderr)
        return 1
