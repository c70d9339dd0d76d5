"""Reading plans/: each .yaml file read with its positions and type-checked against the model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from planportal.source.messages import type_problems
from planportal.source.model import PlanPortalFile
from planportal.source.problems import Problem
from planportal.source.texts import Loc, _texts
from planportal.source.yamlfile import YamlDocument, YamlError, read_yaml


@dataclass
class Loaded:
    doc: YamlDocument
    data: PlanPortalFile

    @cached_property
    def texts(self) -> list[tuple[Loc, dict[str, str]]]:
        """Every text given per language in the file, with its path."""
        return list(_texts(self.data, ()))


FILE_CACHE: dict[str, tuple[tuple[int, ...], Loaded]] | None = None


def _stamp(path: Path) -> tuple[int, ...]:
    try:
        info = path.stat()
    except OSError:
        return ()
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev)


def load_files(plans_dir: Path, root: Path) -> tuple[list[Loaded], list[Problem]]:
    """Read and type-check every .yaml file in plans_dir."""
    files = sorted([*plans_dir.glob("*.yaml"), *plans_dir.glob("*.yml")])
    loaded, problems = [], []
    for path in files:
        name = f"{_display(path.parent, root)}/{path.name}"  # as listed: a link is named, not its target
        if path.exists() and not path.resolve().is_relative_to(plans_dir.resolve()):
            problems.append(Problem(name, 1, 1, "this is a link to a file outside plans/, which is not allowed: "
                                    "copy the file itself into plans/"))
            continue
        stamp = _stamp(path) if FILE_CACHE is not None and path.is_file() else ()
        if FILE_CACHE is not None and stamp and FILE_CACHE.get(name, ((), None))[0] == stamp:
            loaded.append(FILE_CACHE[name][1])
            continue
        try:
            doc = read_yaml(path, name)
        except YamlError as err:
            problems.append(Problem(name, err.line, err.column, err.message))
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(name, 1, 1, "a plan file is a mapping with a 'plan:' or 'portal:' section"))
            continue
        try:
            loaded.append(Loaded(doc, PlanPortalFile.model_validate(doc.data)))
            if FILE_CACHE is not None and stamp:
                FILE_CACHE[name] = (stamp, loaded[-1])
        except ValidationError as err:
            problems.extend(type_problems(doc, err))
    return loaded, problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
