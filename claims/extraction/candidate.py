"""The candidate claim ``extract_claims`` returns, and the words of its fields."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ASSERTS = "asserts"
DENIES = "denies"
INDEPENDENT = "Independent"
FIELDS = (
    "claimant",
    "side",
    "stance",
    "accused_side",
    "figure",
    "qualifier",
    "value",
    "value_max",
    "quote",
    "start",
    "end",
    "confidence",
)


@dataclass
class Candidate:
    """One attributed claim found in a text; ``text[start:end] == quote``."""

    claimant: str
    side: str | None
    stance: str
    accused_side: str | None
    figure: str | None
    qualifier: str | None
    value: int | None
    value_max: int | None
    quote: str
    start: int
    end: int
    confidence: float

    def as_dict(self) -> dict:
        """Return the candidate with the keys the ``extract_claims`` command prints."""
        return asdict(self)
