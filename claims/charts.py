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
from sources.colours import contrast_on_white

WIDTH, HEIGHT = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 28, 44  # margins around the plot
# The phone layout: narrower and relatively taller, so that its text stays legible when the SVG scales to fit.
COMPACT = {"width": 360, "height": 340, "left": 50}
DENSE = 40  # from this many marks on, marks are drawn thinner
MIN_GAP = 12  # fewer marks than DENSE stand at least this far apart
MAX_DRIFT = 2 * MIN_GAP  # ...but no mark leaves its date by more than this: a crowded week overlaps instead
DEFAULT_COLOUR = "#6b7280"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _is_point(interval) -> bool:
    return interval.low == interval.high and not (interval.low_open or interval.high_open)


def safe_colour(colour: str | None) -> str:
    """Return the colour when it is #rrggbb, else the neutral grey (colours end up in attributes and CSS)."""
    return colour if colour and _HEX.match(colour) else DEFAULT_COLOUR


def ink_colour(colour: str | None) -> str:
    """Return the side's colour darkened until text in it reads on white (WCAG AA, 4.5:1), for names and labels.

    Okabe–Ito's orange and sky blue are distinct as marks but too light for words (2.0:1 and 2.1:1).
    """
    colour = safe_colour(colour)
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(21):
        shade = "#{:02x}{:02x}{:02x}".format(*(round(c * (1 - step / 20)) for c in (r, g, b)))
        if contrast_on_white(shade) >= 4.5:
            return shade
    return "#000000"


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


def figure_said(claim) -> str:
    """Return a claim's figure as printed, its reading beside it where that says otherwise.

    "dozens (read as at least 12)", "nearing 5,000 (read as nearly 5,000)", "2,300": charts and their
    text say what was said, and how the chart reads it. A claim without a kept wording shows its reading.
    """
    reading = claim.figure_reading
    return f"{claim.figure_as_worded} (read as {reading})" if reading else claim.figure_as_worded


def figure_words(claim) -> str:
    """Return a claim's figure as a reader would say it: "none" for a plain zero, else as printed ("some 6,109").

    The largest gap in words quotes the wordings alone: the pages print each reading beside the figure.
    """
    if claim.qualifier == Qualifier.EXACT and claim.value == 0:
        return "none"
    return claim.figure_as_worded


def gap_words(flag, tolerance: float) -> str:
    """Say a figure flag's gap in words, the higher figure first.

    "Russia (Vladimir Putin) says nearing 5,000; Armenia (Armenian Ministry of Defence) says 874."
    The side leads: it is one party, so "says" agrees whoever spoke for it ("Armenian military sources").
    "" for a flag without figures (propositions).
    """
    a, b = flag.claim_a, flag.claim_b
    if not (a.has_figure and b.has_figure):
        return ""
    ia = interval_for(a.qualifier, a.value, a.value_max, tolerance)
    ib = interval_for(b.qualifier, b.value, b.value_max, tolerance)
    higher, lower = (a, b) if ib.lies_below(ia) else (b, a)
    return "; ".join(f"{c.side.name} ({c.claimant.name}) says {figure_words(c)}" for c in (higher, lower)) + "."


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
    on_page: bool = True
    faded: bool = False

    def svg(self) -> str:
        """Return the mark as an SVG link to its claim's card (or, off this page, its claim's page), titled for
        hover and assistive tools."""
        href = f"#claim-{self.claim.pk}" if self.on_page else self.claim.get_absolute_url()
        return format_html(
            '<a class="chart-mark{}" href="{}" data-claim="{}" tabindex="-1"><title>{}</title>{}</a>',
            " chart-mark-off" if self.faded else "", href, self.claim.pk, self.label,
            mark_safe("".join(shape.svg() for shape in self.shapes)),  # noqa: S308 -- built by format_html
        )


@dataclass
class BandPath:
    """One side's weekly bands as SVG paths: a translucent area, and its top and bottom edges."""

    side: object
    colour: str
    area: str
    edges: str
    claims: int  # how many figure claims the side's bands stand for

    def svg(self) -> str:
        return format_html(
            '<g class="band" data-side="{}" data-claims="{}"><path class="band-area" d="{}" fill="{}"/>'
            '<path class="band-edge" d="{}" stroke="{}"/></g>',
            self.side.pk, self.claims, self.area, self.colour, self.edges, self.colour,
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
    x_left: float = 0
    x_right: float = 0
    label_x: float = 0
    anchor: str = "end"

    @property
    def height(self) -> float:
        return round(self.y_bottom - self.y_top, 2)

    @property
    def width(self) -> float:
        return round(self.x_right - self.x_left, 2)


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
    bands: list[BandPath] = field(default_factory=list)
    band_rows: list = field(default_factory=list)
    page_span: tuple[float, float] | None = None  # the stretch of time the page's claims cover, when not all

    @property
    def page_span_width(self) -> float:
        return round(self.page_span[1] - self.page_span[0], 2) if self.page_span else 0

    @property
    def page_span_label_x(self) -> float:
        middle = (self.page_span[0] + self.page_span[1]) / 2 if self.page_span else 0
        return round(min(max(middle, self.left + 30), self.right - 30), 2)

    def marks_svg(self) -> str:
        """Return every mark as SVG markup (written here, not in the template: 500 marks render fast)."""
        return mark_safe("\n".join(mark.svg() for mark in self.marks))  # noqa: S308 -- built by format_html

    def bands_svg(self) -> str:
        """Return each side's bands as SVG markup."""
        return mark_safe("\n".join(band.svg() for band in self.bands))  # noqa: S308 -- built by format_html

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
                 width: int = WIDTH, height: int = HEIGHT, left: int = LEFT, bands: Sequence = (),
                 on_page: set[int] | None = None) -> Chart | None:
    """Lay out the figure claims of one topic; None when no claim carries a figure.

    `claims` are Claim objects with side and claimant loaded; `contradictions` the flags
    shown with them (the furthest-apart figure pair among them is shaded; any object with
    claim_a_id, claim_b_id and severity will do). `bands` (a whole topic too large to draw
    claim by claim: objects with side, week, last_day, low, high and claims) are drawn as
    each side's weekly range beneath the claims' marks. `on_page`, when given, holds the ids
    of the claims whose cards the page shows: the other marks link to their claims' pages.
    """
    claims = [c for c in claims if c.has_figure]
    if not claims and not bands:
        return None
    intervals = {c.pk: interval_for(c.qualifier, c.value, c.value_max, tolerance) for c in claims}

    finite = [b for iv in intervals.values() for b in (iv.low, iv.high) if b != INF]
    finite += [band.high for band in bands]
    top_value, step = _value_ticks(max(max(finite, default=1) * 1.08, 1))
    right, top, bottom = width - RIGHT, TOP, height - BOTTOM
    dense = len(claims) >= DENSE or bool(bands)

    def y(value: float) -> float:
        return round(bottom - (value / top_value) * (bottom - top), 2)

    first_day = min([c.as_of for c in claims] + [band.week for band in bands])
    last_day = max([c.as_of for c in claims] + [band.last_day for band in bands])
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
        spacing = min(32.0, max(day_px * 0.8, 12.0) / len(group)) if not bands else min(6.0, day_px)
        placed.extend((claim, x(day) + (i - (len(group) - 1) / 2) * spacing) for i, claim in enumerate(group))
    if not dense:
        # A few claims a day or two apart would hide each other on a long time axis: keep them a mark apart,
        # each within MAX_DRIFT of its own date, so that a busy month cannot push its marks into the next.
        home = [mx for _, mx in placed]
        for i in range(1, len(placed)):
            claim, mx = placed[i]
            placed[i] = (claim, max(mx, min(placed[i - 1][1] + MIN_GAP, home[i] + MAX_DRIFT)))
        limit = right - 6  # and keep the last ones inside the plot
        for i in range(len(placed) - 1, -1, -1):
            claim, mx = placed[i]
            placed[i] = (claim, max(min(mx, max(limit, home[i] - MAX_DRIFT), right - 6), left + 6))
            limit = placed[i][1] - MIN_GAP
    # Over weekly bands an open-ended claim's arrow stays short: fifty arrows to the top would hide the bands.
    reach = 22 if bands else None
    marks = [_mark(claim, intervals[claim.pk], round(mx, 2), y, top, bottom, 3 if dense else 4.5, reach)
             for claim, mx in placed]
    if on_page is not None:
        keep = {pk for flag in contradictions for pk in (flag.claim_a_id, flag.claim_b_id)}
        for mark in marks:
            mark.on_page = mark.claim.pk in on_page
            mark.faded = not mark.on_page and mark.claim.pk not in keep
        marks.sort(key=lambda mark: (not mark.faded, mark.on_page))  # the page's own claims drawn last, on top

    monthly = (last_day - first_day).days >= 120
    with_year = first_day == last_day or first_day.year != last_day.year
    x_ticks = [Tick(round(x(d), 2), f"{_MONTHS[d.month - 1]} {d.year}" if monthly else day_label(d, with_year))
               for d in _date_ticks(first_day, last_day, most=7 if width >= 600 else 3)]
    y_ticks = [Tick(y(v), _number(v)) for v in (step * i for i in range(int(round(top_value / step)) + 1))]

    sides = {}
    for side in [c.side for c in claims] + [band.side for band in bands]:
        sides.setdefault(side.pk, side)
    sides = sorted(sides.values(), key=lambda s: s.name.lower())

    xs = {mark.claim.pk: mark.x for mark in marks} if on_page is not None else None
    gap = _gap(claims, intervals, contradictions, y, top, bottom, left, right, xs)
    page_span = None
    if on_page is not None and (bands or any(not mark.on_page for mark in marks)):
        here = [mark.x for mark in marks if mark.on_page]
        if here:
            page_span = (round(max(left, min(here) - 8), 2), round(min(right, max(here) + 8), 2))
    rows = [Row(c, c.as_of, range_text(c.qualifier, c.value, c.value_max, tolerance))
            for c in sorted(claims, key=lambda c: (c.as_of, c.side.name.lower(), c.pk))]
    if bands:
        description = _describe_bands(bands, sides, claims, gap, contradictions, tolerance)
    else:
        description = _describe(claims, intervals, sides, gap, first_day if len(by_day) > 1 else None,
                                contradictions, rows, tolerance)
    return Chart(
        width=width, height=height, left=left, right=right, top=top, bottom=bottom,
        marks=marks, x_ticks=x_ticks, y_ticks=y_ticks, gap=gap, title=title, description=description,
        rows=rows, sides=sides, dense=dense, bands=_band_paths(bands, x, y, left, right), band_rows=list(bands),
        page_span=page_span,
    )


def _band_paths(bands, x, y, left, right) -> list[BandPath]:
    """Draw each side's weeks as steps: a week spans its seven days, from its lowest figure to its highest."""
    by_side = defaultdict(list)
    for band in bands:
        by_side[band.side.pk].append(band)
    paths = []
    for weeks in by_side.values():
        weeks.sort(key=lambda b: b.week)
        area, edges = [], []
        run_start = 0
        for i, band in enumerate(weeks):
            x0 = max(left, x(band.week))
            x1 = min(right, x(band.week + datetime.timedelta(days=7)))
            high, low = y(band.high), y(band.low)
            if low - high < 2:  # one figure that week: a band of two pixels, so that it shows
                high, low = high - 1, low + 1
            area.append(f"M{_n(x0)} {_n(high)}H{_n(x1)}V{_n(low)}H{_n(x0)}Z")
            follows = i > run_start and weeks[i - 1].week + datetime.timedelta(days=7) == band.week
            if not follows:
                run_start = i
                edges.append(f"M{_n(x0)} {_n(high)}H{_n(x1)}")
                bottom_edge = [f"M{_n(x0)} {_n(low)}H{_n(x1)}"]
            else:
                edges.append(f"V{_n(high)}H{_n(x1)}")
                bottom_edge.append(f"V{_n(low)}H{_n(x1)}")
            ends_run = i + 1 == len(weeks) or weeks[i + 1].week != band.week + datetime.timedelta(days=7)
            if ends_run:
                edges.append("".join(bottom_edge))
        side = weeks[0].side
        paths.append(BandPath(side=side, colour=safe_colour(side.colour), area="".join(area), edges="".join(edges),
                              claims=sum(band.claims for band in weeks)))
    return paths


def _mark(claim, interval, mx, y, top, bottom, radius, reach: float | None = None) -> Mark:
    """Draw one claim's interval at `mx`; an unbounded one reaches up to the top of the plot, or `reach` pixels."""
    colour = safe_colour(claim.side.colour)
    # A dot marks the number as worded, where it is a count the claim allows; it stands in for a cap there.
    has_dot = claim.qualifier in (Qualifier.EXACT, Qualifier.APPROXIMATELY, Qualifier.AT_LEAST, Qualifier.AT_MOST)

    def dot_at(bound: float) -> bool:
        return has_dot and bound == claim.value

    shapes = []
    low = y(interval.low)
    tip = top if reach is None else max(top, low - reach)
    high = tip + 9 if interval.high == INF else y(interval.high)
    shapes.append(Shape("line", x1=mx, y1=low, x2=mx, y2=high, stroke=colour))

    if interval.high == INF:  # unbounded above: an arrow to the top of the plot
        shapes.append(Shape("polygon", points=f"{mx - 5},{_n(tip + 9)} {mx + 5},{_n(tip + 9)} {mx},{_n(tip)}",
                            fill=colour))
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
    label = f"{claim.claimant.name} ({claim.side.name}), {when}: {figure_said(claim)}"
    return Mark(claim=claim, x=mx, colour=colour, label=label, shapes=shapes)


def _gap(claims, intervals, contradictions, y, top, bottom, left, right, xs=None) -> Gap | None:
    """Shade the range no claim of the furthest-apart flagged pair allows.

    Across the whole plot; or, given the marks' positions `xs` (a timeline, where the pair is two
    marks among many), only between the pair's two marks, so that the gap stands where they do.
    """
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
    label = f"{format_severity(best.severity)} apart" if best.severity != INF else "none against a count"
    label_y = y_top - 6 if y_top - 6 > top + 12 else y_top + 14
    if xs is None:
        return Gap(y_top=y_top, y_bottom=y_bottom, label=label, label_y=label_y, x_left=left, x_right=right,
                   label_x=right - 6)
    x_left = max(left, min(xs[best.claim_a_id], xs[best.claim_b_id]) - 12)
    x_right = min(right, max(xs[best.claim_a_id], xs[best.claim_b_id]) + 12)
    room_right = right - x_right > 8 * len(label)
    return Gap(y_top=y_top, y_bottom=y_bottom, label=label, label_y=label_y, x_left=x_left, x_right=x_right,
               label_x=x_right + 6 if room_right else x_left - 6, anchor="start" if room_right else "end")


def _gap_sentence(flag, tolerance: float) -> str:
    """Say the shaded gap in words: the flag's explanation, or who says what."""
    return getattr(flag, "explanation", "") or gap_words(flag, tolerance)


def _describe_bands(bands, sides, claims, gap, contradictions, tolerance) -> str:
    """Say in words what a banded chart shows: each side's range over the whole topic."""
    first = min(band.week for band in bands)
    last = max(band.last_day for band in bands)
    count = sum(band.claims for band in bands)
    parts = [f"{count:,} figure claims from {len(sides)} side{'s' if len(sides) != 1 else ''}, counted as of "
             f"{day_label(first)} to {day_label(last)}, drawn as each side's lowest to highest figure week by week."]
    ranges = []
    for side in sides:
        own = [band for band in bands if band.side.pk == side.pk]
        if own:
            ranges.append(f"{side.name} {_number(min(b.low for b in own))} to {_number(max(b.high for b in own))}")
    parts.append("; ".join(ranges) + ".")
    if claims:
        parts.append(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} marked one by one.")
    flagged = [f for f in contradictions if f.severity is not None]
    if gap is not None and flagged:
        parts.append(f"Largest gap: {_gap_sentence(max(flagged, key=lambda f: f.severity), tolerance)}")
    return " ".join(parts)


def _describe(claims, intervals, sides, gap, first_day, contradictions, rows, tolerance) -> str:
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
        parts.append(f"Lowest: {figure_said(lowest)} ({lowest.claimant.name}, {lowest.side.name}); "
                     f"highest: {figure_said(highest)} ({highest.claimant.name}, {highest.side.name}).")
    flagged = [f for f in contradictions if f.severity is not None]
    if gap is not None and flagged:
        best = max(flagged, key=lambda f: f.severity)
        parts.append(f"Largest gap: {_gap_sentence(best, tolerance)}")
    return " ".join(parts)
