"""`planportal codeowners`: a CODEOWNERS file giving each lead their own update files.

GitHub and GitLab read the same format (at the repository's root, in .github/ or .gitlab/, or in
docs/): a line `/updates/*/sf.yaml @user` asks that user to review every change to SF's update
files, in every quarter's folder. People are given by their `git_user`; a person without one is
listed as a comment, so that the file says who is not yet covered.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planportal.commands.build import Project
from planportal.portal.joined import Portal
from planportal.portal.load import load_portal


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    owners = sub.add_parser(
        "codeowners", help="write a CODEOWNERS file giving each lead their own update files",
        description="Write a CODEOWNERS file, read by GitHub and GitLab, in which each person with a git_user "
        "in people: owns their own update files (/updates/*/<lead>.yaml @user), so that a change to them asks "
        "for their review. Put it at the repository's root.")
    owners.add_argument("--output", help="the file to write, e.g. CODEOWNERS (default: standard output)")


HEADER = """\
# Written by `planportal codeowners` from the people: entries of plans/; write it again when they change.
# Each lead owns their own quarterly update files, updates/<period>/<lead>.yaml (named in lower case,
# as `planportal validate` asks), so a change to one asks for their review. GitHub and GitLab both read
# this file at the repository's root.
"""


def codeowners(portal: Portal) -> str:
    """The CODEOWNERS text: a line per person with a git user, a comment for each without one.

    >>> from planportal.source.model import Person, PortalSettings
    >>> people = {"SF": Person(id="SF", name="Sue Fiennes", git_user="sfiennes"), "HL": Person(id="HL", name="H L")}
    >>> print(codeowners(Portal(PortalSettings(title="P", authority="A"), [], people)).split("\\n", 4)[-1])
    # /updates/*/hl.yaml: HL has no git_user in people:
    /updates/*/sf.yaml @sfiennes
    <BLANKLINE>
    """
    lines = [HEADER]
    for person in sorted(portal.people.values(), key=lambda p: p.id.casefold()):
        pattern = f"/updates/*/{person.id.lower()}.yaml"
        if person.git_user:
            lines.append(f"{pattern} @{person.git_user}\n")
        else:
            lines.append(f"# {pattern}: {person.id} has no git_user in people:\n")
    return "".join(lines)


def cmd_codeowners(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)
    text = codeowners(portal)
    owned = sum(1 for person in portal.people.values() if person.git_user)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}: {owned} of {len(portal.people)} people own their update files "
              "(the others have no git_user).", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
