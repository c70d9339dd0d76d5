"""Rendering again only the pages that changed, to the same bytes a full render gives.

After a full render, build/ keeps a record (RECORD) of what site/ was rendered from: a digest of what every
page shares (the project's mkdocs.yml, theme/, planportal's code, the versions of MkDocs and Material), and
for each language's tree its generated mkdocs.yml (which holds the nav), a digest of every file of its
docs/, and the facts of every page (output/pagefacts.py: title, front matter, anchors, search entries),
with the identity of the search index it published (so that a record is never taken for a site it does
not describe: one another build, renderer or person put there).

The next build renders incrementally when all of that still holds but for some files of docs/: it starts
from the last site (hard links, so nothing is copied; every file it changes is written anew, never
in place, so the published site is untouched until the new one replaces it), renders again, with MkDocs'
own build functions and the full nav and file list, only the pages whose Markdown changed, copies the other
files that changed, and writes the search index again from every page's entries. Each language's tree is
rendered in a process of its own (`python -m planportal.output.incremental`), as a full render's are, so
that it runs beside the others, ends with the build, and is named when it is killed. The nav, the sitemap and
the 404 page depend on nothing that changed, so they are kept. Anything else means a full render: the nav
or the set of files changed, a page in the nav changed its title or front matter, a plugin this module does
not know is configured, MkDocs warned about anything (the full render then says what, as it always does)
or failed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from planportal.output import children
from planportal.output.checkpoints import checkpoint
from planportal.output.faults import WriteError
from planportal.output.mkdocs import MKDOCS_ENV, RenderError, give_back_memory, why_mkdocs_failed
from planportal.output.pagefacts import page_facts, search_plugin
from planportal.output.publish import PREFIX, is_mount, publish, recover, refusal, staging, target

RECORD = ".rendered-pages.json"
"""In build/: what site/ was last rendered from, page by page (see above)."""

KNOWN_PLUGINS = {"search", "material/search", "offline", "material/offline"}
"""The plugins whose work an incremental render redoes (search) or that do nothing per page (offline)."""

INDEX = "search/search_index.json"


@dataclass(frozen=True)
class Rendered:
    """What a render did: how many pages it rendered, of how many (all of them when it was a full render)."""

    pages: int
    total: int

    @property
    def full(self) -> bool:
        return self.pages == self.total


def digest(data: bytes) -> str:
    """A file's digest, as the record keeps it.

    >>> digest(b"")
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    return hashlib.sha256(data).hexdigest()


def shared(project_config: Path) -> str:
    """A digest of what every page of every tree is rendered with: the project's mkdocs.yml and theme/,
    planportal's code (its Markdown extension, its templates) and the versions of MkDocs and Material."""
    whole = hashlib.sha256()
    package = Path(__file__).parent.parent
    for folder in (project_config.parent / "theme", package):
        for path in sorted(p for p in folder.rglob("*")
                           if p.is_file() and "__pycache__" not in p.relative_to(folder).parts):
            whole.update(f"{path.relative_to(folder)}\0{digest(path.read_bytes())}\n".encode())
    whole.update(project_config.read_bytes())
    whole.update(" ".join(version(name) for name in ("mkdocs", "mkdocs-material")).encode())
    return whole.hexdigest()


def tree_files(tree: Path) -> dict[str, str]:
    """Every file of a tree's docs/, by its path there, with its digest."""
    docs = tree / "docs"
    return {p.relative_to(docs).as_posix(): digest(p.read_bytes())
            for p in sorted(docs.rglob("*")) if p.is_file()} if docs.is_dir() else {}


def identity(index: Path) -> list[int] | None:
    """Which file `index` is (device, inode, size, modification time), or None if there is none: a site's
    search index is written anew by every render, so it tells the site apart from any other."""
    try:
        info = index.stat()
    except OSError:
        return None
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]


def trees_of(build_dir: Path, subsites: list[str]) -> list[tuple[Path, str]]:
    """Each tree of build/ with the folder of site/ it is rendered into ("" for the default language)."""
    return [(build_dir, ""), *((build_dir / sub, sub) for sub in subsites)]


def save(build_dir: Path, site_dir: Path, subsites: list[str], project_config: Path,
         facts: list[dict[str, Any]]) -> None:
    """Record what the site just published was rendered from (a full render's `facts`, one per tree)."""
    folder = target(site_dir)
    record = {"shared": shared(project_config), "trees": [
        {"config": digest((tree / "mkdocs.yml").read_bytes()), "files": tree_files(tree),
         "site": identity(folder / sub / INDEX), "pages": pages}
        for (tree, sub), pages in zip(trees_of(build_dir, subsites), facts, strict=True)]}
    _write_record(build_dir, record)


def _write_record(build_dir: Path, record: dict[str, Any]) -> None:
    path = build_dir / RECORD
    try:
        scratch = path.with_name(path.name + ".new")
        scratch.write_text(json.dumps(record), encoding="utf-8")
        os.replace(scratch, path)
    except OSError:  # without a record, the next build renders in full
        forget(build_dir)


def forget(build_dir: Path) -> None:
    """Remove the record (a full render is next)."""
    for name in (RECORD, RECORD + ".new"):
        with contextlib.suppress(OSError):
            (build_dir / name).unlink()


@dataclass
class Plan:
    """An incremental render worked out: per tree, the pages and other files of docs/ that changed."""

    record: dict[str, Any]
    changed: list[set[str]]
    files: list[dict[str, str]]


def plan(build_dir: Path, site_dir: Path, subsites: list[str], project_config: Path,
         most: float = 0.5) -> Plan | None:
    """What to render again, or None when only a full render gives the right site (see the module's
    docstring), or when more than `most` of the pages changed (a full render is then as quick)."""
    try:
        record = json.loads((build_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = target(site_dir)
    trees = trees_of(build_dir, subsites)
    if (not isinstance(record, dict) or record.get("shared") != shared(project_config)
            or len(record.get("trees", [])) != len(trees)):
        return None
    changed, now = [], []
    for (tree, sub), kept in zip(trees, record["trees"], strict=True):
        files = tree_files(tree)
        config = tree / "mkdocs.yml"
        if (not config.is_file() or kept["config"] != digest(config.read_bytes())
                or files.keys() != kept["files"].keys()
                or kept["site"] is None or kept["site"] != identity(folder / sub / INDEX)
                or (sub == "" and any(path.split("/")[0] in subsites for path in files))):
            return None
        changed.append({path for path, sha in files.items() if kept["files"][path] != sha})
        now.append(files)
    pages = sum(len(kept["pages"]) for kept in record["trees"])
    if sum(len({p for p in c if p.endswith(".md")}) for c in changed) > most * pages:
        return None
    return Plan(record, changed, now)


FULL = 3
"""The exit status of an incremental render that found that only a full render gives the right site."""


def render(build_dir: Path, site_dir: Path, subsites: list[str], work: Plan) -> Rendered | None:
    """Render incrementally as `work` says and publish the site; what was rendered, or None (and site/ left
    as it was) if a full render is needed after all. Each tree is rendered by a process of its own, as a full
    render's are (all at once when there are the cores; they end with the build; one killed, and the build
    says so and stops). Run under the portal's lock, as mkdocs.render is."""
    why = refusal(site_dir)
    if why:
        return None  # the full render says why
    recover(site_dir)
    give_back_memory()
    trees = trees_of(build_dir, subsites)
    with staging(site_dir) as out:
        _link_copy(target(site_dir), out, skip_staging=is_mount(target(site_dir)))
        folders = [out / sub if sub else out for _, sub in trees]
        commands = []
        for i, (tree, _) in enumerate(trees):
            job = out.parent / f"job-{i}.json"
            job.write_text(json.dumps({"record": str(build_dir / RECORD), "tree": i,
                                       "changed": sorted(work.changed[i])}), encoding="utf-8")
            commands.append([sys.executable, "-m", "planportal.output.incremental", str(tree / "mkdocs.yml"),
                             str(folders[i]), str(job), str(out.parent / f"pages-{i}.json")])
        failed = children.run_all(commands, MKDOCS_ENV | dict(os.environ) | {"NO_MKDOCS_2_WARNING": "1"},
                                  workers=children.cores(), started=lambda i: checkpoint(
                                      "rendering" if i == 0 else f"rendering-{subsites[i - 1]}"))
        if failed and failed[0] < 0:  # killed (out of memory, or by someone): said as a full render says it
            raise RenderError(why_mkdocs_failed(*failed))
        if failed:  # a full render is needed, or MkDocs failed: the full render says how, as it always does
            return None
        kept_pages = [json.loads((out.parent / f"pages-{i}.json").read_text(encoding="utf-8"))
                      for i in range(len(trees))]
        rendered = sum(1 for changed, pages in zip(work.changed, kept_pages, strict=True)
                       for path in changed if path in pages)
        record = {"shared": work.record["shared"], "trees": [
            {"config": kept["config"], "files": files, "site": identity(folder / INDEX), "pages": pages}
            for kept, files, pages, folder in zip(work.record["trees"], work.files, kept_pages, folders,
                                                  strict=True)]}
        forget(build_dir)  # the record describes the site about to be replaced
        checkpoint("swap")
        publish(out, site_dir)
        checkpoint("swapped")
    _write_record(build_dir, record)
    return Rendered(rendered, sum(len(pages) for pages in kept_pages))


def main(argv: list[str]) -> int:
    """The child that renders one tree: CONFIG OUT JOB RESULT (see `render`); exit status 0 when it rendered
    (the facts of every page in RESULT), FULL when only a full render will do."""
    config, out, job_file, result = argv
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    kept = json.loads(Path(job["record"]).read_text(encoding="utf-8"))["trees"][job["tree"]]["pages"]
    pages = _render_tree(Path(config).parent, Path(out), set(job["changed"]), kept)
    if pages is None:
        return FULL
    Path(result).write_text(json.dumps(pages), encoding="utf-8")
    return 0


def _link_copy(source: Path, out: Path, skip_staging: bool) -> None:
    """`out` made a copy of the folder `source` of hard links (real copies where the file system has none);
    at the top of a mounted site/, the folders builds render into are left out."""
    try:
        out.mkdir()
        for top, folders, names in os.walk(source):
            here = Path(top)
            rel = here.relative_to(source)
            if skip_staging and rel == Path("."):
                folders[:] = [name for name in folders if not name.startswith(PREFIX)]
            for name in folders:
                (out / rel / name).mkdir()
            for name in names:
                try:
                    os.link(here / name, out / rel / name)
                except OSError:
                    shutil.copy2(here / name, out / rel / name)
    except OSError as err:
        raise WriteError(str(out), err) from None


def _write_anew(path: Path, data: bytes) -> None:
    """Write `path` as a new file (its old one may be a hard link into the published site)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".planportal-new")
    scratch.write_bytes(data)
    os.replace(scratch, path)


class _Warnings(logging.Handler):
    """MkDocs' warnings and errors, counted; nothing said (the full render says them, if they hold)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def _quiet_mkdocs() -> Iterator[_Warnings]:
    """MkDocs' log counted and kept quiet, and its environment as a full render has it, for the duration."""
    logger = logging.getLogger("mkdocs")
    counted = _Warnings()
    saved = logger.handlers[:], logger.propagate, logger.level
    environment = {name: os.environ.get(name) for name in MKDOCS_ENV}
    logger.handlers[:] = [counted]
    logger.propagate = False
    logger.setLevel(logging.INFO)  # as `mkdocs build` has it
    for name, value in MKDOCS_ENV.items():
        os.environ.setdefault(name, value)
    try:
        yield counted
    finally:
        logger.handlers[:], logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])
        for name, old in environment.items():
            if old is None:
                os.environ.pop(name, None)


def _render_tree(tree: Path, out: Path, changed: set[str], kept: dict[str, dict[str, Any]]
                 ) -> dict[str, dict[str, Any]] | None:
    """Render again, into `out` (a copy of the last site of this tree), the pages of `changed`, and copy the
    other files of `changed`, as `mkdocs build --strict` would; the facts of every page, or None if the
    result would not be a full render's."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    with _quiet_mkdocs() as warnings:
        config = load_config(config_file=str(tree / "mkdocs.yml"), site_dir=str(out), strict=True)
        if set(config.plugins) - KNOWN_PLUGINS:
            return None
        config.plugins.on_startup(command="build", dirty=False)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
            search = search_plugin(config)
            if [file.src_uri for file in docs] != list(kept) or search is None:
                return None
            in_nav = {page.file.src_uri for page in nav.pages}
            for file in docs:
                page = file.page if file.page is not None else Page(None, file, config)
                if file.src_uri in changed:
                    build._populate_page(page, config, files)
                    facts = kept[file.src_uri]
                    if file.src_uri in in_nav and (page.title != facts["title"] or page_facts(page, [])["meta"]
                                                   != facts["meta"]):
                        return None  # the nav shows it: every page changes
                    continue
                facts = kept[file.src_uri]
                if file.src_uri in in_nav:
                    page.read_source(config)  # its front matter, which the nav may show
                page.title = facts["title"]
                page.present_anchor_ids = set(facts["anchors"])
                linked = {to: files.get_file_from_path(to) for to in facts["links"]}
                if None in linked.values():
                    return None
                page.links_to_anchors = {linked[to]: links for to, links in facts["links"].items()}  # type: ignore[misc]
            env = config.plugins.on_env(env, config=config, files=files)
            for file in files:
                if file.src_uri in changed and not file.is_documentation_page():
                    _write_anew(Path(file.abs_dest_path), Path(str(file.abs_src_path)).read_bytes())
            pages = dict(kept)
            rendering = [(file, file.page) for file in docs if file.page is not None]
            for file, page in rendering:
                if file.src_uri in changed:
                    dest = Path(file.abs_dest_path)
                    dest.unlink(missing_ok=True)  # MkDocs writes in place: never into the published site's file
                    before = len(search.search_index.entries)
                    build._build_page(page, config, docs, nav, env, excluded=file.inclusion.is_excluded())
                    pages[file.src_uri] = page_facts(page, search.search_index.entries[before:])
            for _, page in rendering:
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            if warnings.count:
                return None
            search.search_index.entries = [entry for file in docs for entry in pages[file.src_uri]["entries"]]
            data = search.search_index.generate_search_index(None)
            _write_anew(out / INDEX, data.encode("utf-8"))
            if {"offline", "material/offline"} & set(config.plugins):
                _write_anew(out / "search" / "search_index.js", f"var __index = {data}".encode())
            return json.loads(json.dumps(pages, default=str))  # as the record will read them back
        finally:
            config.plugins.on_shutdown()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
