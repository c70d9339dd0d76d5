"""`planportal chase`: the leads with no return for a quarter, one a line, to send for it.

A lead has no return when they lead an open action of a plan that runs in the quarter and no
update they reported is dated in it (portal.returns). Each line names the lead, their email
address where their people: entry gives one, how many open actions they lead and the update file
their return goes in.
"""

from __future__ import annotations

import argparse
import sys

from planportal.commands.build import Project
from planportal.commands.messages import usage
from planportal.portal.load import load_portal
from planportal.portal.returns import Returns, portal_returns
from planportal.source.dates import format_when, parse_period, quarter
from planportal.source.model import Person
from planportal.text.language import pick


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    chase = sub.add_parser(
        "chase", help="list the leads with no return for a quarter, with their email addresses",
        description="List, one a line, each lead of an open action (neither completed nor no longer relevant) "
        "with no update dated in the quarter: their id, name, email address where their people: entry gives "
        "one, how many open actions they lead and the update file their return goes in. Exit status 0.")
    chase.add_argument("--period", required=True, help="the quarter: 2005-Q4 or 2005-06 Q4 (January to March 2006)")


def chase_line(person: Person, open_actions: int, period: str, default: str) -> str:
    """One lead to chase, in words: id, name (or role), email address, open actions, their update file.

    >>> chase_line(Person(id="SF", name="Sue Fiennes", email="sf@example.gov.uk"), 3, "2005-Q4", "en")
    'SF: Sue Fiennes <sf@example.gov.uk> (3 open actions; return in updates/2005-q4/sf.yaml)'
    >>> chase_line(Person(id="HoS", role={"en": "Heads of Service"}), 1, "2006-Q1", "en")
    'HoS: Heads of Service, no email address given (1 open action; return in updates/2006-q1/hos.yaml)'
    """
    name = person.name or pick(person.role, default, default)
    who = f"{name} <{person.email}>" if person.email else f"{name}, no email address given"
    actions = f"{open_actions} open action{'s' if open_actions != 1 else ''}"
    return f"{person.id}: {who} ({actions}; return in updates/{period.lower()}/{person.id.lower()}.yaml)"


def summary(returns: Returns) -> str:
    """What the list holds, for standard error: how many leads to chase, and how many returned."""
    missing, returned = len(returns.missing), len(returns.returned)
    return (f"{missing} lead{'s' if missing != 1 else ''} of open actions with no return for {returns.period}, "
            f"{format_when(quarter(returns.fy, returns.q))}; {returned} lead{'s' if returned != 1 else ''} returned.")


def cmd_chase(project: Project, args: argparse.Namespace) -> int:
    try:
        fy, q = parse_period(args.period)
    except ValueError as err:
        return usage("chase", str(err))
    portal = load_portal(project.plans, project.content, project.root)
    returns = portal_returns(portal, fy, q)
    default = portal.settings.languages[0]
    for person_id, actions in returns.missing.items():
        print(chase_line(portal.people[person_id], len(actions), returns.period, default))
    print(summary(returns), file=sys.stderr)
    return 0
