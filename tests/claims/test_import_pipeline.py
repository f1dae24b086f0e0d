"""The import writes rows as they are checked, and checks large files in a process of their own.

Every behaviour here holds in both ways of running the checking pass (`parallel`): in the
importing process, and forked beside it. Files longer than a chunk (`CHUNK` rows) are what
tell the pipeline apart from checking the whole file first.
"""

import csv
import io
import multiprocessing
import sys

import pytest
from django.db import transaction

from claims.interchange import ImportFailed, export_claims, import_claims
from claims.interchange.importing import CHUNK, PARALLEL_BYTES
from claims.models import Claim, Contradiction, Topic
from sources.models import Document
from tests.claims.test_interchange import CEASEFIRE, CLAIMS_CSV, CLAIMS_CSV_FLAGS, GOOD, table_counts, write_rows
from tests.factories import ClaimFactory, PropositionTopicFactory

PARALLEL = pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "forked"])
NO_FIGURE = {key: value for key, value in GOOD.items() if key != "figure"}


def many(row: dict, n: int, prefix: str) -> list[dict]:
    return [{**row, "external_id": f"{prefix}-{i}"} for i in range(n)]


@PARALLEL
def test_a_setting_a_later_chunk_gives_a_new_topic_is_written_with_its_history(db, tmp_path, parallel):
    """A topic first named without a figure is created before a later chunk makes it a counted figure topic."""
    rows = many({**NO_FIGURE, "topic": "Prisoners", "figure": ""}, CHUNK + 10, "early")
    rows.append({**GOOD, "external_id": "late", "topic": "Prisoners", "figure": "about 40",
                 "metric": "prisoners held", "counted_side": "Armenia"})
    result = import_claims(write_rows(tmp_path / "late.csv", rows), parallel=parallel)

    assert result.created == CHUNK + 11
    topic = Topic.objects.get(name="Prisoners")
    assert (topic.kind, topic.metric, topic.counted_side.name) == ("figure", "prisoners held", "Armenia")
    assert list(topic.history.values_list("history_type", "kind", "metric")) == [("+", "figure", "prisoners held")]
    late = Claim.objects.get(external_id="late")
    assert (late.qualifier, late.value) == ("approximately", 40)


@PARALLEL
def test_a_row_the_writer_refuses_is_reported_with_the_bad_rows_after_it(db, tmp_path, parallel):
    """Writing stops at a refused row, checking does not: every error of the file is listed, nothing is kept."""
    ClaimFactory(external_id="stored", qualifier="exact", value=834)
    PropositionTopicFactory(name=CEASEFIRE)
    before = table_counts()
    rows = [
        {**NO_FIGURE, "external_id": "stored", "topic": CEASEFIRE},  # row 2: a figure claim moved
        *many(NO_FIGURE, CHUNK + 10, "fine"),
        {**NO_FIGURE, "external_id": "bad", "stated_on": "2020-02-30"},
    ]
    with pytest.raises(ImportFailed) as failed:
        import_claims(write_rows(tmp_path / "refused.csv", rows), parallel=parallel)

    assert [str(error) for error in failed.value.errors] == [
        f"row 2, column figure: Topic “{CEASEFIRE}” is a proposition; only figure topics take a figure.",
        f"row {CHUNK + 13}, column stated_on: not a date: '2020-02-30' (no such day);"
        " write YYYY-MM-DD or the month in words (5 March 2024)",
    ]
    assert table_counts() == before


@PARALLEL
def test_a_bad_row_after_written_chunks_takes_them_all_back(db, tmp_path, parallel):
    rows = [*many(GOOD, 2 * CHUNK + 5, "ok"), {**GOOD, "external_id": "x", "side": ""}]
    with pytest.raises(ImportFailed) as failed:
        import_claims(write_rows(tmp_path / "late-error.csv", rows), parallel=parallel)

    assert [str(error) for error in failed.value.errors] == [f"row {2 * CHUNK + 7}, column side: required"]
    assert Claim.objects.count() == Topic.objects.count() == 0


def test_both_ways_of_checking_import_the_same_claims_and_flags(db):
    """The seed claims imported with the checking forked, then in-process: the same claims, the same flags."""

    def imported(parallel: bool) -> tuple[list[dict], list[tuple]]:
        with transaction.atomic():
            import_claims(CLAIMS_CSV, parallel=parallel)
            out = io.StringIO()
            export_claims(out, fmt="csv")
            rows = csv.DictReader(io.StringIO(out.getvalue()))
            # Rows without an external_id get a random one: those and the ids are left out.
            claims = [{key: value for key, value in row.items() if key not in ("id", "external_id")} for row in rows]
            flags = sorted(
                Contradiction.objects.values_list("kind", "claim_a__statement", "claim_b__statement", "explanation")
            )
            transaction.set_rollback(True)
        return claims, flags

    forked, here = imported(True), imported(False)
    assert len(forked[0]) == 16 and len(forked[1]) == sum(CLAIMS_CSV_FLAGS.values())
    assert forked == here


@pytest.mark.skipif(sys.platform != "linux", reason="large files are checked in a forked process on Linux only")
def test_large_files_are_checked_in_a_process_of_their_own_and_small_ones_here(db, tmp_path):
    """By default a file of PARALLEL_BYTES or more is checked by a child process while its rows are written."""
    small = write_rows(tmp_path / "small.csv", many(GOOD, 50, "s"))
    # Three chunks, each far larger than a pipe's buffer: when the first is written, the child
    # is still there, sending the second (it cannot finish before the second is read).
    padded = {**GOOD, "statement": "x" * 500}
    large = write_rows(tmp_path / "large.csv", many(padded, 3 * CHUNK, "l"))
    assert small.stat().st_size < PARALLEL_BYTES <= large.stat().st_size

    def children_while_writing(path) -> list[int]:
        seen: list[int] = []
        import_claims(path, progress=lambda n: seen.append(len(multiprocessing.active_children())))
        return seen

    assert set(children_while_writing(small)) == {0}
    assert children_while_writing(large)[0] == 1
    assert multiprocessing.active_children() == []  # the checking process ended with the import


@PARALLEL
def test_a_source_that_cannot_be_read_raises_its_error_in_the_importing_process(db, tmp_path, parallel):
    """An exception in the checking pass (here a closed stream) reaches the caller as itself, either way."""
    handle = write_rows(tmp_path / "closed.csv", [GOOD]).open(encoding="utf-8")
    handle.close()
    with pytest.raises(ValueError, match="closed file"):
        import_claims(handle, fmt="csv", parallel=parallel)
    assert Claim.objects.count() == 0
    assert multiprocessing.active_children() == []


def test_a_document_made_in_an_earlier_chunk_that_comes_to_cite_has_it_on_its_creation_record(db, tmp_path):
    """A source first named without a via, then (a chunk later) relaying one: its one creation record says so."""
    rows = many(GOOD, CHUNK + 5, "n")
    rows[0] = {**GOOD, "external_id": "first", "source_url": "https://news.example.org/relay"}
    rows[-1] = {**GOOD, "external_id": "later", "source_url": "https://news.example.org/relay",
                "via_url": "https://gov.example.org/statement", "via_title": "The statement"}
    import_claims(write_rows(tmp_path / "relay.csv", rows))

    source = Document.objects.get(url="https://news.example.org/relay")
    via = Document.objects.get(url="https://gov.example.org/statement")
    assert [(r.history_type, r.history_change_reason) for r in source.history.all()] == [
        ("+", f"cites: #{via.pk} The statement")]


@pytest.mark.skipif(sys.platform != "linux", reason="pipes are widened on Linux only")
def test_the_checking_process_pipe_holds_a_whole_chunk_where_linux_allows():
    """A chunk of news rows pickles to about a megabyte: the pipe takes as much as the system lets it."""
    import fcntl

    from claims.interchange.importing import _widen

    receiver, sender = multiprocessing.Pipe(duplex=False)
    try:
        _widen(sender)
        with open("/proc/sys/fs/pipe-max-size") as limit:
            allowed = min(int(limit.read()), 4 << 20)
        assert fcntl.fcntl(sender.fileno(), fcntl.F_GETPIPE_SZ) >= allowed
    finally:
        receiver.close()
        sender.close()
