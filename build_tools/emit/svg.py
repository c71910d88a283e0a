"""Inline SVG drawn at build time: a time axis with dated markers, and horizontal bar charts.

What every drawing here promises:

- No script, no link, no external reference (not even an ``xmlns``: inline SVG in HTML needs none), so
  it works offline and MkDocs has no link inside it to miss.
- Colours come from classes styled in ``theme/assets/extra.css`` with Material's custom properties
  (``--md-default-fg-color``, ``--md-accent-fg-color``, ``--md-default-bg-color``), so the drawing
  follows the light and dark schemes; the only presentation attributes are ``currentColor`` fallbacks.
- Accessible: ``role="img"``, labelled by its ``<title>`` and described by its ``<desc>``; every
  marker carries a ``<title>`` tooltip. The same data is always listed, with links, next to it.
- Responsive: a ``viewBox`` and ``width="100%"``; the stylesheet lets narrow screens scroll sideways
  instead of shrinking the text to nothing.
- Every text is escaped with ``html.escape``; numbers are written with fixed decimals, so the same
  input gives the same bytes.
- Emitted as one raw HTML block (``figure_block``): a blank line before and after, none inside.
"""
from __future__ import annotations

import calendar
import datetime as dt
import html
from dataclasses import dataclass
from typing import Literal

from build_tools.model import PartialDate

WIDTH = 720
FONT_SIZE = 13
_CHAR_WIDTH = 0.5 * FONT_SIZE  # a generous average advance (system sans-serif), so labels do not collide
_MARGIN = 8


def _e(text: str) -> str:
    """Text or attribute value made inert in HTML/SVG (one line, quotes escaped)."""
    return html.escape(" ".join(text.split()), quote=True)


def _n(value: float) -> str:
    """A coordinate with one decimal and no trailing ``.0``: stable bytes for the same drawing."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.–—-") + "…"


def text_width(text: str) -> float:
    return len(text) * _CHAR_WIDTH


def date_span(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The days a partial date covers, as [first day, day after the last): a year, a month or a day."""
    if date.precision == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year + 1, 1, 1)
    if date.precision == "month":
        assert date.month is not None
        last = calendar.monthrange(date.year, date.month)[1]
        return dt.date(date.year, date.month, 1), dt.date(date.year, date.month, last) + dt.timedelta(days=1)
    first = date.first_day()
    return first, first + dt.timedelta(days=1)


def _svg_open(svg_id: str, classes: str, height: float, title: str, description: str) -> list[str]:
    return [
        f'<svg class="dpb-svg {classes}" viewBox="0 0 {WIDTH} {_n(height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{_e(svg_id)}-title" '
        f'aria-describedby="{_e(svg_id)}-desc" font-size="{FONT_SIZE}" fill="currentColor">',
        f'<title id="{_e(svg_id)}-title">{_e(title)}</title>',
        f'<desc id="{_e(svg_id)}-desc">{_e(description)}</desc>',
    ]


def figure_block(svg: str, caption: str | None = None, classes: str = "") -> str:
    """The SVG as a raw HTML block for Markdown: a blank line before and after, no blank line inside.

    ``data-search-exclude`` (Material's search) and ``data-pagefind-ignore`` (Pagefind's) keep the
    drawing's labels out of the search index (the list next to it holds the same words). On a narrow
    screen the drawing scrolls sideways, so the figure takes the keyboard focus (``tabindex``): the arrow
    keys then scroll it."""
    lines = [f'<figure class="dpb-figure{" " + classes if classes else ""}" tabindex="0" data-search-exclude '
             f'data-pagefind-ignore="all">']
    lines += [line for line in svg.splitlines() if line.strip()]
    if caption:
        lines.append(f"<figcaption>{_e(caption)}</figcaption>")
    lines.append("</figure>")
    return "\n" + "\n".join(lines) + "\n\n"


# ------------------------------------------------------------------------------------- timeline

@dataclass(frozen=True)
class TimelineMark:
    """One entry on the time axis. ``date`` decides the shape: a dot for a day, a span otherwise."""

    date: PartialDate
    label: str      # short, drawn next to the marker
    tooltip: str    # full, shown on hover
    kind: Literal["event", "publication"]


_ROW_HEIGHT = 26
_TOP = 6
_AXIS_GAP = 8
_AXIS_LABELS = 30


def timeline_svg(marks: list[TimelineMark], svg_id: str, title: str, description: str) -> str:
    """A horizontal time axis with year ticks and one marker per mark, labels stacked in rows so that
    none overlaps another. Marks are drawn oldest first; the caller chooses (and caps) them."""
    if not marks:
        return ""
    spans = [date_span(m.date) for m in marks]
    first_year = min(s for s, _ in spans).year
    last_year = max(e - dt.timedelta(days=1) for _, e in spans).year
    start, end = dt.date(first_year, 1, 1), dt.date(last_year + 1, 1, 1)
    total = (end - start).days
    left, right = _MARGIN, WIDTH - _MARGIN
    plot = right - left

    def x_of(day: dt.date) -> float:
        return left + plot * (day - start).days / total

    order = sorted(range(len(marks)), key=lambda i: (marks[i].date.sort_key(), i))
    row_ends: list[float] = []
    placed: list[tuple[int, int, float, float, float]] = []  # (mark, row, x1, x2, label x)
    for i in order:
        s, e = spans[i]
        if marks[i].date.precision == "day":
            x1 = x2 = (x_of(s) + x_of(e)) / 2    # a dot in the middle of its day
        else:
            x1, x2 = x_of(s), x_of(e)            # a span over its month or year
        # The label starts where the marker starts, moved left when it would run off the right edge.
        width = text_width(marks[i].label)
        label_x = max(left, min(x1 - (5 if x1 == x2 else 0), right - width))
        lo, hi = min(label_x, x1 - 5), max(x2 + 5, label_x + width)
        # First row whose last item ends before this one starts (items go left to right in a row).
        row = next((r for r, taken in enumerate(row_ends) if taken + 6 <= lo), len(row_ends))
        if row == len(row_ends):
            row_ends.append(hi)
        else:
            row_ends[row] = hi
        placed.append((i, row, x1, x2, label_x))

    rows = len(row_ends)
    axis_y = _TOP + rows * _ROW_HEIGHT + _AXIS_GAP
    height = axis_y + _AXIS_LABELS
    out = _svg_open(svg_id, "dpb-timeline", height, title, description)

    # Axis: a baseline, a tick and a faint guide at every 1 January, the year's name under its middle,
    # and month ticks when the axis spans at most three years.
    out.append('<g class="dpb-axis">')
    for year in range(first_year, last_year + 2):
        x = x_of(dt.date(year, 1, 1))
        out.append(f'<line class="dpb-grid" x1="{_n(x)}" y1="{_TOP}" x2="{_n(x)}" y2="{_n(axis_y)}" stroke="currentColor" stroke-opacity="0.15"/>')
        out.append(f'<line class="dpb-tick" x1="{_n(x)}" y1="{_n(axis_y)}" x2="{_n(x)}" y2="{_n(axis_y + 8)}" stroke="currentColor"/>')
        if year <= last_year:
            middle = (x + x_of(dt.date(year + 1, 1, 1))) / 2
            out.append(f'<text class="dpb-axis-label" x="{_n(middle)}" y="{_n(axis_y + 22)}" text-anchor="middle">{year}</text>')
    if last_year - first_year < 3:
        for year in range(first_year, last_year + 1):
            for month in range(2, 13):
                x = x_of(dt.date(year, month, 1))
                out.append(f'<line class="dpb-tick dpb-minor" x1="{_n(x)}" y1="{_n(axis_y)}" x2="{_n(x)}" y2="{_n(axis_y + 4)}" stroke="currentColor"/>')
    out.append(f'<line class="dpb-baseline" x1="{left}" y1="{_n(axis_y)}" x2="{right}" y2="{_n(axis_y)}" stroke="currentColor"/>')
    out.append("</g>")

    for i, row, x1, x2, label_x in sorted(placed, key=lambda p: (p[1], p[2], p[0])):
        mark = marks[i]
        top = _TOP + row * _ROW_HEIGHT
        mark_y = top + 19
        out.append(f'<g class="dpb-marker dpb-{mark.kind} dpb-precision-{mark.date.precision}">')
        out.append(f"<title>{_e(mark.tooltip)}</title>")
        fallback = ' fill="none"' if mark.kind == "publication" else ""  # outlined even without the stylesheet
        if mark.date.precision == "day":
            out.append(f'<circle class="dpb-mark" cx="{_n(x1)}" cy="{_n(mark_y)}" r="5" stroke="currentColor"{fallback}/>')
        else:
            width = max(x2 - x1, 3.0)
            out.append(f'<rect class="dpb-mark" x="{_n(x1)}" y="{_n(mark_y - 4)}" width="{_n(width)}" height="8" rx="2" '
                       f'stroke="currentColor"{fallback}/>')
        out.append(f'<text class="dpb-label" x="{_n(label_x)}" y="{_n(top + 11)}">{_e(mark.label)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


# ------------------------------------------------------------------------------------ bar chart

@dataclass(frozen=True)
class Bar:
    value: float
    label: str        # drawn above the bar
    value_label: str  # drawn after the end of the bar
    tooltip: str


_BAR_ROW = 40
_BAR_HEIGHT = 14
_VALUE_ROOM = 110


def bar_chart_svg(bars: list[Bar], svg_id: str, title: str, description: str) -> str:
    """Horizontal bars, one per item in the given order, scaled from zero to the largest value."""
    if not bars:
        return ""
    left, right = _MARGIN, WIDTH - _MARGIN - _VALUE_ROOM
    plot = right - left
    largest = max((max(b.value, 0.0) for b in bars), default=0.0)
    height = _TOP + len(bars) * _BAR_ROW + 4
    out = _svg_open(svg_id, "dpb-chart", height, title, description)
    out.append(f'<line class="dpb-baseline" x1="{left}" y1="{_TOP}" x2="{left}" y2="{_n(height - 4)}" stroke="currentColor"/>')
    for position, bar in enumerate(bars):
        top = _TOP + position * _BAR_ROW
        width = plot * max(bar.value, 0.0) / largest if largest > 0 else 0.0
        width = max(width, 1.0)
        label = shorten(bar.label, int((WIDTH - 2 * _MARGIN) / _CHAR_WIDTH))
        out.append('<g class="dpb-bar-row">')
        out.append(f"<title>{_e(bar.tooltip)}</title>")
        out.append(f'<text class="dpb-label" x="{left + 4}" y="{_n(top + 12)}">{_e(label)}</text>')
        out.append(f'<rect class="dpb-bar" x="{left}" y="{_n(top + 18)}" width="{_n(width)}" height="{_BAR_HEIGHT}" rx="2"/>')
        out.append(f'<text class="dpb-value" x="{_n(left + width + 6)}" y="{_n(top + 29)}">{_e(bar.value_label)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
