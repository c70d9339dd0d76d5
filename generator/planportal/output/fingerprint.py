"""Whether site/ needs rendering again: a digest of everything a render reads, kept in build/."""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from planportal.output.mkdocs import render

STAMP = ".rendered"  # in build/: what site/ was last rendered from


def render_changed(build_dir: Path, site_dir: Path, project_config: Path, subsites: list[str] | None = None,
                   renderer: str = "mkdocs") -> bool:
    """Render unless site/ was last rendered, by `renderer`, from exactly what it would read now (a build
    that changed nothing takes seconds, not minutes); True if it rendered."""
    stamp = build_dir / STAMP
    now = sources(build_dir, project_config, renderer)
    if site_dir.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == now:
        return False
    render(build_dir, site_dir, subsites, renderer)
    try:
        stamp.write_text(now, encoding="utf-8")
    except OSError:  # the site is published; without the stamp, the next build just renders again
        stamp.unlink(missing_ok=True)
    return True


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
                           if p.is_file() and p.name != STAMP and "__pycache__" not in p.relative_to(folder).parts):
            info = path.stat()
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    digest.update(project_config.read_bytes())
    digest.update(" ".join(version(name) for name in ("mkdocs", "mkdocs-material")).encode())
    if renderer != "mkdocs":  # the same digest as before for MkDocs; another renderer, and its version
        digest.update(f"\0{renderer} {version(renderer)}".encode())
    return digest.hexdigest()
