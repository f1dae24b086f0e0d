"""Errors grouped by (column, reason) with their rows, as the import page and import_claims show them."""

from claims.interchange import RowError
from claims.interchange.report import format_rows, group_errors


def test_rows_are_written_as_ranges_and_capped():
    """Consecutive rows become a range with thousands separators; past the limit, a count of the rest."""
    assert format_rows([4]) == "row 4"
    assert format_rows(list(range(2, 3002))) == "rows 2–3,001"
    assert format_rows([2, 3, 4, 9, 12, 13]) == "rows 2–4, 9, 12–13"
    assert format_rows([2, 4, 6, 8, 10, 11, 12], limit=2) == "rows 2, 4 and 5 more"


def test_errors_group_by_column_and_reason_in_order_of_first_appearance():
    """Each (column, reason) is one group listing its rows; a row is listed once per group."""
    errors = [
        RowError(2, "stance", "bad"),
        RowError(2, "figure", "unreadable"),
        RowError(3, "stance", "bad"),
        RowError(4, "stance", "worse"),
        RowError(5, "stance", "bad"),
    ]
    assert [(g.column, g.reason, g.rows) for g in group_errors(errors)] == [
        ("stance", "bad", [2, 3, 5]),
        ("figure", "unreadable", [2]),
        ("stance", "worse", [4]),
    ]
    assert str(group_errors(errors)[0]) == "rows 2–3, 5, column stance: bad"
