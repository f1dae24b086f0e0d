"""A CSV header of tens of thousands of columns is checked in one pass, and every bad column is still named."""

import io

import pytest

from claims.interchange import REQUIRED, ImportFailed, RowError, import_claims
from claims.interchange.reading import header_names


class Counted(str):
    """A column name that counts how often it is compared with another value."""

    comparisons = 0

    def __eq__(self, other):
        Counted.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_the_header_check_compares_each_name_a_bounded_number_of_times():
    """Checking n header names costs O(n) comparisons, not O(n²): 5,000 names, not 12 million comparisons."""
    Counted.comparisons = 0
    names, errors = header_names([Counted(f"extra_{i}") for i in range(5000)] + [Counted(c) for c in REQUIRED])
    assert Counted.comparisons <= 2 * 5004
    assert len(errors) == 5001  # 5,000 unknown columns, and no source column
    assert names[-len(REQUIRED):] == list(REQUIRED)


def test_a_100000_column_header_names_every_unknown_and_repeated_column(db):
    """Each unknown column and each repeated known one is reported as row 1; nothing is imported."""
    header = [*REQUIRED, "source_url", *(f"extra_{i}" for i in range(100_000)), "topic"]
    with pytest.raises(ImportFailed) as failed:
        import_claims(io.StringIO(",".join(header) + "\n"), fmt="csv")
    errors = failed.value.errors
    assert len(errors) == 100_001
    assert errors[0] == RowError(1, "extra_0", "unknown column")
    assert errors[-1] == RowError(1, "topic", "the column appears twice")
