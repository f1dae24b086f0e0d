"""When claims contradict (DESIGN §4, §5, §10): the rules as pure functions over plain values.

No ORM and no settings: callers turn claims into `ClaimFacts`, a topic into `TopicRules`,
and pass the figure tolerance. `compare` is the readable specification of one pair;
`find_conflicts` and `conflicts_with` find the same pairs faster and judge each of them
with the very code `compare` uses, so the fast paths cannot drift from the rules.
"""

from __future__ import annotations

import datetime
import math
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from django.db import models

from claims.figures import Qualifier

__all__ = [
    "CONTESTING_KINDS",
    "INF",
    "ClaimFacts",
    "Conflict",
    "Interval",
    "Kind",
    "TopicRules",
    "compare",
    "conflicts_with",
    "explain",
    "find_conflicts",
    "format_severity",
    "gap_score",
    "interval_for",
    "severity",
]

INF = math.inf

ASSERTS = "asserts"
DENIES = "denies"
FIGURE = "figure"
PROPOSITION = "proposition"

# Interval bounds are rounded to this many decimals, so that "about 2,300" (±10%) ends
# at exactly 2,530 instead of at 2530.0000000000005.
_BOUND_DECIMALS = 6

# Plain strings: looking up an enum member costs several times more, and this runs once per claim.
_EXACT = Qualifier.EXACT.value
_APPROXIMATELY = Qualifier.APPROXIMATELY.value
_NEARLY = Qualifier.NEARLY.value
_AT_LEAST = Qualifier.AT_LEAST.value
_MORE_THAN = Qualifier.MORE_THAN.value
_AT_MOST = Qualifier.AT_MOST.value
_LESS_THAN = Qualifier.LESS_THAN.value
_BETWEEN = Qualifier.BETWEEN.value

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Interval(NamedTuple):
    """The counts a figure allows; `high` is `INF` when open-ended upward.

    A named tuple: made for every figure claim at every recompute, it is made several times faster than a dataclass.
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def lies_below(self, other: Interval) -> bool:
        """Return whether every point of this interval is below every point of `other`."""
        return self.high < other.low or (self.high == other.low and (self.high_open or other.low_open))

    def is_disjoint(self, other: Interval) -> bool:
        """Return whether no count satisfies both intervals (open ends respected)."""
        return self.lies_below(other) or other.lies_below(self)


def _round(bound: float) -> float:
    return round(bound, _BOUND_DECIMALS)


def interval_for(qualifier: str, value: int, value_max: int | None, tolerance: float = 0.10) -> Interval:
    """Return the interval a figure stands for (DESIGN §4); `value_max` is read for `between` only."""
    n = float(value)
    if qualifier == _EXACT:
        return Interval(n, n)
    if qualifier == _APPROXIMATELY:
        return Interval(_round(n * (1 - tolerance)), _round(n * (1 + tolerance)))
    if qualifier == _NEARLY:
        return Interval(_round(n * (1 - tolerance)), n, high_open=True)
    if qualifier == _AT_LEAST:
        return Interval(n, INF)
    if qualifier == _MORE_THAN:
        return Interval(n, INF, low_open=True)
    if qualifier == _AT_MOST:
        return Interval(0.0, n)
    if qualifier == _LESS_THAN:
        return Interval(0.0, n, high_open=True)
    if qualifier == _BETWEEN:
        if value_max is None or value_max < value:
            raise ValueError(f"'between' needs value_max >= value, got {value!r} and {value_max!r}")
        return Interval(n, float(value_max))
    raise ValueError(f"unknown qualifier {qualifier!r}")


def severity(a: Interval, b: Interval) -> float:
    """Return how far apart two figures are at the least: the higher interval's low ÷ the lower one's high.

    Always >= 1 (overlapping intervals give 1.0); `INF` when the lower interval ends at 0.
    """
    if a.lies_below(b):
        return _ratio(a, b)
    if b.lies_below(a):
        return _ratio(b, a)
    return 1.0


def _ratio(lower: Interval, higher: Interval) -> float:
    return INF if lower.high == 0 else higher.low / lower.high


def gap_score(a: Interval, b: Interval) -> float:
    """Return how much two figures disagree, counting magnitude as well as ratio (0 when they overlap).

    With l the lower figure's highest count and h the higher one's lowest: log10((h+1)/(l+1)) ×
    log10(h−l+1), the orders of magnitude between the figures (a count of one more on each, so that
    zero stays finite) times the orders of magnitude of the count in dispute. "0 vs 2" scores 0.23;
    "2,000 vs 20,000" scores 4.3; "874 vs 2,000" 1.1; "0 vs 11" 1.2.
    """
    if a.lies_below(b):
        lower, higher = a, b
    elif b.lies_below(a):
        lower, higher = b, a
    else:
        return 0.0
    low, high = lower.high, higher.low
    if high <= low:
        return 0.0
    return math.log10((high + 1) / (low + 1)) * math.log10(high - low + 1)


def format_severity(value: float | None) -> str:
    """Return a severity as shown to readers: "2.3×", "∞", or "" when there is none."""
    if value is None:
        return ""
    if value == INF:
        return "∞"
    # One decimal reads best; a conflict just over 1× keeps two, so it never shows as "1.0×";
    # from 100× on the decimal is noise.
    digits = 2 if 1 < value < 1.095 else 0 if value >= 99.95 else 1
    return f"{value:,.{digits}f}×"


class Kind(models.TextChoices):
    """What a flagged pair of claims is (DESIGN §5)."""

    # Different sides give figures that cannot both be true.
    FIGURE_MISMATCH = "figure_mismatch", "Figure mismatch"
    # Two claimants of one side disagree within one window.
    INTERNAL_INCONSISTENCY = "internal_inconsistency", "Internal inconsistency"
    # Reports of what one claimant said on one day disagree.
    CONFLICTING_REPORTS = "conflicting_reports", "Conflicting reports"
    # One claimant's running toll went down.
    DOWNWARD_REVISION = "downward_revision", "Downward revision"
    # One side asserts what another side denies.
    DENIAL = "denial", "Denial"
    # Both sides assert, each blaming a different side.
    COUNTER_ACCUSATION = "counter_accusation", "Counter-accusation"


# Conflicts carry plain strings, so they compare, hash and serialize like the values stored in the database.
FIGURE_MISMATCH = Kind.FIGURE_MISMATCH.value
INTERNAL_INCONSISTENCY = Kind.INTERNAL_INCONSISTENCY.value
CONFLICTING_REPORTS = Kind.CONFLICTING_REPORTS.value
DOWNWARD_REVISION = Kind.DOWNWARD_REVISION.value
DENIAL = Kind.DENIAL.value
COUNTER_ACCUSATION = Kind.COUNTER_ACCUSATION.value

# The kinds that make a claim *contested* (DESIGN §5); the other three are integrity flags for editors.
CONTESTING_KINDS = frozenset({FIGURE_MISMATCH, DENIAL, COUNTER_ACCUSATION})


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """The inputs the rules read from one claim; `as_of` becomes `stated_on` when not given."""

    id: int | str
    claimant_id: int
    side_id: int
    stated_on: datetime.date
    stance: str = ASSERTS
    accused_side_id: int | None = None
    qualifier: str | None = None
    value: int | None = None
    value_max: int | None = None
    as_of: datetime.date | None = None

    def __post_init__(self) -> None:
        if self.stance not in (ASSERTS, DENIES):
            raise ValueError(f"stance must be {ASSERTS!r} or {DENIES!r}, got {self.stance!r}")
        if self.as_of is None:
            object.__setattr__(self, "as_of", self.stated_on)

    @property
    def has_figure(self) -> bool:
        """Return whether the claim carries a figure the rules can compare."""
        return self.qualifier is not None and self.value is not None


@dataclass(frozen=True, slots=True)
class TopicRules:
    """The settings of one topic that the rules read."""

    kind: str = FIGURE
    cumulative: bool = True
    window_days: int = 2
    tolerance: float = 0.10

    def __post_init__(self) -> None:
        if self.kind not in (FIGURE, PROPOSITION):
            raise ValueError(f"topic kind must be {FIGURE!r} or {PROPOSITION!r}, got {self.kind!r}")
        if self.window_days < 0:
            raise ValueError(f"window_days must be >= 0, got {self.window_days!r}")
        if not 0 <= self.tolerance < 1:
            raise ValueError(f"tolerance must be in [0, 1), got {self.tolerance!r}")


class Conflict(NamedTuple):
    """A flagged pair: `a` is the earlier claim (by as_of, then stated_on, then id).

    A named tuple rather than a frozen dataclass: a recompute makes one per flag, two per claim
    of a news archive, and a tuple is made several times faster.
    """

    a: ClaimFacts
    b: ClaimFacts
    kind: str
    severity: float | None


# -- the specification, pair by pair ---------------------------------------------------------------


def _order_key(claim: ClaimFacts) -> tuple:
    # Integer ids (database keys) order numerically, so a round trip that renumbers claims keeps each pair's order.
    id_key = (0, claim.id, "") if isinstance(claim.id, int) else (1, 0, str(claim.id))
    return (claim.as_of, claim.stated_on, id_key)


def _comes_first(x: ClaimFacts, kx: tuple, y: ClaimFacts, ky: tuple) -> bool:
    # repr() settles ids that differ but print alike (1 and "1"), so the order never depends on argument order.
    return kx < ky or (kx == ky and repr(x) <= repr(y))


def _judge_figures(a: ClaimFacts, ia: Interval, b: ClaimFacts, ib: Interval, topic: TopicRules) -> Conflict | None:
    """Judge two figure claims, `a` not later than `b`: DESIGN §5 and the §10 kind precedence."""
    if a.id == b.id:
        return None
    same_window = (b.as_of - a.as_of).days <= topic.window_days
    if ib.lies_below(ia):
        later_below, gap = True, _ratio(ib, ia)
    elif (same_window or not topic.cumulative) and ia.lies_below(ib):
        later_below, gap = False, _ratio(ia, ib)
    else:
        return None  # the intervals overlap, or a running toll grew from one window to the next

    if a.side_id != b.side_id:
        kind = FIGURE_MISMATCH
    elif a.claimant_id == b.claimant_id:
        if a.stated_on == b.stated_on:
            kind = CONFLICTING_REPORTS
        elif topic.cumulative and later_below:
            kind = DOWNWARD_REVISION
        else:
            return None  # the claimant updated the figure
    elif same_window:
        kind = INTERNAL_INCONSISTENCY
    else:
        return None
    return Conflict(a, b, kind, gap)


def _judge_propositions(a: ClaimFacts, b: ClaimFacts) -> Conflict | None:
    """Judge two proposition claims, `a` not later than `b`."""
    if a.id == b.id or a.side_id == b.side_id:
        return None
    if a.stance != b.stance:
        if a.accused_side_id != b.accused_side_id:
            return None
        kind = DENIAL
    elif (
        a.stance == ASSERTS
        and a.accused_side_id is not None
        and b.accused_side_id is not None
        and a.accused_side_id != b.accused_side_id
    ):
        kind = COUNTER_ACCUSATION
    else:
        return None
    return Conflict(a, b, kind, None)


def _figure_pair(
    x: ClaimFacts, kx: tuple, ix: Interval, y: ClaimFacts, ky: tuple, iy: Interval, topic: TopicRules
) -> Conflict | None:
    if _comes_first(x, kx, y, ky):
        return _judge_figures(x, ix, y, iy, topic)
    return _judge_figures(y, iy, x, ix, topic)


def _proposition_pair(x: ClaimFacts, kx: tuple, y: ClaimFacts, ky: tuple) -> Conflict | None:
    if _comes_first(x, kx, y, ky):
        return _judge_propositions(x, y)
    return _judge_propositions(y, x)


def _interval(claim: ClaimFacts, topic: TopicRules) -> Interval:
    return interval_for(claim.qualifier, claim.value, claim.value_max, topic.tolerance)


def compare(x: ClaimFacts, y: ClaimFacts, topic: TopicRules) -> Conflict | None:
    """Return the contradiction between two claims of one topic, or None; argument order does not matter."""
    if topic.kind == PROPOSITION:
        return _proposition_pair(x, _order_key(x), y, _order_key(y))
    if not (x.has_figure and y.has_figure):
        return None
    return _figure_pair(x, _order_key(x), _interval(x, topic), y, _order_key(y), _interval(y, topic), topic)


# -- the same rules, output-sensitive ----------------------------------------------------------------


def _lower_key(iv: Interval, index: int) -> tuple[float, int, int]:
    # Sorts by where the interval starts; an open start sorts after a closed one at the same value.
    return (iv.low, 1 if iv.low_open else 0, index)


def _upper_key(iv: Interval, index: int) -> tuple[float, int, int]:
    # Sorts by where the interval ends; an open end sorts before a closed one at the same value.
    return (iv.high, 0 if iv.high_open else 1, index)


def _above_threshold(iv: Interval) -> tuple[float, int]:
    # Lower keys at or past this start intervals lying above `iv`.
    return (iv.high, 0 if iv.high_open else 1)


def _below_threshold(iv: Interval) -> tuple[float, int]:
    # Upper keys before this end intervals lying below `iv`.
    return (iv.low, 2 if iv.low_open else 1)


def _disjoint_pairs(intervals: list[Interval]) -> list[tuple[int, int]]:
    """Return every pair of disjoint intervals, visiting no overlapping pair.

    A pair comes twice only when both intervals are empty (`_is_empty`).
    """
    ends = sorted(_upper_key(iv, i) for i, iv in enumerate(intervals))
    pairs = []
    for j, iv in enumerate(intervals):
        pairs += [(i, j) for _, _, i in islice(ends, bisect_left(ends, _below_threshold(iv))) if i != j]
    return pairs


def _running_toll_pairs(intervals: list[Interval], days: list[int], window_days: int) -> list[tuple[int, int]]:
    """Return every pair that may conflict on a cumulative topic, visiting no other pair.

    Sweeping in as_of order, a claim meets the earlier claims lying above it (any window)
    and the earlier claims of its window lying below it. Claims sharing an as_of share a window,
    so whichever of them the sweep meets first, their disjoint pairs are all found.
    A pair comes twice only when both intervals are empty (`_is_empty`).
    """
    order = sorted(range(len(intervals)), key=days.__getitem__)
    starts: list[tuple[float, int, int]] = []  # lower keys of every claim met so far
    window_ends: list[tuple[float, int, int]] = []  # upper keys of the claims met so far within the window
    first_in_window = 0
    pairs = []
    for j in order:
        iv = intervals[j]
        while days[order[first_in_window]] < days[j] - window_days:
            gone = order[first_in_window]
            del window_ends[bisect_left(window_ends, _upper_key(intervals[gone], gone))]
            first_in_window += 1
        pairs += [(i, j) for _, _, i in islice(starts, bisect_left(starts, _above_threshold(iv)), None)]
        pairs += [(i, j) for _, _, i in islice(window_ends, bisect_left(window_ends, _below_threshold(iv)))]
        insort(starts, _lower_key(iv, j))
        insort(window_ends, _upper_key(iv, j))
    return pairs


def _is_empty(iv: Interval) -> bool:
    # "nearly 0" and "less than 0": the only intervals that can each lie below the other.
    return iv.low == iv.high and (iv.low_open or iv.high_open)


def _proposition_candidates(claims: list[ClaimFacts]) -> Iterator[tuple[int, int]]:
    """Yield every denial and counter-accusation pair once, grouping claims by stance, accused and side."""
    groups: dict[tuple[str, int | None], dict[int, list[int]]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault((claim.stance, claim.accused_side_id), {}).setdefault(claim.side_id, []).append(i)

    for (stance, accused), asserting in groups.items():
        denying = groups.get((DENIES, accused)) if stance == ASSERTS else None
        if not denying:
            continue
        for side, asserters in asserting.items():
            for other_side, deniers in denying.items():
                if other_side != side:
                    yield from ((i, j) if i < j else (j, i) for i in asserters for j in deniers)

    accusations = [
        (accused, side, members)
        for (stance, accused), by_side in groups.items()
        if stance == ASSERTS and accused is not None
        for side, members in by_side.items()
    ]
    for g, (accused, side, members) in enumerate(accusations):
        for other_accused, other_side, others in islice(accusations, g + 1, None):
            if other_accused != accused and other_side != side:
                yield from ((i, j) if i < j else (j, i) for i in members for j in others)


def find_conflicts(claims: Iterable[ClaimFacts], topic: TopicRules) -> list[Conflict]:
    """Return every contradiction among one topic's claims, in no particular (but a repeatable) order.

    The result equals `compare` over all pairs, but only pairs whose intervals already conflict
    (or, for propositions, whose stances and accusations do) are visited: the cost follows the
    number of such pairs, not the square of the topic's size.
    """
    claims = list(claims)
    if topic.kind == PROPOSITION:
        keys = [_order_key(c) for c in claims]
        pairs = _proposition_candidates(claims)
        found = (_proposition_pair(claims[i], keys[i], claims[j], keys[j]) for i, j in pairs)
        return [conflict for conflict in found if conflict is not None]

    claims = [c for c in claims if c.has_figure]
    intervals = [_interval(c, topic) for c in claims]
    if topic.cumulative:
        pairs = _running_toll_pairs(intervals, [c.as_of.toordinal() for c in claims], topic.window_days)
    else:
        pairs = _disjoint_pairs(intervals)
    if any(map(_is_empty, intervals)):
        pairs = {(i, j) if i < j else (j, i) for i, j in pairs}
    keys = [_order_key(c) for c in claims]
    conflicts = []
    for i, j in pairs:
        x, y = claims[i], claims[j]
        if _comes_first(x, keys[i], y, keys[j]):
            conflict = _judge_figures(x, intervals[i], y, intervals[j], topic)
        else:
            conflict = _judge_figures(y, intervals[j], x, intervals[i], topic)
        if conflict is not None:
            conflicts.append(conflict)
    return conflicts


def conflicts_with(claim: ClaimFacts, others: Iterable[ClaimFacts], topic: TopicRules) -> list[Conflict]:
    """Return the contradictions between one (changed) claim and the rest of its topic.

    A claim in `others` with the claim's own id is its previous version and is skipped.
    """
    key = _order_key(claim)
    if topic.kind == PROPOSITION:
        found = (_proposition_pair(claim, key, other, _order_key(other)) for other in others)
    elif not claim.has_figure:
        return []
    else:
        own = _interval(claim, topic)
        found = (
            _figure_pair(claim, key, own, other, _order_key(other), _interval(other, topic), topic)
            for other in others
            if other.has_figure
        )
    return [conflict for conflict in found if conflict is not None]


# -- explanations ------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # an explanation names two or four dates; an archive's claims share a few thousand days
def _date(day: datetime.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _dated(claim: ClaimFacts) -> str:
    if claim.as_of == claim.stated_on:
        return _date(claim.stated_on)
    return f"{_date(claim.stated_on)}, as of {_date(claim.as_of)}"


def _is_point(claim: ClaimFacts) -> bool:
    return claim.qualifier == _EXACT or (
        claim.qualifier == _BETWEEN and claim.value_max is not None and claim.value_max == claim.value
    )


def _apart(conflict: Conflict) -> str:
    if conflict.severity is None:
        return ""
    if conflict.severity == INF:
        return ""  # "0" beside a count says it better than "∞ apart"
    bound = "" if _is_point(conflict.a) and _is_point(conflict.b) else "at least "
    return f" — {bound}{format_severity(conflict.severity)} apart"


def explain(
    conflict: Conflict,
    names: Callable[[ClaimFacts], tuple[str, str]],
    figure_text: Callable[[ClaimFacts], str],
    *,
    side_name: Callable[[int], str] | None = None,
) -> str:
    """Return one human sentence saying why the pair was flagged.

    `names(claim)` gives (side name, claimant name) and `figure_text(claim)` the figure as worded.
    An accused side that is neither claim's side is named by `side_name(side_id)` when given.
    """
    a, b = conflict.a, conflict.b
    (side_a, claimant_a), (side_b, claimant_b) = names(a), names(b)

    if conflict.kind in (DENIAL, COUNTER_ACCUSATION):

        def accused(side_id: int | None) -> str:
            if side_id == a.side_id:
                return side_a
            if side_id == b.side_id:
                return side_b
            return side_name(side_id) if side_name is not None else "another side"

        voice_a = f"{side_a} ({claimant_a}, {_dated(a)})"
        voice_b = f"{side_b} ({claimant_b}, {_dated(b)})"
        if conflict.kind == COUNTER_ACCUSATION:
            return f"{voice_a} blames {accused(a.accused_side_id)}; {voice_b} blames {accused(b.accused_side_id)}."
        asserter, denier = (voice_a, voice_b) if a.stance == ASSERTS else (voice_b, voice_a)
        if a.accused_side_id is None:
            return f"{asserter} says it happened; {denier} denies it."
        return f"{asserter} accuses {accused(a.accused_side_id)}; {denier} denies it."

    figure_a, figure_b = figure_text(a), figure_text(b)
    apart = _apart(conflict)
    if conflict.kind == CONFLICTING_REPORTS:
        if a.as_of != a.stated_on or b.as_of != b.stated_on:
            figure_a, figure_b = f"{figure_a} (as of {_date(a.as_of)})", f"{figure_b} (as of {_date(b.as_of)})"
        return (
            f"Reports of what {claimant_a} ({side_a}) said on {_date(a.stated_on)} disagree:"
            f" {figure_a} — {figure_b}{apart}."
        )
    if conflict.kind == DOWNWARD_REVISION:
        return (
            f"{side_a} ({claimant_a}): the running toll went down"
            f" from {figure_a} ({_dated(a)}) to {figure_b} ({_dated(b)}){apart}."
        )
    if conflict.kind == INTERNAL_INCONSISTENCY:
        return (
            f"Two voices of {side_a} disagree: {claimant_a} ({_dated(a)}): {figure_a}"
            f" — {claimant_b} ({_dated(b)}): {figure_b}{apart}."
        )
    return (
        f"{side_a} ({claimant_a}, {_dated(a)}): {figure_a} — {side_b} ({claimant_b}, {_dated(b)}): {figure_b}{apart}."
    )
