"""Writing pages into the build folder: a file is rewritten only when its bytes change,
and files no longer produced are removed, so a rebuild touches only what changed."""

from __future__ import annotations

from pathlib import Path

from planportal.output.checkpoints import checkpoint
from planportal.output.faults import ReadError, WriteError


def write_tree(target: Path, files: dict[str, bytes], keep: frozenset[str] = frozenset()) -> list[str]:
    """Make `target` hold exactly `files` ({relative path: bytes}) and the files `keep` names;
    return the paths rewritten. A file that cannot be written (no space left …) raises WriteError
    naming it."""
    path = target
    try:
        target.mkdir(parents=True, exist_ok=True)
        changed = []
        for rel, data in files.items():
            path = target / rel
            if path.is_file() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed.append(rel)
            checkpoint("writing")
        wanted = set(files) | keep
        for path in sorted(target.rglob("*"), reverse=True):
            rel = path.relative_to(target).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    except OSError as err:
        raise WriteError(_shown(path, target), err) from None
    return changed


def _shown(path: Path, target: Path) -> str:
    """`path` as staff know it: build/docs/… (from the folder that holds `target`).

    >>> _shown(Path("/p/build/docs/a.md"), Path("/p/build"))
    'build/docs/a.md'
    """
    try:
        return path.relative_to(target.parent).as_posix()
    except ValueError:
        return str(path)


def read_tree(source: Path) -> dict[str, bytes]:
    """Every file under `source` as {relative path: bytes}, in a stable order."""
    if not source.is_dir():
        return {}
    files = {}
    for path in sorted(source.rglob("*")):
        try:
            if path.is_file():
                files[path.relative_to(source).as_posix()] = path.read_bytes()
        except OSError as err:
            raise ReadError(_shown(path, source), err) from None
    return files
