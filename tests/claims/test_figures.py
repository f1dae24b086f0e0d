"""Figure wording: every form DESIGN §4 accepts, every way it refuses, and the round trip."""

import pickle
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.figures import (
    MAX_VALUE,
    Figure,
    FigureError,
    Qualifier,
    check_figure,
    format_figure,
    parse_figure,
)

Q = Qualifier


# --- Qualifiers ---------------------------------------------------------------------------

QUALIFIER_FORMS = [
    # exact
    ("15", Q.EXACT, 15),
    ("2,300", Q.EXACT, 2300),
    ("fifteen", Q.EXACT, 15),
    ("five thousand", Q.EXACT, 5000),
    ("0", Q.EXACT, 0),
    ("zero", Q.EXACT, 0),
    # approximately
    ("about 300", Q.APPROXIMATELY, 300),
    ("approximately 300", Q.APPROXIMATELY, 300),
    ("around 300", Q.APPROXIMATELY, 300),
    ("roughly 300", Q.APPROXIMATELY, 300),
    ("some 300", Q.APPROXIMATELY, 300),
    ("an estimated 300", Q.APPROXIMATELY, 300),
    ("estimated 300", Q.APPROXIMATELY, 300),
    ("circa 300", Q.APPROXIMATELY, 300),
    ("~300", Q.APPROXIMATELY, 300),
    ("~ 300", Q.APPROXIMATELY, 300),
    ("approx. 300", Q.APPROXIMATELY, 300),
    ("approx 300", Q.APPROXIMATELY, 300),
    # nearly
    ("nearly 5,000", Q.NEARLY, 5000),
    ("nearing 5,000", Q.NEARLY, 5000),
    ("almost 2,000", Q.NEARLY, 2000),
    ("close to 2,000", Q.NEARLY, 2000),
    ("just under 2,000", Q.NEARLY, 2000),
    # at_least
    ("at least 25", Q.AT_LEAST, 25),
    ("no less than 25", Q.AT_LEAST, 25),
    ("not less than 25", Q.AT_LEAST, 25),
    ("no fewer than 25", Q.AT_LEAST, 25),
    ("not fewer than 25", Q.AT_LEAST, 25),
    ("a minimum of 25", Q.AT_LEAST, 25),
    ("300+", Q.AT_LEAST, 300),
    ("300 +", Q.AT_LEAST, 300),
    ("49, not final", Q.AT_LEAST, 49),
    # more_than
    ("more than 2,000", Q.MORE_THAN, 2000),
    ("over 2,000", Q.MORE_THAN, 2000),
    ("above 2,000", Q.MORE_THAN, 2000),
    ("upwards of 2,000", Q.MORE_THAN, 2000),
    ("upward of 2,000", Q.MORE_THAN, 2000),
    ("in excess of 2,000", Q.MORE_THAN, 2000),
    ("just over 2,000", Q.MORE_THAN, 2000),
    # at_most
    ("at most 40", Q.AT_MOST, 40),
    ("up to 40", Q.AT_MOST, 40),
    ("as many as 5,000", Q.AT_MOST, 5000),
    ("no more than 40", Q.AT_MOST, 40),
    ("not more than 40", Q.AT_MOST, 40),
    ("a maximum of 40", Q.AT_MOST, 40),
    # less_than
    ("less than 40", Q.LESS_THAN, 40),
    ("fewer than 40", Q.LESS_THAN, 40),
    ("under 40", Q.LESS_THAN, 40),
    ("below 40", Q.LESS_THAN, 40),
]


@pytest.mark.parametrize(("wording", "qualifier", "value"), QUALIFIER_FORMS)
def test_reads_each_qualifier_form(wording, qualifier, value):
    """Every qualifier wording of the DESIGN §4 table (and the documented extras) reads as its qualifier."""
    assert parse_figure(wording) == Figure(qualifier, value)


@pytest.mark.parametrize(
    "wording",
    ["  more than 2,000  ", "MORE THAN 2,000", "More Than 2,000", "\tmore\u00a0than 2,000\n", "more  than 2,000"],
)
def test_ignores_case_and_surrounding_whitespace(wording):
    """Case, surrounding whitespace and the spacing between words do not change the reading."""
    assert parse_figure(wording) == Figure(Q.MORE_THAN, 2000)


# --- Ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "low", "high"),
    [
        ("260-280", 260, 280),
        ("260–280", 260, 280),
        ("260—280", 260, 280),
        ("260 - 280", 260, 280),
        ("260 to 280", 260, 280),
        ("between 260 and 280", 260, 280),
        ("between 260-280", 260, 280),
        ("from 260 to 280", 260, 280),
        ("from 260–280", 260, 280),
        ("260-260", 260, 260),
        ("0-5", 0, 5),
        ("0-5,000", 0, 5000),  # zero reads the same whether or not it shares the thousands
        ("300 to 500,000", 300, 500_000),  # only a dash may share the thousands: "to" and "and" read as written
        ("between 300 and 500,000", 300, 500_000),
        ("from 5 to 10,000", 5, 10_000),
        ("2,300-2,400", 2300, 2400),
        ("five-six", 5, 6),
        ("twenty-five to thirty", 25, 30),
        ("between twenty-five and thirty", 25, 30),
        ("between one hundred and twenty and two hundred", 120, 200),
        ("between two thousand and three thousand", 2000, 3000),
        ("between 260 and 280 soldiers", 260, 280),
    ],
)
def test_reads_ranges_as_between(wording, low, high):
    """Dashes, "to", "between … and" and "from … to" read as a between figure, trailing words ignored."""
    assert parse_figure(wording) == Figure(Q.BETWEEN, low, high)


@pytest.mark.parametrize(
    ("wording", "low", "high"),
    [
        ("2-3 million", 2_000_000, 3_000_000),
        ("between 2 and 3 million", 2_000_000, 3_000_000),
        ("1.5-2 million", 1_500_000, 2_000_000),
        ("10 to 15 thousand", 10_000, 15_000),
        ("2-3k", 2000, 3000),
        ("200 to 300 thousand", 200_000, 300_000),
        ("two to three hundred", 200, 300),
        ("two to three dozen", 24, 36),
        ("500 to 2 thousand", 500, 2000),
        ("fifty to three hundred", 50, 300),
        ("5,000 to 10 thousand", 5000, 10_000),
        ("two thousand to three thousand", 2000, 3000),
    ],
)
def test_shares_a_trailing_scale_word_across_a_range(wording, low, high):
    """A plain first bound takes the second bound's scale word when that is the only sensible reading."""
    assert parse_figure(wording) == Figure(Q.BETWEEN, low, high)


# --- Numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "value"),
    [
        ("2,300", 2300),
        ("2.300", 2300),
        ("2 300", 2300),
        ("2\u00a0300", 2300),  # no-break space
        ("2\u202f300", 2300),  # narrow no-break space
        ("2\u2009300", 2300),  # thin space
        ("2\u2007300", 2300),  # figure space
        ("1,234,567", 1_234_567),
        ("1.234.567", 1_234_567),
        ("1 234 567", 1_234_567),
        ("146,000", 146_000),
        ("2300", 2300),
        ("1.5 million", 1_500_000),
        ("2.3 thousand", 2300),
        ("0.5 million", 500_000),
        ("1,234.5 million", 1_234_500_000),
        ("2 billion", 2_000_000_000),
        ("300k", 300_000),
        ("300K", 300_000),
        ("2.5k", 2500),
        ("5 thousand", 5000),
        ("15 hundred", 1500),
        ("3 dozen", 36),
    ],
)
def test_reads_digits_separators_and_scale_words(wording, value):
    """Thousands separators (comma, dot, spaces), decimals before a scale word and a glued "k" read exactly."""
    assert parse_figure(wording) == Figure(Q.EXACT, value)


@pytest.mark.parametrize(
    ("wording", "value"),
    [
        ("zero", 0),
        ("one", 1),
        ("twelve", 12),
        ("nineteen", 19),
        ("twenty", 20),
        ("ninety", 90),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("ninety-nine", 99),
        ("a hundred", 100),
        ("one hundred", 100),
        ("one hundred and twenty", 120),
        ("a hundred and five", 105),
        ("three hundred twelve", 312),
        ("fifteen hundred", 1500),
        ("a thousand", 1000),
        ("five thousand", 5000),
        ("ten thousand", 10_000),
        ("two thousand and twenty", 2020),
        ("five thousand three hundred", 5300),
        ("five hundred thousand", 500_000),
        ("two million", 2_000_000),
        ("a million", 1_000_000),
        ("two million five hundred thousand", 2_500_000),
        ("a billion", 1_000_000_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("Twenty-Five", 25),
    ],
)
def test_reads_number_words(wording, value):
    """Numbers written in words read exactly, including hyphens, "and", "a hundred" and "a dozen"."""
    assert parse_figure(wording) == Figure(Q.EXACT, value)


@pytest.mark.parametrize(
    ("wording", "figure"),
    [
        ("more than a dozen", Figure(Q.MORE_THAN, 12)),
        ("about a hundred", Figure(Q.APPROXIMATELY, 100)),
        ("almost a thousand", Figure(Q.NEARLY, 1000)),
        ("about a hundred thousand", Figure(Q.APPROXIMATELY, 100_000)),
        ("at least twenty-five", Figure(Q.AT_LEAST, 25)),
        ("up to 1.5 million", Figure(Q.AT_MOST, 1_500_000)),
        ("~10k", Figure(Q.APPROXIMATELY, 10_000)),
    ],
)
def test_qualifiers_combine_with_any_number_form(wording, figure):
    """A qualifier reads the same in front of words, scale words and "k" as in front of digits."""
    assert parse_figure(wording) == figure


@pytest.mark.parametrize(
    ("wording", "value"),
    [
        ("tens", 10),
        ("dozens", 12),
        ("hundreds", 100),
        ("thousands", 1000),
        ("millions", 1_000_000),
        ("tens of thousands", 10_000),
        ("dozens of thousands", 12_000),
        ("hundreds of thousands", 100_000),
        ("tens of millions", 10_000_000),
        ("dozens of people", 12),
        ("hundreds of civilians", 100),
        ("tens of thousands of refugees", 10_000),
        ("at least hundreds", 100),
        ("at least tens of thousands", 10_000),
        ("hundreds, not final", 100),
        ("Dozens", 12),
    ],
)
def test_reads_vague_counts_as_at_least_by_acled_convention(wording, value):
    """ACLED's vague counts (tens 10, dozens 12, hundreds 100, thousands 1,000, composed) read as at_least."""
    assert parse_figure(wording) == Figure(Q.AT_LEAST, value)


# --- After the number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "figure"),
    [
        ("49, not final", Figure(Q.AT_LEAST, 49)),
        ("49 (not final)", Figure(Q.AT_LEAST, 49)),
        ("49 not final", Figure(Q.AT_LEAST, 49)),
        ("49, Not Final", Figure(Q.AT_LEAST, 49)),
        ("49 (provisional)", Figure(Q.AT_LEAST, 49)),
        ("49, preliminary", Figure(Q.AT_LEAST, 49)),
        ("at least 49, not final", Figure(Q.AT_LEAST, 49)),
        ("more than 49, not final", Figure(Q.MORE_THAN, 49)),
        ("300+ (not final)", Figure(Q.AT_LEAST, 300)),
        ("300 or more", Figure(Q.AT_LEAST, 300)),
        ("300 and counting", Figure(Q.AT_LEAST, 300)),
        ("300 at least", Figure(Q.AT_LEAST, 300)),
        ("300 at the very least", Figure(Q.AT_LEAST, 300)),
        ("300 at a minimum", Figure(Q.AT_LEAST, 300)),
        ("300 or fewer", Figure(Q.AT_MOST, 300)),
        ("300 or less", Figure(Q.AT_MOST, 300)),
        ("300 at most", Figure(Q.AT_MOST, 300)),
        ("300 at the most", Figure(Q.AT_MOST, 300)),
        ("up to 300 at most", Figure(Q.AT_MOST, 300)),
        ("300 or so", Figure(Q.APPROXIMATELY, 300)),
        ("300 or thereabouts", Figure(Q.APPROXIMATELY, 300)),
    ],
)
def test_reads_qualifiers_after_the_number(wording, figure):
    """Provisional markers ("not final", "+") read as at_least; "or more", "or so" and the like as their qualifier."""
    assert parse_figure(wording) == figure


@pytest.mark.parametrize(
    ("wording", "figure"),
    [
        ("more than 2,000 from each side", Figure(Q.MORE_THAN, 2000)),
        ("more than 2,000 from each side.", Figure(Q.MORE_THAN, 2000)),
        ("at least 25 killed", Figure(Q.AT_LEAST, 25)),
        ("nearing 5,000 deaths", Figure(Q.NEARLY, 5000)),
        ("15 dead", Figure(Q.EXACT, 15)),
        ("12 prisoners", Figure(Q.EXACT, 12)),
        ("about 300 soldiers, mostly conscripts", Figure(Q.APPROXIMATELY, 300)),
        ("2,300 (according to the ministry)", Figure(Q.EXACT, 2300)),
        ("1.5 million people", Figure(Q.EXACT, 1_500_000)),
        ("a dozen wounded", Figure(Q.EXACT, 12)),
    ],
)
def test_ignores_trailing_words_without_a_number(wording, figure):
    """Words after the figure that hold no number and cannot change it are ignored."""
    assert parse_figure(wording) == figure


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("lots of", "no number found"),
        ("no casualties", "no number found"),
        ("garbage!", "no number found"),
        ("several", '"several" has no agreed number'),
        ("a few dead", '"few" has no agreed number'),
        ("many", '"many" has no agreed number'),
        ("a handful", '"handful" has no agreed number'),
        ("scores of people", '"scores" has no agreed number'),
        ("hundred", '"hundred" is not a complete number'),
        ("15 or 16", 'second number "16"'),
        ("15, 16", 'second number "16"'),
        ("15/16", 'second number "16"'),
        ("at least 25 killed and 2 injured", 'second number "2"'),
        ("more than 2,000 on one side", 'second number "one"'),
        ("25 killed, hundreds wounded", 'second number "hundreds"'),
        ("-5", "negative"),
        ("minus 5", "negative"),
        ("about \u22125", "negative"),
        ("2.5", "decimal needs a scale word"),
        ("2.0", "decimal needs a scale word"),
        ("1.5 to 2", "decimal needs a scale word"),
        ("1.5 dozen", "decimal needs a scale word"),
        ("1.2345 thousand", "not whole"),
        ("2,30", "grouped in threes"),
        ("2,3000", "grouped in threes"),
        ("2300,000", "grouped in threes"),
        ("1,5 million", "grouped in threes"),
        ("2.300,5", "grouped in threes"),
        ("2.300 million", "ambiguous"),
        ("007", "starts with a zero"),
        ("0,300", "starts with a zero"),
        ("25%", 'cannot read "%"'),
        ("25 percent", 'cannot read "percent"'),
        ("300-odd", 'cannot read "-"'),
        ("300 k", 'cannot read "k"'),
        ("300m", 'unknown unit "m"'),
        ("2bn", 'unknown unit "bn"'),
        ("25 and up", 'cannot read "and"'),
        ("25 or", 'cannot read "or"'),
        ("25 to", 'cannot read "to"'),
        ("$300", 'unrecognised words before the number: "$"'),
        ("possibly 300", 'unrecognised words before the number: "possibly"'),
        ("more than about 300", 'unrecognised words before the number: "about"'),
        ("more than", 'no number after "more than"'),
        ("between 300", 'expected "between <number> and <number>"'),
        ("from 300", 'expected "from <number> to <number>"'),
        ("between 300 and 200", "runs backwards"),
        ("300-200", "runs backwards"),
        ("260-80", "runs backwards"),
        ("between one hundred and twenty", "runs backwards"),
        ("more than 260-280", '"more than" cannot qualify a range'),
        ("300-500,000", "ambiguous range: does 300 mean 300 or 300,000"),
        ("three quarters", 'cannot read "quarters" after the number'),
        ("in the 5,000", '"in the" goes only before a vague count'),
        ("more than 260 to 280", '"more than" cannot qualify a range'),
        ("260-280, not final", "range cannot take another qualifier"),
        ("between dozens and hundreds", "vague count cannot bound a range"),
        ("more than dozens", 'reads only as "at least", not "more than"'),
        ("some hundreds", 'reads only as "at least", not "approximately"'),
        ("about 300, not final", 'conflicting qualifiers "approximately" and "at least"'),
        ("up to 300 or more", 'conflicting qualifiers "at most" and "at least"'),
        ("hundreds or so", "conflicting qualifiers"),
        ("two hundred to three hundred thousand", "ambiguous range"),
        ("two to three hundred thousand", "ambiguous range"),
        ("99999999999999999999", "larger than"),
        ("٣٠٠", "no number found"),
    ],
)
def test_rejects_unreadable_wording_naming_it_and_the_reason(wording, reason):
    """Unreadable wording raises FigureError quoting the wording and saying why, never a guess."""
    with pytest.raises(FigureError) as caught:
        parse_figure(wording)
    assert caught.value.wording == wording
    assert reason in caught.value.reason
    assert f'"{wording}"' in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_error_message_has_the_documented_shape():
    """str(FigureError) reads 'cannot read "<wording>" as a figure: <reason>'."""
    with pytest.raises(FigureError) as caught:
        parse_figure("lots of")
    assert str(caught.value) == 'cannot read "lots of" as a figure: no number found'


def test_rejects_overlong_wording_quickly_and_quotes_its_start():
    """Wording over 200 characters is refused at once, and the message quotes a shortened wording."""
    wording = "more than 2,000 " + "and more " * 100_000
    started = time.perf_counter()
    with pytest.raises(FigureError) as caught:
        parse_figure(wording)
    assert time.perf_counter() - started < 2  # a guard against runaway backtracking, not a speed target
    assert "longer than 200 characters" in caught.value.reason
    assert caught.value.wording == wording
    assert '"more than 2,000 and more' in str(caught.value)
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(
    "wording",
    [
        "between " + "one and " * 23 + "two",
        "one hundred and " * 12,
        "1," * 99 + "1",
        "1 " * 100,
        "tens of " * 25,
        "from " + "1 to " * 49,
        "2" * 200,
        "a " * 100,
    ],
)
def test_reads_pathological_wording_quickly(wording):
    """Repetitive wording at the length limit is answered at once (no catastrophic backtracking)."""
    started = time.perf_counter()
    with pytest.raises(FigureError):
        parse_figure(wording)
    assert time.perf_counter() - started < 2  # a guard against runaway backtracking, not a speed target


@pytest.mark.parametrize("wording", [None, 15, b"15"])
def test_rejects_non_text_with_type_error(wording):
    """Anything but a string is a programming error (TypeError), not unreadable wording."""
    with pytest.raises(TypeError):
        parse_figure(wording)


def test_figure_error_survives_pickling():
    """FigureError keeps its wording and reason through pickling (task queues, multiprocessing)."""
    error = pickle.loads(pickle.dumps(FigureError("lots of", "no number found")))
    assert (error.wording, error.reason, str(error)) == (
        "lots of",
        "no number found",
        'cannot read "lots of" as a figure: no number found',
    )


# --- Formatting and the Figure value ------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max", "wording"),
    [
        (Q.EXACT, 2300, None, "2,300"),
        (Q.EXACT, 0, None, "0"),
        (Q.APPROXIMATELY, 2300, None, "about 2,300"),
        (Q.NEARLY, 5000, None, "nearly 5,000"),
        (Q.AT_LEAST, 25, None, "at least 25"),
        (Q.MORE_THAN, 2000, None, "more than 2,000"),
        (Q.AT_MOST, 40, None, "at most 40"),
        (Q.LESS_THAN, 40, None, "less than 40"),
        (Q.BETWEEN, 260, 280, "260–280"),
        (Q.BETWEEN, 1_500_000, 2_000_000, "1,500,000–2,000,000"),
        ("at_least", 1_000_000_000_000, None, "at least 1,000,000,000,000"),
    ],
)
def test_formats_canonical_wording(qualifier, value, value_max, wording):
    """format_figure and str(Figure) give the canonical wording of each qualifier."""
    assert format_figure(qualifier, value, value_max) == wording
    assert str(Figure(qualifier, value, value_max)) == wording


def test_figure_normalises_its_qualifier_to_the_enum():
    """A Figure built from a plain string holds the Qualifier member and equals one built from the member."""
    figure = Figure("at_least", 25)
    assert figure.qualifier is Q.AT_LEAST
    assert figure == Figure(Q.AT_LEAST, 25)
    assert hash(figure) == hash(Figure(Q.AT_LEAST, 25))


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max"),
    [(Q.EXACT, 0, None), (Q.BETWEEN, 5, 5), (Q.BETWEEN, 0, MAX_VALUE), ("less_than", MAX_VALUE, None)],
)
def test_check_figure_accepts_valid_triples(qualifier, value, value_max):
    """check_figure returns None for a valid triple, including empty-width ranges and the largest value."""
    assert check_figure(qualifier, value, value_max) is None


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max", "reason"),
    [
        ("at least", 5, None, "unknown qualifier"),
        ("EXACT", 5, None, "unknown qualifier"),
        (None, 5, None, "unknown qualifier"),
        (Q.EXACT, None, None, "value is required"),
        (Q.EXACT, -1, None, "value must not be negative"),
        (Q.EXACT, 2.5, None, "value must be a whole number"),
        (Q.EXACT, 5.0, None, "value must be a whole number"),
        (Q.EXACT, "5", None, "value must be a whole number"),
        (Q.EXACT, True, None, "value must be a whole number"),
        (Q.EXACT, MAX_VALUE + 1, None, "value must not exceed"),
        (Q.AT_LEAST, 5, 10, 'value_max is only for "between" figures'),
        (Q.BETWEEN, 5, None, "needs value_max"),
        (Q.BETWEEN, 10, 5, "value_max (5) must not be below value (10)"),
        (Q.BETWEEN, 5, -1, "value_max must not be negative"),
        (Q.BETWEEN, 5, 7.5, "value_max must be a whole number"),
    ],
)
def test_check_figure_rejects_invalid_triples(qualifier, value, value_max, reason):
    """check_figure, format_figure and Figure refuse an invalid triple with a FigureError (a ValueError) saying why."""
    with pytest.raises(FigureError) as caught:
        check_figure(qualifier, value, value_max)
    assert reason in caught.value.reason
    assert reason in str(caught.value)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(FigureError):
        format_figure(qualifier, value, value_max)
    with pytest.raises(FigureError):
        Figure(qualifier, value, value_max)


# --- Properties ---------------------------------------------------------------------------

VALUES = st.integers(min_value=0, max_value=10**12)


@st.composite
def figures(draw):
    qualifier = draw(st.sampled_from(Q.values))
    value = draw(VALUES)
    value_max = draw(st.integers(min_value=value, max_value=10**12)) if qualifier == Q.BETWEEN else None
    return qualifier, value, value_max


@pytest.mark.parametrize(
    ("figure", "wording"),
    [((300, 500_000), "300 to 500,000"), ((1, 1_953_125_000), "1 to 1,953,125,000"), ((0, 5000), "0–5,000"),
     ((300, 299_000), "300–299,000"), ((2300, 2400), "2,300–2,400")],
)
def test_a_range_a_dash_would_leave_ambiguous_is_written_with_to(figure, wording):
    """"300–500,000" may mean 300,000 to 500,000: the canonical wording of 300 to 500,000 says "to"."""
    assert format_figure(Q.BETWEEN, *figure) == wording
    assert parse_figure(wording) == Figure(Q.BETWEEN, *figure)


@given(figures())
def test_parse_reads_back_what_format_writes(triple):
    """parse_figure(format_figure(q, v, m)) == Figure(q, v, m) for every qualifier and values up to 10**12."""
    assert parse_figure(format_figure(*triple)) == Figure(*triple)


@given(figures())
def test_canonical_wording_reads_regardless_of_case_and_padding(triple):
    """The canonical wording still reads the same upper-cased and padded with whitespace."""
    assert parse_figure(f"  {format_figure(*triple).upper()}\t") == Figure(*triple)


@settings(max_examples=500)
@given(st.text(max_size=250))
def test_parse_raises_only_figure_error_on_arbitrary_text(wording):
    """Arbitrary text either reads or raises FigureError that quotes it; nothing else escapes."""
    try:
        figure = parse_figure(wording)
    except FigureError as error:
        assert error.wording == wording
    else:
        assert parse_figure(str(figure)) == figure


# fmt: off
VOCABULARY = [
    "0", "1", "5", "12", "300", "2,300", "2.300", "1.5", ",", ".", "+", "-", "–", "~", "(", ")", "%",
    "a", "an", "and", "to", "from", "between", "of", "k", "zero", "five", "twenty", "fifteen",
    "hundred", "thousand", "million", "dozen", "tens", "dozens", "hundreds", "thousands",
    "at", "least", "most", "more", "less", "than", "about", "nearly", "over", "under",
    "or", "so", "not", "final", "killed", "each", "side",
]
# fmt: on


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(["", " ", "  ", "\u00a0"])), max_size=8))
def test_parse_of_figure_like_text_is_error_or_canonical(pieces):
    """Figure-like text raises FigureError or reads to a figure whose canonical wording reads back the same."""
    wording = "".join(word + space for word, space in pieces)
    try:
        figure = parse_figure(wording)
    except FigureError as error:
        assert error.wording == wording
    else:
        assert parse_figure(str(figure)) == figure
