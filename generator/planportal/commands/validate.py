"""`planportal validate`: check every file in plans/ and report every problem."""

from __future__ import annotations

import argparse

from planportal.commands.build import Project
from planportal.portal.load import load_portal


def cmd_validate(project: Project, args: argparse.Namespace) -> int:
    portal = load_portal(project.plans, project.content, project.root)
    recs = sum(1 for _ in portal.recommendations())
    print(f"{project.plans.name}/ is valid: {len(portal.plans)} plan(s), {recs} recommendation(s).")
    return 0
