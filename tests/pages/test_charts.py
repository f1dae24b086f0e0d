"""claims.charts: the figure chart's geometry, drawn on the server."""

import datetime

import pytest

from claims.charts import COMPACT, figure_chart, range_text, safe_colour
from claims.models import Claim, Contradiction
from sources.models import Actor, Side

DAY = datetime.date(2020, 10, 22)
ARMENIA = Side(pk=1, name="Armenia", colour="#d9480f")
RUSSIA = Side(pk=2, name="Russia", colour="#5f3dc4")


def claim(pk, qualifier, value, value_max=None, side=ARMENIA, day=DAY, name="Speaker"):
    return Claim(pk=pk, qualifier=qualifier, value=value, value_max=value_max, side=side,
                 claimant=Actor(name=name, side=side), stated_on=day, as_of=day)


def shapes(chart, pk):
    """Return a mark's shapes as (kind, fill, stroke) in drawing order."""
    mark = next(m for m in chart.marks if m.claim.pk == pk)
    return [(s.kind, s.fill, s.stroke) for s in mark.shapes]


ORANGE = "#d9480f"


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max", "expected"),
    [
        # a point: the dot alone (its stem has no length)
        ("exact", 15, None, [("line", "none", ORANGE), ("circle", ORANGE, "#ffffff")]),
        # ±10%: caps at both ends, the dot at the number
        ("approximately", 100, None, [("line", "none", ORANGE), ("line", "none", ORANGE), ("line", "none", ORANGE),
                                      ("circle", ORANGE, "#ffffff")]),
        # [0.9n, n): a cap below, a ring where the count is not included
        ("nearly", 100, None, [("line", "none", ORANGE), ("circle", "#ffffff", ORANGE), ("line", "none", ORANGE)]),
        # [n, ∞): an arrow up, the dot at n
        ("at_least", 100, None, [("line", "none", ORANGE), ("polygon", ORANGE, "none"), ("circle", ORANGE, "#ffffff")]),
        # (n, ∞): an arrow up, a ring at n
        ("more_than", 100, None, [("line", "none", ORANGE), ("polygon", ORANGE, "none"),
                                  ("circle", "#ffffff", ORANGE)]),
        # [0, n]: an arrow down to the axis, the dot at n
        ("at_most", 100, None, [("line", "none", ORANGE), ("polygon", ORANGE, "none"), ("circle", ORANGE, "#ffffff")]),
        # [0, n): a ring at n, an arrow down to the axis
        ("less_than", 100, None, [("line", "none", ORANGE), ("circle", "#ffffff", ORANGE),
                                  ("polygon", ORANGE, "none")]),
        # [a, b]: caps at both ends
        ("between", 100, 120, [("line", "none", ORANGE), ("line", "none", ORANGE), ("line", "none", ORANGE)]),
    ],
)
def test_mark_shapes(qualifier, value, value_max, expected):
    """Each qualifier is drawn with caps for closed ends, rings for open ones and arrows for unbounded ones."""
    chart = figure_chart([claim(1, qualifier, value, value_max), claim(2, "exact", 300)], tolerance=0.1)
    assert shapes(chart, 1) == expected


def test_arrows_reach_the_plot_edges():
    """'More than' runs to the top of the plot; 'up to' runs down to the zero line."""
    chart = figure_chart([claim(1, "more_than", 2000), claim(2, "at_most", 500)], tolerance=0.1)
    up, down = (next(m for m in chart.marks if m.claim.pk == pk) for pk in (1, 2))
    assert up.shapes[0].y2 == chart.top + 9 and up.shapes[1].points.endswith(f",{chart.top}")
    assert down.shapes[0].y1 == chart.bottom - 9 and down.shapes[1].points.endswith(f",{chart.bottom}")


def test_scale_and_ticks():
    """The value axis starts at zero with round ticks; one day spans the plot and its claims stand side by side."""
    chart = figure_chart([claim(1, "exact", 729), claim(2, "at_least", 5000), claim(3, "more_than", 2000, side=RUSSIA)],
                         tolerance=0.1)
    assert [t.label for t in chart.y_ticks] == ["0", "2,000", "4,000", "6,000"]
    assert chart.y_ticks[0].pos == chart.bottom and chart.y_ticks[-1].pos == chart.top
    assert [t.label for t in chart.x_ticks] == ["22 Oct 2020"]
    xs = [m.x for m in chart.marks]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert [m.claim.pk for m in chart.marks] == [1, 2, 3]  # by side name, then value
    assert [s.name for s in chart.sides] == ["Armenia", "Russia"]


def test_time_axis():
    """Claims months apart get month ticks; marks sit left to right in date order."""
    claims = [claim(n, "exact", 10 * n, day=DAY + datetime.timedelta(days=30 * n)) for n in range(1, 8)]
    chart = figure_chart(claims, tolerance=0.1)
    assert [t.label for t in chart.x_ticks] == ["Dec 2020", "Jan 2021", "Feb 2021", "Mar 2021", "Apr 2021",
                                                "May 2021"]
    assert [m.x for m in chart.marks] == sorted(m.x for m in chart.marks)
    compact = figure_chart(claims, tolerance=0.1, **COMPACT)
    assert len(compact.x_ticks) <= 4
    assert compact.width == 360


def test_gap_between_the_furthest_flagged_pair():
    """The shaded band spans from the lower claim's top to the higher claim's bottom, labelled with the severity."""
    low, high = claim(1, "exact", 729), claim(2, "at_least", 5000)
    flag = Contradiction(claim_a_id=1, claim_b_id=2, severity=5000 / 729, explanation="Armenia vs Azerbaijan.")
    chart = figure_chart([low, high], [flag], tolerance=0.1)
    y_729 = chart.marks[0].shapes[-1].y1
    y_5000 = chart.marks[1].shapes[-1].y1
    assert (chart.gap.y_top, chart.gap.y_bottom, chart.gap.label) == (y_5000, y_729, "6.9× apart")
    assert chart.description.endswith("Largest gap: Armenia vs Azerbaijan.")
    assert figure_chart([low, high], tolerance=0.1).gap is None


def test_text_alternative():
    """The description says how many claims from which sides, the dates, and the lowest and highest figures."""
    later = DAY + datetime.timedelta(days=3)
    chart = figure_chart([claim(1, "exact", 10, name="A"), claim(2, "approximately", 900, side=RUSSIA, name="B",
                                                                 day=later)], tolerance=0.1)
    assert chart.description == (
        "2 figure claims from 2 sides (Armenia, Russia), counted as of 22 Oct 2020 to 25 Oct 2020. "
        "Lowest: 10 (A, Armenia); highest: about 900 (B, Russia)."
    )
    assert [(row.claim.pk, row.range) for row in chart.rows] == [(1, "exactly 10"), (2, "810 to 990")]


def test_no_figures_no_chart():
    """Claims without figures make no chart."""
    assert figure_chart([Claim(pk=1, side=ARMENIA)], tolerance=0.1) is None


def test_mark_markup_is_escaped():
    """Names and colours reach the SVG escaped; a colour that is not #rrggbb becomes neutral grey."""
    hostile = Side(pk=3, name="<b>Side</b>", colour='red" onload="alert(1)')
    chart = figure_chart([claim(1, "exact", 5, side=hostile, name="<script>x</script>")], tolerance=0.1)
    markup = chart.marks_svg()
    assert "<script>" not in markup and "onload" not in markup
    assert "&lt;script&gt;x&lt;/script&gt; (&lt;b&gt;Side&lt;/b&gt;)" in markup
    assert 'fill="#6b7280"' in markup
    assert markup.startswith('<a class="chart-mark" href="#claim-1" data-claim="1" tabindex="-1"><title>')


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max", "text"),
    [
        ("exact", 2300, None, "exactly 2,300"),
        ("approximately", 2300, None, "2,070 to 2,530"),
        ("nearly", 5000, None, "4,500 to just under 5,000"),
        ("at_least", 25, None, "25 or more"),
        ("more_than", 2000, None, "over 2,000"),
        ("at_most", 500, None, "up to 500"),
        ("less_than", 500, None, "under 500"),
        ("between", 260, 280, "260 to 280"),
    ],
)
def test_range_text(qualifier, value, value_max, text):
    """Every qualifier's interval reads in plain words."""
    assert range_text(qualifier, value, value_max, 0.1) == text


def test_safe_colour():
    """Only #rrggbb passes."""
    assert [safe_colour(c) for c in ("#A1b2C3", "#fff", "", None, "#12345g")] == [
        "#A1b2C3", "#6b7280", "#6b7280", "#6b7280", "#6b7280",
    ]


def test_close_marks_stay_apart_inside_the_plot():
    """A few claims days apart on a long axis stand a mark apart, and none leaves the plot."""
    days = [DAY, DAY + datetime.timedelta(days=1), DAY + datetime.timedelta(days=2),
            DAY + datetime.timedelta(days=400), DAY + datetime.timedelta(days=401)]
    chart = figure_chart([claim(n, "exact", 10 * n, day=day) for n, day in enumerate(days, 1)], tolerance=0.1,
                         **COMPACT)
    xs = [m.x for m in chart.marks]
    assert all(round(b - a, 2) >= 12 for a, b in zip(xs, xs[1:], strict=False))
    assert chart.left < xs[0] and xs[-1] <= chart.right - 6


def test_a_busy_month_keeps_its_marks_near_their_dates():
    """Twenty claims on twenty days of a 400-day axis may crowd, but none is pushed weeks past its date."""
    days = [DAY + datetime.timedelta(days=n) for n in range(20)] + [DAY + datetime.timedelta(days=400)]
    chart = figure_chart([claim(n, "exact", 10 * n, day=day) for n, day in enumerate(days, 1)], tolerance=0.1,
                         **COMPACT)
    xs = [m.x for m in sorted(chart.marks, key=lambda m: m.claim.pk)]
    pad = 400 * 0.04
    day_px = (chart.right - chart.left) / (400 + 2 * pad)
    assert xs == sorted(xs)
    # The first nineteen days span 19 days' width, give or take the drift allowed each mark (2 x 12 px).
    assert xs[19] - xs[0] <= 19 * day_px + 2 * 24 + 0.1
    assert chart.left < xs[0] and xs[-1] <= chart.right - 6
