"""Contradiction rules (DESIGN §4, §5, §10): intervals, severity, every kind and non-kind, explanations, properties."""

import dataclasses
import datetime
import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.figures import Qualifier
from claims.rules import (
    CONTESTING_KINDS,
    INF,
    ClaimFacts,
    Conflict,
    Interval,
    Kind,
    TopicRules,
    compare,
    conflicts_with,
    explain,
    find_conflicts,
    format_severity,
    interval_for,
    severity,
)

Q = Qualifier
DAY = datetime.date(2020, 10, 22)
RUNNING = TopicRules()  # figure, cumulative, window of 2 days, tolerance 0.10
SNAPSHOT = TopicRules(cumulative=False)
PROPOSITION = TopicRules(kind="proposition")

ARMENIA, AZERBAIJAN, RUSSIA, TURKEY = 1, 2, 3, 4


def days(n):
    return DAY + datetime.timedelta(days=n)


def figure(claim_id, qualifier, value, value_max=None, *, side=ARMENIA, claimant=10, on=0, as_of=None):
    """Build a figure claim stated `on` days after DAY (as_of likewise, when given)."""
    return ClaimFacts(
        id=claim_id,
        claimant_id=claimant,
        side_id=side,
        stated_on=days(on),
        qualifier=qualifier,
        value=value,
        value_max=value_max,
        as_of=None if as_of is None else days(as_of),
    )


def proposition(claim_id, stance, accused, *, side, claimant=None, on=0):
    """Build a proposition claim by `side` (the claimant defaults to one per side)."""
    return ClaimFacts(
        id=claim_id,
        claimant_id=100 + side if claimant is None else claimant,
        side_id=side,
        stated_on=days(on),
        stance=stance,
        accused_side_id=accused,
    )


def kind_of(x, y, topic=RUNNING):
    conflict = compare(x, y, topic)
    return None if conflict is None else conflict.kind


# --- Intervals (DESIGN §4) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max", "expected"),
    [
        (Q.EXACT, 15, None, Interval(15, 15)),
        (Q.APPROXIMATELY, 2300, None, Interval(2070, 2530)),
        (Q.NEARLY, 2000, None, Interval(1800, 2000, high_open=True)),
        (Q.AT_LEAST, 2000, None, Interval(2000, INF)),
        (Q.MORE_THAN, 2000, None, Interval(2000, INF, low_open=True)),
        (Q.AT_MOST, 300, None, Interval(0, 300)),
        (Q.LESS_THAN, 300, None, Interval(0, 300, high_open=True)),
        (Q.BETWEEN, 260, 280, Interval(260, 280)),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_interval_for_every_qualifier(qualifier, value, value_max, expected):
    """Each qualifier stands for the interval in DESIGN §4's table, open ends included."""
    assert interval_for(qualifier, value, value_max) == expected


def test_interval_for_reads_the_tolerance_and_plain_strings():
    """The tolerance is the caller's, and plain qualifier strings work like the enum members."""
    assert interval_for("approximately", 100, None, tolerance=0.25) == Interval(75, 125)
    assert interval_for("nearly", 100, None, tolerance=0.0) == Interval(100, 100, high_open=True)


def test_interval_for_refuses_what_it_cannot_read():
    """A between without a sensible upper value, or an unknown qualifier, is an error, not a guess."""
    with pytest.raises(ValueError, match="between"):
        interval_for(Q.BETWEEN, 260, None)
    with pytest.raises(ValueError, match="between"):
        interval_for(Q.BETWEEN, 280, 260)
    with pytest.raises(ValueError, match="dozens"):
        interval_for("dozens", 12, None)


@pytest.mark.parametrize(
    ("left", "right", "disjoint"),
    [
        (Interval(2000, INF, low_open=True), Interval(2000, 2000), True),  # "more than 2,000" vs "2,000"
        (Interval(0, 2000, high_open=True), Interval(2000, INF), True),  # "less than 2,000" vs "at least 2,000"
        (Interval(0, 2000), Interval(2000, INF), False),  # "at most 2,000" vs "at least 2,000"
        (Interval(0, 2000), Interval(2000, 2000), False),
        (Interval(1800, 2000, high_open=True), Interval(2000, INF, low_open=True), True),  # both ends open
        (Interval(0, 2000), Interval(2001, INF), True),
        (Interval(260, 280), Interval(270, 300), False),
    ],
)
def test_touching_ends_are_disjoint_only_when_one_is_open(left, right, disjoint):
    """Intervals that meet at one number overlap only when both include it."""
    assert left.is_disjoint(right) is disjoint
    assert right.is_disjoint(left) is disjoint


def test_lies_below_respects_open_ends():
    """An interval lies below another when every count it allows is smaller, even at a shared open end."""
    below, above = Interval(0, 2000, high_open=True), Interval(2000, INF)
    assert below.lies_below(above)
    assert not above.lies_below(below)
    assert not Interval(0, 2000).lies_below(above)
    assert not Interval(5, 10).lies_below(Interval(7, 8))


def test_tolerance_bounds_are_round_numbers():
    """Bounds are rounded: "about 2,300" ends at exactly 2,530, so "more than 2,530" lies above it."""
    assert interval_for(Q.APPROXIMATELY, 2300, None).is_disjoint(interval_for(Q.MORE_THAN, 2530, None))
    assert not interval_for(Q.APPROXIMATELY, 2300, None).is_disjoint(interval_for(Q.AT_LEAST, 2530, None))


# --- Severity --------------------------------------------------------------------------------


def test_severity_is_the_higher_low_over_the_lower_high():
    """Severity of "more than 2,000" against 874 is 2,000 ÷ 874, whichever comes first."""
    more_than, exact = Interval(2000, INF, low_open=True), Interval(874, 874)
    assert severity(more_than, exact) == severity(exact, more_than) == pytest.approx(2000 / 874)


def test_severity_is_infinite_when_the_lower_figure_ends_at_zero():
    """Zero against any positive count is infinitely far apart."""
    assert severity(Interval(0, 0), Interval(5, 5)) == INF
    assert severity(Interval(3, INF), Interval(0, 0)) == INF


def test_severity_is_one_for_touching_or_overlapping_intervals():
    """A pair meeting at an open end is 1.0× apart; overlapping intervals are never less than 1."""
    assert severity(Interval(1800, 2000, high_open=True), Interval(2000, INF, low_open=True)) == 1.0
    assert severity(Interval(260, 280), Interval(270, 300)) == 1.0


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2.2883, "2.3×"),
        (1.0, "1.0×"),
        (1.03, "1.03×"),
        (1.1, "1.1×"),
        (99.9, "99.9×"),
        (133.33, "133×"),
        (12345.64, "12,346×"),
        (INF, "∞"),
        (None, ""),
    ],
)
def test_format_severity(value, shown):
    """Severities read as one decimal and a × (two just above 1, none from 100), infinity as ∞, none as nothing."""
    assert format_severity(value) == shown


# --- Each kind of contradiction (DESIGN §5) ---------------------------------------------------


def test_figure_mismatch_between_sides_in_one_window():
    """Putin's "more than 2,000" and Armenia's 874 on the same day cannot both be true."""
    putin = figure(1, Q.MORE_THAN, 2000, side=RUSSIA, claimant=30)
    armenia = figure(2, Q.EXACT, 874, side=ARMENIA, claimant=10)
    assert compare(putin, armenia, RUNNING) == Conflict(putin, armenia, "figure_mismatch", 2000 / 874)


def test_figure_mismatch_across_windows_when_the_later_toll_is_lower():
    """Across windows of a running toll, a later figure from another side below an earlier one still conflicts."""
    early = figure(1, Q.AT_LEAST, 2000, side=AZERBAIJAN, claimant=20, on=0)
    late = figure(2, Q.EXACT, 874, side=ARMENIA, claimant=10, on=10)
    assert kind_of(early, late) == "figure_mismatch"


def test_figure_mismatch_across_windows_on_a_snapshot_topic():
    """On a non-cumulative topic, disjoint figures of two sides conflict however far apart in time."""
    early = figure(1, Q.EXACT, 874, side=ARMENIA, on=0)
    late = figure(2, Q.AT_LEAST, 2000, side=AZERBAIJAN, claimant=20, on=30)
    assert kind_of(early, late, SNAPSHOT) == "figure_mismatch"


def test_internal_inconsistency_between_two_voices_of_one_side():
    """Two claimants of one side who disagree within the window are flagged."""
    ministry = figure(1, Q.EXACT, 874, claimant=10, on=0)
    president = figure(2, Q.AT_LEAST, 1200, claimant=11, on=2)
    assert compare(ministry, president, RUNNING) == Conflict(ministry, president, "internal_inconsistency", 1200 / 874)
    assert kind_of(ministry, president, SNAPSHOT) == "internal_inconsistency"


def test_conflicting_reports_of_one_statement():
    """Reuters' "more than 2,000" and AFP's "almost 2,000" for the same speech disagree on what was said."""
    reuters = figure(1, Q.MORE_THAN, 2000, side=RUSSIA, claimant=30)
    afp = figure(2, Q.NEARLY, 2000, side=RUSSIA, claimant=30)
    assert compare(reuters, afp, RUNNING) == Conflict(reuters, afp, "conflicting_reports", 1.0)
    assert kind_of(reuters, afp, SNAPSHOT) == "conflicting_reports"


def test_conflicting_reports_even_when_the_as_of_dates_differ():
    """One claimant on one day is one statement, whatever dates its figures are as of."""
    one = figure(1, Q.EXACT, 900, on=10, as_of=1)
    other = figure(2, Q.EXACT, 500, on=10, as_of=10)
    assert kind_of(one, other) == "conflicting_reports"


def test_downward_revision_of_a_running_toll():
    """One claimant's later, lower figure on a cumulative topic is flagged, in or out of the window."""
    earlier = figure(1, Q.EXACT, 1200, on=0)
    within = figure(2, Q.EXACT, 874, on=1)
    later = figure(3, Q.EXACT, 874, on=9)
    assert compare(within, earlier, RUNNING) == Conflict(earlier, within, "downward_revision", 1200 / 874)
    assert kind_of(later, earlier) == "downward_revision"


def test_downward_revision_breaks_as_of_ties_by_stated_on():
    """With one as_of, the claim stated later is the later figure."""
    first = figure(1, Q.EXACT, 1200, on=3, as_of=2)
    restated = figure(2, Q.EXACT, 874, on=5, as_of=2)
    conflict = compare(restated, first, RUNNING)
    assert (conflict.a, conflict.b, conflict.kind) == (first, restated, "downward_revision")
    raised = figure(3, Q.EXACT, 1500, on=5, as_of=2)
    assert compare(first, raised, RUNNING) is None


def test_denial():
    """Azerbaijan says Armenia shelled Terter; Armenia says it did not."""
    accusation = proposition(1, "asserts", ARMENIA, side=AZERBAIJAN)
    denial = proposition(2, "denies", ARMENIA, side=ARMENIA)
    assert compare(denial, accusation, PROPOSITION) == Conflict(accusation, denial, "denial", None)


def test_denial_when_neither_names_a_side():
    """Saying "the ceasefire was violated" against "it was not", with nobody blamed, is a denial pair."""
    happened = proposition(1, "asserts", None, side=AZERBAIJAN)
    did_not = proposition(2, "denies", None, side=ARMENIA)
    assert kind_of(happened, did_not, PROPOSITION) == "denial"


def test_denial_about_a_third_side():
    """Sides may disagree about what a third side did."""
    accusation = proposition(1, "asserts", TURKEY, side=ARMENIA)
    denial = proposition(2, "denies", TURKEY, side=AZERBAIJAN)
    assert kind_of(accusation, denial, PROPOSITION) == "denial"


def test_counter_accusation():
    """Each side saying the other broke the ceasefire is a counter-accusation."""
    azerbaijan = proposition(1, "asserts", ARMENIA, side=AZERBAIJAN)
    armenia = proposition(2, "asserts", AZERBAIJAN, side=ARMENIA)
    assert compare(armenia, azerbaijan, PROPOSITION) == Conflict(azerbaijan, armenia, "counter_accusation", None)


def test_kind_values_and_contesting_kinds():
    """The six kinds have the stored values DESIGN names, and three of them make a claim contested."""
    assert Kind.values == [
        "figure_mismatch",
        "internal_inconsistency",
        "conflicting_reports",
        "downward_revision",
        "denial",
        "counter_accusation",
    ]
    assert {"figure_mismatch", "denial", "counter_accusation"} == CONTESTING_KINDS


# --- What is not a contradiction -------------------------------------------------------------


def test_same_claimant_raising_a_running_toll_is_an_update():
    """A claimant's later, higher figure is an update, in the window or out of it."""
    earlier = figure(1, Q.EXACT, 874, on=0)
    assert compare(earlier, figure(2, Q.EXACT, 1200, on=1), RUNNING) is None
    assert compare(earlier, figure(3, Q.EXACT, 1200, on=9), RUNNING) is None


def test_same_claimant_changing_a_snapshot_figure_is_an_update():
    """On a non-cumulative topic one claimant's later figure, higher or lower, is an update."""
    earlier = figure(1, Q.EXACT, 1200, on=0)
    assert compare(earlier, figure(2, Q.EXACT, 874, on=1), SNAPSHOT) is None
    assert compare(earlier, figure(3, Q.EXACT, 874, on=9), SNAPSHOT) is None
    assert compare(earlier, figure(4, Q.EXACT, 2000, on=9), SNAPSHOT) is None


def test_a_running_toll_growing_across_windows_is_no_conflict():
    """Two sides' tolls that grow from one window to the next are not flagged, however far apart."""
    early = figure(1, Q.EXACT, 874, side=ARMENIA, on=0)
    late = figure(2, Q.AT_LEAST, 5000, side=AZERBAIJAN, claimant=20, on=3)
    assert compare(early, late, RUNNING) is None
    assert kind_of(early, figure(3, Q.AT_LEAST, 5000, side=AZERBAIJAN, claimant=20, on=2)) == "figure_mismatch"


def test_overlapping_figures_are_no_conflict():
    """Figures such as "about 2,300" and "between 2,500 and 3,000" can both be true."""
    about = figure(1, Q.APPROXIMATELY, 2300, side=ARMENIA)
    between = figure(2, Q.BETWEEN, 2500, 3000, side=AZERBAIJAN, claimant=20)
    assert compare(about, between, RUNNING) is None
    assert compare(about, between, SNAPSHOT) is None


def test_touching_figures_conflict_only_at_an_open_end():
    """Figures "at most 2,000" and "at least 2,000" overlap; "less than 2,000" and "at least 2,000" do not."""
    at_least = figure(1, Q.AT_LEAST, 2000, side=AZERBAIJAN, claimant=20)
    assert compare(figure(2, Q.AT_MOST, 2000), at_least, RUNNING) is None
    assert kind_of(figure(3, Q.LESS_THAN, 2000), at_least) == "figure_mismatch"


def test_two_voices_of_one_side_in_different_windows_are_no_conflict():
    """Different claimants of one side disagreeing across windows are not flagged."""
    early = figure(1, Q.EXACT, 1200, claimant=10, on=0)
    late = figure(2, Q.EXACT, 874, claimant=11, on=3)
    assert compare(early, late, RUNNING) is None
    assert compare(early, late, SNAPSHOT) is None


def test_claims_without_a_figure_are_skipped_on_figure_topics():
    """A figure topic's claim with no figure takes no part in any pair."""
    bare = ClaimFacts(id=1, claimant_id=20, side_id=AZERBAIJAN, stated_on=DAY)
    counted = figure(2, Q.EXACT, 874)
    assert compare(bare, counted, RUNNING) is None
    assert find_conflicts([bare, counted], RUNNING) == []
    assert conflicts_with(bare, [counted], RUNNING) == []


def test_claims_of_different_topics_are_never_paired():
    """Callers pass one topic's claims at a time, so figures of two topics are never compared."""
    deaths = [figure(1, Q.EXACT, 874), figure(2, Q.EXACT, 2000, side=AZERBAIJAN, claimant=20)]
    injured = [figure(3, Q.EXACT, 5000, side=AZERBAIJAN, claimant=20)]
    found = find_conflicts(deaths, RUNNING) + find_conflicts(injured, RUNNING)
    assert [(c.a.id, c.b.id) for c in found] == [(1, 2)]


def test_a_claim_never_contradicts_itself():
    """Two versions of one claim (same id) are not a pair, on figure and proposition topics alike."""
    old, new = figure(1, Q.EXACT, 1200), figure(1, Q.EXACT, 874, side=AZERBAIJAN)
    assert compare(old, new, RUNNING) is None
    assert conflicts_with(new, [old], RUNNING) == []
    asserted, denied = proposition(2, "asserts", None, side=ARMENIA), proposition(2, "denies", None, side=AZERBAIJAN)
    assert compare(asserted, denied, PROPOSITION) is None
    assert find_conflicts([asserted, denied], PROPOSITION) == []


def test_same_side_propositions_are_no_conflict():
    """Two voices of one side asserting and denying are not a proposition flag."""
    says = proposition(1, "asserts", ARMENIA, side=AZERBAIJAN, claimant=20)
    unsays = proposition(2, "denies", ARMENIA, side=AZERBAIJAN, claimant=21)
    assert compare(says, unsays, PROPOSITION) is None


def test_a_denial_must_deny_what_was_asserted():
    """An assertion naming a side and a denial naming none (or naming another) are not a denial pair."""
    accusation = proposition(1, "asserts", ARMENIA, side=AZERBAIJAN)
    assert compare(accusation, proposition(2, "denies", None, side=ARMENIA), PROPOSITION) is None
    assert compare(accusation, proposition(3, "denies", TURKEY, side=ARMENIA), PROPOSITION) is None
    happened = proposition(4, "asserts", None, side=AZERBAIJAN)
    assert compare(happened, proposition(5, "denies", ARMENIA, side=ARMENIA), PROPOSITION) is None


def test_agreeing_or_vague_assertions_are_no_conflict():
    """Both blaming the same side, one blaming nobody, or both denying is no flag."""
    blames_armenia = proposition(1, "asserts", ARMENIA, side=AZERBAIJAN)
    assert compare(blames_armenia, proposition(2, "asserts", ARMENIA, side=TURKEY), PROPOSITION) is None
    assert compare(blames_armenia, proposition(3, "asserts", None, side=ARMENIA), PROPOSITION) is None
    both_deny = proposition(4, "denies", None, side=ARMENIA), proposition(5, "denies", None, side=AZERBAIJAN)
    assert compare(*both_deny, PROPOSITION) is None


# --- Kind precedence and the order of a pair (DESIGN §10) --------------------------------------


def test_different_sides_take_precedence_over_one_claimant():
    """A claimant who changed sides between two reports yields a figure mismatch, not conflicting reports."""
    before = figure(1, Q.EXACT, 874, side=ARMENIA, claimant=10)
    after = figure(2, Q.EXACT, 2000, side=AZERBAIJAN, claimant=10)
    assert kind_of(before, after) == "figure_mismatch"


def test_conflicting_reports_take_precedence_over_downward_revision():
    """Same claimant and stated_on, the later as_of lower: the reports disagree, the toll did not fall."""
    higher = figure(1, Q.EXACT, 1200, on=5, as_of=3)
    lower = figure(2, Q.EXACT, 874, on=5, as_of=4)
    assert kind_of(higher, lower) == "conflicting_reports"


def test_one_claimant_updating_is_not_an_internal_inconsistency():
    """A one-claimant pair that is no report conflict or revision is an update, never a two-voices flag."""
    first = figure(1, Q.EXACT, 874, on=0)
    second = figure(2, Q.EXACT, 1200, on=1)
    assert compare(first, second, RUNNING) is None
    assert compare(first, second, SNAPSHOT) is None


def test_pair_order_is_as_of_then_stated_on_then_id():
    """Conflict.a is the earlier claim whatever the argument order; ties fall to stated_on, then id."""
    armenia, azerbaijan = {"side": ARMENIA}, {"side": AZERBAIJAN, "claimant": 20}
    early = figure(7, Q.EXACT, 874, as_of=0, on=5, **armenia)
    late = figure(3, Q.EXACT, 2000, as_of=1, on=1, **azerbaijan)
    assert (compare(late, early, RUNNING).a, compare(early, late, RUNNING).a) == (early, early)

    stated_first = figure(7, Q.EXACT, 874, as_of=0, on=1, **armenia)
    stated_later = figure(3, Q.EXACT, 2000, as_of=0, on=2, **azerbaijan)
    assert compare(stated_later, stated_first, RUNNING).a == stated_first

    id_10, id_9 = figure(10, Q.EXACT, 874, **armenia), figure(9, Q.EXACT, 2000, **azerbaijan)
    assert compare(id_10, id_9, RUNNING).a == id_9  # numerically, so renumbering on a round trip keeps the order


def test_as_of_defaults_to_stated_on():
    """A claim without an as_of date counts as of the day it was stated."""
    assert figure(1, Q.EXACT, 874, on=3).as_of == days(3)
    assert figure(1, Q.EXACT, 874, on=3) == figure(1, Q.EXACT, 874, on=3, as_of=3)


def test_invalid_rule_inputs_are_refused():
    """A stance, topic kind, window or tolerance the rules do not know is an error."""
    with pytest.raises(ValueError, match="stance"):
        ClaimFacts(id=1, claimant_id=1, side_id=1, stated_on=DAY, stance="hedges")
    with pytest.raises(ValueError, match="kind"):
        TopicRules(kind="opinion")
    with pytest.raises(ValueError, match="window_days"):
        TopicRules(window_days=-1)
    with pytest.raises(ValueError, match="tolerance"):
        TopicRules(tolerance=1.5)


# --- Explanations ----------------------------------------------------------------------------

SIDES = {ARMENIA: "Armenia", AZERBAIJAN: "Azerbaijan", RUSSIA: "Russia", TURKEY: "Turkey"}
CLAIMANTS = {
    10: "Nagorno-Karabakh Defence Army",
    11: "Arayik Harutyunyan",
    20: "Azeri officials",
    30: "Vladimir Putin",
    100 + ARMENIA: "Armenian officials",
    100 + AZERBAIJAN: "Azeri officials",
}


def names(claim):
    return SIDES[claim.side_id], CLAIMANTS[claim.claimant_id]


def wording(claim):
    qualifier = "" if claim.qualifier == Q.EXACT else f"{Q(claim.qualifier).label} "
    return f"{qualifier}{claim.value:,}"


def sentence(x, y, topic=RUNNING, **kwargs):
    return explain(compare(x, y, topic), names, wording, **kwargs)


def test_explain_figure_mismatch():
    """A figure mismatch names each side, voice, date and figure, and how far apart they are at least."""
    putin = figure(1, Q.MORE_THAN, 2000, side=RUSSIA, claimant=30)
    armenia = figure(2, Q.EXACT, 874, side=ARMENIA, claimant=10)
    assert sentence(armenia, putin) == (
        "Russia (Vladimir Putin, 22 Oct 2020): more than 2,000"
        " — Armenia (Nagorno-Karabakh Defence Army, 22 Oct 2020): 874 — at least 2.3× apart."
    )


def test_explain_exact_figures_and_infinite_gaps():
    """Two single numbers are a plain ratio apart; beside a zero the two figures speak for themselves (no "∞")."""
    armenia = figure(1, Q.EXACT, 1000, side=ARMENIA)
    azerbaijan = figure(2, Q.EXACT, 2500, side=AZERBAIJAN, claimant=20)
    assert sentence(armenia, azerbaijan).endswith(": 2,500 — 2.5× apart.")
    none = figure(3, Q.EXACT, 0, side=ARMENIA)
    assert sentence(none, azerbaijan) == (
        "Azerbaijan (Azeri officials, 22 Oct 2020): 2,500 — Armenia (Nagorno-Karabakh Defence Army, 22 Oct 2020): 0."
    )


def test_explain_internal_inconsistency():
    """Two voices of one side are named with their own dates and figures."""
    ministry = figure(1, Q.EXACT, 874, claimant=10, on=0)
    president = figure(2, Q.AT_LEAST, 1200, claimant=11, on=2)
    assert sentence(ministry, president) == (
        "Two voices of Armenia disagree: Nagorno-Karabakh Defence Army (22 Oct 2020): 874"
        " — Arayik Harutyunyan (24 Oct 2020): at least 1,200 — at least 1.4× apart."
    )


def test_explain_conflicting_reports():
    """Conflicting reports say what the claimant is reported to have said on that date."""
    reuters = figure(1, Q.MORE_THAN, 2000, side=RUSSIA, claimant=30)
    afp = figure(2, Q.NEARLY, 2000, side=RUSSIA, claimant=30)
    assert sentence(reuters, afp) == (
        "Reports of what Vladimir Putin (Russia) said on 22 Oct 2020 disagree:"
        " more than 2,000 — nearly 2,000 — at least 1.0× apart."
    )


def test_explain_downward_revision():
    """A downward revision says the running toll went down from the earlier figure to the later one."""
    earlier = figure(1, Q.EXACT, 1200, on=0)
    later = figure(2, Q.EXACT, 874, on=9, as_of=8)
    assert sentence(later, earlier) == (
        "Armenia (Nagorno-Karabakh Defence Army): the running toll went down"
        " from 1,200 (22 Oct 2020) to 874 (31 Oct 2020, as of 30 Oct 2020) — 1.4× apart."
    )


def test_explain_denial():
    """A denial names who accuses whom, and who denies it."""
    accusation = proposition(1, "asserts", ARMENIA, side=AZERBAIJAN, on=4)
    denial = proposition(2, "denies", ARMENIA, side=ARMENIA, on=4)
    assert sentence(denial, accusation, PROPOSITION) == (
        "Azerbaijan (Azeri officials, 26 Oct 2020) accuses Armenia;"
        " Armenia (Armenian officials, 26 Oct 2020) denies it."
    )


def test_explain_denial_accuser_first_even_when_the_denial_came_first():
    """The sentence reads accusation then denial, whichever claim is earlier."""
    denial = proposition(1, "denies", None, side=ARMENIA, on=3)
    accusation = proposition(2, "asserts", None, side=AZERBAIJAN, on=4)
    assert sentence(denial, accusation, PROPOSITION) == (
        "Azerbaijan (Azeri officials, 26 Oct 2020) says it happened;"
        " Armenia (Armenian officials, 25 Oct 2020) denies it."
    )


def test_explain_counter_accusation():
    """A counter-accusation says whom each side blames."""
    azerbaijan = proposition(1, "asserts", ARMENIA, side=AZERBAIJAN, on=4)
    armenia = proposition(2, "asserts", AZERBAIJAN, side=ARMENIA, on=4)
    assert sentence(armenia, azerbaijan, PROPOSITION) == (
        "Azerbaijan (Azeri officials, 26 Oct 2020) blames Armenia;"
        " Armenia (Armenian officials, 26 Oct 2020) blames Azerbaijan."
    )


def test_explain_names_a_third_side_through_side_name():
    """An accused side that is neither claim's side is named by the optional side_name callback."""
    accusation = proposition(1, "asserts", TURKEY, side=ARMENIA)
    denial = proposition(2, "denies", TURKEY, side=AZERBAIJAN)
    assert "Armenia (Armenian officials, 22 Oct 2020) accuses Turkey;" in sentence(
        accusation, denial, PROPOSITION, side_name=SIDES.__getitem__
    )
    assert "accuses another side;" in sentence(accusation, denial, PROPOSITION)


# --- Properties ------------------------------------------------------------------------------

topics = st.builds(
    TopicRules,
    kind=st.sampled_from(["figure", "figure", "proposition"]),
    cumulative=st.booleans(),
    window_days=st.integers(0, 3),
    tolerance=st.sampled_from([0.0, 0.1, 0.5]),
)

intervals = st.builds(
    interval_for,
    qualifier=st.sampled_from(Q.values),
    value=st.integers(0, 12),
    value_max=st.just(12),
    tolerance=st.sampled_from([0.0, 0.1, 0.5]),
)


@st.composite
def claim_lists(draw, max_size=14):
    """Small pools of sides, claimants, dates and numbers, so that ties, touches and windows are common."""
    claims = []
    for index in range(draw(st.integers(0, max_size))):
        qualifier = draw(st.sampled_from([*Q.values, None]))
        value = draw(st.integers(0, 6)) if qualifier else None  # few numbers, so that intervals often touch
        stated_on = draw(st.integers(0, 8))
        claims.append(
            ClaimFacts(
                id=draw(st.sampled_from([index, str(index)])),  # 3 and "3" are different claims that print alike
                claimant_id=draw(st.integers(0, 3)),
                side_id=draw(st.integers(0, 2)),
                stated_on=days(stated_on),
                stance=draw(st.sampled_from(["asserts", "denies"])),
                accused_side_id=draw(st.sampled_from([None, 0, 1, 2])),
                qualifier=qualifier,
                value=value,
                value_max=value + draw(st.integers(0, 3)) if qualifier == Q.BETWEEN else None,
                as_of=draw(st.sampled_from([None, days(stated_on - draw(st.integers(0, 4)))])),
            )
        )
    return claims


def brute_force(claims, topic):
    return {c for x, y in itertools.combinations(claims, 2) if (c := compare(x, y, topic)) is not None}


@settings(deadline=None, max_examples=300)
@given(claim_lists(max_size=6), topics)
def test_compare_is_symmetric_and_orders_the_pair(claims, topic):
    """compare(x, y) == compare(y, x), with a no later than b and the figure severity of the two intervals."""
    for x, y in itertools.combinations(claims, 2):
        conflict = compare(x, y, topic)
        assert conflict == compare(y, x, topic)
        if conflict is None:
            continue
        assert (conflict.a.as_of, conflict.a.stated_on) <= (conflict.b.as_of, conflict.b.stated_on)
        if topic.kind == "figure":
            ia, ib = (interval_for(c.qualifier, c.value, c.value_max, topic.tolerance) for c in (x, y))
            assert conflict.severity == severity(ia, ib) >= 1
        else:
            assert conflict.severity is None


@settings(deadline=None, max_examples=400)
@given(claim_lists(), topics)
def test_find_conflicts_equals_brute_force(claims, topic):
    """The fast path finds exactly the pairs compare flags, each once."""
    found = find_conflicts(claims, topic)
    assert len(found) == len(set(found))
    assert set(found) == brute_force(claims, topic)


@settings(deadline=None, max_examples=200)
@given(claim_lists(), topics)
def test_conflicts_with_is_the_brute_force_subset_for_one_claim(claims, topic):
    """Recomputing one claim gives exactly the pairs of the topic that involve it, with or without its old version."""
    everything = brute_force(claims, topic)
    for claim in claims:
        involving = {c for c in everything if claim in (c.a, c.b)}
        others = [c for c in claims if c is not claim]
        old_version = dataclasses.replace(  # what the claim was before the change: another side and figure
            claim,
            side_id=claim.side_id + 1,
            stance="denies" if claim.stance == "asserts" else "asserts",
            value=None if claim.value is None else claim.value + 100,
            value_max=None if claim.value_max is None else claim.value_max + 100,
        )
        assert set(conflicts_with(claim, others, topic)) == involving
        assert set(conflicts_with(claim, [*others, claim, old_version], topic)) == involving


@given(intervals, intervals)
def test_severity_is_at_least_one(left, right):
    """However the intervals lie, severity is >= 1 and does not depend on argument order."""
    assert severity(left, right) == severity(right, left) >= 1


@given(intervals, intervals)
def test_disjointness_is_symmetric_and_means_one_lies_below(left, right):
    """Disjoint in one direction is disjoint in the other, and means one interval lies below the other."""
    assert left.is_disjoint(right) == right.is_disjoint(left) == (left.lies_below(right) or right.lies_below(left))
    if left.lies_below(right):
        assert left.high <= right.low and not math.isinf(left.high)
