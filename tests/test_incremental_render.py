"""An incremental build makes site/ byte for byte what a full build makes, search index and sitemap
included: a portal is built, edited, and built again (`planportal build`, as staff run it); the same edited
portal is then built afresh in another folder, and every file of the two sites is compared. On a small
synthetic portal in English and Welsh (benchmarks/synthetic.py)."""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from benchmarks.synthetic import dump, write_portal

from planportal.output.incremental import RECORD
from tests.conftest import copy_project, run

ACTIONS = 60
MARKER = "Zanzibarquux"
INCREMENTAL = re.compile(r": (\d+) of (\d+) pages rendered again, the others as they were\.$")


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def built(root: Path) -> str:
    done = run(root, "build")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    project = copy_project(tmp_path / "a", plans=None)
    for old in project.plans.iterdir():
        old.unlink()
    write_portal(project.plans, ACTIONS)
    said = built(project.root)
    assert not INCREMENTAL.search(said), said  # the first build renders everything
    assert (project.build / RECORD).is_file()
    return project.root


def fresh_build_of(root: Path, where: Path) -> Path:
    """The portal at `root` (its plans, content, theme and mkdocs.yml) built from nothing in `where`."""
    where.mkdir()
    for name in ("plans", "content", "theme"):
        shutil.copytree(root / name, where / name)
    shutil.copy(root / "mkdocs.yml", where / "mkdocs.yml")
    built(where)
    return where / "site"


def assert_same_site(incremental: Path, full: Path) -> None:
    ours, theirs = files_of(incremental), files_of(full)
    assert ours.keys() == theirs.keys()
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == []
    for site in (incremental, full):  # what the comparison covers: both languages' indexes and sitemaps
        assert (site / "search/search_index.json").is_file() and (site / "cy/search/search_index.js").is_file()
        assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def edit(root: Path, change: Callable[[dict], None], name: str = "council-001.yaml") -> None:
    path = root / "plans" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["plan"])
    path.write_text(dump(data), encoding="utf-8")


def marked(text: str | dict[str, str]) -> str | dict[str, str]:
    """`text` (in one language, or in several: then its English) with MARKER in front."""
    return {**text, "en": f"{MARKER} {text['en']}"} if isinstance(text, dict) else f"{MARKER} {text}"


def change_recommendation(plan: dict) -> None:
    rec = plan["themes"][0]["outcomes"][0]["recommendations"][0]
    rec["text"] = marked(rec["text"])


def change_theme_title(plan: dict) -> None:
    plan["themes"][0]["title"] = marked(plan["themes"][0]["title"])


def delete_action(plan: dict) -> None:
    actions = plan["themes"][0]["outcomes"][1]["recommendations"][1]["actions"]
    del actions[0]["actions"][-1]  # the last sub-action of the first main action


@pytest.mark.parametrize("change, incremental", [(change_recommendation, True), (delete_action, True),
                                                 (change_theme_title, False)],
                         ids=["recommendation", "deleted action", "theme title"])
def test_a_rebuild_after_an_edit_makes_the_site_a_full_build_makes(portal: Path, tmp_path: Path,
                                                                   change: Callable[[dict], None],
                                                                   incremental: bool) -> None:
    pages = len(list((portal / "site").rglob("*.html"))) - 2  # the 404 pages are templates, not pages
    edit(portal, change)

    said = built(portal)

    counted = INCREMENTAL.search(said)
    if incremental:  # fewer pages rendered than there are
        assert counted, said
        assert 0 < int(counted[1]) < int(counted[2]) == pages
    else:  # the nav changed: every page shows it, so every page is rendered
        assert not counted and said.startswith("Built "), said
    if change is change_recommendation:
        assert MARKER in (portal / "site/search/search_index.json").read_text(encoding="utf-8")
    assert_same_site(portal / "site", fresh_build_of(portal, tmp_path / "b"))


def test_an_added_plan_renders_everything_to_the_same_site(portal: Path, tmp_path: Path) -> None:
    text = (portal / "plans" / "council-001.yaml").read_text(encoding="utf-8")
    for old, new in (("council-001", "council-900"), ("COUNCIL-001", "COUNCIL-900"), ("Council 001", "Council 900")):
        text = text.replace(old, new)  # another council's plan, with its own officers, documents and indicators
    (portal / "plans" / "council-900.yaml").write_text(text, encoding="utf-8")
    plan_ids = {path.stem for path in (portal / "plans").glob("council-*.yaml")}
    assert len(plan_ids) == 2

    said = built(portal)

    assert said.startswith("Built ") and not INCREMENTAL.search(said), said
    assert (portal / "site/plans/council-900/index.html").is_file()
    assert_same_site(portal / "site", fresh_build_of(portal, tmp_path / "b"))


def test_a_second_incremental_build_starts_from_the_first(portal: Path, tmp_path: Path) -> None:
    """The record an incremental build leaves describes the site it published: the next one builds on it."""
    edit(portal, change_recommendation)
    assert INCREMENTAL.search(built(portal))
    edit(portal, delete_action)
    assert INCREMENTAL.search(built(portal))
    assert_same_site(portal / "site", fresh_build_of(portal, tmp_path / "b"))


def test_a_site_replaced_by_hand_is_rendered_in_full(portal: Path) -> None:
    """The record names the search index of the site it describes: another site/ is not built upon."""
    shutil.copytree(portal / "site", portal / "copy")
    shutil.rmtree(portal / "site")
    (portal / "copy").rename(portal / "site")
    edit(portal, change_recommendation)
    said = built(portal)
    assert said.startswith("Built ") and not INCREMENTAL.search(said), said
