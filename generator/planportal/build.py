"""The pipeline: validate plans/ → generate Markdown into build/ → render site/.

A failure at any step leaves site/ exactly as it was: the new site is rendered elsewhere
and swapped in only when every step succeeded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planportal.pages import build_pages
from planportal.portal import Portal
from planportal.problems import InvalidData, Problem
from planportal.render import mkdocs_config, render
from planportal.validate import load_portal
from planportal.write import read_tree, write_tree


@dataclass(frozen=True)
class Project:
    """Where a portal's folders are. All default to the usual layout under `root`."""

    root: Path

    @property
    def plans(self) -> Path:
        return self.root / "plans"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


def _title(markdown: bytes, fallback: str) -> str:
    match = re.search(rb"^# (.+)$", markdown, re.MULTILINE)
    return match.group(1).decode("utf-8").strip() if match else fallback


def content_nav(content: dict[str, bytes]) -> list[Any]:
    """Nav entries for hand-written pages: top-level pages, then one section per folder."""
    pages = {path: data for path, data in content.items() if path.endswith(".md")}
    entries: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for path, data in pages.items():
        folder, _, name = path.rpartition("/")
        item = {_title(data, name): path}
        if not folder:
            entries.append(item)
        else:
            top = folder.split("/")[0]
            sections.setdefault(top, [])
            sections[top].insert(0, path) if name == "index.md" else sections[top].append(item)
    for top, items in sections.items():
        index = f"{top}/index.md"
        title = _title(pages[index], top) if index in pages else top.capitalize()
        entries.append({title: items})
    return entries


def content_links(content: dict[str, bytes]) -> list[tuple[str, str]]:
    """(title, path) of each top-level hand-written page or folder index, for the home page."""
    return [
        (_title(data, path), path)
        for path, data in content.items()
        if path.endswith(".md") and (path.count("/") == 0 or path.endswith("/index.md") and path.count("/") == 1)
    ]


def links_outside(folder: Path) -> list[str]:
    """Paths in `folder` that are links leading out of it (a site must publish only what is in it)."""
    if not folder.is_dir():
        return []
    inside = folder.resolve()
    return [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
            if p.is_symlink() and not p.resolve().is_relative_to(inside)]


def generate(project: Project) -> tuple[Portal, list[str]]:
    """Validate and write the Markdown and MkDocs config into build/; return the portal and
    the files rewritten. Raises InvalidData before anything is written if the data is wrong."""
    portal = load_portal(project.plans, project.content, project.root)
    outside = links_outside(project.content)
    if outside:
        raise InvalidData([Problem(f"content/{path}", 1, 1, "is a link to something outside content/, which would "
                                   "be published too: copy the file itself into content/") for path in outside])
    content = read_tree(project.content)
    pages = build_pages(portal, content_links(content))
    clashes = sorted(set(content) & set(pages))
    if clashes:
        raise InvalidData([Problem(f"content/{path}", 1, 1, "has the same address as a generated page: "
                                   "rename it or move it into a folder") for path in clashes])
    files = {f"docs/{path}": data for path, data in content.items()}
    files.update({f"docs/{path}": text.encode("utf-8") for path, text in pages.items()})
    files["mkdocs.yml"] = mkdocs_config(project.config, project.build, portal, content_nav(content)).encode("utf-8")
    return portal, write_tree(project.build, files)


def build_site(project: Project) -> Portal:
    """Validate, generate and render; site/ is replaced only when all of it succeeded."""
    portal, _ = generate(project)
    render(project.build, project.site)
    return portal
