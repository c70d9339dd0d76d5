"""Rendering a language's tree with Zensical instead of MkDocs (`planportal build --renderer zensical`):
the same build/ tree, the same mkdocs.yml, a different renderer (docs/renderers.md says what differs).

Zensical reads mkdocs.yml, but renders only into a folder inside the one its config is in, and keeps a
cache there. So the tree's config is written out resolved (INHERIT followed, as MkDocs follows it) into
`<tree>/.zensical.yml`, which renders into `<tree>/.zensical-site`; that folder is then moved to where
the language goes in the new site, and the config and cache are removed, leaving the tree as it was.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from planportal.source.problems import PlanPortalError

CONFIG = ".zensical.yml"
RENDERED = ".zensical-site"
LEFT = (CONFIG, RENDERED, ".cache")
"""What a Zensical render leaves in a tree: removed after it (and before, if a killed one left them)."""


class Unrenderable(PlanPortalError):
    """The config holds what Zensical's config cannot be written with (a Python object, say)."""


def resolved(config: dict[str, Any]) -> dict[str, Any]:
    """The config (as MkDocs reads it) for Zensical: rendering into RENDERED, beside the tree's Markdown.

    >>> resolved({"site_name": "P", "docs_dir": "docs"})["site_dir"]
    '.zensical-site'
    """
    return {**config, "site_dir": RENDERED}


def write_config(tree: Path) -> Path:
    """Write the tree's Zensical config (its mkdocs.yml resolved), clearing what an earlier render left;
    the config's path. Raises Unrenderable if Zensical is not installed."""
    if importlib.util.find_spec("zensical") is None:
        raise Unrenderable("--renderer zensical: Zensical is not installed: install it "
                           "(pip install 'planportal[zensical]') and build again; site/ was left as it was")
    clear(tree)
    with (tree / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)
    try:
        text = yaml.safe_dump(resolved(config), allow_unicode=True, sort_keys=False)
    except yaml.representer.RepresenterError as err:
        raise Unrenderable(f"{tree / 'mkdocs.yml'}: Zensical cannot be given this config ({err.args[0]}: a "
                           "!!python tag, say); render with MkDocs (the default) or take it out") from None
    (tree / CONFIG).write_text(text, encoding="utf-8")
    return tree / CONFIG


def command(config: Path) -> list[str]:
    """`zensical build` of `config`: strict (a warning fails the build, as MkDocs' --strict), cache cleared.

    >>> command(Path("build/.zensical.yml"))[1:]
    ['-m', 'zensical', 'build', '--strict', '--clean', '-f', 'build/.zensical.yml']
    """
    return [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config)]


def move_rendered(tree: Path, to: Path) -> None:
    """Move what Zensical rendered from `tree` to `to` (a rename; a copy if `to` is on another file system)."""
    shutil.move(tree / RENDERED, to)


def clear(tree: Path) -> None:
    """Remove what a Zensical render leaves in `tree` (its config, output and cache)."""
    for name in LEFT:
        path = tree / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink()
