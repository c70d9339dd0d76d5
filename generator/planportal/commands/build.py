"""`planportal build`, and the pipeline every command that publishes runs: validate plans/ →
generate Markdown into build/ → render site/.

A failure at any step leaves site/ exactly as it was: the new site is rendered elsewhere
and swapped in, in one step, only when every step succeeded (output/publish.py). One build runs
at a time in a portal: a second one says that the first is running (output/lock.py).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from planportal.downloads.files import site_files
from planportal.output.checkpoints import checkpoint
from planportal.output.fingerprint import KEPT, render_changed
from planportal.output.incremental import Rendered
from planportal.output.lock import portal_lock
from planportal.output.mkdocs import mkdocs_config, published_at
from planportal.output.pdf import pdf
from planportal.output.write import read_tree, write_tree
from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.nav import content_links, content_nav
from planportal.pages.papers import plan_paper
from planportal.pages.parts import Shared
from planportal.pages.site import build_pages, generated_addresses
from planportal.portal.changes import Changes
from planportal.portal.drafts import drafts, public
from planportal.portal.joined import Portal
from planportal.portal.load import load_portal
from planportal.portal.publications import previous_publication
from planportal.source.files import FileCache
from planportal.source.problems import InvalidData, Problem


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


def content_clashes(project: Project, portal: Portal) -> list[Problem]:
    """Hand-written files in content/ at the address of a generated page or download (which would take
    their place), in any language: page.cy.md is the Welsh page.md (see content_in). Build refuses
    them before generating anything, and validate reports them. A plan's PDF's address is kept for it
    whether or not this build makes PDFs, so that `--pdf` never refuses a portal a plain build takes."""
    pages, downloads = generated_addresses(portal, pdfs=True)
    translated = tuple(f".{lang}.md" for lang in portal.settings.languages[1:])
    problems = []
    for file in sorted(project.content.rglob("*")) if project.content.is_dir() else []:
        path = file.relative_to(project.content).as_posix()
        address = path.rsplit(".", 2)[0] + ".md" if path.endswith(translated) else path
        if file.is_file() and address in pages:
            problems.append(Problem(f"content/{path}", 1, 1, "has the same address as a generated page: "
                                    "rename it or move it into a folder"))
        elif file.is_file() and address in downloads:
            problems.append(Problem(f"content/{path}", 1, 1, "has the same address as a file the site generates "
                                    "(a download or feed): rename it or move it into a folder"))
    return problems


def generate(project: Project, include_drafts: bool = True, cache: FileCache | None = None,
             pdfs: bool = False) -> tuple[Portal, list[str]]:
    """Validate and write the Markdown, downloads and MkDocs config into build/; return the portal
    and the files rewritten. Raises InvalidData before anything is written if the data is wrong.
    Without `include_drafts` (the public build: `planportal build`), draft plans are left out.
    `cache`: serve's, so that only the files that changed are read again. `pdfs`: each plan as a
    PDF too, in each language, linked from its page (`planportal build --pdf`)."""
    portal = load_portal(project.plans, project.content, project.root, cache)
    left_out = [] if include_drafts else drafts(portal)
    if not include_drafts:
        portal = public(portal)
    taken = content_clashes(project, portal)
    if taken:
        raise InvalidData(taken)
    checkpoint("validated")
    everything = read_tree(project.content)
    default = portal.settings.languages[0]
    changes = changes_since_previous(project, portal, left_out, cache)
    files: dict[str, bytes] = {}
    downloads = site_files(portal)  # the same data files in each language's tree
    shared = Shared(portal)  # what every language's pages show alike
    site_url = published_at(project.config)
    for lang in portal.settings.languages:
        prefix = "" if lang == default else f"{lang}/"
        content = content_in(everything, lang, portal.settings.languages)
        site = Site(portal, lang, shared)  # the one page context of this language
        pages = build_pages(portal, content_links({p: data for p, (data, _) in content.items()}), lang, changes,
                            site, pdfs)
        if pdfs:
            files.update({f"{prefix}docs/{urls.plan_pdf(entry.id)}": pdf(plan_paper(portal, entry.id, site))
                          for entry in portal.plans})
        for path, (data, fallback) in content.items():
            files[f"{prefix}docs/{path}"] = site.content_page(path, data, fallback) if path.endswith(".md") else data
        files.update({f"{prefix}docs/{path}": text.encode("utf-8") for path, text in pages.items()})
        files.update({f"{prefix}docs/{path}": data for path, data in downloads.items()})
        files[f"{prefix}mkdocs.yml"] = mkdocs_config(
            project.config, project.build / prefix, portal,
            content_nav({p: data for p, (data, _) in content.items()}), lang, site_url).encode("utf-8")
    return portal, write_tree(project.build, files, keep=KEPT)


def changes_since_previous(project: Project, portal: Portal, left_out: list[str] | None = None,
                           cache: FileCache | None = None) -> tuple[Changes, str] | None:
    """What changed since the previous publication, and which that was, as the pages take it (see
    publications.previous_publication; worked out once a build). A last git tag that cannot be read
    is skipped with a warning on standard error, and the page says why."""
    previous = previous_publication(project.root, portal, left_out or (), cache)
    if previous.warning:
        print(previous.warning, file=sys.stderr)
    return previous.for_pages()


def content_in(content: dict[str, bytes], lang: str, languages: list[str]) -> dict[str, tuple[bytes, bool]]:
    """Hand-written files for one language, each with whether it falls back to the default
    language: `page.cy.md` is the Welsh of `page.md`; a page with no translation is shown in the
    default language (and marked so), as is every other file.

    >>> content_in({"a.md": b"A", "a.cy.md": b"B", "b.md": b"C"}, "cy", ["en", "cy"])
    {'a.md': (b'B', False), 'b.md': (b'C', True)}
    """
    suffixes = tuple(f".{other}.md" for other in languages[1:])
    default = lang == languages[0]
    result = {path: (data, not default and path.endswith(".md"))
              for path, data in content.items() if not path.endswith(suffixes)}
    if not default:
        for path, data in content.items():
            if path.endswith(f".{lang}.md"):
                result[path.removesuffix(f".{lang}.md") + ".md"] = (data, False)
    return result


def build_site(project: Project, include_drafts: bool = True, pdfs: bool = False,
               renderer: str = "mkdocs") -> tuple[Portal, Rendered | None]:
    """Validate, generate and render; site/ is replaced only when all of it succeeded, and not
    rendered again when nothing it is made from changed (only the pages that changed, when that gives the
    same site: output/incremental.py). Returns the portal and what it rendered (None: nothing).
    `include_drafts` False leaves draft plans out (the public build); `pdfs`, each plan as a PDF too;
    `renderer`: MkDocs, or Zensical (output/mkdocs.py RENDERERS). Holds the portal's lock: raises Busy
    if another build is running."""
    with portal_lock(project.root):
        portal, _ = generate(project, include_drafts, pdfs=pdfs)
        return portal, render_changed(project.build, project.site, project.config, portal.settings.languages[1:],
                                      renderer)


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    portal, rendered = build_site(project, include_drafts=args.include_drafts, pdfs=getattr(args, "pdf", False),
                                  renderer=args.renderer)
    drafts = "" if args.include_drafts else " (draft plans left out: --include-drafts to preview them)"
    if rendered and not rendered.full:
        print(f"Built {project.site} from {len(portal.plans)} plan(s){drafts}: {rendered.pages} of "
              f"{rendered.total} pages rendered again, the others as they were.")
    elif rendered:
        print(f"Built {project.site} from {len(portal.plans)} plan(s){drafts}.")
    else:
        print(f"{project.site} is up to date: nothing it is made from has changed since it was built{drafts}.")
    return 0
