"""A figure as read: its qualifier, value and upper bound, checked and written back in canonical wording."""

from __future__ import annotations

from dataclasses import dataclass
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


def scale_ambiguous(low, high) -> bool:
    """Return whether a dashed digits range like "300-500,000" may share the upper end's thousands (300,000?).

    Zero reads the same either way ("0-5,000"). Only a dash abbreviates so: "300 to 500,000",
    "between 300 and 500,000" read as written, and the canonical wording uses "to" for such a range.
    """
    return (
        low is not None and high is not None and 0 < low < 1000 <= high and high % 1000 == 0 and low * 1000 <= high
    )


def format_figure(qualifier: str, value: int, value_max: int | None = None) -> str:
    """Return the canonical wording of a figure: "about 2,300", "260–280" ("300 to 500,000": see scale_ambiguous)."""
    check_figure(qualifier, value, value_max)
    if qualifier == Qualifier.BETWEEN:
        return f"{value:,} to {value_max:,}" if scale_ambiguous(value, value_max) else f"{value:,}–{value_max:,}"
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
