"""`planportal serve`: a live preview that rebuilds when plans/ or content/ change.

Generating every page of a large portal takes a while (about a minute at 10,000 actions), and
staff previewing a change want to see the page they edited. So serve keeps the files it has read
(a FileCache: a file is read and checked again only when it changed), validates the portal,
writes the changed recommendations' pages in every language (MkDocs serves them within a second or
two), and only then regenerates everything (which rewrites only what else changed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from planportal.commands.build import Project, generate
from planportal.commands.messages import report
from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.plans import recommendation_page
from planportal.portal.joined import Placed, Portal
from planportal.portal.load import load_portal
from planportal.source.files import FileCache
from planportal.source.problems import InvalidData


def changed_recommendations(before: Portal | None, after: Portal) -> list[Placed]:
    """The recommendations of `after` that are new or different from those in `before`.

    Plans read from an unchanged file are the very same objects (serve's FileCache), so only the plans
    of edited files are compared recommendation by recommendation."""
    if before is None:
        return []
    old_plans = {entry.id: entry.plan for entry in before.plans}
    return [placed for placed in after.recommendations()
            if old_plans.get(placed.plan.id) is not placed.plan.plan
            and (old := before.recommendation(*placed.key)) is not None and old.rec != placed.rec]


def write_first(project: Project, before: Portal | None, cache: FileCache | None = None) -> tuple[Portal, list[str]]:
    """Validate plans/ and write the pages of the recommendations that changed since `before`;
    return the portal and the files written. Raises InvalidData, writing nothing, if the data is wrong.
    `cache`: the files read before (serve's), for those that have not changed."""
    portal = load_portal(project.plans, project.content, project.root, cache)
    default = portal.settings.languages[0]
    written = []
    changed = changed_recommendations(before, portal)
    for lang in portal.settings.languages if changed else []:
        site = Site(portal, lang)
        for placed in changed:
            page = urls.recommendation(placed.plan.id, placed.rec.ref)
            path = project.build / ("" if lang == default else lang) / "docs" / page
            data = recommendation_page(site, placed, portal.referenced_by().get(placed.key, [])).encode("utf-8")
            if path.parent.is_dir() and (not path.is_file() or path.read_bytes() != data):
                path.write_bytes(data)
                written.append(path.relative_to(project.build).as_posix())
    return portal, written


def _snapshot(folders: Sequence[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    cache = FileCache()  # the files read, kept for as long as this serves
    portal, _ = generate(project, cache=cache)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f",
                               str(project.build / "mkdocs.yml"), "-a", args.address],
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    watched = [project.plans, project.content]
    seen = _snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(0.3)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                try:
                    # the edited recommendations' pages first, so that they are served at once; then the rest
                    portal, first = write_first(project, portal, cache)
                    if first:
                        print(f"planportal: wrote {', '.join(first)}; now the rest", file=sys.stderr)
                    portal, changed = generate(project, cache=cache)
                    print(f"planportal: rebuilt {len(changed)} page(s)", file=sys.stderr)
                except InvalidData as err:
                    report(err)
                    print("planportal: still serving the last good version", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0
