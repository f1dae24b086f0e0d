"""Say what was wrong with a file in a few lines: errors grouped by (column, reason), with their rows.

A 3,000-row file with the same bad `stance` in every row is one line, "rows 2–3,001, column
`stance`: …", not 3,000. The import page and the `import_claims` command both use this; the
command still prints the `row N, column C: reason` lines of DESIGN §10 (all of them when there are
few, the first ones and the grouped summary when there are many).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from claims.interchange.columns import RowError

__all__ = ["ErrorGroup", "format_rows", "group_errors"]


@dataclass
class ErrorGroup:
    """One reason in one column, and every row it was found in (in file order)."""

    column: str
    reason: str
    rows: list[int] = field(default_factory=list)

    def rows_text(self, limit: int | None = None) -> str:
        return format_rows(self.rows, limit=limit)

    def __str__(self) -> str:
        return f"{format_rows(self.rows, limit=10)}, column {self.column}: {self.reason}"


def group_errors(errors: Iterable[RowError]) -> list[ErrorGroup]:
    """Group the errors by (column, reason), in the order each group first appears."""
    groups: dict[tuple[str, str], ErrorGroup] = {}
    for error in errors:
        group = groups.get((error.column, error.reason))
        if group is None:
            group = groups[error.column, error.reason] = ErrorGroup(error.column, error.reason)
        if not group.rows or group.rows[-1] != error.row:
            group.rows.append(error.row)
    return list(groups.values())


def format_rows(rows: list[int], *, limit: int | None = None) -> str:
    """Return "row 4" or "rows 2–3,001, 3,005": consecutive rows as ranges, at most `limit` ranges then "…".

    `rows` are in ascending order (as the importer reports them).
    """
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    shown = runs if limit is None else runs[:limit]
    text = ", ".join(f"{a:,}" if a == b else f"{a:,}–{b:,}" for a, b in shown)
    if len(shown) < len(runs):
        text += f" and {sum(b - a + 1 for a, b in runs[len(shown) :]):,} more"
    return ("row " if len(rows) == 1 else "rows ") + text
