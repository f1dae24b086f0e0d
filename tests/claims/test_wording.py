"""The figure as printed is data: kept through import, export and a second import, shown beside its reading."""

import csv
import io

import pytest

from claims.interchange import export_claims, import_claims
from claims.models import Claim
from tests.claims.test_interchange import GOOD, write_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_import_keeps_the_wording_and_export_writes_it_back(suffix, tmp_path):
    """"dozens" is stored as "dozens" (read as at least 12), and exported in `figure` with its reading beside it."""
    rows = [{**GOOD, "figure": "Dozens"}, {**GOOD, "external_id": "new-2", "figure": "", "qualifier": "at_least",
                                           "value": "300"}]
    import_claims(write_rows(tmp_path / f"claims{suffix}", rows))
    dozens, parts = Claim.objects.get(external_id="new-1"), Claim.objects.get(external_id="new-2")
    assert (dozens.figure_wording, dozens.qualifier, dozens.value) == ("Dozens", "at_least", 12)
    assert parts.figure_wording == "at least 300"  # given as parts: its canonical wording
    out = io.StringIO()
    export_claims(out, fmt="csv")
    exported = {row["external_id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert (exported["new-1"]["figure"], exported["new-1"]["qualifier"], exported["new-1"]["value"]) == (
        "Dozens", "at_least", "12")


def test_the_round_trip_keeps_the_wording(tmp_path):
    """Export, import into an empty archive, export again: the wording comes back unchanged."""
    import_claims(write_rows(tmp_path / "claims.csv", [{**GOOD, "figure": "some 2,000"}]))
    first = tmp_path / "first.csv"
    export_claims(first)
    Claim.objects.all().delete()
    import_claims(first)
    assert Claim.objects.get().figure_wording == "some 2,000"
    second = tmp_path / "second.csv"
    export_claims(second)
    strip_ids = [{k: v for k, v in row.items() if k != "id"} for row in csv.DictReader(first.open())]
    assert strip_ids == [{k: v for k, v in row.items() if k != "id"} for row in csv.DictReader(second.open())]
