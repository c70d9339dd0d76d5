"""Every name the build writes, checked before anything is written: the files of each folder of the site
and the anchors (HTML ids) of each page. Two names collide when they are the same exactly, once made
into a file name or an anchor (`NI 59`, `NI-59` and `NI.59` are all indicators/ni-59.md; actions `1.1`
and `1-1` are both #action-1-1), or whatever the capitals (about.md and About.md are one file on a CD,
a USB stick, Windows, macOS or an unzipped bundle). Each collision is reported where the second name is
given, as file:line:col, with where the other one is.

Ids given twice as they are (two people `SF`, two actions `1`) are the unique checks' to report
(portal/checks.py); a content page at the exact address of a generated one is `content_clashes`'.
The addresses here follow pages/urls.py, and tests/test_names.py checks that they are the same (but for
plans/<id>/reports/, named after quarters, never after what staff write).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from planportal.portal.joined import action_paths, recommendation_paths
from planportal.source.files import Loaded
from planportal.source.problems import Problem

Where = tuple[str, int, int]


def slug(value: str) -> str:
    """`value` as it goes into a file name or an anchor: lower case, anything but letters and digits a '-'.

    >>> slug("NI 59"), slug("NI.59"), slug("a_b")
    ('ni-59', 'ni-59', 'a-b')
    """
    return "".join(c if c.isalnum() else "-" for c in value.lower()).strip("-")


@dataclass(frozen=True)
class Named:
    """One name the build writes: `name` in `place` (a folder, ending in '/', or a page and '#'), made from
    what staff wrote (`given`, a `what`) at `where` (None: a name of the site's own)."""

    place: str
    name: str
    what: str
    given: str
    where: Where | None

    def said(self) -> str:
        return f"{self.what} '{self.given}'" if self.where else f"the site's own {self.place}{self.name}"


OWN_FILES = {"": ["index.md", "glossary.md", "documents.md", "dashboard.md", "dashboard-status.svg", "changes.md",
                  "updates.xml"],
             "data/": ["plan-portal.json"], "leads/": ["index.md"], "indicators/": ["index.md"]}
"""The files the site always writes, by folder."""

PLAN_FILES = ["index.md", "print.md", "dashboard.md", "dashboard-status.svg", "updates.xml", "timeline.md",
              "timeline.svg"]
"""The files every plan's folder has besides those named after the plan (its downloads) and its themes."""


def _own(place: str, name: str) -> Named:
    return Named(place, name, "", name, None)


def generated(files: list[Loaded]) -> Iterator[Named]:
    """Every file the build makes from the data, and every anchor of its pages."""
    for place, names in OWN_FILES.items():
        yield from (_own(place, name) for name in names)
    if any(f.data.priorities for f in files):
        yield _own("priorities/", "index.md")
    for f in files:
        at = f.doc.position
        for i, person in enumerate(f.data.people):
            where = (f.doc.file, *at(("people", i, "id")))
            yield Named("leads/", f"{person.id.lower()}.md", "person", person.id, where)
            for suffix in ("-deadlines.ics", "-timeline.md", "-timeline.svg"):
                yield Named("leads/", f"{person.id.lower()}{suffix}", "person", person.id, where)
        for i, partner in enumerate(f.data.partners):
            yield Named("leads/index.md#", f"partner-{slug(partner.id)}", "partner", partner.id,
                        (f.doc.file, *at(("partners", i, "id"))))
        for i, indicator in enumerate(f.data.indicators):
            where = (f.doc.file, *at(("indicators", i, "code")))
            yield Named("indicators/", f"{slug(indicator.code)}.md", "indicator", indicator.code, where)
            yield Named("indicators/", f"{slug(indicator.code)}-trend.svg", "indicator", indicator.code, where)
        for i, priority in enumerate(f.data.priorities):
            yield Named("priorities/", f"{priority.id.lower()}.md", "priority", priority.id,
                        (f.doc.file, *at(("priorities", i, "id"))))
        for i, document in enumerate(f.data.documents):
            yield Named("documents.md#", f"document-{slug(document.id)}", "document", document.id,
                        (f.doc.file, *at(("documents", i, "id"))))
        for i, term in enumerate(f.data.glossary):
            yield Named("glossary.md#", f"term-{slug(term.term)}", "glossary term", term.term,
                        (f.doc.file, *at(("glossary", i, "term"))))
        if f.data.plan is not None:
            yield from _plan(f)


def _plan(f: Loaded) -> Iterator[Named]:
    plan = f.data.plan
    assert plan is not None
    plan_id = Path(f.doc.file).stem.lower()
    folder = f"plans/{plan_id}/"
    yield from (_own(folder, name) for name in PLAN_FILES)
    yield from (_own(folder, f"{plan_id}-{name}") for name in ("actions.csv", "actions.xlsx", "actions.json",
                                                                "deadlines.ics"))
    yield _own(folder, f"{plan_id}.pdf")  # planportal build --pdf
    for t, theme in enumerate(plan.themes):
        where = (f.doc.file, *f.doc.position(("plan", "themes", t, "id")))
        for name in ("{}.md", "{}-dashboard.md", "{}-dashboard-status.svg", "{}-timeline.md", "{}-timeline.svg"):
            yield Named(folder, name.format(f"theme-{theme.id.lower()}"), "theme", theme.id, where)
        for o, outcome in enumerate(theme.outcomes):
            yield Named(f"{folder}theme-{theme.id.lower()}.md#", f"outcome-{slug(theme.id + '-' + outcome.id)}",
                        "outcome", outcome.id, (f.doc.file, *f.doc.position(("plan", "themes", t, "outcomes", o,
                                                                                   "id"))))
    for path, rec in recommendation_paths(plan):
        yield Named(f"{folder}recommendations/", f"{rec.ref.lower()}.md", "recommendation", rec.ref,
                    (f.doc.file, *f.doc.position(path + ("ref",))))
        page = f"{folder}recommendations/{rec.ref.lower()}.md#"
        for action_path, action, _ in action_paths(rec.actions, path):
            where = (f.doc.file, *f.doc.position(action_path + ("id",)))
            yield Named(page, f"action-{slug(action.id)}", "action", action.id, where)
            yield Named(f"{folder}print.md#", f"action-{slug(rec.ref)}_{slug(action.id)}", "action",
                        f"{rec.ref}, {action.id}", where)  # as pages.urls.print_action_anchor makes it


def content(folder: Path, shown: str = "content") -> Iterator[Named]:
    """Every file in content/ (published at the same place in the site)."""
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file():
            rel = path.relative_to(folder).as_posix()
            place, _, name = rel.rpartition("/")
            yield Named(f"{place}/" if place else "", name, "file", f"{shown}/{rel}", (f"{shown}/{rel}", 1, 1))


def _elsewhere(first: Named, second: Named) -> bool:
    """Whether the unique checks or content_clashes report this pair already."""
    same_kind = first.what == second.what != "file" and first.given.casefold() == second.given.casefold()
    content_at_own_address = ("file" in (first.what, second.what)
                              and first.place + first.name == second.place + second.name)
    return same_kind or content_at_own_address


def collisions(names: Iterable[Named]) -> list[Problem]:
    """Each name that takes the place of another (exactly, once slugged, or whatever the capitals), where it
    is given, with where the other is."""
    seen: dict[tuple[str, str], Named] = {}
    problems = []
    told: set[tuple[Where, Where | str]] = set()  # one problem for each pair (a page and its chart: once)
    for named in names:
        key = (named.place.casefold(), named.name.casefold())
        first = seen.setdefault(key, named)
        if first is named or _elsewhere(first, named):
            continue
        later, other = (named, first) if named.where else (first, named)
        where = later.where
        if where is None or (where, other.where or other.place + other.name) in told:
            continue
        told.add((where, other.where or other.place + other.name))
        at = f" (at {other.where[0]}:{other.where[1]}:{other.where[2]})" if other.where else ""
        kind = "anchor" if named.place.endswith("#") else "file"
        problems.append(Problem(*where, f"{later.said()} would be published as the {kind} "
                                f"{named.place}{named.name}, the same as {other.said()}{at}: names that differ only "
                                "in capitals or punctuation are one name on the site (and on a CD, Windows or "
                                "macOS): rename one of them" if other.where else
                                f"{later.said()} would be published as the {kind} {named.place}{named.name}, which "
                                "the site needs for its own page (whatever the capitals): rename it"))
    return problems
