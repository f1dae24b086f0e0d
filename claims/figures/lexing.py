"""Lexing a lowered wording: digit groups joined into numbers, words and marks, spaces dropped."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from claims.figures.figure import FigureError
from claims.figures.vocabulary import _DIGIT_SPACES, _TOKEN


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
