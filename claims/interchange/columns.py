"""The interchange columns (DESIGN §6), the file formats, and the errors an import reports by row and column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

COLUMNS = [
    "id",
    "external_id",
    "topic",
    "topic_kind",
    "metric",
    "counted_side",
    "cumulative",
    "window_days",
    "claimant",
    "claimant_kind",
    "claimant_role",
    "side",
    "stated_on",
    "statement",
    "quote",
    "language",
    "translation",
    "attribution",
    "stance",
    "accused_side",
    "figure",
    "qualifier",
    "value",
    "value_max",
    "as_of",
    "source_url",
    "source_title",
    "outlet",
    "published_on",
    "via_url",
    "via_title",
    "via_outlet",
    "status",
    "verdict",
    "contested",
]
"""The interchange columns in export order; `id` and `contested` are written, and ignored on import."""

CONTRADICTION_COLUMNS = ["kind", "topic", "claim_a", "claim_b", "severity", "explanation", "status"]
"""The columns of `export_contradictions`; JSON Lines adds `severity_label` ("2.3×", "∞" or "")."""

REQUIRED = ("topic", "claimant", "side", "stated_on")
FIGURE_COLUMNS = ("figure", "qualifier", "value", "value_max", "as_of")
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
WHOLE_ROW = "*"  # the column named by errors about a row as a whole (unreadable JSON, too many values)

KNOWN = frozenset(COLUMNS)


# -- results and errors -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem in one row: CSV rows count the header as row 1; JSON Lines count the first line as row 1."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


class ImportFailed(Exception):
    """The file had bad rows; nothing was written."""

    def __init__(self, errors: Iterable[RowError]):
        self.errors = list(errors)
        shown = "; ".join(str(error) for error in self.errors[:3])
        more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        super().__init__(f"{len(self.errors)} error(s), nothing imported: {shown}{more}")


def format_for(target: str | Path | IO[str], fmt: str | None = None) -> str:
    """Return "csv" or "jsonl": `fmt` when given, else from the file name's extension."""
    if fmt is not None:
        if fmt not in ("csv", "jsonl"):
            raise ValueError(f"unknown format {fmt!r}: expected csv or jsonl")
        return fmt
    name = target if isinstance(target, str | Path) else getattr(target, "name", None)
    suffix = Path(str(name)).suffix.lower() if isinstance(name, str | Path) else ""
    if suffix not in FORMATS:
        shown = f"“{name}”" if isinstance(name, str | Path) else "this stream"
        raise ValueError(f"cannot tell the format of {shown}: name it .csv or .jsonl (JSON Lines)")
    return FORMATS[suffix]
