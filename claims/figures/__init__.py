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
  them), never "more than" and the like. A dashed digits range whose first end may share the
  second's thousands ("300-500,000": 300 or 300,000?) is an error that says what to write; "300 to
  500,000" reads as written, and is the canonical wording of that range.
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


# One module a step: figure (the result), vocabulary (the words), lexing, reader, parsing (the entry).
from claims.figures.figure import MAX_VALUE, Figure, FigureError, Qualifier, check_figure, format_figure
from claims.figures.parsing import parse_figure
from claims.figures.vocabulary import vocabulary, with_noun

__all__ = [
    "MAX_VALUE", "Figure", "FigureError", "Qualifier", "check_figure", "format_figure", "parse_figure", "vocabulary",
    "with_noun",
]
