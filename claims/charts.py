"""The figure chart of a dispute, drawn on the server as SVG geometry (no JavaScript needed).

Every figure claim is one mark: its interval (DESIGN §4) on a shared value axis, placed at
its as_of date and coloured by side. Closed ends get a cap, open ends a hollow ring, and
unbounded ends an arrow (up to the top of the plot for "more than", down to zero for "up
to"), so that a reader sees at once how far apart the sides are. The largest gap between
two flagged claims is shaded. `figure_chart` returns plain geometry; the template
`claims/_chart.html` writes the SVG, escaping every text.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.figures import Qualifier
from claims.rules import INF, format_severity, interval_for

WIDTH, HEIGHT = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 28, 44  # margins around the plot
# The phone layout: narrower and relatively taller, so that its text stays legible when the SVG scales to fit.
COMPACT = {"width": 360, "height": 340, "left": 50}
DENSE = 40  # from this many marks on, marks are drawn thinner
MIN_GAP = 12  # fewer marks than DENSE stand at least this far apart
DEFAULT_COLOUR = "#6b7280"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _is_point(interval) -> bool:
    return interval.low == interval.high and not (interval.low_open or interval.high_open)


def safe_colour(colour: str | None) -> str:
    """Return the colour when it is #rrggbb, else the neutral grey (colours end up in attributes and CSS)."""
    return colour if colour and _HEX.match(colour) else DEFAULT_COLOUR


def day_label(day: datetime.date, with_year: bool = True) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


def _number(value: float) -> str:
    return f"{round(value):,}"


def range_text(qualifier: str, value: int, value_max: int | None, tolerance: float) -> str:
    """Return the counts a figure allows, in words: "1,800 to 2,200", "over 2,000", "up to 500"."""
    interval = interval_for(qualifier, value, value_max, tolerance)
    if _is_point(interval):
        return f"exactly {_number(interval.low)}"
    if interval.high == INF:
        return f"over {_number(interval.low)}" if interval.low_open else f"{_number(interval.low)} or more"
    if interval.low == 0 and qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return f"under {_number(interval.high)}" if interval.high_open else f"up to {_number(interval.high)}"
    upper = f"just under {_number(interval.high)}" if interval.high_open else _number(interval.high)
    return f"{_number(interval.low)} to {upper}"


def figure_words(claim) -> str:
    """Return a claim's figure as a reader would say it: "none" for a plain zero, else as worded."""
    if claim.qualifier == Qualifier.EXACT and claim.value == 0:
        return "none"
    return claim.figure_text


def gap_words(flag, tolerance: float) -> str:
    """Say a figure flag's gap in words, the higher figure first.

    "Vladimir Putin (Russia) says nearing 5,000; Armenian Ministry of Defence (Armenia) says 874."
    "" for a flag without figures (propositions).
    """
    a, b = flag.claim_a, flag.claim_b
    if not (a.has_figure and b.has_figure):
        return ""
    ia = interval_for(a.qualifier, a.value, a.value_max, tolerance)
    ib = interval_for(b.qualifier, b.value, b.value_max, tolerance)
    higher, lower = (a, b) if ib.lies_below(ia) else (b, a)
    return "; ".join(f"{c.claimant.name} ({c.side.name}) says {figure_words(c)}" for c in (higher, lower)) + "."


@dataclass
class Shape:
    """One SVG element of a mark: `kind` is line, circle or polygon; `fill` "none" draws an outline."""

    kind: str
    x1: float = 0
    y1: float = 0
    x2: float = 0
    y2: float = 0
    r: float = 0
    points: str = ""
    fill: str = "none"
    stroke: str = "none"

    def svg(self) -> str:
        """Return the element as SVG markup, every value escaped."""
        if self.kind == "line":
            return format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
                               _n(self.x1), _n(self.y1), _n(self.x2), _n(self.y2), self.stroke)
        if self.kind == "circle":
            return format_html('<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}"/>',
                               _n(self.x1), _n(self.y1), _n(self.r), self.fill, self.stroke)
        return format_html('<polygon points="{}" fill="{}"/>', self.points, self.fill)


def _n(value: float) -> str:
    """Write a coordinate for SVG: no locale, at most two decimals."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass
class Mark:
    claim: object
    x: float
    colour: str
    label: str
    shapes: list[Shape] = field(default_factory=list)

    def svg(self) -> str:
        """Return the mark as an SVG link to its claim's card, titled for hover and assistive tools."""
        return format_html(
            '<a class="chart-mark" href="#claim-{}" data-claim="{}" tabindex="-1"><title>{}</title>{}</a>',
            self.claim.pk, self.claim.pk, self.label, mark_safe("".join(shape.svg() for shape in self.shapes)),  # noqa: S308 -- built by format_html
        )


@dataclass
class Tick:
    pos: float
    label: str


@dataclass
class Gap:
    """The shaded band between the two furthest-apart flagged claims."""

    y_top: float
    y_bottom: float
    label: str
    label_y: float

    @property
    def height(self) -> float:
        return round(self.y_bottom - self.y_top, 2)


@dataclass
class Row:
    claim: object
    as_of: datetime.date
    range: str


@dataclass
class Chart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    marks: list[Mark]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    gap: Gap | None
    title: str
    description: str
    rows: list[Row]
    sides: list
    dense: bool = False
    variant: str = "wide"

    def marks_svg(self) -> str:
        """Return every mark as SVG markup (written here, not in the template: 500 marks render fast)."""
        return mark_safe("\n".join(mark.svg() for mark in self.marks))  # noqa: S308 -- built by format_html

    @property
    def plot_width(self) -> float:
        return self.right - self.left

    @property
    def plot_height(self) -> float:
        return self.bottom - self.top


def _nice_step(raw: float) -> float:
    exponent = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * exponent:
            return factor * exponent
    return 10 * exponent


def _value_ticks(top_value: float) -> tuple[float, float]:
    """Return (axis maximum, tick step) for values from 0 to `top_value`."""
    step = _nice_step(top_value / 5)
    return step * math.ceil(top_value / step), step


def _date_ticks(first: datetime.date, last: datetime.date, most: int = 7) -> list[datetime.date]:
    span = (last - first).days
    for step in (1, 2, 3, 7, 14):
        if span / step <= most:
            return [first + datetime.timedelta(days=step * i) for i in range(span // step + 1)]
    months = ((last.year - first.year) * 12 + last.month - first.month) or 1
    step = next((m for m in (1, 2, 3, 6, 12, 24, 60) if months / m <= most), 120)
    ticks, year, month = [], first.year, first.month
    while True:
        day = datetime.date(year, month, 1)
        if day > last:
            return ticks
        if day >= first:
            ticks.append(day)
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1


def figure_chart(claims: Sequence, contradictions: Sequence = (), *, tolerance: float, title: str = "",
                 width: int = WIDTH, height: int = HEIGHT, left: int = LEFT) -> Chart | None:
    """Lay out the figure claims of one topic; None when no claim carries a figure.

    `claims` are Claim objects with side and claimant loaded; `contradictions` the flags
    shown with them (the furthest-apart figure pair among them is shaded).
    """
    claims = [c for c in claims if c.has_figure]
    if not claims:
        return None
    intervals = {c.pk: interval_for(c.qualifier, c.value, c.value_max, tolerance) for c in claims}

    finite = [b for iv in intervals.values() for b in (iv.low, iv.high) if b != INF]
    top_value, step = _value_ticks(max(max(finite, default=1) * 1.08, 1))
    right, top, bottom = width - RIGHT, TOP, height - BOTTOM
    dense = len(claims) >= DENSE

    def y(value: float) -> float:
        return round(bottom - (value / top_value) * (bottom - top), 2)

    first_day = min(c.as_of for c in claims)
    last_day = max(c.as_of for c in claims)
    # One day only: that day spans the plot, so its claims spread out side by side.
    pad = max(1.0, (last_day - first_day).days * 0.04) if first_day != last_day else 0.5
    d0, d1 = first_day.toordinal() - pad, last_day.toordinal() + pad
    day_px = (right - left) / (d1 - d0)

    def x(day: datetime.date) -> float:
        return left + (day.toordinal() - d0) * day_px

    # Claims counted as of one day stand side by side instead of on top of each other.
    by_day = defaultdict(list)
    for claim in sorted(claims, key=lambda c: (c.as_of, c.side.name.lower(), intervals[c.pk].low, c.pk)):
        by_day[claim.as_of].append(claim)

    placed = []
    for day, group in sorted(by_day.items()):
        spacing = min(32.0, max(day_px * 0.8, 12.0) / len(group))
        placed.extend((claim, x(day) + (i - (len(group) - 1) / 2) * spacing) for i, claim in enumerate(group))
    if not dense:
        # A few claims a day or two apart would hide each other on a long time axis: keep them a mark apart.
        for i in range(1, len(placed)):
            claim, mx = placed[i]
            placed[i] = (claim, max(mx, placed[i - 1][1] + MIN_GAP))
        limit = right - 6  # and keep the last ones inside the plot
        for i in range(len(placed) - 1, -1, -1):
            claim, mx = placed[i]
            placed[i] = (claim, min(mx, limit))
            limit = placed[i][1] - MIN_GAP
    marks = [_mark(claim, intervals[claim.pk], round(mx, 2), y, top, bottom, 3 if dense else 4.5)
             for claim, mx in placed]

    monthly = (last_day - first_day).days >= 120
    with_year = first_day == last_day or first_day.year != last_day.year
    x_ticks = [Tick(round(x(d), 2), f"{_MONTHS[d.month - 1]} {d.year}" if monthly else day_label(d, with_year))
               for d in _date_ticks(first_day, last_day, most=7 if width >= 600 else 3)]
    y_ticks = [Tick(y(v), _number(v)) for v in (step * i for i in range(int(round(top_value / step)) + 1))]

    sides = []
    for claim in claims:
        if claim.side not in sides:
            sides.append(claim.side)
    sides.sort(key=lambda s: s.name.lower())

    gap = _gap(claims, intervals, contradictions, y, top, bottom)
    rows = [Row(c, c.as_of, range_text(c.qualifier, c.value, c.value_max, tolerance))
            for c in sorted(claims, key=lambda c: (c.as_of, c.side.name.lower(), c.pk))]
    return Chart(
        width=width, height=height, left=left, right=right, top=top, bottom=bottom,
        marks=marks, x_ticks=x_ticks, y_ticks=y_ticks, gap=gap, title=title,
        description=_describe(claims, intervals, sides, gap, first_day if len(by_day) > 1 else None,
                              contradictions, rows),
        rows=rows, sides=sides, dense=dense,
    )


def _mark(claim, interval, mx, y, top, bottom, radius) -> Mark:
    colour = safe_colour(claim.side.colour)
    # A dot marks the number as worded, where it is a count the claim allows; it stands in for a cap there.
    has_dot = claim.qualifier in (Qualifier.EXACT, Qualifier.APPROXIMATELY, Qualifier.AT_LEAST, Qualifier.AT_MOST)

    def dot_at(bound: float) -> bool:
        return has_dot and bound == claim.value

    shapes = []
    low = y(interval.low)
    high = top + 9 if interval.high == INF else y(interval.high)
    shapes.append(Shape("line", x1=mx, y1=low, x2=mx, y2=high, stroke=colour))

    if interval.high == INF:  # unbounded above: an arrow to the top of the plot
        shapes.append(Shape("polygon", points=f"{mx - 5},{top + 9} {mx + 5},{top + 9} {mx},{top}", fill=colour))
    elif interval.high_open:
        shapes.append(Shape("circle", x1=mx, y1=high, r=radius, fill="#ffffff", stroke=colour))
    elif not _is_point(interval) and not dot_at(interval.high):
        shapes.append(Shape("line", x1=mx - 5, y1=high, x2=mx + 5, y2=high, stroke=colour))

    if claim.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):  # anything down to zero: an arrow to the axis
        shapes[0].y1 = bottom - 9
        shapes.append(Shape("polygon", points=f"{mx - 5},{bottom - 9} {mx + 5},{bottom - 9} {mx},{bottom}",
                            fill=colour))
    elif interval.low_open:
        shapes.append(Shape("circle", x1=mx, y1=low, r=radius, fill="#ffffff", stroke=colour))
    elif not _is_point(interval) and not dot_at(interval.low):
        shapes.append(Shape("line", x1=mx - 5, y1=low, x2=mx + 5, y2=low, stroke=colour))

    if has_dot:
        shapes.append(Shape("circle", x1=mx, y1=y(claim.value), r=radius + 1, fill=colour, stroke="#ffffff"))

    when = day_label(claim.stated_on)
    if claim.as_of != claim.stated_on:
        when += f", as of {day_label(claim.as_of)}"
    label = f"{claim.claimant.name} ({claim.side.name}), {when}: {claim.figure_text}"
    return Mark(claim=claim, x=mx, colour=colour, label=label, shapes=shapes)


def _gap(claims, intervals, contradictions, y, top, bottom) -> Gap | None:
    """Shade the range no claim of the furthest-apart flagged pair allows."""
    shown = {c.pk for c in claims}
    best = None
    for flag in contradictions:
        if flag.severity is None or flag.claim_a_id not in shown or flag.claim_b_id not in shown:
            continue
        if best is None or flag.severity > best.severity:
            best = flag
    if best is None or best.severity <= 1:
        return None
    a, b = intervals[best.claim_a_id], intervals[best.claim_b_id]
    lower, higher = (a, b) if a.lies_below(b) else (b, a)
    y_top, y_bottom = y(higher.low), y(lower.high)
    if y_bottom - y_top < 1:
        return None
    label = f"{format_severity(best.severity)} apart" if best.severity != INF else "∞ apart"
    label_y = y_top - 6 if y_top - 6 > top + 12 else y_top + 14
    return Gap(y_top=y_top, y_bottom=y_bottom, label=label, label_y=label_y)


def _describe(claims, intervals, sides, gap, first_day, contradictions, rows) -> str:
    """Say in words what the chart shows: its text alternative."""
    count = len(claims)
    parts = [f"{count} figure claim{'s' if count != 1 else ''} from {len(sides)} side{'s' if len(sides) != 1 else ''}"
             f" ({', '.join(s.name for s in sides)})"]
    if first_day is not None:
        parts[0] += f", counted as of {day_label(rows[0].as_of)} to {day_label(rows[-1].as_of)}"
    parts[0] += "."
    lowest = min(claims, key=lambda c: (intervals[c.pk].high, c.pk))
    highest = max(claims, key=lambda c: (intervals[c.pk].low, -c.pk))
    if lowest.pk != highest.pk:
        parts.append(f"Lowest: {lowest.figure_text} ({lowest.claimant.name}, {lowest.side.name}); "
                     f"highest: {highest.figure_text} ({highest.claimant.name}, {highest.side.name}).")
    flagged = [f for f in contradictions if f.severity is not None]
    if gap is not None and flagged:
        best = max(flagged, key=lambda f: f.severity)
        parts.append(f"Largest gap: {best.explanation}")
    return " ".join(parts)
