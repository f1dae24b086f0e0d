"""The interchange columns (DESIGN §6), the file formats, and the errors an import reports by row and column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from claims.choices import accepted
from claims.figures import Qualifier
from claims.models import Claim, Topic
from sources.models import Actor

COLUMN_HELP: dict[str, str] = {
    "id": "Written by export; ignored on import (claims are matched by external_id).",
    "external_id": "Your id for the claim: a row with a known external_id updates that claim. Default: generated.",
    "topic": "What the claim is about, by name: an existing topic (any case) or a new one.",
    "topic_kind": f"{accepted(Topic.Kind)}. Default: figure when the row has a figure.",
    "metric": "What a figure topic counts, e.g. military deaths (new topics only; must agree with the topic).",
    "counted_side": "The side whose losses a figure topic counts, by name.",
    "cumulative": "true or false: whether the topic's figures are running totals. Default: true.",
    "window_days": "Days apart within which one-off figures of the topic are compared. Default: 2.",
    "claimant": (
        "Who said it, by name: an actor of that side by its name or an alias (case, articles, possessives and"
        " word order aside) or its acronym, else a new one. Not a side's name alone (“Armenia”)."
    ),
    "claimant_kind": f"For a new claimant: {accepted(Actor.Kind)}. Default: person.",
    "claimant_role": "For a new claimant: their role, e.g. President of Russia.",
    "claimant_wikidata": "The claimant's Wikidata item id, e.g. Q7036391 (fills one the actor lacks).",
    "side": "The claimant's side, by name (any case), or a new one.",
    "side_wikidata": "The side's Wikidata item id, e.g. Q399 (fills one the side lacks).",
    "stated_on": "When it was said: YYYY-MM-DD or 5 March 2024 (never 05/03/2024).",
    "statement": "The claim in a sentence.",
    "quote": "The words as printed, verbatim.",
    "language": "The quote's language (BCP 47, e.g. en, hy, az). Default: en.",
    "translation": "The quote in English, when it is in another language.",
    "attribution": f"{accepted(Claim.Attribution)}.",
    "stance": f"{accepted(Claim.Stance)}. Default: asserts.",
    "accused_side": "The side an accusation (or a denial) is about, by name.",
    "figure": "The figure as worded, e.g. nearing 5,000, at least 12, between 40 and 50.",
    "qualifier": f"Instead of figure: {accepted(Qualifier)}, with value.",
    "value": "Instead of figure: the number, with qualifier.",
    "value_max": "Instead of figure: the upper end of a between figure.",
    "as_of": "The day the figure counts up to. Default: stated_on.",
    "source_url": "Where the claim was published (give source_url or source_title).",
    "source_title": "The source's title, when it has no URL (or as well).",
    "outlet": "Who published the source, by name.",
    "outlet_wikidata": "The outlet's Wikidata item id, e.g. Q130879 (fills one the outlet lacks).",
    "published_on": "When the source was published (a date as for stated_on).",
    "via_url": "The primary document the source relays (a ministry statement, say): its URL.",
    "via_title": "The relayed document's title.",
    "via_outlet": "Who published the relayed document, by name.",
    "status": f"{accepted(Claim.Status)}. Default: draft (the import page and --status set it for every row).",
    "verdict": f"{accepted(Claim.Verdict)}. Reviewers only: an editor's row with another verdict is refused.",
    "contested": "Written by export; ignored on import.",
}
"""One line per column, for people: the import page lists them (choices as `claims.choices` reads them).

The required columns are `REQUIRED` (and source_url or source_title); the page marks them."""

COLUMNS = list(COLUMN_HELP)
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
