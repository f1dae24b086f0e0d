"""Writes sent from a thread of their own (claims.bulk.sending): in order, seen by the next query, failures raised."""

import gc
import sys
import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from claims.bulk import SWITCH_INTERVAL, collecting_less, insert_rows, overtaking, sending, switching_often
from sources.models import Document

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL's COPY is sent from a thread"),
]

CITES = Document.cites.through
COLUMNS = ["from_document_id", "to_document_id"]


def test_a_query_sees_the_rows_sent_before_it(pairs):
    """Rows sent inside savepoints, then counted: the count waits for them."""
    with sending():
        with transaction.atomic():
            insert_rows(CITES, COLUMNS, pairs[:-10])
        insert_rows(CITES, COLUMNS, pairs[-10:])
        assert CITES.objects.count() == len(pairs)
    assert sorted(CITES.objects.values_list(*COLUMNS)) == sorted(pairs)


def test_a_row_the_database_refuses_is_raised_as_djangos_error_and_stops_the_rest(pairs):
    """A duplicate sent from the thread comes back as IntegrityError when the block ends; nothing after it is sent."""
    with pytest.raises(IntegrityError, match="duplicate key"), transaction.atomic(), sending():
        insert_rows(CITES, COLUMNS, pairs)
        insert_rows(CITES, COLUMNS, pairs)  # refused
        insert_rows(CITES, COLUMNS, [(source, source) for source, _ in pairs])  # not sent
    assert CITES.objects.count() == 0


def test_leaving_on_an_exception_sends_nothing_more(pairs):
    """An exception raised while rows wait to be sent leaves the thread and the connection usable, nothing half sent."""
    with pytest.raises(ZeroDivisionError), transaction.atomic(), sending():
        insert_rows(CITES, COLUMNS, pairs)
        1 / 0  # noqa: B018
    assert CITES.objects.count() == 0
    with sending():
        insert_rows(CITES, COLUMNS, pairs)
    assert CITES.objects.count() == len(pairs)


def test_a_query_that_overtakes_raises_the_refusal_of_rows_sent_before_it(pairs):
    """A look-up let through ahead of the rows (overtaking) still reports a refused COPY as that refusal."""
    with pytest.raises(IntegrityError, match="duplicate key"), transaction.atomic(), sending():
        insert_rows(CITES, COLUMNS, pairs)
        insert_rows(CITES, COLUMNS, pairs)  # refused
        with overtaking():
            for _ in range(50):  # until the refusal has happened, whichever comes first
                Document.objects.count()
                time.sleep(0.01)


@pytest.mark.parametrize(("block", "read", "inside"), [
    (collecting_less, gc.get_threshold, (100_000, 50, 1_000)),
    (switching_often, sys.getswitchinterval, SWITCH_INTERVAL),
], ids=["gc thresholds", "switch interval"])
def test_a_process_setting_is_given_back_after_overlapping_blocks(block, read, inside):
    """Two blocks overlapping (as two imports in two threads of a server would): the setting is the process's
    own again once the last one ends, and not before."""
    before = read()
    entered, leave = threading.Event(), threading.Event()

    def other_import():
        with block():
            entered.set()
            leave.wait(5)

    thread = threading.Thread(target=other_import)
    with block():
        assert read() == pytest.approx(inside)
        thread.start()
        entered.wait(5)
    assert read() == pytest.approx(inside)  # the other block still runs
    leave.set()
    thread.join()
    assert read() == before


def test_keys_are_taken_before_the_rows_still_waiting():
    """A sequence owes nothing to the rows still being sent: taking keys does not wait for them."""
    from claims.bulk import _sending, is_written, sent_mark, take_keys

    release = threading.Event()
    with sending():
        _sending.sender.send(lambda: release.wait(10))  # rows the database is slow to take
        mark = sent_mark()
        keys = take_keys(Document, 3)
        waited = is_written(mark)
        release.set()
    assert not waited
    assert len(set(keys)) == 3
