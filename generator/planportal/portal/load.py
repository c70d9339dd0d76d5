"""Loading plans/ into a Portal: every file read and type-checked (source.files), then joined
and cross-checked. Every problem in every file is collected and reported together, each as
`file:line:column: message` with what would be valid.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import Any

from planportal.portal.checks import Checker, _check_plan
from planportal.portal.joined import PlanEntry, Portal, plan_recommendations, recommendation_paths
from planportal.portal.names import collisions, content, generated
from planportal.portal.updates import check_updates, merged
from planportal.source import model
from planportal.source.characters import undecodable
from planportal.source.files import FileCache, Loaded, _display, load_files
from planportal.source.problems import InvalidData, Problem
from planportal.source.updates import read_updates
from planportal.text.language import UNCHECKED

PLAN_ID_MAX = 60
"""The longest plan id (a plan file's name, without .yaml), as for every other id (model.Id): the
site's file names are made of it (ID-deadlines.ics, ID-actions.xlsx …), and must fit a file system's
limit of 255 bytes."""

PAGE_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""The files MkDocs makes pages of (mkdocs.utils.markdown_extensions)."""


def left_out(file: str) -> str | None:
    """Why the site would not publish content/`file` as it is (so that neither a link to it nor the
    offline bundle would find it), and what to do, if it would not: MkDocs leaves out names starting
    with '.' and the templates/ folder, and makes a Markdown file a page.

    >>> left_out("documents/plan.pdf") is None
    True
    >>> left_out("documents/.old/plan.pdf")
    "the site leaves out files and folders whose names start with '.' (here '.old'): rename it, in content/ and here"
    """
    parts = file.split("/")
    hidden = next((part for part in parts if part.startswith(".")), None)
    if hidden:
        return (f"the site leaves out files and folders whose names start with '.' (here '{hidden}'): rename it, "
                "in content/ and here")
    if len(parts) > 1 and parts[0] == "templates":
        return ("the site leaves out content/templates/, which MkDocs keeps for theme templates: move the file "
                "into another folder, such as documents/")
    if file.endswith(PAGE_SUFFIXES):
        return ("the site makes a Markdown file into a page: give a PDF or other document, or link to the page "
                "from another page instead")
    return None


def links_outside(folder: Path) -> list[str]:
    """Paths in `folder` that are links leading out of it (a site must publish only what is in it);
    links that lead nowhere or round in a loop are `dead_links`."""
    if not folder.is_dir():
        return []
    inside = folder.resolve()
    return [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
            if p.is_symlink() and p.exists() and not p.resolve().is_relative_to(inside)]


def dead_links(folder: Path) -> list[tuple[str, str]]:
    """Links in `folder` that lead nowhere or round in a loop, each with what to do."""
    found = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_symlink():
            continue
        try:
            path.stat()
        except OSError as err:
            loop = err.errno == errno.ELOOP
            found.append((path.relative_to(folder).as_posix(),
                          "is a symbolic link that leads round in a loop: remove it, or replace it with the file "
                          "itself" if loop else "is a symbolic link to something that does not exist: remove it, "
                          "or replace it with the file itself"))
    return found


def unreadable_pages(folder: Path) -> list[tuple[str, tuple[int, int, str]]]:
    """Hand-written pages in `folder` that are not UTF-8 text, with where and why."""
    found = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.suffix in PAGE_SUFFIXES and path.is_file():
            wrong = undecodable(path.read_bytes())
            if wrong:
                found.append((path.relative_to(folder).as_posix(), wrong))
    return found


def content_problems(content_dir: Path, root: Path) -> list[Problem]:
    """What is wrong with content/ itself: links out of it, which would publish what they lead to;
    links to nothing or in a loop; pages that are not UTF-8 text."""
    name = _display(content_dir, root)
    return ([Problem(f"{name}/{path}", 1, 1, f"is a link to something outside {name}/, which would be published "
                     f"too: copy the file itself into {name}/") for path in links_outside(content_dir)]
            + [Problem(f"{name}/{path}", 1, 1, why) for path, why in dead_links(content_dir)]
            + [Problem(f"{name}/{path}", *wrong) for path, wrong in unreadable_pages(content_dir)])


def check_portal(loaded: list[Loaded], root: Path, content_dir: Path) -> Portal:
    """Join the files into a Portal, or raise InvalidData with every cross-reference problem."""
    check = Checker()
    portals = [f for f in loaded if f.data.portal is not None]
    plans = [f for f in loaded if f.data.plan is not None]
    if not portals:
        raise InvalidData([Problem("plans/", 1, 1, "no portal.yaml: one file needs a 'portal:' section")])
    for extra in portals[1:]:
        check.add(extra.doc, ("portal",), f"a second 'portal:' section (the first is in {portals[0].doc.file}): "
                  "keep one", key=True)
    if not plans:
        check.add(portals[0].doc, (), "no plans: add a plan file to plans/ with a 'plan:' section")
    settings = portals[0].data.portal
    assert settings is not None

    portal = Portal(settings=settings, plans=[])
    for key in portals[0].doc.data["portal"]:
        portal.settings_at[key] = (portals[0].doc.file, *portals[0].doc.position(("portal", key)))
    directory: list[tuple[str, str, str, dict[str, Any]]] = [  # section, key field, what it is, the portal's
        ("people", "id", "person", portal.people),
        ("partners", "id", "partner", portal.partners),
        ("glossary", "term", "glossary term", portal.glossary),
        ("documents", "id", "document", portal.documents),
        ("indicators", "code", "indicator", portal.indicators),
        ("priorities", "id", "priority", portal.priorities),
    ]
    seen: dict[str, dict[str, tuple[str, int, str]]] = {section: {} for section, *_ in directory}
    for f in loaded:
        d, doc = f.data, f.doc
        for section, key, what, entries in directory:
            items = getattr(d, section)
            check.unique(doc, (((section, i, key), getattr(x, key)) for i, x in enumerate(items)), what, seen[section])
            for item in items:
                entries.setdefault(getattr(item, key), item)
        for i, document in enumerate(d.documents):
            if document.file and (why := left_out(document.file)):
                check.add(doc, ("documents", i, "file"), f"file '{document.file}' would not be published as it "
                          f"is: {why}")
            elif document.file and not (content_dir / document.file).is_file():
                check.add(doc, ("documents", i, "file"),
                          f"file '{document.file}' is not in content/: add it there or correct the path")
            elif document.file and not (content_dir / document.file).resolve().is_relative_to(content_dir.resolve()):
                check.add(doc, ("documents", i, "file"), f"file '{document.file}' is a link to a file outside "
                          "content/, which is not published: copy the file itself into content/")
        languages = set(settings.languages)
        for path, text in f.texts:
            for lang in text:
                if lang == UNCHECKED:
                    for marked in text[lang].split():
                        if marked not in text:
                            check.add(doc, path + (lang,), f"'{marked}' is marked unchecked but this text has no "
                                      f"'{marked}' translation: remove it from unchecked, or add the translation")
                elif lang not in languages:
                    check.add(doc, path + (lang,), f"language '{lang}' is not one of the portal's languages "
                              f"({', '.join(settings.languages)}): add it to portal.languages or correct it", key=True)
            if settings.languages[0] not in text:
                check.add(doc, path, f"no text in '{settings.languages[0]}', the portal's first language: add it")

    named: dict[str, str] = {}  # plan ids name folders: unique regardless of case and of .yaml or .yml
    for f in plans:
        plan_id = Path(f.doc.file).stem
        if plan_id.casefold() in named:
            check.add(f.doc, (), f"file name '{plan_id}' gives the same plan id as {named[plan_id.casefold()]} "
                      "(plan ids name the site's folders, whatever the capitals or extension): rename one of them")
        named.setdefault(plan_id.casefold(), f.doc.file)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", plan_id):
            check.add(f.doc, (), f"file name '{plan_id}' is not a valid plan id: use letters, digits, - and _ only")
        elif len(plan_id) > PLAN_ID_MAX:
            check.add(f.doc, (), f"file name '{plan_id[:20]}…' is too long for a plan id ({len(plan_id)} characters; "
                      f"at most {PLAN_ID_MAX}, as for every id): the site's files are named after it "
                      f"({plan_id[:8]}…-deadlines.ics …), and file systems allow no longer names: shorten it")
        elif plan_id.casefold() in model.WINDOWS_RESERVED:
            check.add(f.doc, (), f"file name '{plan_id}' cannot be a plan id: plan ids name the site's folders, "
                      f"and Windows does not allow a folder called {plan_id.upper()}: rename the file")
        assert f.data.plan is not None
        portal.plans.append(PlanEntry(plan_id, f.data.plan, f.doc.file))
        for path, rec in recommendation_paths(f.data.plan):
            portal.locations[(plan_id, rec.ref)] = (f.doc.file, *f.doc.position(path))
    portal.plans.sort(key=lambda p: p.id)

    plan_refs = {p.id: {placed.rec.ref for placed in plan_recommendations(p)} for p in portal.plans}
    for f in plans:
        _check_plan(check, f.doc, f.data.plan, Path(f.doc.file).stem, portal, plan_refs)  # type: ignore[arg-type]
    check.problems += collisions([*generated(loaded), *content(content_dir, _display(content_dir, root))])

    if check.problems:
        raise InvalidData(check.problems)
    return portal


def load_portal(plans_dir: Path, content_dir: Path, root: Path, cache: FileCache | None = None,
                updates_dir: Path | None = None) -> Portal:
    """Read, type-check and cross-check plans/ and the update files (`updates_dir`, by default
    updates/ beside plans/), add the updates to the plans, and check content/; raises InvalidData
    with every problem found. `cache`: the files read before (see FileCache), for those that have
    not changed."""
    content = content_problems(content_dir, root)
    try:
        portal = _load_portal(plans_dir, content_dir, root, cache, updates_dir)
    except InvalidData as err:
        raise InvalidData(err.problems + content) from None
    if content:
        raise InvalidData(content)
    return portal


def _load_portal(plans_dir: Path, content_dir: Path, root: Path, cache: FileCache | None,
                 updates_dir: Path | None) -> Portal:
    if not plans_dir.is_dir():
        raise InvalidData([Problem(_display(plans_dir, root) + "/", 1, 1,
                                   "the plans folder does not exist: create it, with portal.yaml and a plan file")])
    loaded, problems = load_files(plans_dir, root, cache)
    updates, update_problems = read_updates(updates_dir or plans_dir.parent / "updates", root)
    if problems or update_problems:
        raise InvalidData(problems + update_problems)
    if not loaded:
        raise InvalidData([Problem(_display(plans_dir, root) + "/", 1, 1,
                                   "no .yaml files in the plans folder: add portal.yaml and a file for each plan")])
    portal = check_portal(loaded, root, content_dir)
    problems = check_updates(portal, updates)
    if problems:
        raise InvalidData(problems)
    return merged(portal, updates)
