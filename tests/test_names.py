"""The names portal/names.py checks are the names the build writes: every generated page and download
(pages/site.py's addresses, in every portal of tests/good and in plans/) is among them, so that no name
the build writes escapes the collision check. The collisions themselves are cases in tests/bad/."""

from __future__ import annotations

from pathlib import Path

import pytest

from planportal.pages.site import generated_addresses
from planportal.portal.load import load_portal
from planportal.portal.names import generated
from planportal.source.files import load_files
from tests.conftest import ROOT

PORTALS = [ROOT, *sorted(p for p in (ROOT / "tests" / "good").iterdir() if p.is_dir())]


@pytest.mark.parametrize("root", PORTALS, ids=[p.name for p in PORTALS])
def test_every_file_the_build_writes_is_checked(root: Path) -> None:
    portal = load_portal(root / "plans", root / "content", root)
    loaded, problems = load_files(root / "plans", root)
    assert problems == []
    pages, downloads = generated_addresses(portal, pdfs=True)
    checked = {named.place + named.name for named in generated(loaded) if not named.place.endswith("#")}

    from_dates = {p for p in pages if p.split("/")[2:3] in (["reports"], ["returns"])}  # quarters: none collide
    assert pages | downloads <= checked | from_dates
    assert from_dates != set() or root.name != ROOT.name
