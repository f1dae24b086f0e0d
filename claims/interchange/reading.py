"""Read a CSV or JSON Lines file into records: (row number, values by column, errors), the header checked."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO

import orjson

from claims.interchange.columns import KNOWN, REQUIRED, WHOLE_ROW, RowError


def _missing_columns(present: set[str]) -> list[RowError]:
    errors = [RowError(1, column, "missing required column") for column in REQUIRED if column not in present]
    if "source_url" not in present and "source_title" not in present:
        errors.append(RowError(1, "source_url", "missing required column (give source_url or source_title)"))
    return errors


def header_names(header: list[str]) -> tuple[list[str | None], list[RowError]]:
    """Return the column each CSV header cell names (None: ignored) and the header's errors, in one pass.

    Each name is looked up once in a set (a list would make a 40,000-column header take seconds).
    """
    names: list[str | None] = []
    seen: set[str] = set()
    errors = []
    for name in header:
        if name in seen:
            errors.append(RowError(1, name, "the column appears twice"))
            names.append(None)
        elif name not in KNOWN:
            errors.append(RowError(1, name or "(blank)", "unknown column"))
            names.append(None)
        else:
            seen.add(name)
            names.append(name)
    return names, errors + _missing_columns(seen)


def _csv_records(handle: IO[str]) -> Iterator[tuple[int, dict | None, list[RowError]]]:
    """Yield (row number, values by column, errors); the header is row 1 and its errors come first."""
    reader = csv.reader(handle)
    number = 1
    try:
        header = next(reader, [])
        if header:
            header[0] = header[0].removeprefix("\ufeff")
        names, errors = header_names([column.strip() for column in header])
        if errors:
            yield 1, None, errors
        for number, values in enumerate(reader, start=2):  # noqa: B007 (number is read after the loop)
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(names):
                yield number, None, [RowError(number, WHOLE_ROW, f"{len(values)} values for {len(names)} columns")]
                continue
            values += [""] * (len(names) - len(values))
            yield number, {name: value for name, value in zip(names, values, strict=True) if name}, []
    except UnicodeDecodeError:  # text is decoded a block at a time: the row is not known
        yield 1, None, [RowError(1, WHOLE_ROW, "the file is not UTF-8 text")]
    except csv.Error as exc:
        yield number + 1, None, [RowError(number + 1, WHOLE_ROW, f"unreadable CSV: {exc}")]


def _jsonl_records(handle: IO[str]) -> Iterator[tuple[int, dict | None, list[RowError]]]:
    """Yield (row number, values by key, errors); the first line is row 1."""
    number = 0
    try:
        for number, line in enumerate(handle, start=1):  # noqa: B007 (number is read after the loop)
            if not line.strip():
                continue
            try:
                record = orjson.loads(line.removeprefix("\ufeff") if number == 1 else line)
            except orjson.JSONDecodeError as exc:
                yield number, None, [RowError(number, WHOLE_ROW, f"not valid JSON ({exc})")]
                continue
            if not isinstance(record, dict):
                yield number, None, [RowError(number, WHOLE_ROW, "each line must be a JSON object")]
                continue
            errors = [RowError(number, key, "unknown column") for key in record if key not in KNOWN]
            yield number, {key: value for key, value in record.items() if key in KNOWN}, errors
    except UnicodeDecodeError:  # text is decoded a block at a time: the row is not known
        yield 1, None, [RowError(1, WHOLE_ROW, "the file is not UTF-8 text")]


def records(handle: IO[str], fmt: str):
    return _csv_records(handle) if fmt == "csv" else _jsonl_records(handle)


def opened(source: str | Path | IO[str]):
    if isinstance(source, str | Path):
        return open(source, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed by the caller's with)
    return nullcontext(source)
