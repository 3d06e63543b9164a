"""A small line chart of one indicator's values, as inline SVG written at build time.

``svg`` is a pure function: the same points give the same text. The chart is a picture of
the table beside it, never the only place a value is given: its ``<desc>`` states every
value with its date and who gives it, each point's own ``<title>`` its value and date, and
the table gives them to screen readers and print. Nothing in it runs or loads anything (no
script, no link, no outside reference); every piece of text is escaped, so a hostile
indicator name is shown as written. Drawing uses ``currentColor`` only, so it follows the
page's light or dark scheme and the reader's forced colours; a point is a shape, never
told apart by colour.

It does not mislead: the value axis starts at zero, and values covering different lengths of
time (a date and a period, or periods of different length) are drawn as points with no line
between them, the text alternative and a note beside the chart saying why.

Positions are computed in ``Decimal`` and rounded to one decimal place, so the output has
no float artefacts ("0.30000000000000004") and does not depend on the machine."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from casefile.model.figures_view import unjoined_note
from casefile.model.who import listed

if TYPE_CHECKING:
    from casefile.model.figures_view import Series

WIDTH, HEIGHT = Decimal(360), Decimal(200)
RIGHT = Decimal(352)  # the plot's right edge: room for a point's circle
TOP, BOTTOM = Decimal(16), Decimal(150)  # the plot's highest and lowest value lines
FONT = 14  # viewBox units, as is every size here: the chart scales with its width
CHAR = Decimal("7.7")  # the width of an average character at FONT, to leave room for labels
RADIUS = 4
_TENTH = Decimal("0.1")
ZERO = Decimal(0)


@dataclass(frozen=True)
class ChartPoint:
    """One value to draw: where it falls in time (a day number, e.g. the middle of the
    period it covers), its value, and both in words as the page gives them."""

    at: Decimal
    value: Decimal
    value_words: str  # "360 people"
    date_words: str  # "13 March 2018", "February 2018"
    who: str = ""  # who gives it, short: "Example Council"
    span: str = "a date"  # how long a time it covers: "a date", "3 months", "62 days"


def svg(chart_id: str, title: str, points: list[ChartPoint]) -> Markup:
    """The chart of ``points`` (two or more, in the order drawn: the line joins them in
    that order) as an ``<svg role="img">``, titled ``title``; ``chart_id`` makes its
    element ids unique on the page."""
    if len(points) < 2:
        raise ValueError("a chart needs two or more values")
    high = max(points, key=lambda p: p.value)
    # The value axis starts at zero (every unit here is a count or amount, never below
    # it), so a small change is never drawn as a large one.
    lowest, highest = min(ZERO, *(p.value for p in points)), max(ZERO, high.value)
    bottom_words = "0" if lowest == ZERO else min(points, key=lambda p: p.value).value_words
    top_words = "0" if highest == ZERO else high.value_words
    left = _left_edge([bottom_words, top_words])
    first, last = min(p.at for p in points), max(p.at for p in points)
    xs = [_scale(p.at, first, last, left, RIGHT) for p in points]
    ys = [_scale(p.value, lowest, highest, BOTTOM, TOP) for p in points]
    ident = escape(chart_id)
    parts = [
        Markup('<svg class="cf-chart" viewBox="0 0 {} {}" role="img" '
               'aria-labelledby="{}-title {}-desc" focusable="false">').format(
            WIDTH, HEIGHT, ident, ident),
        Markup('<title id="{}-title">{}</title>').format(ident, title),
        Markup('<desc id="{}-desc">{}</desc>').format(ident, description(points)),
        *_value_axis(left, top_words, bottom_words, lowest == highest),
        *_date_axis(left, points[0].date_words, points[-1].date_words),
    ]
    if joined(points):
        parts.append(Markup('<polyline class="cf-chart-line" fill="none" '
                            'stroke="currentColor" stroke-width="2" points="{}"/>').format(
            " ".join(f"{_num(x)},{_num(y)}" for x, y in zip(xs, ys, strict=True))))
    parts += [Markup('<circle class="cf-chart-point" cx="{}" cy="{}" r="{}" '
                     'fill="currentColor"><title>{}</title></circle>').format(
        _num(x), _num(y), RADIUS, point_words(p)) for p, x, y in zip(points, xs, ys, strict=True)]
    return Markup("").join(parts) + Markup("</svg>")


def of_series(series: Series) -> Markup | None:
    """The chart of one indicator's values on a case page; None below two values."""
    if len(series.values) < 2:
        return None
    return svg(f"{series.anchor}-chart", series.indicator.name, points_of(series))


def points_of(series: Series) -> list[ChartPoint]:
    return [ChartPoint(v.at, v.figure.value, v.value, v.when, v.by, v.span)
            for v in series.values]


def joined(points: list[ChartPoint]) -> bool:
    """Whether a line may join the values (see ``figures_view.unjoined_note``)."""
    return unjoined_note([p.span for p in points]) is None


def point_words(point: ChartPoint) -> str:
    """One value with its date: "360 people (13 March 2018)"."""
    return f"{point.value_words} ({point.date_words})"


def _said(point: ChartPoint) -> str:
    """One value with its date and who gives it: "360 people (13 March 2018, Example
    Council)"."""
    if not point.who:
        return point_words(point)
    return f"{point.value_words} ({point.date_words}, {point.who})"


def description(points: list[ChartPoint]) -> str:
    """The chart's text alternative: every value, with its date and who gives it, in the
    order drawn; that the axis starts at zero; that the values come from different bodies,
    and why no line joins them, where so."""
    words = ["Values in date order: " + "; ".join(_said(p) for p in points) + "."]
    bodies = list(dict.fromkeys(p.who for p in points if p.who))
    if len(bodies) > 1:
        words.append(f"The values come from different bodies: {listed(bodies)}.")
    note = unjoined_note([p.span for p in points])
    if note:
        words.append(note)
    words.append("The value axis starts at zero.")
    return " ".join(words)


def _value_axis(left: Decimal, top_words: str, bottom_words: str, flat: bool) -> list[Markup]:
    """The highest and lowest values, each beside its line (one line when all are equal)."""
    line = Markup('<line class="cf-chart-grid" x1="{}" y1="{}" x2="{}" y2="{}" '
                  'stroke="currentColor" stroke-width="1" stroke-dasharray="2 3"/>')
    ends = [(_middle(TOP, BOTTOM), bottom_words)] if flat \
        else [(TOP, top_words), (BOTTOM, bottom_words)]
    out = []
    for y, words in ends:
        out.append(line.format(_num(left), _num(y), _num(RIGHT), _num(y)))
        out.append(_text(left - 6, y + 4, "end", words, left - 8))
    return out


def _date_axis(left: Decimal, first: str, last: str) -> list[Markup]:
    """The first and last dates under the plot, on one line where both fit, else on two."""
    axis = Markup('<line class="cf-chart-axis" x1="{}" y1="{}" x2="{}" y2="{}" '
                  'stroke="currentColor" stroke-width="1"/>')
    below = BOTTOM + 12
    room = RIGHT - left
    fits = CHAR * (len(first) + len(last) + 2) <= room
    return [axis.format(_num(left), _num(below), _num(RIGHT), _num(below)),
            _text(left, below + 18, "start", first, room),
            _text(RIGHT, below + (18 if fits else 34), "end", last, room)]


def _text(x: Decimal, y: Decimal, anchor: str, words: str, room: Decimal) -> Markup:
    """A label at (``x``, ``y``); squeezed into ``room`` (``textLength``) where it would
    not fit at its natural width, so no label is ever cut off at the chart's edge."""
    fit = Markup("")
    if CHAR * len(words) > room:
        fit = Markup(' textLength="{}" lengthAdjust="spacingAndGlyphs"').format(_num(room))
    return Markup('<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="currentColor"'
                  '{}>{}</text>').format(_num(x), _num(y), FONT, anchor, fit, words)


def _left_edge(labels: list[str]) -> Decimal:
    """Where the plot starts: after the longest value label, within 45 % of the width."""
    wanted = CHAR * max(len(text) for text in labels) + 12
    return min(max(wanted, Decimal(40)), WIDTH * Decimal("0.45"))


def _scale(value: Decimal, low: Decimal, high: Decimal, start: Decimal, end: Decimal
           ) -> Decimal:
    """``value``'s place between ``start`` (at ``low``) and ``end`` (at ``high``); the
    middle when all values are the same."""
    if high == low:
        return _middle(start, end)
    return start + (value - low) * (end - start) / (high - low)


def _middle(start: Decimal, end: Decimal) -> Decimal:
    return (start + end) / 2


def _num(value: Decimal) -> str:
    """A coordinate as written in the SVG: one decimal place, never an exponent."""
    return format(value.quantize(_TENTH, rounding=ROUND_HALF_UP), "f")
