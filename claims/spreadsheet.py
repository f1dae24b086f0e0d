"""CSV cells that are safe to open in a spreadsheet, and read back exactly (OWASP "CSV injection").

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some read a
leading tab or carriage return the same way): `=HYPERLINK("http://evil", "click")` in a quoted
statement would run on the reader's machine. Every CSV this project writes — the `export_claims`
and `export_contradictions` commands and the API's `?format=csv` — passes its cells through
`csv_cell`, so:

- a **text** cell whose first character, after any apostrophes, is one of `= + - @ tab CR` gets
  one more leading `'` (`=SUM(A1)` → `'=SUM(A1)`, `'=x` → `''=x`): spreadsheets show the
  apostrophe as "this is text" and never run it;
- **numbers, booleans and dates** are written as they are: they cannot start a formula
  (`-3` in a numeric column is a number to a spreadsheet, which is what it is);
- `unescape_text` undoes exactly that: it takes one leading `'` off a cell whose first
  character after its apostrophes is one of those characters, and leaves every other cell
  alone (`'hello` stays `'hello`). The import applies it to every CSV cell, so
  export → import → export is identical.

JSON Lines are not escaped: no spreadsheet runs them, and JSON keeps strings as they are.
"""

from __future__ import annotations

import datetime
import math

__all__ = ["FORMULA_STARTS", "csv_cell", "escape_text", "unescape_text"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""


def escape_text(text: str) -> str:
    """Return the text with a leading `'` when a spreadsheet would run it, else unchanged."""
    if text.startswith(FORMULA_STARTS) or (text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)):
        return "'" + text
    return text


def unescape_text(text: str) -> str:
    """Undo `escape_text`: drop one leading `'` when the rest (after its apostrophes) starts a formula."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_cell(value) -> str:
    """Return one CSV cell: empty for None, true/false, ISO dates, numbers as written, text escaped."""
    if isinstance(value, str):
        return escape_text(value)
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return _plain(value)
    if isinstance(value, list | tuple):  # the API's lists of ids or names: one cell, space-separated
        return escape_text(" ".join(_plain(item) for item in value))
    return escape_text(str(value))


def _plain(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    return str(value)
