"""What is not yet translated: every text with no translation in one of the portal's other
languages, and every hand-written page without its translated sibling.
"""

from __future__ import annotations

from pathlib import Path

from planportal.portal.load import check_portal
from planportal.source.files import _display, load_files
from planportal.source.problems import InvalidData, Problem
from planportal.source.texts import translatable


def untranslated(plans_dir: Path, content_dir: Path, root: Path) -> list[Problem]:
    """Every text with no translation in one of the portal's other languages, and every
    hand-written page without its translation (page.cy.md beside page.md)."""
    loaded, problems = load_files(plans_dir, root)
    if problems:
        raise InvalidData(problems)
    portal = check_portal(loaded, root, content_dir)
    others = portal.settings.languages[1:]
    found = []
    for f in loaded:
        for path, text in translatable(f.data):
            if path not in f.doc.values:
                continue  # a default (such as the built-in status names), not written in the file
            for lang in others:
                if isinstance(text, str) or not text.get(lang):
                    line, col = f.doc.position(path)
                    found.append(Problem(f.doc.file, line, col, f"no '{lang}' translation of "
                                         f"'{path[-1] if isinstance(path[-1], str) else path[-2]}': add {lang}:"))
    if content_dir.is_dir():
        for page in sorted(content_dir.rglob("*.md")):
            if any(page.name.endswith(f".{lang}.md") for lang in portal.settings.languages):
                continue
            for lang in others:
                if not page.with_name(f"{page.stem}.{lang}.md").exists():
                    found.append(Problem(_display(page, root), 1, 1,
                                         f"no '{lang}' version: add {page.stem}.{lang}.md beside it"))
    return found
