"""Wire-copy wordings the grammar reads (README "Figures as worded"), and the words it refuses rather than guess."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.figures import Figure, FigureError, parse_figure

# Each wording with the figure it reads as; the README's table lists the same forms.
WIRE_WORDINGS = [
    ("8 lakh", Figure("exact", 800_000)),
    ("over 1 lakh deaths", Figure("more_than", 100_000)),
    ("2 crore", Figure("exact", 20_000_000)),
    ("1 trillion", Figure("exact", 10**12)),
    ("half a million", Figure("exact", 500_000)),
    ("one and a half million", Figure("exact", 1_500_000)),
    ("half a dozen", Figure("exact", 6)),
    ("two-hundred", Figure("exact", 200)),
    ("between 30,000 to 40,000", Figure("between", 30_000, 40_000)),
    ("about 1,000 to 2,000", Figure("between", 1_000, 2_000)),
    ("an estimated 20 to 30 million", Figure("between", 20_000_000, 30_000_000)),
    ("as high as 5,000", Figure("at_most", 5_000)),
    ("past 5,000", Figure("more_than", 5_000)),
    ("well over 300", Figure("more_than", 300)),
    ("just shy of 900", Figure("nearly", 900)),
    ("25 and rising", Figure("at_least", 25)),
    ("40 and more", Figure("at_least", 40)),
    ("another 50", Figure("exact", 50)),
    ("a total of 1,009", Figure("exact", 1_009)),
    ("dozens more", Figure("at_least", 12)),
    ("in the tens of thousands", Figure("at_least", 10_000)),
    ("10,000 civilian casualties as a minimum", Figure("at_least", 10_000)),
    ("500-2,000", Figure("between", 500, 2_000)),
]

# Words that scale, divide or qualify a count and that the grammar does not read: after any readable
# wording they must turn it into an error, never into a different figure.
UNKNOWN_NUMBER_LIKE = ["zillion", "gazillion", "quarters", "thirds", "lacs", "percent", "umpteen", "myriad"]


@pytest.mark.parametrize(("wording", "figure"), WIRE_WORDINGS)
def test_reads_wire_copy_wordings(wording, figure):
    """Each documented wire-copy wording reads to its documented figure."""
    assert parse_figure(wording) == figure


@pytest.mark.parametrize(
    ("wording", "reason"),
    [
        ("300-500,000", "ambiguous range"),
        ("5-10,000", "ambiguous range"),
        ("three quarters", '"quarters"'),
        ("8 lakh, 5 percent", "second number"),
        ("25 killed, more expected", '"more"'),
        ("in the 5,000", '"in the"'),
        ("1.5 dozen", "decimal needs a scale word"),
    ],
)
def test_refuses_what_it_would_have_to_guess(wording, reason):
    """Ranges whose ends differ in scale, fractions and late qualifiers are errors naming the problem."""
    with pytest.raises(FigureError) as caught:
        parse_figure(wording)
    assert reason in str(caught.value)


@given(
    example=st.sampled_from(WIRE_WORDINGS),
    word=st.sampled_from(UNKNOWN_NUMBER_LIKE),
    filler=st.sampled_from(["", "people ", "civilians were ", "deaths, "]),
)
def test_an_unknown_number_like_word_makes_any_wording_an_error(example, word, filler):
    """Appending a scaling word the grammar does not know never yields a figure, let alone a different one."""
    wording, _ = example
    with pytest.raises(FigureError):
        parse_figure(f"{wording} {filler}{word}")
