"""`planportal serve`: a live preview that rebuilds when plans/ or content/ change.

The preview is rendered as `planportal build` renders site/ (output/fingerprint.py): only the pages that
changed, to the bytes a full render gives, so that the nav, the search index and every page linking to what
changed are right at once (MkDocs' own dirty serve leaves the nav and the search index stale). It is
rendered into a folder of its own (a temporary one, removed when serve stops), which a small web server
serves (commands/preview.py); each page it serves loads itself again when the preview changes.

Generating every page of a large portal takes a while (about a minute at 10,000 actions), and staff
previewing a change want to see the page they edited. So serve keeps the files it has read (a FileCache: a
file is read and checked again only when it changed), validates the portal, writes and renders the changed
recommendations' pages in every language, and only then regenerates and renders everything else that
changed.

What it says is short: what was rebuilt and how long it took; the renderer's reasons only when it fails.
While the data is wrong, every page shows the problems (file:line:column: message) in a banner over the
last good version, added as the page is served (so nothing is rendered again for them), and the terminal
says them once. Ctrl-C or SIGTERM stops serve and every process it started (a renderer ends with it
even if serve is killed: output/children.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from planportal.commands.build import Project, generate
from planportal.commands.preview import Shown, serve_folder
from planportal.output.fingerprint import render_changed
from planportal.output.incremental import Rendered
from planportal.output.lock import portal_lock
from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.plans import recommendation_page
from planportal.portal.joined import Placed, Portal
from planportal.portal.load import load_portal
from planportal.source.files import FileCache
from planportal.source.problems import InvalidData, PlanPortalError


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


def watched_files(folders: Sequence[Path]) -> dict[str, tuple[int, int]]:
    """Every file in `folders`, with its modification time and size; a file or folder that vanishes
    while it is listed (an editor's temporary file, a folder being deleted) is just left out."""
    seen = {}
    for folder in folders:
        for top, _, names in os.walk(folder):  # os.walk passes over folders that vanish
            for name in names:
                path = os.path.join(top, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM ends serve as Ctrl-C does: through its `finally`


class Preview:
    """What serve keeps between rebuilds: the portal last generated, the files read, the folder the
    preview is rendered into (`site`), and what the pages are served with (`shown`)."""

    def __init__(self, project: Project, site: Path) -> None:
        self.project = project
        self.site = site
        self.cache = FileCache()  # the files read, kept for as long as this serves
        self.portal: Portal | None = None
        self.shown = Shown()

    def start(self) -> None:
        """Generate build/ and render the preview for the first time (bad data: InvalidData, and serve does
        not start)."""
        with portal_lock(self.project.root, wait=True):
            self.portal, _ = generate(self.project, cache=self.cache)
            self.render()

    def render(self) -> Rendered | None:
        """Render the preview from build/ as `planportal build` renders site/ (only what changed)."""
        assert self.portal is not None
        return render_changed(self.project.build, self.site, self.project.config, self.portal.settings.languages[1:])

    def rebuild(self) -> None:
        """Validate, regenerate and render after a change, saying what was rebuilt and how long it took, or what
        is wrong (in the terminal, and in the browser over the last good page)."""
        started = time.monotonic()
        try:
            with portal_lock(self.project.root, wait=True):
                # the edited recommendations' pages first, so that they are served at once; then the rest
                self.portal, first = write_first(self.project, self.portal, self.cache)
                if first:
                    self.render()
                    self.shown.change()
                    print(f"planportal: rendered {', '.join(first)} ({time.monotonic() - started:.1f} s); "
                          "now the rest", file=sys.stderr)
                self.portal, changed = generate(self.project, cache=self.cache)
                self.render()
                self.shown.change()
        except InvalidData as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            print(f"planportal: {len(err.problems)} problem(s): still serving the last good version, with the "
                  "problems shown over it", file=sys.stderr)
            self.shown.change([str(p) for p in err.problems])
            return
        except PlanPortalError as err:  # build/ could not be written, a page not rendered …: say why, serve on
            print(f"planportal: {err}", file=sys.stderr)
            return
        print(f"planportal: rebuilt {len(changed)} file(s) in {time.monotonic() - started:.1f} s"
              + (f": {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''}" if changed else ""), file=sys.stderr)


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="planportal-preview-") as folder:
        preview = Preview(project, Path(folder) / "site")
        preview.start()
        try:
            server = serve_folder(preview.site, args.address, preview.shown)
        except (OSError, ValueError) as err:
            print(f"planportal: cannot serve on {args.address} ({getattr(err, 'strerror', None) or err}): give "
                  "another --address HOST:PORT", file=sys.stderr)
            return 1
        # Ctrl-C stops serve even when it was started with SIGINT ignored (as a background job's children
        # are), and SIGTERM as Ctrl-C does; both are set before serve says it is serving, and put back after.
        previous = signal.signal(signal.SIGTERM, _stop), signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            print(f"planportal: generated in {time.monotonic() - started:.1f} s; serving http://{args.address}/ "
                  "(Ctrl-C to stop)", file=sys.stderr)
            watched = [project.plans, project.content]
            seen = watched_files(watched)
            while True:
                time.sleep(0.3)
                now = watched_files(watched)
                if now != seen:
                    seen = now
                    preview.rebuild()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous[0])
            signal.signal(signal.SIGINT, previous[1])
            server.shutdown()
            server.server_close()
    print("planportal: stopped serving", file=sys.stderr)
    return 0
