"""The words figures are written in: qualifier phrases, number words, scale words and what may follow a count.

Extraction builds its figure spotting from `vocabulary()`, so the two never disagree.
"""

from __future__ import annotations

import re

from claims.figures.figure import Qualifier

_PREFIXES: dict[tuple[str, ...], str] = {
    **dict.fromkeys(
        [
            ("about",),
            ("approximately",),
            ("approx",),
            ("approx", "."),
            ("around",),
            ("roughly",),
            ("some",),
            ("an", "estimated"),
            ("estimated",),
            ("circa",),
            ("~",),
        ],
        Qualifier.APPROXIMATELY,
    ),
    **dict.fromkeys(
        [("nearly",), ("nearing",), ("almost",), ("close", "to"), ("just", "under"), ("just", "shy", "of"),
         ("shy", "of")],
        Qualifier.NEARLY,
    ),
    **dict.fromkeys(
        [
            ("at", "least"),
            ("no", "less", "than"),
            ("not", "less", "than"),
            ("no", "fewer", "than"),
            ("not", "fewer", "than"),
            ("a", "minimum", "of"),
        ],
        Qualifier.AT_LEAST,
    ),
    **dict.fromkeys(
        [
            ("more", "than"),
            ("over",),
            ("above",),
            ("upwards", "of"),
            ("upward", "of"),
            ("in", "excess", "of"),
            ("just", "over"),
            ("well", "over"),
            ("well", "above"),
            ("past",),
        ],
        Qualifier.MORE_THAN,
    ),
    **dict.fromkeys(
        [
            ("at", "most"),
            ("up", "to"),
            ("as", "many", "as"),
            ("as", "high", "as"),
            ("no", "more", "than"),
            ("not", "more", "than"),
            ("a", "maximum", "of"),
        ],
        Qualifier.AT_MOST,
    ),
    **dict.fromkeys(
        [("less", "than"), ("fewer", "than"), ("under",), ("below",)],
        Qualifier.LESS_THAN,
    ),
    # Words that introduce a count without qualifying it: the count is as exact as it is written.
    **dict.fromkeys([("a", "total", "of"), ("another",), ("a", "further"), ("an", "additional")], Qualifier.EXACT),
    # "in the tens of thousands": only before a vague count (checked in _Reader.read).
    ("in", "the"): Qualifier.EXACT,
    # Range openers, with the words that may separate their two bounds.
    ("between",): Qualifier.BETWEEN,
    ("from",): Qualifier.BETWEEN,
}
_RANGE_SEPARATORS = {"between": ("and", "-", "to"), "from": ("to", "-")}
_VAGUE_ONLY_PREFIXES = frozenset({("in", "the")})
# Prefixes that may open a range ("about 1,000 to 2,000"): the range's bounds carry the figure as printed.
_RANGE_PREFIXES = frozenset({Qualifier.APPROXIMATELY, Qualifier.EXACT})
# Prefixes of plain words, as _read_common sees them ("at least"): not the range openers.
_WORD_PREFIXES = {
    " ".join(phrase): qualifier
    for phrase, qualifier in _PREFIXES.items()
    if qualifier != Qualifier.BETWEEN and phrase not in _VAGUE_ONLY_PREFIXES
    and all(word.isascii() and word.isalpha() for word in phrase)
}
# A count in digits, plain or grouped in threes by commas, with no leading zero.
_COUNT = r"(?:0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)"
# "<count>", "<words> <count>" (words checked against _WORD_PREFIXES) or "<count>-<count>".
_COMMON = re.compile(rf"(?:(?P<words>[a-z]+(?: [a-z]+)*) )?(?P<low>{_COUNT})(?:-(?P<high>{_COUNT}))?")

_PROVISIONAL = [("not", "final"), ("provisional",), ("preliminary",)]
_SUFFIXES: dict[tuple[str, ...], str] = {
    **dict.fromkeys(
        [
            ("+",),
            ("or", "more"),
            ("and", "more"),
            ("and", "counting"),
            ("and", "rising"),
            ("as", "a", "minimum"),
            ("at", "least"),
            ("at", "the", "least"),
            ("at", "the", "very", "least"),
            ("at", "a", "minimum"),
            *_PROVISIONAL,
            *((",", *marker) for marker in _PROVISIONAL),
            *(("(", *marker, ")") for marker in _PROVISIONAL),
        ],
        Qualifier.AT_LEAST,
    ),
    **dict.fromkeys(
        [
            ("or", "fewer"),
            ("or", "less"),
            ("at", "most"),
            ("at", "the", "most"),
            ("at", "the", "very", "most"),
            ("at", "a", "maximum"),
            ("as", "a", "maximum"),
        ],
        Qualifier.AT_MOST,
    ),
    **dict.fromkeys([("or", "so"), ("or", "thereabouts")], Qualifier.APPROXIMATELY),
    # "dozens more", "50 more": that many more, the count as written.
    ("more",): Qualifier.EXACT,
}

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Lakh and crore are read (South Asian copy prints them: "8 lakh" is 800,000), singular or plural.
_SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
}  # fmt: skip
_DOZEN = 12
_VAGUE = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 10**3, "millions": 10**6}
_VAGUE_MULTIPLIABLE = {"tens", "dozens", "hundreds"}  # "tens of thousands"
_VAGUE_MULTIPLIERS = {"thousands": 10**3, "millions": 10**6}

# Words that are (part of) a number: after the figure they mean a second number.
_NUMBER_WORDS = frozenset({"zero", "hundred", "dozen", "half", *_ONES, *_TEENS, *_TENS, *_SCALES, *_VAGUE})
# Counts with no agreed number: named in the error instead of "no number found".
_UNCOUNTED_WORDS = frozenset(
    {"several", "many", "few", "couple", "handful", "scores", "numerous", "countless", "multiple"}
)
# Words that scale, divide or qualify a count, wherever they stand after the figure: reading past them
# would change the figure, so they are refused unless the grammar reads them. With any word ending in
# "illion" that is not a known scale ("zillion"), this is what "never a silent guess" rests on.
_NUMBER_LIKE_AFTER = frozenset(
    {
        "half", "halves", "quarter", "quarters", "third", "thirds", "fifth", "fifths", "tenth", "tenths",
        "percent", "pc", "lac", "lacs", "arab", "score", "gross", "myriad", "umpteen",
        "more", "less", "fewer", "least", "most", "max", "maximum", "min", "minimum",
        "approximately", "approx", "roughly", "nearly", "almost", "estimated", "est", "thereabouts",
        "final", "provisional", "preliminary", "rising", "counting",
    }
)  # fmt: skip
# Words that, right after the figure, would change its meaning if ignored.
_MEANINGFUL_AFTER = frozenset(
    {
        "or", "and", "to", "plus", "minus", "times", "than", "odd", "ish",
        "approximately", "approx", "roughly", "about", "nearly", "almost", "estimated", "est",
        "more", "less", "fewer", "least", "most", "max", "maximum", "min", "minimum",
        "not", "final", "provisional", "preliminary", "thereabouts",
        "percent", "per", "pc", "k", "m", "mn", "bn", "b",
    }
)  # fmt: skip
# Punctuation that may follow the figure, before words that are ignored.
_QUIET_MARKS = frozenset(",.;:()[]!?'\"‘’“”")


def vocabulary() -> dict[str, tuple]:
    """Return the words and phrases figures are read with, so that code spotting figures in text uses the same."""
    return {
        # Not "past" (running text says "the past 24 hours") nor the words that introduce an exact
        # count ("another", "in the"): an editor typing them means a figure, a sentence may not.
        "prefixes": tuple(
            p for p, q in _PREFIXES.items() if q not in (Qualifier.BETWEEN, Qualifier.EXACT) and p != ("past",)
        ),
        "ranges": tuple(_RANGE_SEPARATORS.items()),
        "suffixes": tuple(_SUFFIXES),
        "ones": tuple(_ONES),
        "teens": tuple(_TEENS),
        "tens": tuple(_TENS),
        "scales": tuple(_SCALES),
        "vague": tuple(_VAGUE),
        "vague_multipliable": tuple(_VAGUE_MULTIPLIABLE),
        "vague_multipliers": tuple(_VAGUE_MULTIPLIERS),
        "halves": ("half",),  # "half a million", "one and a half million", "half a dozen"
        "dozens": ("dozen",),  # "a dozen" is 12, "two dozen" 24
    }

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"))
_DIGIT_SPACES = frozenset(" \u00a0\u2007\u2009\u202f")  # may separate digit groups: "2 300"
_TOKEN = re.compile(r"(?P<digits>[0-9]+)|(?P<word>[^\W\d_]+)|(?P<space>\s+)|(?P<mark>.)", re.DOTALL)


# Plural counts that take "of" before what they count: "dozens of people", "tens of thousands of
# people"; "a dozen people", "8 lakh people" and "thousands more people" take none.
_COUNTS_WITH_OF = frozenset({*_VAGUE, "scores", "lakhs", "crores", "billions"})


def with_noun(wording: str, noun: str) -> str:
    """Return the figure as worded followed by what it counts, with "of" where English needs it.

    >>> with_noun("dozens", "people wounded")
    'dozens of people wounded'
    >>> with_noun("nearing 5,000", "deaths")
    'nearing 5,000 deaths'
    """
    if not noun:
        return wording
    last = wording.rsplit(None, 1)[-1].casefold() if wording.strip() else ""
    return f"{wording} of {noun}" if last in _COUNTS_WITH_OF else f"{wording} {noun}"
