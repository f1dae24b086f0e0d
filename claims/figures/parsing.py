"""`parse_figure`: the commonest wordings read at once, everything else through the lexer and the reader."""

from __future__ import annotations

from claims.figures.figure import _MAX_LENGTH, MAX_VALUE, Figure, FigureError, Qualifier, scale_ambiguous
from claims.figures.lexing import _lex
from claims.figures.reader import _Reader
from claims.figures.vocabulary import _COMMON, _DASHES, _WORD_PREFIXES


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
    if scale_ambiguous(value, value_max):
        return None  # the reader explains the ambiguity
    return Figure(Qualifier.BETWEEN, value, value_max) if value <= value_max <= MAX_VALUE else None
