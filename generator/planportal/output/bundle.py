"""The offline bundle: the built site, with every document it ships, in one zip to unzip
anywhere and open index.html with no network (a folder, USB stick, CD, or an inspector's laptop).

The zip holds one folder, <portal>-<date>/, so that unzipping never scatters files; links are the
site's own relative links (PDF links keep their #page=N). The date is the data's latest as_at or
approval date, never the clock, and entries carry that date, so the same data gives the same zip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from planportal.downloads.feeds import portal_slug
from planportal.output.archive import stable_zip
from planportal.output.faults import WriteError
from planportal.portal.joined import Portal
from planportal.portal.publications import portal_date, published_on
from planportal.source.problems import InvalidData, Problem


def bundle_date(portal: Portal) -> dt.date:
    """The latest as_at or approval date of the plans; failing that, the latest date they speak for."""
    return portal_date(portal) or max((published_on(e) for e in portal.plans), default=dt.date(1980, 1, 1))


def bundle(portal: Portal, site: Path, dist: Path) -> Path:
    """Zip the built `site` into dist/<portal>-<date>.zip; return its path."""
    missing = [d for d in portal.documents.values() if d.file and not (site / d.file).is_file()]
    if missing:
        raise InvalidData([Problem("plans/", 1, 1, f"document {d.id}: {d.file} is not in the built site: "
                                   "put the file in content/") for d in missing])
    day = bundle_date(portal)
    name = f"{portal_slug(portal)}-{day.isoformat()}"
    files = {f"{name}/{p.relative_to(site).as_posix()}": p.read_bytes()
             for p in sorted(site.rglob("*")) if p.is_file()}
    path = dist / f"{name}.zip"
    try:
        dist.mkdir(parents=True, exist_ok=True)
        path.write_bytes(stable_zip(files, day))
    except OSError as err:
        with contextlib.suppress(OSError):
            path.unlink()  # never half a zip
        raise WriteError(str(path), err, "site/ is built, but the zip was not written") from None
    return path
