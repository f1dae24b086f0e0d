"""Sample files to learn the format from: the demo data set (`claims/demo/claims.csv`) as CSV and as JSON Lines."""

from __future__ import annotations

import csv
import io

import orjson

from claims.demo import DEMO_CSV

__all__ = ["SAMPLE_FORMATS", "sample"]

SAMPLE_FORMATS = {"csv": "text/csv", "jsonl": "application/jsonl"}


def sample(fmt: str) -> str:
    """Return the demo claims in `fmt` ("csv" or "jsonl"); JSON Lines leave out the columns a row leaves empty."""
    text = DEMO_CSV.read_text(encoding="utf-8")
    if fmt == "csv":
        return text
    if fmt != "jsonl":
        raise ValueError(f"unknown sample format {fmt!r}: expected csv or jsonl")
    rows = csv.DictReader(io.StringIO(text))
    return "".join(orjson.dumps({key: value for key, value in row.items() if value}).decode() + "\n" for row in rows)
