"""Zip files that depend only on what is in them: entries in a fixed order, each dated with a
date from the data (never the clock), so the same data gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def stable_zip(entries: dict[str, bytes], day: dt.date) -> bytes:
    """A zip of {name: bytes}, in the order given, every entry dated `day` (1980 at the earliest)."""
    stamp = max(day, dt.date(1980, 1, 1))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
