"""Writing pages into the build folder: a file is rewritten only when its bytes change,
and files no longer produced are removed, so a rebuild touches only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path


def write_tree(target: Path, files: dict[str, bytes], keep: frozenset[str] = frozenset()) -> list[str]:
    """Make `target` hold exactly `files` ({relative path: bytes}) and the files `keep` names;
    return the paths rewritten."""
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for rel, data in files.items():
        path = target / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(rel)
    wanted = set(files) | keep
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def read_tree(source: Path) -> dict[str, bytes]:
    """Every file under `source` as {relative path: bytes}, in a stable order."""
    if not source.is_dir():
        return {}
    return {p.relative_to(source).as_posix(): p.read_bytes() for p in sorted(source.rglob("*")) if p.is_file()}


def replace_dir(new: Path, old: Path) -> None:
    """Put the finished folder `new` where `old` is, keeping `old` until `new` is in place."""
    backup = old.with_name(old.name + ".old")
    if backup.exists():
        shutil.rmtree(backup)
    if old.exists():
        old.rename(backup)
    new.rename(old)
    if backup.exists():
        shutil.rmtree(backup)
