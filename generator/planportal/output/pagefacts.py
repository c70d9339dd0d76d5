"""What a render leaves behind about each page that other pages and the search index need: its title and
front matter (the nav shows them), the anchors it has and the anchors it links to in other pages (MkDocs
checks them), and its entries in the search index. An incremental render (output/incremental.py) renders
again only the pages whose Markdown changed and takes every other page's facts from here.

A full render records them as it goes: `python -m planportal.output.pagefacts FACTS build --strict -f …`
is `mkdocs build` itself (MkDocs' own command line, with the same output and exit status), which also
writes the facts of every page, in the order MkDocs built them, to the file FACTS once the build succeeded.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def page_facts(page: Any, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The facts of a rendered MkDocs page (see the module's docstring), with its search `entries`.

    >>> class File:
    ...     src_uri = "b.md"
    >>> class Page:
    ...     title, meta = "A", {"search": {"boost": 2}}
    ...     present_anchor_ids, links_to_anchors = {"y", "x"}, {File(): {"top": "b.md#top"}}
    >>> page_facts(Page(), [{"location": "a.html", "title": "A", "text": ""}])["anchors"]
    ['x', 'y']
    >>> page_facts(Page(), [])["links"], page_facts(Page(), [])["meta"]
    ({'b.md': {'top': 'b.md#top'}}, '{"search": {"boost": 2}}')
    """
    return {"title": page.title, "meta": json.dumps(page.meta, sort_keys=True, default=str),
            "anchors": sorted(anchor for anchor in page.present_anchor_ids or () if anchor is not None),
            "links": {target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()},
            "entries": entries}


def search_plugin(config: Any) -> Any:
    """Material's search plugin in an MkDocs config, or None."""
    from material.plugins.search.plugin import SearchPlugin

    return next((plugin for plugin in config.plugins.values() if isinstance(plugin, SearchPlugin)), None)


def main(argv: list[str]) -> None:
    """`mkdocs ARGS…` (argv[1:]), writing the facts of every page it builds to argv[0] when it succeeds."""
    from mkdocs.__main__ import cli
    from mkdocs.commands import build

    facts_file, pages = Path(argv[0]), {}
    build_page, build_site = build._build_page, build.build

    def recording_build_page(page: Any, config: Any, *args: Any, **kwargs: Any) -> None:
        search = search_plugin(config)
        before = len(search.search_index.entries) if search else 0
        build_page(page, config, *args, **kwargs)
        pages[page.file.src_uri] = page_facts(page, search.search_index.entries[before:] if search else [])

    def recording_build(config: Any, **kwargs: Any) -> None:
        build_site(config, **kwargs)
        facts_file.write_text(json.dumps(pages, default=str), encoding="utf-8")

    build._build_page = recording_build_page  # type: ignore[assignment]
    build.build = recording_build  # type: ignore[assignment]
    cli.main(args=argv[1:], prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
