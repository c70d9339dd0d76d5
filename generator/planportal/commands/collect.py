"""`planportal collect`: filled-in quarterly returns read into update files, updates/<period>/<lead>.yaml.

The plan files are never rewritten. Nothing is written unless every return is right.
Exit status, as for every command: 0 all well, 1 bad data, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import csv
import sys
import zipfile
from pathlib import Path

from openpyxl.utils.exceptions import InvalidFileException

from planportal.commands.build import Project
from planportal.commands.messages import report_problems, usage
from planportal.exchange.collect import collect
from planportal.exchange.returns import Returned, read_return
from planportal.portal.load import load_portal
from planportal.source.updates import read_updates


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    collect_ = sub.add_parser(
        "collect", help="read filled-in returns into update files: updates/<period>/<lead>.yaml",
        description="Read quarterly returns written by planportal returns and filled in by their leads, and add "
        "their rows to updates/<period>/<lead>.yaml (plan files are never rewritten). Every cell that cannot be "
        "used is reported as FILE:Sheet:ROW: message, and then nothing is written. Collecting a return again "
        "adds nothing.")
    collect_.add_argument("files", nargs="+", metavar="FILE", help="the returns: .xlsx or .csv files")


def cmd_collect(project: Project, args: argparse.Namespace) -> int:
    paths = [Path(f) for f in args.files]
    for path in paths:
        if path.suffix.lower() not in (".xlsx", ".csv"):
            return usage("collect", f"{path}: give a return, an .xlsx or .csv file written by planportal returns")
        if not path.is_file():
            return usage("collect", f"{path}: no such file")
    portal = load_portal(project.plans, project.content, project.root)
    existing, _ = read_updates(project.root / "updates", project.root)  # load_portal has checked them
    returns = []
    for path in paths:
        try:
            returns.append(read_return(path, str(path)))
        except (zipfile.BadZipFile, InvalidFileException, UnicodeDecodeError, csv.Error, OSError, KeyError) as err:
            returns.append(Returned(str(path), None, problems=[f"{path}: cannot be read as a return ({err}): "
                                                               "collect the workbook the lead sent back"]))
    result = collect(portal, existing, returns, project.root)
    if result.problems:
        return report_problems(result.problems, "no update file was written")
    for name, text in result.texts.items():
        path = project.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"Wrote {name}: {result.added[name]} new update(s).", file=sys.stderr)
    if result.already:
        print(f"{result.already} update(s) already in the update files: not added again.", file=sys.stderr)
    if not result.texts:
        print("Nothing new to add.", file=sys.stderr)
    else:
        print("Next: planportal validate, then commit updates/ and build.", file=sys.stderr)
    return 0
