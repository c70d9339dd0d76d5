"""`planportal validate`: check every file in plans/ and report every problem, and everything else
`planportal build` would refuse (content/ files at generated addresses, a previous_publication that
cannot be read), so that data that passes here builds."""

from __future__ import annotations

import argparse

from planportal.commands.build import Project, content_clashes
from planportal.portal.load import load_portal
from planportal.portal.publications import previous_publication
from planportal.source.problems import InvalidData


def cmd_validate(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)  # drafts too: the preview builds them
    problems = content_clashes(project, portal)
    if portal.settings.previous_publication:  # the last git tag is read by build only: it only warns
        try:
            previous_publication(project.root, portal)
        except InvalidData as err:
            problems += err.problems
    if problems:
        raise InvalidData(problems)
    recs = sum(1 for _ in portal.recommendations())
    print(f"{project.plans.name}/ is valid: {len(portal.plans)} plan(s), {recs} recommendation(s).")
    return 0
