"""Read people's words for choices and dates: one reading for every door (import, the API and its filters).

Choices (any Django `TextChoices`) are read by value or by label, in any case, with spaces,
underscores or hyphens between words: `NGO`, `ngo`, `Unnamed group`, `unnamed_group`,
`news agency` and `News-Agency` all read. Anything else is a `ChoiceError` that lists what is
accepted. The import uses `read_choice` for every choice column; the API's serializers and
filters are meant to use it too (`choice_reader` gives a one-argument function to plug in).

Dates are ISO (`2024-03-05`) or written with the month's English name, in either order:
`5 March 2024`, `5 Mar 2024`, `March 5, 2024`, `Mar. 5 2024`, `5th March 2024`. Numeric dates
other than ISO (`05/03/2024`, `5.3.2024`) are refused: half the world reads the first as 5 March,
the other half as 3 May, and a fact-check cannot guess. The error says which readings there are
and what to write instead. `read_date` raises `DateError`.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable

from django.db import models

__all__ = ["ChoiceError", "DateError", "accepted", "choice_reader", "read_choice", "read_date"]


class ChoiceError(ValueError):
    """A word that is none of a choice's values or labels; the message lists the accepted ones."""


class DateError(ValueError):
    """Text that is not a date this module reads; the message says what to write."""


_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.strip()).casefold()


@functools.cache
def _readings(choices: type[models.TextChoices]) -> dict[str, str]:
    """Map every accepted spelling's key to its value: values first, so a label never hides another value."""
    readings: dict[str, str] = {}
    for value in choices.values:
        readings.setdefault(_key(value), value)
    for value, label in zip(choices.values, choices.labels, strict=True):
        readings.setdefault(_key(str(label)), value)
    return readings


@functools.cache
def _exact(choices: type[models.TextChoices]) -> frozenset[str]:
    return frozenset(choices.values)


@functools.cache
def accepted(choices: type[models.TextChoices]) -> str:
    """Return the accepted values for a message: `person, government (government body), ngo (NGO), …`."""
    shown = []
    for value, label in zip(choices.values, choices.labels, strict=True):
        label = str(label)
        shown.append(value if _key(label) == _key(value) else f"{value} ({label})")
    return ", ".join(shown)


def read_choice(choices: type[models.TextChoices], text: str, *, name: str = "value") -> str:
    """Return the choice's value that `text` names by value or label, or raise ChoiceError naming `name`."""
    if text in _exact(choices):  # the common case: the value itself
        return text
    if isinstance(text, str):
        value = _readings(choices).get(_key(text))
        if value is not None:
            return value
    raise ChoiceError(f"unknown {name} {text!r}; expected one of {accepted(choices)} (value or label, any case)")


def choice_reader(choices: type[models.TextChoices], name: str = "value") -> Callable[[str], str]:
    """Return `read_choice` for one choice set, as a one-argument function (for serializer fields and filters)."""
    return functools.partial(read_choice, choices, name=name)


# -- dates --------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?P<year>[0-9]{4})"
_WRITTEN = (
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),  # 5 March 2024, 5th of March, 2024
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),  # March 5, 2024
)
_NUMERIC = re.compile(r"([0-9]{1,4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,4})")
_EXPECTED = "write YYYY-MM-DD or the month in words (5 March 2024)"


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def read_date(text: str) -> datetime.date:
    """Return the date `text` gives: ISO, or day, month in words and year in either order; else DateError."""
    if not isinstance(text, str):
        raise DateError(f"not a date: {text!r}; {_EXPECTED}")
    text = text.strip()
    if _ISO.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise DateError(f"not a date: {text!r} (no such day); {_EXPECTED}") from None
    lowered = " ".join(text.lower().split())
    for pattern in _WRITTEN:
        match = pattern.fullmatch(lowered)
        if match and match["month"] in _MONTHS:
            found = _date(int(match["year"]), _MONTHS[match["month"]], int(match["day"]))
            if found is None:
                raise DateError(f"not a date: {text!r} (no such day); {_EXPECTED}")
            return found
    numeric = _NUMERIC.fullmatch(lowered)
    if numeric:
        parts = (int(part) for part in numeric.groups())
        raise DateError(_numeric_reason(text, *parts, year_first=len(numeric[1]) == 4))
    raise DateError(f"not a date: {text!r}; {_EXPECTED}")


def _numeric_reason(text: str, a: int, b: int, c: int, *, year_first: bool) -> str:
    """Say why a numeric date other than ISO is refused, with the readings it could have."""
    if year_first:
        readings = [(a, b, c)]  # 2024/3/5: year, month, day (nobody writes year, day, month)
    else:
        readings = [(c, b, a), (c, a, b)]  # 05/03/2024: day first (5 March) or month first (3 May)
    dates = list(dict.fromkeys(d for d in (_date(*reading) for reading in readings) if d is not None))
    if not dates:
        return f"not a date: {text!r} (no such day); {_EXPECTED}"
    if len(dates) == 1:
        only = dates[0]
        return (
            f"numeric date {text!r} is not read (only YYYY-MM-DD is):"
            f" write {only.isoformat()} or {only.day} {only:%B %Y}"
        )
    first, second = dates
    return (
        f"ambiguous date {text!r}: it may be {first.day} {first:%B %Y} or {second.day} {second:%B %Y};"
        f" write {first.isoformat()} or {second.isoformat()} (YYYY-MM-DD), or the month in words"
    )
