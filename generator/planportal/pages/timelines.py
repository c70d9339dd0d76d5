"""Timelines as static SVG made at build time (no script): a bar per action from its start to its
deadline, sub-actions indented under their action, each bar labelled with its ref and its status
in words and given a <title> with its dates; earlier deadlines of a moved one marked with a hollow
diamond; the as-at date a dashed line. The page shows it in a box that scrolls sideways on a phone
(the labels keep their size) and gives the same in a table (pages/templates/timeline.md.j2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from planportal.pages.charts import FILL

LABEL_WIDTH = 250
MONTH_WIDTH = 40  # wide enough for a month's short name at 11px
ROW = 26
AXIS = 54  # the years and months above the rows
FOOT = 30  # the key below
COLOURS = {"completed": "#1b5e20", "in_progress": FILL, "delayed": "#8a3b00"}  # as the site's badges
OTHER = "#546e7a"  # every other status: 5.0:1 on white
MOVED = "#8a3b00"
AS_AT = "#b00020"


@dataclass(frozen=True)
class Drawn:
    """One bar as drawn: its visible label, its <title>, depth (0 or 1), days and status id; with no
    days, a row with its label only (a main action with no dated deadline, above its sub-actions)."""

    label: str
    title: str
    depth: int
    start: dt.date | None
    end: dt.date | None
    moved_from: tuple[dt.date, ...]
    status: str


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first`'s to `last`'s.

    >>> [str(m) for m in months(dt.date(2005, 12, 1), dt.date(2006, 2, 28))]
    ['2005-12-01', '2006-01-01', '2006-02-01']
    """
    result, day = [], first.replace(day=1)
    while day <= last:
        result.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return result


def timeline_svg(title: str, desc: str, rows: Sequence[Drawn], first: dt.date, last: dt.date,
                 marks: Sequence[tuple[dt.date, str]], month_names: Sequence[str], key: str) -> str:
    """The timeline from `first` to `last`; `marks` the as-at dates with their words, `month_names`
    ['', 'Jan', …], `key` the words under it that say what the diamond and the dashed line mean."""
    shown = months(first, last)
    width = LABEL_WIDTH + MONTH_WIDTH * len(shown) + 20
    height = AXIS + ROW * len(rows) + FOOT
    days = (last - first).days + 1

    def x(day: dt.date, end: bool = False) -> float:
        return LABEL_WIDTH + MONTH_WIDTH * len(shown) * ((day - first).days + (1 if end else 0)) / days

    body = []
    for month in shown:
        left = x(month)
        body.append(f'<line x1="{left:.1f}" y1="{AXIS - 6}" x2="{left:.1f}" y2="{height - FOOT}" stroke="#e0e0e0"/>')
        body.append(f'<text x="{left + 3:.1f}" y="{AXIS - 10}" font-size="11" fill="#424242">'
                    f"{escape(month_names[month.month])}</text>")
        if month.month == 1 or month == shown[0]:
            body.append(f'<text x="{left + 3:.1f}" y="{AXIS - 26}" font-size="12" font-weight="bold" '
                        f'fill="#212121">{month.year}</text>')
    for i, row in enumerate(rows):
        top = AXIS + i * ROW
        thick = 14 if row.depth == 0 else 10
        bar_top = top + (ROW - thick) / 2
        colour = COLOURS.get(row.status, OTHER)
        parts = [f"<title>{escape(row.title)}</title>",
                 f'<text x="{8 + 16 * row.depth}" y="{top + 17}" font-size="{13 if row.depth == 0 else 12}" '
                 f'fill="#212121">{escape(row.label)}</text>']
        if row.start is None or row.end is None:
            body.append(f'<g class="pp-row">{"".join(parts)}</g>')
            continue
        left, right = x(row.start), max(x(row.end, end=True), x(row.start) + 2)
        parts.append(f'<rect x="{left:.1f}" y="{bar_top:.1f}" width="{right - left:.1f}" height="{thick}" '
                     f'fill="{colour}" rx="2"/>')
        for old in row.moved_from:
            cx, cy = x(old, end=True), top + ROW / 2
            parts.append(f'<path d="M{cx:.1f} {cy - 7:.1f} L{cx + 6:.1f} {cy:.1f} L{cx:.1f} {cy + 7:.1f} '
                         f'L{cx - 6:.1f} {cy:.1f} Z" fill="#ffffff" stroke="{MOVED}" stroke-width="2"/>')
        body.append(f'<g class="pp-bar">{"".join(parts)}</g>')
    for day, words in marks:
        at = x(day, end=True)
        body.append(f'<line x1="{at:.1f}" y1="{AXIS - 4}" x2="{at:.1f}" y2="{height - FOOT + 4}" stroke="{AS_AT}" '
                    f'stroke-width="2" stroke-dasharray="5 3"/>')
        body.append(f'<text x="{at - 4:.1f}" y="{AXIS - 40}" font-size="12" fill="{AS_AT}" text-anchor="end">'
                    f"{escape(words)}</text>")
    body.append(f'<text x="8" y="{height - 10}" font-size="12" fill="#424242">{escape(key)}</text>')
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height}" width="{width:.0f}" '
        f'height="{height}" role="img" aria-labelledby="title desc" font-family="sans-serif" font-size="13">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        *body,
        "</svg>",
        "",
    ])
