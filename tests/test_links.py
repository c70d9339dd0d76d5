"""Every link in the built seed site resolves, and no page loads anything from another host.

MkDocs already fails the build on a broken link between Markdown pages (--strict with
validation); this walks the final HTML instead, so that the theme's own links, assets,
anchors, downloads and the search index are checked too, as a browser opening the files
from a folder would follow them."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from planportal.commands.build import Project, build_site
from planportal.portal.joined import Portal
from tests.conftest import copy_project
from tests.factories import plan

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href"}
LOADED = {"link", "script", "img", "iframe", "source", "video", "audio", "embed", "object", "track", "input"}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    urls: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    config: str = ""


class Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name"):
            if name in values and tag != "input" and tag != "meta":
                self.page.ids.add(values[name])
        for name, value in values.items():
            if name in URL_ATTRIBUTES:
                self.page.urls.append((tag, name, value))
            elif name == "srcset":
                self.page.urls += [(tag, name, part.split()[0]) for part in value.split(",") if part.strip()]
            elif name == "style" and "url(" in value:
                self.page.urls += [(tag, name, url) for url in re.findall(r"url\(['\"]?([^'\")]+)", value)]
        self._in_config = tag == "script" and values.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.page.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


@cache
def read(path: Path) -> Page:
    reader = Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.page


def resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str, str]:
    """(file, fragment, problem) for a URL on `page`; file is None for a web or mail address."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "mailto"):
        return None, "", ""
    if parts.scheme or parts.netloc:
        return None, "", f"address with scheme {parts.scheme or '//'}"
    if parts.path.startswith("/"):
        if page.name != "404.html":  # the 404 page is served by a web server for any path, so its links are absolute
            return None, "", "absolute path (breaks when the site is opened from a folder)"
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = (page.parent / unquote(parts.path)) if parts.path else page
    target = Path(*target.parts).resolve()
    if not target.is_relative_to(site.resolve()):
        return None, "", "points outside site/"
    if target.is_dir():
        return None, "", "a folder (opened from the file system, a folder is not a page)"
    if not target.is_file():
        return None, "", "missing"
    return target, unquote(parts.fragment), ""


def check_url(site: Path, page: Path, tag: str, attribute: str, url: str, problems: dict[str, list[str]]) -> None:
    where = f"{page.relative_to(site)}: <{tag} {attribute}={url!r}>"
    if urlsplit(url).scheme in ("http", "https") and (tag in LOADED or attribute != "href"):
        problems["loads from another host"].append(where)
        return
    if url.startswith("data:") and tag == "img":
        return
    target, fragment, problem = resolve(site, page, url)
    if problem:
        problems[problem].append(where)
    elif target is not None and fragment and target.suffix == ".html" and fragment not in read(target).ids:
        problems["no such anchor"].append(where)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_link_image_script_and_stylesheet_resolves(built: tuple[Project, Portal]) -> None:
    project, _ = built
    site = project.site
    problems, counted = unresolved_urls(site)
    assert problems == {}
    assert len(html_pages(site)) > 100 and counted > 10_000  # the walk really walked


def unresolved_urls(site: Path) -> tuple[dict[str, list[str]], int]:
    """Every link, image, script and stylesheet of every page of `site` that does not resolve, by
    problem; and how many were checked."""
    problems: dict[str, list[str]] = defaultdict(list)
    counted = 0
    for page in html_pages(site):
        for tag, attribute, url in read(page).urls:
            check_url(site, page, tag, attribute, url, problems)
            counted += 1
    return dict(problems), counted


def test_internal_anchors_are_checked(built: tuple[Project, Portal]) -> None:
    """The walk above would see a broken anchor or file (so a pass means something)."""
    project, _ = built
    site, page = project.site, project.site / "index.html"
    problems: dict[str, list[str]] = defaultdict(list)
    check_url(site, page, "a", "href", "glossary.html#no-such-term", problems)
    check_url(site, page, "a", "href", "missing.html", problems)
    check_url(site, page, "script", "src", "https://cdn.example.org/x.js", problems)
    check_url(site, page, "a", "href", "plans/", problems)
    assert sorted(problems) == ["a folder (opened from the file system, a folder is not a page)",
                                "loads from another host", "missing", "no such anchor"]


def test_the_theme_loads_nothing_from_another_host(built: tuple[Project, Portal]) -> None:
    """Stylesheets, scripts and the search worker named in Material's configuration."""
    project, _ = built
    site = project.site
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for url in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")]+)", text):
            assert not re.match(r"(https?:)?//", url), f"{css.relative_to(site)} loads {url}"
    for script in sorted(site.rglob("*.js")):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href)\s*=\s*['\"]https?://|importScripts\(['\"]https?://", text), script
    page = site / "plans" / "leeds-2010" / "index.html"
    config = json.loads(read(page).config)
    assert (page.parent / config["search"]).resolve().is_file()  # relative to the page, like every address
    assert (page.parent / config["base"] / "index.html").resolve() == (site / "index.html").resolve()


def test_every_search_result_opens_a_page_and_anchor(built: tuple[Project, Portal]) -> None:
    project, _ = built
    site = project.site
    text = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("{"):text.rindex("}") + 1])
    assert unopened(site, site, [doc["location"] for doc in index["docs"]]) == []
    assert len(index["docs"]) > 200


def unopened(site: Path, start: Path, locations: list[str]) -> list[str]:
    """The search results (locations, from the `start` folder's index.html) that open no page or anchor."""
    missing = []
    for location in locations:
        target, fragment, problem = resolve(site, start / "index.html", location or "index.html")
        if problem or target is None or (fragment and fragment not in read(target).ids):
            missing.append(location)
    return missing


def test_given_its_web_address_the_404_page_links_from_there(tmp_path: Path) -> None:
    """A web server shows 404.html at any address, so its links start from the address the site is
    published at (mkdocs.yml's site_url); each language's 404 page links within that language."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "portal.yaml").write_text(yaml.safe_dump({"portal": {
        "title": {"en": "Plans", "cy": "Cynlluniau"}, "authority": "Test Council", "languages": ["en", "cy"]}}),
        encoding="utf-8")
    (plans / "p.yaml").write_text(yaml.safe_dump({"plan": plan(title="Improvement plan")}), encoding="utf-8")
    (tmp_path / "portal").mkdir()
    project = copy_project(tmp_path / "portal", plans)
    with project.config.open("a", encoding="utf-8") as config:
        config.write("site_url: https://plans.example.gov.uk/improvement/\n")
    build_site(project)
    for lang, prefix in (("en", ""), ("cy", "cy/")):
        page = read(project.site / prefix / "404.html")
        hrefs = [url for tag, attribute, url in page.urls if tag == "a" and attribute == "href"]
        assert f"/improvement/{prefix}index.html" in hrefs, (lang, hrefs)
        assert all(not url.startswith("/") or url.startswith("/improvement/") for _, _, url in page.urls), lang
    home = read(project.site / "index.html")  # other pages stay relative: they work opened from a folder
    assert not [url for tag, _, url in home.urls if tag in ("script", "img") and url.startswith(("/", "http"))]
