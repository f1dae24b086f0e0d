"""The import works out a new topic's flags before it writes the topic's claims (claims.interchange.writing).

Whatever the order of the rows (a topic's rows together, scattered over the file, or more of
them waiting than the writer holds back), the flags and `contested` marks an import leaves are
the ones a full recompute finds, and the counts it reports are the flags stored.
"""

import csv
import io
import random
from collections import Counter

import pytest
from django.db import connection

from bench.generate import generate
from claims.contradictions import contradictions_recompute_all
from claims.interchange import import_claims, writing
from claims.interchange.importing import CHUNK
from claims.models import Claim, Contradiction
from tests.claims.test_interchange import GOOD, write_rows

pytestmark = pytest.mark.django_db

SIZE = CHUNK + 700  # two chunks of news-shaped rows: a dozen topics, most of them whole in one chunk


def news_rows(order: str) -> list[dict]:
    text = io.StringIO()
    generate(SIZE, text, seed=3, profile="news")
    rows = list(csv.DictReader(io.StringIO(text.getvalue())))
    if order == "scattered":
        random.Random(5).shuffle(rows)
    return rows


def flags_and_marks() -> tuple[list[tuple], list[str]]:
    """The stored flags, named by their claims' external_ids, and the contested claims: the same in any database."""
    flags = sorted(Contradiction.objects.values_list(
        "kind", "claim_a__external_id", "claim_b__external_id", "severity", "gap_score", "explanation",
        "inputs_digest", "status"))
    return flags, sorted(Claim.objects.filter(contested=True).values_list("external_id", flat=True))


def imported(tmp_path, order: str) -> Counter:
    result = import_claims(write_rows(tmp_path / f"{order}.csv", news_rows(order)))
    assert result.created == SIZE
    return result.contradictions


def recomputed() -> tuple[list[tuple], list[str]]:
    """Throw the flags and marks away and recompute every topic: what the import must have left."""
    Contradiction.objects.all().delete()
    Claim.objects.update(contested=False)
    contradictions_recompute_all()
    return flags_and_marks()


@pytest.mark.parametrize("order", ["together", "scattered"])
def test_an_import_leaves_the_flags_and_marks_a_recompute_finds(tmp_path, order):
    """Rows of a topic together or scattered over the file: the flags and contested marks of a full recompute."""
    counts = imported(tmp_path, order)
    found = flags_and_marks()

    assert found == recomputed()
    assert len(found[0]) > SIZE and found[1]  # about two flags a claim, and contested claims among them
    assert counts == Counter(kind for kind, *_ in found[0])


def test_more_claims_waiting_than_the_writer_holds_back_change_nothing(tmp_path, monkeypatch):
    """Past its limit the writer writes what it holds: scattered rows still leave the flags a recompute finds."""
    monkeypatch.setattr(writing, "_HELD", 300)
    counts = imported(tmp_path, "scattered")
    found = flags_and_marks()

    assert found == recomputed()
    assert counts == Counter(kind for kind, *_ in found[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL hands out keys before rows are written")
def test_claims_of_new_topics_are_written_once_with_their_marks(tmp_path):
    """On PostgreSQL a new topic's claims are written with their contested marks: no claim row is updated after."""
    imported(tmp_path, "together")

    with connection.cursor() as cursor:
        cursor.execute("SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'claims_claim'")
        assert cursor.fetchone() == (SIZE, 0)


def test_a_row_changing_a_claim_an_earlier_chunk_made_updates_it(tmp_path):
    """A file that names one external_id twice, in two chunks of one topic: one claim, with the later row's values."""
    rows = [{**GOOD, "external_id": f"n-{i}"} for i in range(CHUNK + 10)]
    rows[CHUNK + 5] = {**GOOD, "external_id": "n-3", "figure": "about 2,400"}

    result = import_claims(write_rows(tmp_path / "twice.csv", rows))

    assert (result.created, result.updated) == (CHUNK + 9, 1)
    changed = Claim.objects.get(external_id="n-3")
    assert (changed.qualifier, changed.value, changed.figure_wording) == ("approximately", 2400, "about 2,400")
    assert list(changed.history.values_list("history_type", flat=True)) == ["~", "+"]


def test_a_row_changing_a_claim_of_a_stored_topic_made_a_chunk_before_updates_it(tmp_path):
    """In a topic stored before the import, claims are written at once; a later chunk naming one finds it."""
    import_claims(write_rows(tmp_path / "first.csv", [{**GOOD, "external_id": "seed"}]))
    rows = [{**GOOD, "external_id": f"s-{i}"} for i in range(CHUNK + 10)]
    rows[CHUNK + 5] = {**GOOD, "external_id": "s-3", "figure": "about 2,400"}

    result = import_claims(write_rows(tmp_path / "twice.csv", rows))

    assert (result.created, result.updated) == (CHUNK + 9, 1)
    assert Claim.objects.get(external_id="s-3").figure_wording == "about 2,400"
