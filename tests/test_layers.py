"""The generator is laid out as its pipeline (docs/architecture.md): each folder of planportal one
stage, and imports run one way only, from a stage to the stages before it, with no circle."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generator" / "planportal"
STAGES = ["text", "source", "portal", "pages", "exchange", "downloads", "output", "commands"]
"""In pipeline order: a module may import its own stage and those before it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The planportal modules `path` imports (at run time: not those imported for type checking only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                for node in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in checking:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("planportal"):
            found.update(f"{node.module}.{alias.name}" if (PACKAGE.parent / node.module.replace(".", "/")
                                                           / f"{alias.name}.py").exists() else node.module
                         for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("planportal"))
    return found


MODULES = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> int | None:
    """Where a module stands in the pipeline; None for the package's own entry points."""
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_every_module_is_in_a_stage() -> None:
    outside = {m for m in MODULES if stage(m) is None}
    assert outside == {"planportal", "planportal.__main__", "planportal.captions"}, outside


def test_no_module_imports_a_later_stage() -> None:
    later = [(module, used) for module, used in MODULES.items() for target in used
             if stage(module) is not None and (s := stage(target)) is not None and s > stage(module)
             for used in [target]]
    assert later == []


def test_no_circle_of_imports() -> None:
    graph = {m: {t for t in used if t in MODULES and t != m} for m, used in MODULES.items()}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path[path.index(module):], module))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_the_checks_see_imports() -> None:
    assert "planportal.pages.context" in MODULES["planportal.pages.plans"]
    assert "planportal.pages.urls" in MODULES["planportal.downloads.files"]
