"""`planportal import` and `planportal export`: plans to and from spreadsheets and open data.

Exit status, as for every command: 0 all well, 1 bad data, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml
from openpyxl.utils.exceptions import InvalidFileException

from planportal.commands.build import Project
from planportal.commands.messages import usage
from planportal.exchange.columns import MappingError, load_mapping
from planportal.exchange.files import Result as ImportResult
from planportal.exchange.files import export, import_file, place_problems
from planportal.portal.load import load_portal
from planportal.source.problems import InvalidData, Problem


def _portal_or_none(project: Project) -> object:
    try:
        return load_portal(project.plans, project.content, project.root) if project.plans.is_dir() else None
    except InvalidData:
        return None


def cmd_import(project: Project, args: argparse.Namespace) -> int:
    source = Path(args.file)
    if source.suffix.lower() not in (".xlsx", ".csv", ".json"):
        return usage("import", f"{source}: give an .xlsx, .csv or .json file")
    if not source.is_file():
        return usage("import", f"{source}: no such file")
    try:
        mapping = load_mapping(yaml.safe_load(Path(args.mapping).read_text(encoding="utf-8")) if args.mapping else None)
    except OSError as err:
        return usage("import", f"{args.mapping}: {err.strerror}")
    except (MappingError, yaml.YAMLError) as err:
        print(f"{args.mapping}: {err}", file=sys.stderr)
        return 1
    output = Path(args.output) if args.output else project.plans / f"{args.plan}.yaml"
    if args.output != "-" and output.exists() and not args.force:
        return usage("import", f"{output} exists: give --force to merge the spreadsheet into it, or another --output")
    base = output if args.output != "-" else project.plans / f"{args.plan}.yaml"
    shown = _shown(project, base)
    try:
        existing = base.read_text(encoding="utf-8").removeprefix("\ufeff") if base.is_file() else None
    except (OSError, UnicodeDecodeError) as err:
        print(f"{shown}: cannot be read ({err})", file=sys.stderr)
        return 1
    portal = _portal_or_none(project)
    try:
        result = import_file(source, args.plan, mapping, portal, existing, shown)  # type: ignore[arg-type]
    except (zipfile.BadZipFile, InvalidFileException, UnicodeDecodeError, csv.Error, OSError) as err:
        print(f"{source.name}: cannot be read as a spreadsheet ({err})", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"{source.name}: note: {note}" if not note.startswith(source.name) else f"note: {note}",
              file=sys.stderr)
    if not result.problems:
        result.problems += _portal_problems(project, args.plan, result, output if args.output != "-" else None,
                                            source.name)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        count = len(result.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; no plan file was written.", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(result.text)
    elif existing is not None and result.text == existing:
        print(f"{shown}: the spreadsheet says what it already says: nothing to change.", file=sys.stderr)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(result.text, encoding="utf-8")
        what = "merged into" if existing is not None else "wrote"
        print(f"{source.name} {what} {shown}: check it (git diff), then run planportal validate.", file=sys.stderr)
    return 0


def _shown(project: Project, path: Path) -> str:
    """A file as messages name it: relative to the portal folder where it is inside it."""
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _portal_problems(project: Project, plan_id: str, result: ImportResult, output: Path | None,
                     name: str) -> list[str]:
    """Cross-references (leads, documents, sources …) checked with the portal's other files, if
    the plan file would go into plans/: each problem at the spreadsheet's cell it comes from."""
    if not project.plans.is_dir() or output is None or output.resolve().parent != project.plans.resolve():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        plans = Path(tmp) / "plans"
        shutil.copytree(project.plans, plans)
        (plans / output.name).write_text(result.text, encoding="utf-8")
        try:
            load_portal(plans, project.content, project.root)
        except InvalidData as err:
            problems = [Problem(p.file.replace(str(plans), "plans"), p.line, p.column, p.message)
                        for p in err.problems]
            return place_problems(problems, result, f"plans/{output.name}", name)
    return []


def cmd_export(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)
    if args.plan and args.plan not in {p.id for p in portal.plans}:
        return usage("export", f"no plan '{args.plan}' in {project.plans.name}/")
    data = export(portal, args.format, args.plan)
    if args.output in (None, "-"):
        if args.format == "xlsx" and sys.stdout.isatty():
            return usage("export", "an XLSX workbook is not text: give --output FILE.xlsx")
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_bytes(data)
        print(f"Wrote {args.output}.", file=sys.stderr)
    return 0
