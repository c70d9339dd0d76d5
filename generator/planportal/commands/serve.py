"""`planportal serve`: a live preview that rebuilds when plans/ or content/ change.

Generating every page of a large portal takes a while (about a minute at 10,000 actions), and
staff previewing a change want to see the page they edited. So serve keeps the files it has read
(a FileCache: a file is read and checked again only when it changed), validates the portal,
writes the changed recommendations' pages in every language (MkDocs serves them within a second or
two), and only then regenerates everything (which rewrites only what else changed).

What it says is short: what was rebuilt and how long it took; MkDocs' own lines only when something
fails. While the data is wrong, every page in the browser shows the problems (file:line:column:
message) in a banner over the last good version (the generated config's extra.planportal_problems,
which theme/main.html shows), and the terminal says them once. When pages go (a plan or a content
page deleted), MkDocs is started again, since its dirty serve would go on serving them. Ctrl-C or
SIGTERM stops serve and
every process it started (MkDocs ends with it even if serve is killed: output/children.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from planportal.commands.build import Project, generate
from planportal.output import children
from planportal.output.lock import portal_lock
from planportal.output.mkdocs import with_problems
from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.plans import recommendation_page
from planportal.portal.joined import Placed, Portal
from planportal.portal.load import load_portal
from planportal.source.files import FileCache
from planportal.source.problems import InvalidData, PlanPortalError, Problem


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


class MkDocsOutput:
    """What the `mkdocs serve` child says, kept (the last lines) to show only when something fails."""

    KEEP = 60

    def __init__(self, server: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(server,), daemon=True)
        self._thread.start()

    def _read(self, server: subprocess.Popen[str]) -> None:
        assert server.stdout is not None
        for line in server.stdout:
            line = line.rstrip("\n")
            if line.startswith("ERROR") or "Traceback" in line:
                print(f"MkDocs: {line}", file=sys.stderr)
            self.lines = [*self.lines[-self.KEEP:], line]

    def all_said(self) -> str:
        self._thread.join(timeout=5)
        return "\n".join(self.lines)


def pages_showing(project: Project, problems: list[Problem]) -> set[Path]:
    """The pages to render again with the problems in a banner: the home page and every page of each plan
    with a problem (MkDocs serves a dirty build: it renders again only the pages whose Markdown is newer)."""
    docs = project.build / "docs"
    pages = {docs / "index.md"}
    for file in {p.file for p in problems if p.file.startswith("plans/")}:
        folder = docs / "plans" / Path(file).stem
        pages |= set(folder.rglob("*.md")) if folder.is_dir() else set()
    return {page for page in pages if page.is_file()}


def render_again(pages: set[Path]) -> None:
    """Make MkDocs render `pages` again at its next rebuild (each marked as just changed)."""
    for page in pages:
        try:
            os.utime(page)
        except OSError:  # gone meanwhile: nothing to render
            pass


def show_problems(project: Project, problems: list[Problem]) -> None:
    """Put `problems` in the generated config (shown on the pages rendered next, as a banner over the last
    good page), or take them off."""
    config = project.build / "mkdocs.yml"
    if config.is_file():
        text = config.read_text(encoding="utf-8")
        shown = with_problems(text, [str(p) for p in problems])
        if shown != text:
            config.write_text(shown, encoding="utf-8")


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM ends serve as Ctrl-C does: through its `finally`


class Preview:
    """What serve keeps between rebuilds: the portal last generated, the files read, and the pages that show
    the problems of the data (to render again without them once it is right)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.cache = FileCache()  # the files read, kept for as long as this serves
        self.portal: Portal | None = None
        self.showing: set[Path] = set()

    def start(self) -> None:
        """Generate build/ for the first time (bad data: InvalidData, and serve does not start)."""
        with portal_lock(self.project.root, wait=True):
            self.portal, _ = generate(self.project, cache=self.cache)

    def rebuild(self) -> bool:
        """Validate and regenerate after a change, saying what was rebuilt and how long it took, or what is
        wrong (in the terminal, and in the browser over the last good page). True if pages were removed (a
        plan or a content page deleted), which MkDocs' dirty serve would go on serving."""
        started = time.monotonic()
        before = docs_files(self.project)
        try:
            with portal_lock(self.project.root, wait=True):
                # the edited recommendations' pages first, so that they are served at once; then the rest
                self.portal, first = write_first(self.project, self.portal, self.cache)
                if first:
                    print(f"planportal: wrote {', '.join(first)} ({time.monotonic() - started:.1f} s); "
                          "now the rest", file=sys.stderr)
                self.portal, changed = generate(self.project, cache=self.cache)
        except InvalidData as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            print(f"planportal: {len(err.problems)} problem(s): still serving the last good version, with the "
                  "problems shown over it", file=sys.stderr)
            show_problems(self.project, err.problems)
            showing = pages_showing(self.project, err.problems)
            render_again(showing | self.showing)
            self.showing = showing
            return False
        except PlanPortalError as err:  # build/ could not be written (no space left …): say why, serve on
            print(f"planportal: {err}", file=sys.stderr)
            return False
        render_again(self.showing)  # the problems are gone from the config generate wrote: from the pages too
        self.showing = set()
        removed = sorted(before - docs_files(self.project))
        print(f"planportal: rebuilt {len(changed)} file(s) in {time.monotonic() - started:.1f} s"
              + (f": {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''}" if changed else "")
              + (f"; removed {len(removed)}" if removed else ""), file=sys.stderr)
        return bool(removed)


def docs_files(project: Project) -> set[str]:
    """The pages and files build/docs/ holds now."""
    docs = project.build / "docs"
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*")} if docs.is_dir() else set()


def start_mkdocs(project: Project, address: str) -> tuple[subprocess.Popen[str], MkDocsOutput]:
    """`mkdocs serve` on build/, its output kept to show only if it fails; it ends when serve ends."""
    server = children.start([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f",
                             str(project.build / "mkdocs.yml"), "-a", address],
                            {**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture=True, merge=True)
    return server, MkDocsOutput(server)


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    started = time.monotonic()
    preview = Preview(project)
    preview.start()
    server, said = start_mkdocs(project, args.address)
    previous = signal.signal(signal.SIGTERM, _stop)
    print(f"planportal: generated in {time.monotonic() - started:.1f} s; serving http://{args.address}/ "
          "(Ctrl-C to stop)", file=sys.stderr)
    watched = [project.plans, project.content]
    seen = watched_files(watched)
    interrupted = False
    try:
        while server.poll() is None:
            time.sleep(0.3)
            now = watched_files(watched)
            if now != seen:
                seen = now
                if preview.rebuild():  # a fresh MkDocs, which renders every page, and only those there are
                    children.stop(server)
                    server, said = start_mkdocs(project, args.address)
                    print("planportal: pages were removed: the preview starts again without them", file=sys.stderr)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        children.stop(server)
    if not interrupted:  # MkDocs stopped by itself (the address in use, a broken mkdocs.yml …): what it said
        print(f"planportal: MkDocs stopped serving (exit status {server.returncode}); it said:\n{said.all_said()}",
              file=sys.stderr)
        return 1
    print("planportal: stopped serving", file=sys.stderr)
    return 0
