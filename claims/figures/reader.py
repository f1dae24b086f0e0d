"""The full reader: qualifiers, number words, scales, ranges and what follows the count, strictly."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import NoReturn

from claims.figures.figure import MAX_VALUE, Figure, FigureError, Qualifier, scale_ambiguous
from claims.figures.lexing import _Lexeme
from claims.figures.vocabulary import (
    _DOZEN,
    _MEANINGFUL_AFTER,
    _NUMBER_LIKE_AFTER,
    _NUMBER_WORDS,
    _ONES,
    _PREFIXES,
    _QUIET_MARKS,
    _RANGE_PREFIXES,
    _RANGE_SEPARATORS,
    _SCALES,
    _SUFFIXES,
    _TEENS,
    _TENS,
    _UNCOUNTED_WORDS,
    _VAGUE,
    _VAGUE_MULTIPLIABLE,
    _VAGUE_MULTIPLIERS,
    _VAGUE_ONLY_PREFIXES,
)


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
            dashed = self.at(q) == "-"
            upper, q = self.number(q + 1)
            low, high = self.bounds(number, upper, dashed=dashed)
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
                reading = self.bounds(lower[0], upper[0], dashed=self.at(k) == "-")
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

    def bounds(self, lower: _Number, upper: _Number, *, dashed: bool) -> tuple[int, int]:
        """Return the range's bounds, sharing the upper bound's scale word where idiomatic.

        `dashed`: the ends are joined by a dash, which may also share the upper end's thousands.
        """
        if lower.vague or upper.vague:
            self.fail("a vague count cannot bound a range")
        if dashed and scale_ambiguous(lower.value if lower.bare else None, upper.value if upper.bare else None):
            self.fail(
                f"ambiguous range: does {int(lower.value)} mean {int(lower.value):,} or {int(lower.value) * 1000:,}? "
                f'Write "{int(lower.value):,} to {int(upper.value):,}" or both ends in full'
                f' ("{int(lower.value) * 1000:,}-{int(upper.value):,}")'
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
