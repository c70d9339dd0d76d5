"""The publishing commands: `planportal import`, `export`, `bundle` and `new`.

Exit status, as for every command: 0 all well, 1 bad data, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from openpyxl.utils.exceptions import InvalidFileException

from planportal.build import Project, build_site
from planportal.bundle import bundle
from planportal.exchange import export, import_file, plan_yaml
from planportal.layout import DESCRIPTIONS, FIELDS, MappingError, load_mapping
from planportal.problems import InvalidData
from planportal.scaffold import ScaffoldError, scaffold
from planportal.validate import load_portal

Command = Callable[[Project, argparse.Namespace], int]


def _usage(command: str, message: str) -> int:
    print(f"planportal {command}: {message}", file=sys.stderr)
    return 2


def _portal_or_none(project: Project) -> object:
    try:
        return load_portal(project.plans, project.content, project.root) if project.plans.is_dir() else None
    except InvalidData:
        return None


def cmd_import(project: Project, args: argparse.Namespace) -> int:
    source = Path(args.file)
    if source.suffix.lower() not in (".xlsx", ".csv", ".json"):
        return _usage("import", f"{source}: give an .xlsx, .csv or .json file")
    if not source.is_file():
        return _usage("import", f"{source}: no such file")
    try:
        mapping = load_mapping(yaml.safe_load(Path(args.mapping).read_text(encoding="utf-8")) if args.mapping else None)
    except OSError as err:
        return _usage("import", f"{args.mapping}: {err.strerror}")
    except (MappingError, yaml.YAMLError) as err:
        print(f"{args.mapping}: {err}", file=sys.stderr)
        return 1
    output = Path(args.output) if args.output else project.plans / f"{args.plan}.yaml"
    if args.output != "-" and output.exists() and not args.force:
        return _usage("import", f"{output} exists: give --force to replace it, or another --output")
    portal = _portal_or_none(project)
    try:
        result = import_file(source, args.plan, mapping, portal)  # type: ignore[arg-type]
    except (zipfile.BadZipFile, InvalidFileException, UnicodeDecodeError, csv.Error, OSError) as err:
        print(f"{source.name}: cannot be read as a spreadsheet ({err})", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"{source.name}: note: {note}", file=sys.stderr)
    if not result.problems:
        result.problems += _portal_problems(project, args.plan, plan_yaml(result.document, source.name),
                                            output if args.output != "-" else None)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        count = len(result.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; no plan file was written.", file=sys.stderr)
        return 1
    text = plan_yaml(result.document, source.name)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"Wrote {output}: check it, then run planportal validate.", file=sys.stderr)
    return 0


def _portal_problems(project: Project, plan_id: str, text: str, output: Path | None) -> list[str]:
    """Cross-references (leads, documents, sources …) checked with the portal's other files, if
    the plan file would go into plans/."""
    if not project.plans.is_dir() or output is None or output.resolve().parent != project.plans.resolve():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        plans = Path(tmp) / "plans"
        shutil.copytree(project.plans, plans)
        (plans / output.name).write_text(text, encoding="utf-8")
        try:
            load_portal(plans, project.content, project.root)
        except InvalidData as err:
            return [str(p).replace(str(plans), "plans") for p in err.problems]
    return []


def cmd_export(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)
    if args.plan and args.plan not in {p.id for p in portal.plans}:
        return _usage("export", f"no plan '{args.plan}' in {project.plans.name}/")
    data = export(portal, args.format, args.plan)
    if args.output in (None, "-"):
        if args.format == "xlsx" and sys.stdout.isatty():
            return _usage("export", "an XLSX workbook is not text: give --output FILE.xlsx")
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_bytes(data)
        print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


def cmd_bundle(project: Project, args: argparse.Namespace) -> int:
    portal, _ = build_site(project, include_drafts=args.include_drafts)
    path = bundle(portal, project.site, Path(args.output) if args.output else project.root / "dist")
    print(f"Wrote {path}: unzip it and open index.html; it works with no network.", file=sys.stderr)
    return 0


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    try:
        made = scaffold(Path(args.dir), args.title, args.authority, args.planportal)
    except ScaffoldError as err:
        return _usage("new", str(err))
    print(f"Made a portal in {made}: cd into it and run make site.", file=sys.stderr)
    return 0


COMMANDS: dict[str, Command] = {"import": cmd_import, "export": cmd_export, "bundle": cmd_bundle, "new": cmd_new}


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The publishing commands' parsers, added to the `planportal` command's (handlers: COMMANDS)."""
    fields = "; ".join(f"{f} ({FIELDS[f][0]!r}" + (f": {DESCRIPTIONS[f]})" if f in DESCRIPTIONS else ")")
                       for f in FIELDS)
    imp = sub.add_parser(
        "import", help="turn an action-plan spreadsheet (.xlsx or .csv) into a plan file",
        description="Read an action-plan spreadsheet laid out like the council plans (one row per action; "
        "headings such as Recommendation Ref, Recommendation, Urgency, Main Action and supporting Sub-Actions, "
        "Action deadlines, Lead Responsible Officer, Success Criteria, Performance Target, Related Plans, "
        "Capacity / Additional Resources required) or an open-data .json export, and write plans/ID.yaml. "
        "Every row that cannot be placed is reported as FILE:Sheet:ROW: message, and nothing is written.",
        epilog=f"Fields a mapping file can name (columns: {{field: heading}}): {fields}.")
    imp.add_argument("file", help="the .xlsx, .csv or .json file")
    imp.add_argument("--plan", required=True, help="the plan's id (its file name, without .yaml)")
    imp.add_argument("--mapping", help="a YAML file: sheet:, header_row:, columns: {field: heading}, ignore: [...]")
    imp.add_argument("--output", help="where to write the plan file (default: plans/ID.yaml; - for standard output)")
    imp.add_argument("--force", action="store_true", help="replace the output file if it exists")
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
