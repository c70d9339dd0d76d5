"""`planportal returns`: one quarterly return per lead, to send out, fill in and collect back.

Exit status, as for every command: 0 all well, 1 bad data, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planportal.commands.build import Project
from planportal.commands.messages import usage
from planportal.exchange.instructions import day_words
from planportal.exchange.returnform import ASSETS, asset, return_html
from planportal.exchange.returns import make_return, open_actions, return_csv, return_xlsx
from planportal.portal.load import load_portal
from planportal.source.dates import parse_period, quarter
from planportal.source.messages import suggest


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    returns = sub.add_parser(
        "returns", help="write a quarterly return for each lead to fill in: DIR/<period>-<lead>.xlsx",
        description="Write one return per lead for a quarter of the financial year: every open action they lead "
        "(not completed, not no longer relevant), with cells to fill in (new status, progress note, date, new "
        "deadline and its reason), the rest locked, and instructions. planportal collect reads them back.")
    returns.add_argument("--period", required=True, help="the quarter: 2005-Q4 or 2005-06 Q4 (January to March 2006)")
    returns.add_argument("--plan", help="one plan's id (default: every plan, drafts too)")
    returns.add_argument("--lead", help="one lead's id (default: every lead with an open action)")
    returns.add_argument("--format", choices=["xlsx", "csv", "html"], default="xlsx",
                         help="xlsx (default), csv, or html: a form to fill in a browser, which saves the return as "
                         "the CSV collect reads (written with return-form.js and return-form.css, which it needs "
                         "beside it)")
    returns.add_argument("--output", required=True, help="the folder to write the returns into")
    returns.add_argument("--force", action="store_true", help="replace returns already in the folder")


def cmd_returns(project: Project, args: argparse.Namespace) -> int:
    try:
        fy, q = parse_period(args.period)
    except ValueError as err:
        return usage("returns", str(err))
    portal = load_portal(project.plans, project.content, project.root)
    if args.plan and args.plan not in {p.id for p in portal.plans}:
        return usage("returns", f"no plan '{args.plan}' in {project.plans.name}/"
                     f"{suggest(args.plan, [p.id for p in portal.plans])}")
    if args.lead and args.lead not in portal.people:
        return usage("returns", f"no lead '{args.lead}' in {project.plans.name}/{suggest(args.lead, portal.people)}")
    actions = open_actions(portal, args.plan)
    leads = [args.lead] if args.lead else [p for p in portal.people if any(p in led.leads for led in actions.values())]
    returns = [r for r in (make_return(portal, lead, f"{fy}-Q{q}", args.plan) for lead in leads) if r.rows]
    if not returns:
        print(f"{args.lead or 'No one'} leads no open action{' in ' + args.plan if args.plan else ''}: "
              "no return written.", file=sys.stderr)
        return 0
    output = Path(args.output)
    there = [str(output / r.file_name(args.format)) for r in returns if (output / r.file_name(args.format)).exists()]
    if there and not args.force:
        return usage("returns", f"{', '.join(there)} already there (a return sent back, perhaps): give --force to "
                     "replace them, or another --output")
    output.mkdir(parents=True, exist_ok=True)
    writers = {"xlsx": return_xlsx, "csv": return_csv, "html": return_html}
    for ret in returns:
        path = output / ret.file_name(args.format)
        path.write_bytes(writers[args.format](ret))
        print(f"Wrote {path}: {len(ret.rows)} open action(s) led by {ret.lead_name} ({ret.lead}).", file=sys.stderr)
    if args.format == "html":
        for name in ASSETS:
            (output / name).write_bytes(asset(name))
        print(f"Wrote {', '.join(str(output / name) for name in ASSETS)}, which every form needs beside it: send "
              "each lead their form with these two files (in one folder, or zipped), or put the folder where they "
              "can open it. Saving a form gives a CSV return for planportal collect.", file=sys.stderr)
    start = quarter(fy, q).start
    for entry in portal.plans:
        as_at = entry.plan.as_at
        if args.plan in (None, entry.id) and as_at and start and as_at < start:
            print(f"{entry.file}: note: its progress is as at {day_words(as_at)}, before {fy}-Q{q}: move its as_at "
                  "on before collecting, or every update of the quarter will be refused", file=sys.stderr)
    unled = sum(1 for led in actions.values() if not led.leads)
    if unled and not args.lead:
        print(f"note: {unled} open action(s) have no lead, so are in no return: give them a lead in "
              f"{project.plans.name}/", file=sys.stderr)
    return 0
