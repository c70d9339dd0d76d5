"""Static SVG charts made at build time: no script, readable offline and in print.

Each chart carries a <title> and <desc> with its numbers, writes every value as text next
to its bar (so nothing depends on colour), and is shown with the same numbers in a table.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

Gettext = Callable[[str], str]


def _identity(message: str) -> str:
    return message

WIDTH = 640
BAR_WIDTH = 420  # narrow enough that a phone shows the bar chart's words at about their size
BAR_HEIGHT = 28
LABEL_WIDTH = 190
FILL = "#3949ab"  # indigo, contrast 7.5:1 on white
TARGET = "#8a3b00"


def _svg(height: int, title: str, desc: str, body: list[str], width: int = WIDTH) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="title desc" font-family="sans-serif" font-size="14">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        *body,
        "</svg>",
        "",
    ])


def bar_chart(title: str, rows: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per (label, count), each with its count written beside it.

    >>> "<title id=\\"title\\">Actions by status</title>" in bar_chart("Actions by status", [("Completed", 3)])
    True
    """
    top = max([count for _, count in rows] + [1])
    scale = (BAR_WIDTH - LABEL_WIDTH - 60) / top
    body = []
    for i, (label, count) in enumerate(rows):
        y = 10 + i * BAR_HEIGHT
        body.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end" fill="#212121">{escape(label)}</text>')
        body.append(f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{count * scale:.1f}" height="{BAR_HEIGHT - 8}" '
                    f'fill="{FILL}"/>')
        body.append(f'<text x="{LABEL_WIDTH + count * scale + 6:.1f}" y="{y + 18}" fill="#212121">{count}</text>')
    desc = "; ".join(f"{label}: {count}" for label, count in rows)
    return _svg(20 + len(rows) * BAR_HEIGHT, title, desc, body, BAR_WIDTH)


def trend_chart(title: str, points: list[tuple[str, float | None, float | None]], unit: str = "",
                _: Gettext = _identity) -> str:
    """Columns of actual values per period with target values marked as lines, each value
    written as text. `points` are (period label, actual or None, target or None); `_` translates."""
    values = [v for _, a, t in points for v in (a, t) if v is not None]
    top = max(values + [1.0])
    chart_height, column = 220, max(40, (WIDTH - 80) // max(len(points), 1))
    body = [f'<line x1="60" y1="{chart_height + 10}" x2="{WIDTH - 10}" y2="{chart_height + 10}" stroke="#616161"/>']
    for i, (label, actual, target) in enumerate(points):
        x = 70 + i * column
        if actual is not None:
            h = actual / top * (chart_height - 30)
            body.append(f'<rect x="{x}" y="{chart_height + 10 - h:.1f}" width="{column * 0.5:.1f}" height="{h:.1f}" '
                        f'fill="{FILL}"/>')
            body.append(f'<text x="{x}" y="{chart_height + 5 - h:.1f}" fill="#212121">{actual:g}{escape(unit)}</text>')
        if target is not None:
            ty = chart_height + 10 - target / top * (chart_height - 30)
            body.append(f'<line x1="{x - 4}" y1="{ty:.1f}" x2="{x + column * 0.5 + 4:.1f}" y2="{ty:.1f}" '
                        f'stroke="{TARGET}" stroke-width="3" stroke-dasharray="6 3"/>')
            words = _("target %(value)s") % {"value": f"{target:g}{unit}"}
            body.append(f'<text x="{x}" y="{ty - 6:.1f}" fill="{TARGET}" font-size="12">{escape(words)}</text>')
        body.append(f'<text x="{x}" y="{chart_height + 28}" fill="#212121" font-size="12">{escape(label)}</text>')
    return _svg(chart_height + 40, title, trend_description(points, unit, _), body)


def trend_description(points: list[tuple[str, float | None, float | None]], unit: str = "",
                      _: Gettext = _identity) -> str:
    """The numbers of a trend chart in words: 'Mar 2010: target 72%; Oct 2010: target 80%, actual 81%'.

    >>> trend_description([("Mar 2010", None, 72.0), ("Oct 2010", 81.0, 80.0)], "%")
    'Mar 2010: target 72%; Oct 2010: target 80%, actual 81%'
    """
    def part(words: str, value: float | None) -> str:
        return words % {"value": f"{value:g}{unit}"} if value is not None else ""

    return "; ".join(
        f"{label}: " + ", ".join(p for p in (part(_("target %(value)s"), target), part(_("actual %(value)s"), actual))
                                 if p)
        for label, actual, target in points)
