"""Shared fixtures: a copy of this portal built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planportal.build import Project, build_site
from planportal.portal import Portal

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path, plans: Path | None = None) -> Project:
    """A portal folder in `target` with this repository's config, theme and content, and
    `plans` (default: this repository's plans/)."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    for name in ("theme", "content"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(plans or ROOT / "plans", target / "plans")
    return Project(target)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Portal]:
    """The seed portal, validated, generated and rendered into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("portal"))
    portal = build_site(project)
    return project, portal
