"""Figures as worded in coverage: parsing, formatting and the qualifier vocabulary (DESIGN §4).

Pure code: no ORM, no settings. Callers pass the tolerance.

``parse_figure`` reads the wording an editor copies from an article ("more than 2,000",
"nearing 5,000 deaths", "260–280", "tens of thousands") into a ``Figure``;
``format_figure`` writes the canonical wording back, and the two round-trip. Reading is
strict: anything it cannot read with certainty is a ``FigureError`` that quotes the
wording and says why, never a guess. Decisions beyond the DESIGN table:

- "k" is a scale word only when glued to digits ("300k", "2.5k"); "m", "bn" and other
  units are errors, as are percentages.
- Vague counts follow ACLED: tens 10, dozens 12, hundreds 100, thousands 1,000, and by
  the same logic millions 1,000,000; "tens/dozens/hundreds of thousands/millions"
  multiply. They read as at_least, alone or after "at least"; any other qualifier on
  them is an error. "several", "many", "a few", "a couple", "a handful", "scores" have
  no agreed number and are errors.
- "a dozen" is exactly 12 and "two dozen" 24; "fifteen hundred" is 1,500.
- Extra qualifier forms: "estimated", "circa", "no/not fewer than", "not more than",
  "upward of", "just over" (more_than). After the number: "or more", "and counting",
  "at least", "at the (very) least", "at a minimum" (at_least); "or fewer", "or less",
  "at (the (very)) most", "at a maximum" (at_most); "or so", "or thereabouts"
  (approximately). "not final", "provisional" and "preliminary" (bare, after a comma or
  in brackets) and "+" mark a provisional count: at_least, or more_than after "more
  than". Any other mix of qualifiers is an error.
- Ranges share a trailing scale word when the first bound is a plain number no larger
  than the second's: "2-3 million" is 2,000,000–3,000,000, "two to three hundred" is
  200–300, but "500 to 2 thousand" is 500–2,000; where both readings fit ("two hundred
  to three hundred thousand") it is an error. Ranges take no other qualifier.
- Digit groups follow one separator throughout, so a single space groups too: "2 300"
  and "260 280" are 2,300 and 260,280. Leading zeros ("007"), decimal commas ("1,5
  million") and "2.300 million" (2.3 or 2,300 million?) are errors. Values must fit a
  64-bit integer column (``MAX_VALUE``).
- "between" takes "and", "to" (wire copy writes "between 30,000 to 40,000") or a dash;
  "from" takes "to" or a dash. A range may follow "about", "some", "an estimated" and the
  like ("about 1,000 to 2,000" reads 1,000–2,000: the printed bounds, the wording kept beside
  them), never "more than" and the like. A digits range whose first end may share the second's
  thousands ("300-500,000": 300 or 300,000?) is an error that asks for both ends in full.
- Also read: "lakh" (100,000) and "crore" (10,000,000), singular or plural, and "trillion";
  "half a million", "one and a half million", "half a dozen"; hyphenated number words
  ("two-hundred"); "as high as" (at_most); "past", "well over" (more_than); "just shy of"
  (nearly); "and rising", "and more", "as a minimum" (at_least, the last also after trailing
  words: "10,000 civilian casualties as a minimum"); "another", "a total of", "dozens more"
  and "in the tens of thousands" (the count as written).
- Words that scale, divide or qualify a count are refused wherever they stand after the
  figure unless read above ("three quarters", "25 zillion", "12 killed, more expected"), so
  an unknown scaling word is an error, never a different figure.
- Wording over 200 characters is an error; a non-string is a TypeError, not a
  FigureError. ``check_figure`` raises FigureError too, so ``except ValueError`` and
  ``except FigureError`` both catch every refusal.
- Trailing words are ignored when they hold no number and do not start with a word
  that would change the figure ("or", "and", "more", "percent", …): "at least 25
  killed" reads, "25 or 26", "25%" and "25 and up" do not.
"""

import re
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import NoReturn

from django.db import models


class Qualifier(models.TextChoices):
    EXACT = "exact", "exact"
    APPROXIMATELY = "approximately", "approximately"
    NEARLY = "nearly", "nearly"
    AT_LEAST = "at_least", "at least"
    MORE_THAN = "more_than", "more than"
    AT_MOST = "at_most", "at most"
    LESS_THAN = "less_than", "less than"
    BETWEEN = "between", "between"


MAX_VALUE = 2**63 - 1
"""Largest value a figure can hold, so that it fits a 64-bit integer column."""

_MAX_LENGTH = 200  # longer wording is an error, which also keeps parsing fast
_SHOWN_LENGTH = 80  # how much of an over-long wording error messages quote


# Qualifier.values builds a new list on each access; check_figure runs once per imported row.
_QUALIFIER_VALUES = frozenset(Qualifier.values)


class FigureError(ValueError):
    """Wording that cannot be read as a figure."""

    def __init__(self, wording: str, reason: str) -> None:
        super().__init__(wording, reason)
        self.wording = wording
        self.reason = reason

    def __str__(self) -> str:
        return f'cannot read "{_shorten(self.wording)}" as a figure: {self.reason}'


class _InvalidFigure(FigureError):
    """A qualifier, value and value_max that do not make a figure (``wording`` describes them)."""

    def __str__(self) -> str:
        return f"invalid figure ({self.wording}): {self.reason}"


def _shorten(wording: str) -> str:
    if len(wording) <= _SHOWN_LENGTH:
        return wording
    return wording[: _SHOWN_LENGTH - 1] + "…"


def check_figure(qualifier: str, value, value_max) -> None:
    """Raise FigureError (a ValueError) if the triple is not a valid figure."""

    def fail(reason: str) -> NoReturn:
        described = f"qualifier={qualifier!r}, value={value!r}, value_max={value_max!r}"
        raise _InvalidFigure(described, reason)

    if not isinstance(qualifier, str) or qualifier not in _QUALIFIER_VALUES:
        fail(f"unknown qualifier; expected one of {', '.join(Qualifier.values)}")
    for name, number in (("value", value), ("value_max", value_max)):
        if number is None:
            continue
        if isinstance(number, bool) or not isinstance(number, int):
            fail(f"{name} must be a whole number")
        if number < 0:
            fail(f"{name} must not be negative")
        if number > MAX_VALUE:
            fail(f"{name} must not exceed {MAX_VALUE:,}")
    if value is None:
        fail("value is required")
    if qualifier == Qualifier.BETWEEN:
        if value_max is None:
            fail('a "between" figure needs value_max')
        if value_max < value:
            fail(f"value_max ({value_max:,}) must not be below value ({value:,})")
    elif value_max is not None:
        fail(f'value_max is only for "between" figures, not "{qualifier}"')


_CANONICAL_PREFIX = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATELY: "about ",
    Qualifier.NEARLY: "nearly ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_MOST: "at most ",
    Qualifier.LESS_THAN: "less than ",
}


def format_figure(qualifier: str, value: int, value_max: int | None = None) -> str:
    """Return the canonical wording of a figure: "about 2,300", "260–280"."""
    check_figure(qualifier, value, value_max)
    if qualifier == Qualifier.BETWEEN:
        return f"{value:,}–{value_max:,}"
    return f"{_CANONICAL_PREFIX[qualifier]}{value:,}"


@dataclass(frozen=True, slots=True)
class Figure:
    """A qualifier and a count; value_max only for between (value <= value_max)."""

    qualifier: str
    value: int
    value_max: int | None = None

    def __post_init__(self) -> None:
        check_figure(self.qualifier, self.value, self.value_max)
        object.__setattr__(self, "qualifier", Qualifier(self.qualifier))

    def __str__(self) -> str:
        return format_figure(self.qualifier, self.value, self.value_max)


def parse_figure(wording: str) -> Figure:
    """Read wording as printed ("more than 2,000", "260–280") into a Figure, or raise FigureError."""
    if not isinstance(wording, str):
        raise TypeError(f"wording must be a string, not {type(wording).__name__}")
    text = wording.strip()
    if not text:
        raise FigureError(wording, "the wording is empty")
    if len(text) > _MAX_LENGTH:
        raise FigureError(wording, f"the wording is longer than {_MAX_LENGTH} characters")
    text = text.lower().translate(_DASHES)
    return _read_common(text) or _Reader(wording, _lex(wording, text)).read()


def _read_common(text: str) -> Figure | None:
    """Read the commonest wordings ("12,605", "about 12,605", "260-280") without the lexer, or return None.

    An import parses a figure per row, and nearly all are one of these shapes; the result is
    the one the full reader gives (tests/claims/test_figures_fast.py), and anything else,
    errors included, is left to it.
    """
    found = _COMMON.fullmatch(text)
    if found is None:
        return None
    words, low, high = found.group("words", "low", "high")
    if words is not None and (high is not None or words not in _WORD_PREFIXES):
        return None
    value = int(low.replace(",", ""))
    if high is None:
        return Figure(_WORD_PREFIXES[words] if words else Qualifier.EXACT, value) if value <= MAX_VALUE else None
    value_max = int(high.replace(",", ""))
    if _scale_ambiguous(value, value_max):
        return None  # the reader explains the ambiguity
    return Figure(Qualifier.BETWEEN, value, value_max) if value <= value_max <= MAX_VALUE else None


def _scale_ambiguous(low, high) -> bool:
    """Return whether a digits range like "300-500,000" may share the upper end's thousands (300,000?)."""
    return (
        low is not None and high is not None and low < 1000 <= high and high % 1000 == 0 and low * 1000 <= high
    )


# --- Vocabulary -------------------------------------------------------------------------

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
    }

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"))
_DIGIT_SPACES = frozenset(" \u00a0\u2007\u2009\u202f")  # may separate digit groups: "2 300"
_TOKEN = re.compile(r"(?P<digits>[0-9]+)|(?P<word>[^\W\d_]+)|(?P<space>\s+)|(?P<mark>.)", re.DOTALL)


# --- Lexing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexeme:
    kind: str  # "num", "word" or "mark"
    text: str
    glued: bool  # no whitespace before it
    value: Fraction = Fraction(0)  # for "num"
    decimal: bool = False  # written with a decimal point: "1.5"
    dotted: bool = False  # grouped with dots ("2.300"), which a scale word makes ambiguous


def _lex(wording: str, text: str) -> list[_Lexeme]:
    """Split lowered text into numbers (digit groups joined), words and marks; drop spaces."""
    raw = [(match.lastgroup, match.group()) for match in _TOKEN.finditer(text)]
    lexemes = []
    glued = True
    i = 0
    while i < len(raw):
        kind, chunk = raw[i]
        if kind == "space":
            glued = False
            i += 1
            continue
        if kind == "digits":
            lexeme, i = _lex_number(wording, raw, i, glued)
            lexemes.append(lexeme)
        else:
            lexemes.append(_Lexeme(kind, chunk, glued))
            i += 1
        glued = True
    return lexemes


def _lex_number(wording: str, raw: list, i: int, glued: bool) -> tuple[_Lexeme, int]:
    groups = [raw[i][1]]
    separator = None
    fraction = ""
    j = i + 1
    while j + 1 < len(raw) and raw[j + 1][0] == "digits":
        kind, mark = raw[j]
        digits = raw[j + 1][1]
        if kind == "space" and mark in _DIGIT_SPACES:
            mark = " "
        elif kind != "mark" or mark not in ",.":
            break
        thousands = len(digits) == 3 and len(groups[0]) <= 3 and separator in (None, mark)
        if mark == "." and separator != "." and not (thousands and separator is None):
            fraction = digits
            j += 2
            break
        if not thousands:
            if mark == " ":
                break  # two numbers side by side: reported as a second number
            written = "".join(chunk for _, chunk in raw[i : j + 2])
            raise FigureError(
                wording,
                f'"{written}" is not a number: digits are grouped in threes after one '
                'separator ("2,300", "2.300", "2 300")',
            )
        groups.append(digits)
        separator = mark
        j += 2
    written = "".join(chunk for _, chunk in raw[i:j])
    if groups[0].startswith("0") and (len(groups[0]) > 1 or len(groups) > 1):
        raise FigureError(wording, f'"{written}" starts with a zero')
    value = Fraction(int("".join(groups)))
    if fraction:
        value += Fraction(int(fraction), 10 ** len(fraction))
    lexeme = _Lexeme("num", written, glued, value, decimal=bool(fraction), dotted=separator == ".")
    return lexeme, j


# --- Reading ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    """A number below a thousand, or digits, before any scale word."""

    value: Fraction
    bare: bool  # digits or words below a hundred: no "hundred", no "a"
    digits: bool = False
    decimal: bool = False
    dotted: bool = False
    hundreds_of: Fraction | None = None  # "three hundred" is 3 hundreds (nothing after it)
    hundreds_bare: bool = False  # ...and the 3 is bare (not "a hundred")
    largest: int = 1  # 100 when written with "hundred"


@dataclass(frozen=True, slots=True)
class _Number:
    value: Fraction
    vague: bool = False  # an ACLED vague count: "dozens"
    bare: bool = False  # digits or words below a hundred, no multiplier word
    largest: int = 1  # largest multiplier word in it (hundred, dozen, thousand...)
    scale: int | None = None  # when the number is one mantissa times one multiplier
    mantissa: Fraction = Fraction(0)
    mantissa_bare: bool = False
    loose_decimal: bool = False  # a decimal with no scale word to make it whole


class _Reader:
    def __init__(self, wording: str, lexemes: list[_Lexeme]) -> None:
        self.wording = wording
        self.lexemes = lexemes

    def fail(self, reason: str) -> NoReturn:
        raise FigureError(self.wording, reason)

    def at(self, p: int, end: int | None = None) -> str:
        """Return the text of lexeme p, or "" past the end."""
        stop = len(self.lexemes) if end is None else end
        return self.lexemes[p].text if 0 <= p < stop else ""

    def match(self, p: int, phrases: dict[tuple[str, ...], str]) -> tuple[tuple[str, ...], str] | None:
        """Return the longest phrase starting at p, with its qualifier."""
        best = None
        for phrase, qualifier in phrases.items():
            longer = best is None or len(phrase) > len(best[0])
            if longer and all(self.at(p + k) == word for k, word in enumerate(phrase)):
                best = (phrase, qualifier)
        return best

    # The figure as a whole.

    def read(self) -> Figure:
        prefix = self.match(0, _PREFIXES)
        qualifier = prefix[1] if prefix else None
        p = len(prefix[0]) if prefix else 0
        if qualifier == Qualifier.BETWEEN:
            low, high = self.read_range(p, _RANGE_SEPARATORS[prefix[0][0]])
            return Figure(Qualifier.BETWEEN, low, high)
        number, q = self.first_number(p, prefix)
        if prefix is not None and prefix[0] in _VAGUE_ONLY_PREFIXES and not number.vague:
            self.fail(f'"{" ".join(prefix[0])}" goes only before a vague count ("in the tens of thousands")')
        if self.at(q) in ("-", "to") and self.number(q + 1) is not None:
            if qualifier is not None and qualifier not in _RANGE_PREFIXES:
                self.fail(f'"{" ".join(prefix[0])}" cannot qualify a range')
            upper, q = self.number(q + 1)
            low, high = self.bounds(number, upper)
            self.check_after(q, in_range=True)
            return Figure(Qualifier.BETWEEN, low, high)
        qualifier = qualifier or Qualifier.EXACT
        if number.vague:
            if qualifier not in (Qualifier.EXACT, Qualifier.AT_LEAST):
                self.fail(f'a vague count reads only as "at least", not "{Qualifier(qualifier).label}"')
            qualifier = Qualifier.AT_LEAST
        while suffix := self.match(q, _SUFFIXES):
            qualifier = self.combine(qualifier, suffix[1])
            q += len(suffix[0])
        late = self.check_after(q)
        if late is not None:  # "10,000 civilian casualties as a minimum"
            qualifier = self.combine(qualifier, late)
        return Figure(qualifier, self.whole(number.value, number.loose_decimal))

    def first_number(self, p: int, prefix) -> tuple[_Number, int]:
        """Read the number at p, or explain why there is none."""
        found = self.number(p)
        if found is not None:
            return found
        starts = [k for k in range(p, len(self.lexemes)) if self.number(k) is not None]
        if starts and starts[0] == p + 1 and self.at(p) in ("-", "minus", "negative"):
            self.fail("a negative number is not a count")
        if starts:
            before = " ".join(lexeme.text for lexeme in self.lexemes[p : starts[0]])
            self.fail(f'unrecognised words before the number: "{before}"')
        if prefix is not None and p == len(self.lexemes):
            self.fail(f'no number after "{" ".join(prefix[0])}"')
        words = {lexeme.text for lexeme in self.lexemes}
        if uncounted := sorted(words & _UNCOUNTED_WORDS):
            self.fail(
                f'"{uncounted[0]}" has no agreed number; only tens, dozens, hundreds and '
                "thousands are read as vague counts"
            )
        if partial := sorted(words & _NUMBER_WORDS):
            self.fail(f'"{partial[0]}" is not a complete number')
        self.fail("no number found")

    def read_range(self, p: int, separators: tuple[str, ...]) -> tuple[int, int]:
        """Read "<number> and <number>" after between (or "to" after from), trying each separator."""
        readings = set()
        first_error = None
        for k in range(p + 1, len(self.lexemes)):
            if self.at(k) not in separators:
                continue
            try:
                lower = self.number(p, end=k)
                if lower is None or lower[1] != k:
                    continue
                upper = self.number(k + 1)
                if upper is None:
                    self.fail(f'no number after "{self.at(k)}"')
                reading = self.bounds(lower[0], upper[0])
                self.check_after(upper[1], in_range=True)
            except FigureError as error:
                first_error = first_error or error
            else:
                readings.add(reading)
        if len(readings) == 1:
            return readings.pop()
        if readings:
            self.fail("the range can be read in more than one way")
        if first_error is not None:
            raise first_error
        opener = self.at(p - 1)
        self.fail(f'expected "{opener} <number> {separators[0]} <number>"')

    def bounds(self, lower: _Number, upper: _Number) -> tuple[int, int]:
        """Return the range's bounds, sharing the upper bound's scale word where idiomatic."""
        if lower.vague or upper.vague:
            self.fail("a vague count cannot bound a range")
        if _scale_ambiguous(lower.value if lower.bare else None, upper.value if upper.bare else None):
            self.fail(
                f"ambiguous range: does {int(lower.value)} mean {int(lower.value):,} or {int(lower.value) * 1000:,}? "
                "Write both ends in full"
            )
        low, loose = lower.value, lower.loose_decimal
        if upper.scale is not None and lower.largest < upper.scale:
            shared = lower.value * upper.scale
            if lower.bare and upper.mantissa_bare and lower.value <= upper.mantissa:
                low, loose = shared, False  # "2-3 million"
            elif shared <= upper.value:
                self.fail("ambiguous range: the scale word may or may not apply to the first number")
        low = self.whole(low, loose)
        high = self.whole(upper.value, upper.loose_decimal)
        if low > high:
            self.fail(f"the range runs backwards ({low:,} is above {high:,})")
        return low, high

    def combine(self, qualifier: str, suffix: str) -> str:
        """Return the qualifier of a prefix and a suffix ("more than 300, not final")."""
        if suffix == Qualifier.EXACT:  # "dozens more": the count as it is written
            return qualifier
        if qualifier in (Qualifier.EXACT, suffix):
            return suffix
        if qualifier == Qualifier.MORE_THAN and suffix == Qualifier.AT_LEAST:
            return qualifier  # a provisional "more than n" is still more than n
        self.fail(f'conflicting qualifiers "{Qualifier(qualifier).label}" and "{Qualifier(suffix).label}"')

    def check_after(self, q: int, *, in_range: bool = False) -> str | None:
        """Accept words after the figure only if they hold no number and cannot change it.

        Return the qualifier of a qualifier phrase that ends the wording after such words
        ("10,000 civilian casualties as a minimum"), else None.
        """
        rest = self.lexemes[q:]
        if in_range and self.match(q, _SUFFIXES):
            self.fail("a range cannot take another qualifier")
        for lexeme in rest:
            if lexeme.kind == "num" or lexeme.text in _NUMBER_WORDS:
                self.fail(f'found a second number "{lexeme.text}"')
        if rest and rest[0].kind == "word" and rest[0].glued and self.lexemes[q - 1].kind == "num":
            self.fail(f'unknown unit "{rest[0].text}" after the number')
        for lexeme in rest:
            if lexeme.kind == "mark" and lexeme.text in _QUIET_MARKS:
                continue
            if lexeme.kind == "mark" or lexeme.text in _MEANINGFUL_AFTER:
                self.fail(f'cannot read "{lexeme.text}" after the number')
            break
        late = None
        for k in range(q, len(self.lexemes)):
            suffix = self.match(k, _SUFFIXES)
            if suffix is not None and suffix[1] != Qualifier.EXACT and k > q and self._ends(k + len(suffix[0])):
                if in_range:
                    self.fail("a range cannot take another qualifier")
                late = suffix[1]
                break
            word = self.lexemes[k].text
            if word in _NUMBER_LIKE_AFTER or (word.endswith(("illion", "illions")) and word not in _SCALES):
                self.fail(f'cannot read "{word}" after the number: it would change the figure')
        return late

    def _ends(self, k: int) -> bool:
        """Return whether only quiet punctuation follows position k."""
        return all(lexeme.kind == "mark" and lexeme.text in _QUIET_MARKS for lexeme in self.lexemes[k:])

    def whole(self, value: Fraction, loose_decimal: bool) -> int:
        if loose_decimal:
            self.fail('a decimal needs a scale word after it ("1.5 million")')
        if value.denominator != 1:
            self.fail("the number is not whole")
        if value > MAX_VALUE:
            self.fail(f"the number is larger than {MAX_VALUE:,}")
        return int(value)

    # Numbers.

    def number(self, p: int, end: int | None = None) -> tuple[_Number, int] | None:
        """Read the number starting at p (and ending by end), or return None if none starts there."""
        end = len(self.lexemes) if end is None else end
        word = self.at(p, end)
        if word in _VAGUE:
            value, q = _VAGUE[word], p + 1
            multiplier = _VAGUE_MULTIPLIERS.get(self.at(q + 1, end))
            if word in _VAGUE_MULTIPLIABLE and self.at(q, end) == "of" and multiplier:
                value, q = value * multiplier, q + 2
            return _Number(Fraction(value), vague=True), q
        parts: list[tuple[_Group, int]] = []
        total = Fraction(0)
        q = p
        while True:
            start = q
            if parts and self.at(q, end) == "and":
                q += 1  # "two thousand and twenty"
            read = self.group(q, end, words_only=bool(parts))
            if read is None:
                q = start
                break
            group, q = read
            if self.at(q, end) == "and" and self.at(q + 1, end) in ("a", "an") and self.at(q + 2, end) == "half":
                # "one and a half million": a decimal, so it needs the scale word that follows.
                group, q = replace(group, value=group.value + Fraction(1, 2), decimal=True, bare=False), q + 3
            scale, after = self.scale(q, end, group)
            if parts and scale >= parts[-1][1]:
                q = start
                break
            half_dozen = scale == _DOZEN and group.value == Fraction(1, 2) and not group.digits  # "half a dozen"
            if group.decimal and scale not in (1, *_SCALES.values()) and not half_dozen:
                self.fail('a decimal needs a scale word after it ("1.5 million")')
            if group.dotted and scale > 1:
                written = f"{self.at(q - 1)} {self.at(q, end)}"
                self.fail(f'"{written}" is ambiguous: is the dot a decimal point or a thousands separator?')
            parts.append((group, scale))
            total += group.value * scale
            q = after
            if scale in (1, _DOZEN):
                break
        if not parts:
            return None
        largest = max(max(group.largest, scale) for group, scale in parts)
        number = _Number(
            total,
            bare=len(parts) == 1 and parts[0][1] == 1 and parts[0][0].bare,
            largest=largest,
            loose_decimal=parts[0][0].decimal and parts[0][1] == 1,
        )
        if len(parts) == 1:
            group, scale = parts[0]
            if scale > 1:
                number = replace(number, scale=scale, mantissa=group.value, mantissa_bare=group.bare)
            elif group.hundreds_of is not None:
                number = replace(number, scale=100, mantissa=group.hundreds_of, mantissa_bare=group.hundreds_bare)
        return number, q

    def scale(self, q: int, end: int, group: _Group) -> tuple[int, int]:
        """Return the multiplier after a group ("thousand", a glued "k", "dozen"; else 1) and where it ends."""
        if not group.digits:
            q = self._hyphen_to(q, end, _SCALES)  # "three-thousand"
        word = self.at(q, end)
        if word in _SCALES:
            return _SCALES[word], q + 1
        if word == "k" and group.digits and self.lexemes[q].glued:
            return 1000, q + 1
        if word == "dozen":
            return _DOZEN, q + 1
        return 1, q

    def group(self, p: int, end: int, *, words_only: bool) -> tuple[_Group, int] | None:
        """Read digits, or words below a thousand ("a hundred and twenty"), at p."""
        if p >= end:
            return None
        lexeme = self.lexemes[p]
        word = lexeme.text
        if lexeme.kind == "num":
            if words_only:
                return None
            if self.at(p + 1, end) == "hundred" and not (lexeme.decimal or lexeme.dotted):
                hundreds = _Group(
                    lexeme.value * 100,
                    bare=False,
                    hundreds_of=lexeme.value,
                    hundreds_bare=True,
                    largest=100,
                )
                return hundreds, p + 2
            group = _Group(
                lexeme.value,
                bare=True,
                digits=True,
                decimal=lexeme.decimal,
                dotted=lexeme.dotted,
            )
            return group, p + 1
        if word == "half" and self.at(p + 1, end) in ("a", "an"):
            following = self.at(p + 2, end)
            if following in _SCALES or following == "dozen":  # "half a million", "half a dozen"
                return _Group(Fraction(1, 2), bare=False, decimal=True), p + 2
            return None
        if word in ("a", "an"):
            following = self.at(p + 1, end)
            if following == "hundred":
                return self.hundreds(Fraction(1), False, p + 2, end)
            if following in _SCALES or following == "dozen":
                return _Group(Fraction(1), bare=False), p + 1
            return None
        if word == "zero":
            return None if words_only else (_Group(Fraction(0), bare=True), p + 1)
        below = self.below_hundred(p, end)
        if below is None:
            return None
        value, q = below
        q = self._hyphen_to(q, end, ("hundred",))  # "two-hundred"
        if self.at(q, end) == "hundred":
            return self.hundreds(Fraction(value), True, q + 1, end)  # "fifteen hundred" too
        return _Group(Fraction(value), bare=True), q

    def hundreds(self, count: Fraction, count_bare: bool, q: int, end: int) -> tuple[_Group, int]:
        """Finish "<count> hundred [and] [below a hundred]" from just after "hundred"."""
        r = q + 1 if self.at(q, end) == "and" else q
        rest = self.below_hundred(r, end)
        if rest is None:
            group = _Group(count * 100, bare=False, hundreds_of=count, hundreds_bare=count_bare, largest=100)
            return group, q
        return _Group(count * 100 + rest[0], bare=False, largest=100), rest[1]

    def _hyphen_to(self, q: int, end: int, words) -> int:
        """Step over a hyphen glued between number words ("two-hundred"), or stay at q."""
        if (self.at(q, end) == "-" and self.at(q + 1, end) in words
                and self.lexemes[q].glued and self.lexemes[q + 1].glued):
            return q + 1
        return q

    def below_hundred(self, p: int, end: int) -> tuple[int, int] | None:
        """Read "seven", "seventeen", "seventy", "seventy-seven" or "seventy seven" at p."""
        word = self.at(p, end)
        if word in _ONES:
            return _ONES[word], p + 1
        if word in _TEENS:
            return _TEENS[word], p + 1
        if word not in _TENS:
            return None
        value = _TENS[word]
        hyphen = self.at(p + 1, end) == "-" and self.at(p + 2, end) in _ONES
        if hyphen and self.lexemes[p + 1].glued and self.lexemes[p + 2].glued:
            return value + _ONES[self.at(p + 2)], p + 3
        if self.at(p + 1, end) in _ONES:
            return value + _ONES[self.at(p + 1)], p + 2
        return value, p + 1
