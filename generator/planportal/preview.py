"""`planportal serve` at scale: after an edit, the page of each recommendation that changed is
written at once, before the whole portal is generated again.

Generating every page of a large portal takes a while (about a minute at 10,000 actions), and
staff previewing a change want to see the page they edited. So serve keeps the files it has read
(validate.FILE_CACHE: a file is read and checked again only when it changed), validates the portal,
writes the changed recommendations' pages in every language (MkDocs serves them within a second or
two), and only then regenerates everything (which rewrites only what else changed).
"""

from __future__ import annotations

from planportal import urls, validate
from planportal.build import Project
from planportal.pages import Site, recommendation_page
from planportal.portal import Placed, Portal
from planportal.validate import load_portal


def start() -> None:
    """Keep the files read from plans/ between rebuilds (for as long as this process serves)."""
    validate.FILE_CACHE = {}


def changed_recommendations(before: Portal | None, after: Portal) -> list[Placed]:
    """The recommendations of `after` that are new or different from those in `before`.

    Plans read from an unchanged file are the very same objects (FILE_CACHE), so only the plans
    of edited files are compared recommendation by recommendation."""
    if before is None:
        return []
    old_plans = {entry.id: entry.plan for entry in before.plans}
    return [placed for placed in after.recommendations()
            if old_plans.get(placed.plan.id) is not placed.plan.plan
            and (old := before.recommendation(*placed.key)) is not None and old.rec != placed.rec]


def write_first(project: Project, before: Portal | None) -> tuple[Portal, list[str]]:
    """Validate plans/ and write the pages of the recommendations that changed since `before`;
    return the portal and the files written. Raises InvalidData, writing nothing, if the data is wrong."""
    portal = load_portal(project.plans, project.content, project.root)
    default = portal.settings.languages[0]
    written = []
    changed = changed_recommendations(before, portal)
    for lang in portal.settings.languages if changed else []:
        site = Site(portal, lang)
        for placed in changed:
            page = urls.recommendation(placed.plan.id, placed.rec.ref)
            path = project.build / ("" if lang == default else lang) / "docs" / page
            data = recommendation_page(site, placed, portal.referenced_by().get(placed.key, [])).encode("utf-8")
            if path.parent.is_dir() and (not path.is_file() or path.read_bytes() != data):
                path.write_bytes(data)
                written.append(path.relative_to(project.build).as_posix())
    return portal, written
