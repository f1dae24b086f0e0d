"""Claims in and out as rows: the interchange format (DESIGN §6, §10).

One row per claim, as CSV with a header row or as JSON Lines with the same keys. The package
has one module per job, each depending only on those above it:

- `columns`: the columns, the formats, and the errors an import reports (row, column, reason);
- `reading`: a file into records, the header checked;
- `references`: find or create sides, actors, outlets, documents and topics by id or name (import and API);
- `checking`: one record into a row ready to write, against the topics stored and planned;
- `writing`: checked rows into the database, a chunk at a time, finding or creating what they name;
- `importing`: `import_claims`, the pipeline from file to database in one transaction;
- `export`: `export_claims` and `export_contradictions`.
"""

from claims.interchange.columns import (
    COLUMNS,
    CONTRADICTION_COLUMNS,
    FORMATS,
    REQUIRED,
    WHOLE_ROW,
    ImportFailed,
    RowError,
    format_for,
)
from claims.interchange.export import export_claims, export_contradictions
from claims.interchange.importing import ImportResult, format_counts, import_claims
from claims.interchange.references import unique_slug

__all__ = [
    "COLUMNS",
    "CONTRADICTION_COLUMNS",
    "FORMATS",
    "REQUIRED",
    "WHOLE_ROW",
    "ImportFailed",
    "ImportResult",
    "RowError",
    "export_claims",
    "export_contradictions",
    "format_counts",
    "format_for",
    "import_claims",
    "unique_slug",
]
