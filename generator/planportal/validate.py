"""Loading plans/ and checking it: types first (pydantic), then every cross-reference.

Every problem in every file is collected and reported together, each as
`file:line:column: message` with what would be valid.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planportal import model
from planportal.model import PlanPortalFile
from planportal.portal import PlanEntry, Portal, plan_recommendations
from planportal.problems import InvalidData, Problem
from planportal.text import UNCHECKED
from planportal.yamlfile import YamlDocument, YamlError, read_yaml

Loc = tuple[str | int, ...]

FIELD_NAMES = sorted(
    {name for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, BaseModel)
     for name in cls.model_fields}
)

PATTERN_HELP = {
    "ref": "use letters and digits separated by . or -, such as 1.1.1 or 1a",
    "id": "use letters, digits, - and _ only, such as SF or assistant-chief-executive",
    "file": "use a path inside content/ such as documents/plan.pdf (letters, digits, - _ . /)",
    "url": "use a web address starting https:// or http://",
    "languages": "use a language code such as en or cy",
    "term": "remove spaces at the start and end",
}


def suggest(value: str, choices: Iterable[str]) -> str:
    """' (did you mean 'SF'?)' when a choice is close to `value`, else ''.

    >>> suggest("SFX", ["SF", "HL"])
    " (did you mean 'SF'?)"
    """
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _message(error: ErrorDetails, path: Loc = ()) -> str:
    """A pydantic error in words for staff; `path` is the part of its location in the data."""
    loc: Loc = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    # Name the field as the file does: pydantic's location also holds union branches ('str').
    where = loc[-1:] if kind == "missing" else path or loc
    name = next((p for p in reversed(where) if isinstance(p, str)), "value")
    if kind == "missing":
        return f"'{name}' is missing: add {name}: here (it is required)"
    if kind == "extra_forbidden":
        return f"unknown field '{name}'{suggest(name, FIELD_NAMES)}: check the spelling, or remove it"
    if kind == "string_pattern_mismatch":
        field = next((p for p in reversed(loc) if isinstance(p, str) and p in PATTERN_HELP), None)
        field = field or ("id" if name in ("lead", "partners", "document", "plan") else
                          "ref" if name == "recommendation" else name)
        help_for = "ref" if "[.-]" in str(error.get("ctx", {}).get("pattern", "")) else field  # action ids are refs
        return f"{value!r} is not a valid {field}: {PATTERN_HELP.get(help_for, 'see docs/writing-plans.md')}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{name}: {value!r} is not allowed; {error['msg'].replace('Input should be', 'use')}"
    if kind in ("string_type", "dict_type", "list_type", "int_type", "int_parsing", "bool_type",
                "bool_parsing", "model_type", "int_from_float"):
        wanted = {"string_type": "text", "dict_type": "one text per language, such as {en: ..., cy: ...}",
                  "list_type": "a list (lines starting with '- ')", "int_type": "a whole number",
                  "int_parsing": "a whole number", "int_from_float": "a whole number",
                  "bool_type": "true or false", "bool_parsing": "true or false",
                  "model_type": "a mapping of fields (name: value lines)"}[kind]
        return f"{name}: expected {wanted}, got {_describe(value)}"
    if kind in ("greater_than_equal", "too_short", "string_too_long", "too_long", "string_too_short"):
        return f"{name}: {error['msg'].lower()}"
    return f"{name}: {error['msg']}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "...'"


def _loc_path(loc: Loc, data: Any) -> Loc:
    """The part of a pydantic location that exists in the YAML data (drops union branch names)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            continue
        path.append(part)
    return tuple(path)


def type_problems(doc: YamlDocument, err: ValidationError) -> list[Problem]:
    problems = []
    seen_union_locs: set[Loc] = set()
    for error in err.errors():
        path = _loc_path(tuple(error["loc"]), doc.data)
        # A Text may be text or a mapping: pydantic reports both branches; keep the first,
        # unless a mapping was given: then only what is wrong inside it is reported.
        if path in seen_union_locs and error["type"] in ("string_type", "dict_type"):
            continue
        if error["type"] == "string_type" and error["loc"][-1:] == ("str",) and isinstance(error.get("input"), dict):
            continue
        seen_union_locs.add(path)
        if error["type"] == "extra_forbidden":
            line, col = doc.key_position(path)
        elif error["type"] == "missing":
            line, col = doc.key_position(path) if path else (1, 1)
        else:
            line, col = doc.position(path)
        problems.append(Problem(doc.file, line, col, _message(error, path)))
    return problems


@dataclass
class Loaded:
    doc: YamlDocument
    data: PlanPortalFile

    @cached_property
    def texts(self) -> list[tuple[Loc, dict[str, str]]]:
        """Every text given per language in the file, with its path."""
        return list(_texts(self.data, ()))


FILE_CACHE: dict[str, tuple[tuple[int, ...], Loaded]] | None = None
"""While `planportal serve` runs: each file read and checked, by name, with its size and times, so that
only a file that changed is read again. None (the default): every file is read every time."""


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


class Checker:
    """Collects cross-reference problems against one portal's directory."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, doc: YamlDocument, path: Loc, message: str, key: bool = False) -> None:
        line, col = doc.key_position(path) if key else doc.position(path)
        self.problems.append(Problem(doc.file, line, col, message))

    def unique(self, doc: YamlDocument, items: Iterable[tuple[Loc, str]], what: str,
               seen: dict[str, tuple[str, int, str]] | None = None, within: str = "") -> None:
        """Report every id given twice; `seen` carries ids across files; `within` says where
        the id must be unique, e.g. ' in recommendation 1.1'."""
        seen = {} if seen is None else seen
        for path, value in items:
            key = value.casefold()  # ids name files, and a CD or Windows ignores case in file names
            if key in seen:
                file, line, first = seen[key]
                same = f"'{value}'" if first == value else f"'{value}' (the same as '{first}' but for capitals)"
                self.add(doc, path, f"{what} {same} is given twice{within} (first at {file}:{line}): "
                         "ids must be unique")
            else:
                seen[key] = (doc.file, doc.position(path)[0], value)

    def known(self, doc: YamlDocument, path: Loc, value: str, what: str, choices: Collection[str],
              fix: str) -> None:
        if value not in choices:  # a dict or set: found at once
            self.add(doc, path, f"unknown {what} '{value}'{suggest(value, list(choices))}: {fix}")


def _rec_paths(data: model.Plan) -> Iterator[tuple[Loc, model.Recommendation]]:
    for t, theme in enumerate(data.themes):
        for o, outcome in enumerate(theme.outcomes):
            for r, rec in enumerate(outcome.recommendations):
                yield ("plan", "themes", t, "outcomes", o, "recommendations", r), rec
    for r, rec in enumerate(data.recommendations):
        yield ("plan", "recommendations", r), rec


def _action_paths(actions: list[model.Action], base: Loc) -> Iterator[tuple[Loc, model.Action]]:
    for i, action in enumerate(actions):
        yield base + ("actions", i), action
        yield from _action_paths(action.actions, base + ("actions", i))


def translatable(value: Any, path: Loc = (), is_text: bool = False) -> Iterator[tuple[Loc, str | dict[str, str]]]:
    """Every text field that may carry translations (a model.Text: plain text, or a mapping of
    language to text) in a model, with its path. Ids, refs, codes and dates are not texts."""
    if isinstance(value, BaseModel):
        for name, is_text_field in _text_fields(type(value)):
            yield from translatable(getattr(value, name), path + (name,), is_text_field)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from translatable(item, path + (i,), is_text)
    elif is_text and isinstance(value, str | dict):
        yield path, value


@functools.cache
def _text_fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """A model's fields, each with whether it holds texts (worked out once per model class)."""
    return tuple((name, "dict[str, str]" in str(info.annotation)) for name, info in cls.model_fields.items())


def _texts(value: Any, path: Loc) -> Iterator[tuple[Loc, dict[str, str]]]:
    """Every text given per language (a mapping of language to text) in a model, with its path."""
    for where, text in translatable(value, path):
        if isinstance(text, dict):
            yield where, text


def untranslated(plans_dir: Path, content_dir: Path, root: Path) -> list[Problem]:
    """Every text with no translation in one of the portal's other languages, and every
    hand-written page without its translation (page.cy.md beside page.md)."""
    loaded, problems = load_files(plans_dir, root)
    if problems:
        raise InvalidData(problems)
    portal = check_portal(loaded, root, content_dir)
    others = portal.settings.languages[1:]
    found = []
    for f in loaded:
        for path, text in translatable(f.data):
            if path not in f.doc.values:
                continue  # a default (such as the built-in status names), not written in the file
            for lang in others:
                if isinstance(text, str) or not text.get(lang):
                    line, col = f.doc.position(path)
                    found.append(Problem(f.doc.file, line, col, f"no '{lang}' translation of "
                                         f"'{path[-1] if isinstance(path[-1], str) else path[-2]}': add {lang}:"))
    if content_dir.is_dir():
        for page in sorted(content_dir.rglob("*.md")):
            if any(page.name.endswith(f".{lang}.md") for lang in portal.settings.languages):
                continue
            for lang in others:
                if not page.with_name(f"{page.stem}.{lang}.md").exists():
                    found.append(Problem(_display(page, root), 1, 1,
                                         f"no '{lang}' version: add {page.stem}.{lang}.md beside it"))
    return found


def check_portal(loaded: list[Loaded], root: Path, content_dir: Path) -> Portal:
    """Join the files into a Portal, or raise InvalidData with every cross-reference problem."""
    check = Checker()
    portals = [f for f in loaded if f.data.portal is not None]
    plans = [f for f in loaded if f.data.plan is not None]
    if not portals:
        raise InvalidData([Problem("plans/", 1, 1, "no portal.yaml: one file needs a 'portal:' section")])
    for extra in portals[1:]:
        check.add(extra.doc, ("portal",), f"a second 'portal:' section (the first is in {portals[0].doc.file}): "
                  "keep one", key=True)
    if not plans:
        check.add(portals[0].doc, (), "no plans: add a plan file to plans/ with a 'plan:' section")
    settings = portals[0].data.portal
    assert settings is not None

    portal = Portal(settings=settings, plans=[])
    directory: list[tuple[str, str, str, dict[str, Any]]] = [  # section, key field, what it is, the portal's
        ("people", "id", "person", portal.people),
        ("partners", "id", "partner", portal.partners),
        ("glossary", "term", "glossary term", portal.glossary),
        ("documents", "id", "document", portal.documents),
        ("indicators", "code", "indicator", portal.indicators),
        ("priorities", "id", "priority", portal.priorities),
    ]
    seen: dict[str, dict[str, tuple[str, int, str]]] = {section: {} for section, *_ in directory}
    for f in loaded:
        d, doc = f.data, f.doc
        for section, key, what, entries in directory:
            items = getattr(d, section)
            check.unique(doc, (((section, i, key), getattr(x, key)) for i, x in enumerate(items)), what, seen[section])
            for item in items:
                entries.setdefault(getattr(item, key), item)
        for i, document in enumerate(d.documents):
            if document.file and not (content_dir / document.file).is_file():
                check.add(doc, ("documents", i, "file"),
                          f"file '{document.file}' is not in content/: add it there or correct the path")
            elif document.file and not (content_dir / document.file).resolve().is_relative_to(content_dir.resolve()):
                check.add(doc, ("documents", i, "file"), f"file '{document.file}' is a link to a file outside "
                          "content/, which is not published: copy the file itself into content/")
        languages = set(settings.languages)
        for path, text in f.texts:
            for lang in text:
                if lang == UNCHECKED:
                    for marked in text[lang].split():
                        if marked not in text:
                            check.add(doc, path + (lang,), f"'{marked}' is marked unchecked but this text has no "
                                      f"'{marked}' translation: remove it from unchecked, or add the translation")
                elif lang not in languages:
                    check.add(doc, path + (lang,), f"language '{lang}' is not one of the portal's languages "
                              f"({', '.join(settings.languages)}): add it to portal.languages or correct it", key=True)
            if settings.languages[0] not in text:
                check.add(doc, path, f"no text in '{settings.languages[0]}', the portal's first language: add it")

    named: dict[str, str] = {}  # plan ids name folders: unique regardless of case and of .yaml or .yml
    for f in plans:
        plan_id = Path(f.doc.file).stem
        if plan_id.casefold() in named:
            check.add(f.doc, (), f"file name '{plan_id}' gives the same plan id as {named[plan_id.casefold()]} "
                      "(plan ids name the site's folders, whatever the capitals or extension): rename one of them")
        named.setdefault(plan_id.casefold(), f.doc.file)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", plan_id):
            check.add(f.doc, (), f"file name '{plan_id}' is not a valid plan id: use letters, digits, - and _ only")
        elif plan_id.casefold() in model.WINDOWS_RESERVED:
            check.add(f.doc, (), f"file name '{plan_id}' cannot be a plan id: plan ids name the site's folders, "
                      f"and Windows does not allow a folder called {plan_id.upper()}: rename the file")
        assert f.data.plan is not None
        portal.plans.append(PlanEntry(plan_id, f.data.plan, f.doc.file))
        for path, rec in _rec_paths(f.data.plan):
            portal.locations[(plan_id, rec.ref)] = (f.doc.file, *f.doc.position(path))
    portal.plans.sort(key=lambda p: p.id)

    plan_refs = {p.id: {placed.rec.ref for placed in plan_recommendations(p)} for p in portal.plans}
    for f in plans:
        _check_plan(check, f.doc, f.data.plan, Path(f.doc.file).stem, portal, plan_refs)  # type: ignore[arg-type]

    if check.problems:
        raise InvalidData(check.problems)
    return portal


LEAD_FIX = "add them to people: in portal.yaml or this file, or correct the id"


def _check_plan(check: Checker, doc: YamlDocument, plan: model.Plan, plan_id: str, portal: Portal,
                plan_refs: dict[str, set[str]]) -> None:
    settings = portal.settings
    codes = [s.code for s in settings.sources]
    levels = [u.level for u in settings.urgency]
    partner_ids = {**portal.partners, **portal.people}
    check.unique(doc, ((("plan", "themes", i, "id"), t.id) for i, t in enumerate(plan.themes)), "theme")
    for t, theme in enumerate(plan.themes):
        base: Loc = ("plan", "themes", t)
        check.unique(doc, ((base + ("outcomes", i, "id"), o.id) for i, o in enumerate(theme.outcomes)), "outcome")
        for o, outcome in enumerate(theme.outcomes):
            for i, lead in enumerate(outcome.lead):
                check.known(doc, base + ("outcomes", o, "lead", i), lead, "lead", portal.people, LEAD_FIX)
    recs = list(_rec_paths(plan))
    check.unique(doc, ((path + ("ref",), rec.ref) for path, rec in recs), "recommendation ref")
    for path, rec in recs:
        for i, source in enumerate(rec.sources):
            if codes and source.code not in codes:
                check.known(doc, path + ("sources", i, "code"), source.code, "source code", codes,
                            "add it to portal.sources in portal.yaml, or correct it")
        if rec.urgency is not None and levels and rec.urgency not in levels:
            check.add(doc, path + ("urgency",), f"urgency {rec.urgency} is not on the urgency scale "
                      f"({', '.join(map(str, levels))}): use one of those")
        for i, code in enumerate(rec.indicators):
            check.known(doc, path + ("indicators", i), code, "indicator", portal.indicators,
                        "add it to indicators:, or correct the code")
        for i, rel in enumerate(rec.related):
            rpath = path + ("related", i)
            if rel.document:
                check.known(doc, rpath + ("document",), rel.document, "document", portal.documents,
                            "add it to documents:, or correct the id")
            if rel.plan and rel.plan not in plan_refs:
                check.known(doc, rpath + ("plan",), rel.plan, "plan", plan_refs, "use a plan's file name without .yaml")
            elif rel.recommendation:
                target = rel.plan or plan_id
                if rel.recommendation not in plan_refs.get(target, set()):
                    check.add(doc, rpath + ("recommendation",), f"unknown recommendation '{rel.recommendation}' "
                              f"in plan '{target}'{suggest(rel.recommendation, plan_refs[target])}: "
                              "use the ref of a recommendation in that plan")
                elif target == plan_id and rel.recommendation == rec.ref:
                    check.add(doc, rpath + ("recommendation",), "a recommendation cannot be related to itself")
        actions = list(_action_paths(rec.actions, path))
        check.unique(doc, ((apath + ("id",), a.id) for apath, a in actions), "action id",
                     within=f" in recommendation {rec.ref}")
        for apath, action in actions:
            for i, lead in enumerate(action.lead):
                check.known(doc, apath + ("lead", i), lead, "lead", portal.people, LEAD_FIX)
            for i, partner in enumerate(action.partners):
                check.known(doc, apath + ("partners", i), partner, "partner", partner_ids,
                            "add it to partners: (or people:), or put the words in partners_text")
            for i, priority in enumerate(action.priorities):
                check.known(doc, apath + ("priorities", i), priority, "priority", portal.priorities,
                            "add it to priorities:, or correct the id")
            for i, entry in enumerate(action.progress):
                if entry.status == "no_longer_relevant" and entry.reason is None:
                    check.add(doc, apath + ("progress", i),
                              "an action that is no longer relevant needs a reason: add reason:")
            for field, one, many in (("progress", "progress entry", "progress entries"),
                                     ("deadline_changes", "deadline change", "deadline changes")):
                log = getattr(action, field)
                for i in range(1, len(log)):
                    if log[i].date.start < log[i - 1].date.start:
                        check.add(doc, apath + (field, i, "date"), f"{one} dated {log[i].date} comes after one "
                                  f"dated {log[i - 1].date}: put {many} in date order, oldest first")


def load_portal(plans_dir: Path, content_dir: Path, root: Path) -> Portal:
    """Read, type-check and cross-check plans/, raising InvalidData with every problem found."""
    if not plans_dir.is_dir():
        raise InvalidData([Problem(_display(plans_dir, root) + "/", 1, 1,
                                   "the plans folder does not exist: create it, with portal.yaml and a plan file")])
    loaded, problems = load_files(plans_dir, root)
    if problems:
        raise InvalidData(problems)
    if not loaded:
        raise InvalidData([Problem(_display(plans_dir, root) + "/", 1, 1,
                                   "no .yaml files in the plans folder: add portal.yaml and a file for each plan")])
    return check_portal(loaded, root, content_dir)
