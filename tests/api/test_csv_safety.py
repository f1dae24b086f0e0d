"""The API's CSV (?format=csv) opens safely in a spreadsheet: the same cells as the exports (claims.spreadsheet)."""

import csv
import io

from tests.factories import ClaimFactory


def test_api_csv_escapes_text_cells_and_leaves_numbers(db, api):
    """GET /api/claims/?format=csv makes formula-like text safe; a figure's number is written as a number."""
    ClaimFactory(statement="=1+1", claimant__name="@spokesman", value=100)
    response = api.get("/api/claims/?format=csv")
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["statement"], row["claimant"], row["value"]) == ("'=1+1", "'@spokesman", "100")
