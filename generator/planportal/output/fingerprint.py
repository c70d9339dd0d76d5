"""Whether site/ needs rendering again, and how much of it: a digest of everything a render reads, kept in
build/; when it differs, the pages that changed are rendered incrementally where that gives the bytes a full
render would (output/incremental.py), and everything is rendered otherwise."""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from planportal.output import incremental
from planportal.output.incremental import RECORD, Rendered
from planportal.output.mkdocs import render

STAMP = ".rendered"  # in build/: what site/ was last rendered from
KEPT = frozenset({STAMP, RECORD})
"""The files of build/ that generating leaves alone: what the last render was made from."""


def render_changed(build_dir: Path, site_dir: Path, project_config: Path, subsites: list[str] | None = None,
                   renderer: str = "mkdocs", incrementally: bool = True) -> Rendered | None:
    """Render unless site/ was last rendered, by `renderer`, from exactly what it would read now (a build
    that changed nothing takes seconds, not minutes): only the pages that changed where that gives the same
    site (MkDocs, and `incrementally`), else every page. What it rendered, or None if nothing."""
    stamp = build_dir / STAMP
    now = f"{sources(build_dir, project_config, renderer)} {site_dir.resolve()}"  # serve's preview is another site
    if site_dir.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == now:
        return None
    subsites = subsites or []
    work = incremental.plan(build_dir, site_dir, subsites, project_config) if (
        renderer == "mkdocs" and incrementally) else None
    done = incremental.render(build_dir, site_dir, subsites, work) if work else None
    if done is None:
        incremental.forget(build_dir)
        facts = render(build_dir, site_dir, subsites, renderer)
        if facts is not None:
            incremental.save(build_dir, site_dir, subsites, project_config, facts)
        total = sum(len(pages) for pages in facts) if facts else 0  # Zensical's pages are not counted
        done = Rendered(total, total)
    try:
        stamp.write_text(now, encoding="utf-8")
    except OSError:  # the site is published; without the stamp, the next build just renders again
        stamp.unlink(missing_ok=True)
    return done


def sources(build_dir: Path, project_config: Path, renderer: str = "mkdocs") -> str:
    """A digest of everything a render reads: the generated tree, the project's mkdocs.yml and
    theme/, planportal's own code (MkDocs runs its Markdown extension) and the versions of MkDocs
    and Material. Files by path, size and modification time: `write_tree` leaves unchanged files be.
    Python's compiled caches are left out: writing one changes nothing MkDocs makes. `renderer`: which
    renders (MkDocs or Zensical), and its version."""
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    folders = [build_dir, project_config.parent / "theme", package]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*")
                           if p.is_file() and p.name not in KEPT and "__pycache__" not in p.relative_to(folder).parts):
            info = path.stat()
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    digest.update(project_config.read_bytes())
    digest.update(" ".join(version(name) for name in ("mkdocs", "mkdocs-material")).encode())
    if renderer != "mkdocs":  # the same digest as before for MkDocs; another renderer, and its version
        digest.update(f"\0{renderer} {version(renderer)}".encode())
    return digest.hexdigest()
