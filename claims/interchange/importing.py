"""Import claims: read, check and write a file in one transaction (DESIGN §6, §10).

`import_claims` works in one transaction; imports take turns (on PostgreSQL an advisory lock),
so that two files naming the same new topic do not both create it. One pass reads the file,
checks every row and collects every error, touching the database only to read the topics the
rows name; the other writes the checked rows a chunk at a time (see `claims.interchange.writing`) as they come,
until the first error. For a large file the checking runs in a forked process, beside the
writing, on the other core (see `_checking`). When every row is good, the flags of the topics
written are recomputed; otherwise the transaction takes back what was written and
ImportFailed lists every error of the file. Memory holds the topics (what later rows are
checked against), a chunk or two and bounded caches, so it does not grow with the file.

Matching: names compare case-insensitively; actors on their side as every door matches them
(`claims.matching`: same words or alias, then acronym; a claimant that is only a side's name,
or that several actors are equally, is a row error on `claimant`); documents by URL, else
by (title, outlet, published_on). Existing sides, actors, outlets, documents and topics are
used as they are: the descriptive columns only fill in the records an import creates, and a
row that disagrees with an existing topic's settings is an error. A column the file does
not have (a CSV header without it, a JSON key left out) leaves the stored claim's value
alone on update; a column given empty sets the field empty or to its default.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import pickle
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

from django.db import IntegrityError, connection, transaction

from claims.bulk import analyze, collecting_less, sending
from claims.choices import read_choice
from claims.interchange.checking import Checked, Checker, Row, TopicPlan, stored_plans
from claims.interchange.columns import WHOLE_ROW, ImportFailed, RowError, format_for
from claims.interchange.reading import opened, records
from claims.interchange.writing import Writer
from claims.models import Appearance, Claim, Contradiction
from claims.rules import Kind
from sources.models import Document

CHUNK = 2000  # rows written together: what they name is looked up in one query per kind
# On PostgreSQL, where the writes overlap the building of the next rows (claims.bulk.sending), the first
# chunks are smaller, each twice the last, so that the database starts writing once a few hundred rows are
# checked and built rather than two thousand (a quarter of a second it would stand idle). Elsewhere a
# smaller chunk would only cost its look-ups again.
FIRST_CHUNK = 250
PARALLEL_BYTES = 1 << 20  # files from this size (about 4,000 rows) are checked in a process of their own (Linux)
_IMPORT_LOCK = 0x436C61696D73  # the PostgreSQL advisory lock that imports take in turn ("Claims")
_ANALYZE_ROWS = 10_000  # rows written from which the planner's statistics are refreshed (claims.bulk.analyze)
# The tables an import fills and looks up, with the columns its look-ups filter on: a full ANALYZE of
# claims or documents also works out their full-text search expressions for every sampled row.
_WRITTEN = (
    (Claim, ["id", "topic_id", "status", "external_id"]),
    (Appearance, ["claim_id", "document_id"]),
    (Document, ["url", "outlet_id", "published_on"]),
    (Document.cites.through, ["from_document_id", "to_document_id"]),
)
_FLAGS = (Contradiction, ["topic_id", "claim_a_id", "claim_b_id", "kind", "status"])


@dataclass
class ImportResult:
    created: int
    updated: int
    contradictions: Counter = field(default_factory=Counter)
    """Flags by kind in the topics the import touched, after it."""
    actors: int = 0
    """Actors created: claimants that matched no stored actor (claims.matching)."""


def format_counts(counts: Counter) -> str:
    """Return "3 (figure_mismatch: 2, denial: 1)": the total, then each kind found, in the order of Kind."""
    total = sum(counts.values())
    parts = [f"{kind}: {counts[kind]}" for kind in Kind.values if counts.get(kind)]
    return f"{total} ({', '.join(parts)})" if parts else str(total)


class _Done(NamedTuple):
    """The end of the checking pass: every error in the file, and every topic's plan, settled."""

    errors: list[RowError]
    topics: dict[str, TopicPlan]


class _Failed(NamedTuple):
    """The checking process stopped on an exception, sent here to be raised by the importing one."""

    exception: BaseException


def _check_rows(checker: Checker, handle: IO[str], fmt: str) -> Iterator[Checked | _Done]:
    """Check every row; yield the checked rows a chunk at a time until the first error, then _Done.

    On PostgreSQL the chunks grow from FIRST_CHUNK rows to CHUNK, each twice the last.
    """
    errors: list[RowError] = []
    chunk: list[Row] = []
    size = min(FIRST_CHUNK, CHUNK) if connection.vendor == "postgresql" else CHUNK
    for number, raw, record_errors in records(handle, fmt):
        errors += record_errors
        if raw is not None:
            row, row_errors = checker.check(number, raw)
            errors += row_errors
            if not errors:
                chunk.append(row)
        if len(chunk) >= size:
            yield _checked(checker, chunk)
            chunk = []
            size = min(2 * size, CHUNK)
    if chunk and not errors:
        yield _checked(checker, chunk)
    yield _Done(errors, checker.topics)


def _checked(checker: Checker, rows: list[Row]) -> Checked:
    keys = {row.topic.lower() for row in rows}
    return Checked(rows, {key: checker.topics[key] for key in keys})


@contextmanager
def _checking(checker: Checker, source: str | Path | IO[str], fmt: str, parallel: bool | None):
    """Open the source; yield its rows checked, as `_check_rows` yields them, here or in a forked process.

    In a process of its own the checking pass runs beside the writing one, on the other core,
    a chunk ahead of it. It gets the stored topics up front (it cannot use this process's
    database connection, which is in the middle of the import's transaction) and sends what it
    yields through a pipe; it reads the file and writes to the pipe, and nothing else. Forking
    (rather than starting a fresh interpreter, a second's work) keeps it worth doing from a few
    thousand rows: `parallel=None` forks for a file on disk of `PARALLEL_BYTES` or more on
    Linux (macOS can fork, but its system libraries are not safe to use in a forked child, and
    Windows cannot). Uploads (open streams) and small files are checked here.
    """
    with opened(source) as handle:
        if parallel is None:
            parallel = (
                isinstance(source, str | Path)
                and os.fstat(handle.fileno()).st_size >= PARALLEL_BYTES
                and sys.platform == "linux"
            )
        if not parallel:
            yield _check_rows(checker, handle, fmt)
            return
        checker.stored = stored_plans()
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        _widen(sender)
        child = context.Process(target=_check_and_send, args=(checker, handle, fmt, sender), daemon=True)
        child.start()
        sender.close()
        try:
            yield _received(receiver, child)
        finally:
            receiver.close()
            if child.is_alive():  # the import stopped early (a row the database refused, say)
                child.terminate()
            child.join()


def _widen(pipe) -> None:
    """Let the pipe hold a whole chunk (about a megabyte of news rows), where Linux allows: the checking process
    writes it in one go and goes on, rather than in sixteen 64 KB pieces, each waiting for the importing one."""
    try:
        with open("/proc/sys/fs/pipe-max-size") as limit:
            size = int(limit.read())
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, min(size, 4 << 20))
    except (OSError, ValueError, AttributeError):  # not Linux, or not allowed: the default pipe does
        pass


def _check_and_send(checker: Checker, handle: IO[str], fmt: str, sender) -> None:
    """The checking process: it must not touch the database connection it inherited (see _checking)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importing process's to handle: it ends this one
    try:
        for item in _check_rows(checker, handle, fmt):
            sender.send(item)
    except BrokenPipeError:
        pass  # the importing process is gone: nobody to tell
    except Exception as exc:  # noqa: BLE001 (every failure goes to the importing process, to be raised there)
        try:
            sender.send(_Failed(exc))
        except (pickle.PicklingError, TypeError, AttributeError):  # an exception that cannot be pickled
            sender.send(_Failed(RuntimeError(f"checking the file failed: {exc!r}")))
    finally:
        sender.close()


def _received(receiver, child) -> Iterator[Checked | _Done]:
    while True:
        try:
            item = receiver.recv()
        except EOFError:
            child.join()
            raise RuntimeError(f"the process checking the file stopped (exit code {child.exitcode})") from None
        if isinstance(item, _Failed):
            raise item.exception
        yield item
        if isinstance(item, _Done):
            return


def import_claims(
    source: str | Path | IO[str],
    *,
    fmt: str | None = None,
    status: str | None = None,
    user=None,
    progress: Callable[[int], None] | None = None,
    parallel: bool | None = None,
    change_published: bool = True,
) -> ImportResult:
    """Import a CSV or JSON Lines file of claims: every row, or none and ImportFailed listing every bad row.

    `source` is a path or an open text file. `status` overrides each row's status.
    `progress(n)` is called as rows are written, with the number written since the last call.
    `parallel` checks the rows in a forked process beside the writing (None: for large files; see `_checking`).
    `user` is who imports: each row is refused (and says why) where the claim services would refuse
    that user the same change, or where it names a claim the user cannot read. `change_published=False`
    refuses rows that would change a published or retracted claim (the import page's rule).
    """
    fmt = format_for(source, fmt)
    if status is not None:
        status = read_choice(Claim.Status, status, name="status")  # a ChoiceError is a ValueError
    checker = Checker(status, fmt)
    writer = Writer(user, change_published=change_published)
    try:
        with transaction.atomic(), collecting_less():
            _one_import_at_a_time()
            _check_keys_as_written()
            # The writes go to the database from a thread of their own while the next rows are built (claims.bulk).
            with _checking(checker, source, fmt, parallel) as checked, sending():
                done = _write_all(writer, checked, progress)
                if not done.errors:
                    writer.settle_topics(done.topics)
                    counts = writer.finish()
            if done.errors:
                raise ImportFailed(done.errors)
            if writer.created + writer.updated >= _ANALYZE_ROWS:
                analyze(_FLAGS)
            _check_keys_as_written(False)
    except IntegrityError as exc:
        # Something else wrote the same names or ids meanwhile (an edit in the admin, say): the
        # database refused the duplicate, and the transaction took every row of the file back.
        refusal = str(exc).splitlines()[0]
        reason = f"the database changed while this file was written ({refusal}); nothing was imported: try again"
        raise ImportFailed([RowError(writer.row, WHOLE_ROW, reason)]) from exc
    return ImportResult(created=writer.created, updated=writer.updated, contradictions=counts,
                        actors=writer.actors_created)


def _write_all(writer: Writer, checked: Iterator[Checked | _Done], progress) -> _Done:
    """Write the chunks as they are checked; return the end of the checking pass, with every error of the file.

    A row the writer refuses stops the writing, not the checking: the errors of the rows
    after it are still found and reported with it (the caller's transaction undoes the rest),
    and the writer still checks the later chunks against the rules (see Writer.write).
    """
    refused: list[RowError] = []
    analyzed = 0  # rows written when the planner's statistics were last refreshed
    for item in checked:
        if isinstance(item, _Done):
            written = writer.created + writer.updated
            if not (refused or item.errors) and written >= _ANALYZE_ROWS and written > analyzed and writer.touched:
                _analyze(writer)  # for the recompute's queries
            if refused:  # the refused row's errors go in among the checker's, which are in file order
                return item._replace(errors=sorted(refused + item.errors, key=lambda error: error.row))
            return item
        writer.row = item.rows[0].number
        written = writer.created + writer.updated
        if written >= max(_ANALYZE_ROWS, 4 * analyzed) and not (refused or writer.failed):
            # The chunks' look-ups are planned from these statistics: refreshed as the tables grow
            # fourfold, the planner keeps to the indexes rather than scanning tables it still
            # believes small (at a million rows, scans read a hundred million rows of documents).
            # Refreshing at every doubling planned no better and cost more. Refreshed before a chunk,
            # not after one: after the last there is nothing more to look up.
            _analyze(writer)
            analyzed = written
        try:
            writer.write(item)
        except ImportFailed as exc:
            refused += exc.errors
            continue
        if writer.failed:
            continue
        if progress is not None:
            progress(len(item.rows))
    raise AssertionError("the checking pass ended without _Done")  # _check_rows always ends with it


def _analyze(writer: Writer) -> None:
    """Refresh the statistics the writer's look-ups are planned from (see _WRITTEN); all of documents' when
    it matches titles, which are looked up by lower(title): an expression, analysed only with every column."""
    analyze(*_WRITTEN, Document) if writer.titled else analyze(*_WRITTEN)


def _check_keys_as_written(immediate: bool = True) -> None:
    """Check the foreign keys of each statement's rows as it ends, rather than all of them at COMMIT (PostgreSQL).

    Django makes them DEFERRABLE INITIALLY DEFERRED: an import's million rows would be checked
    in one go at the end, some twenty look-ups a claim that nothing else overlaps. Checked as
    each COPY ends, they run while the next rows are built (claims.bulk.sending). The writer
    writes every row after the rows it points to (a held claim's appearances wait with it).
    `immediate=False` gives the rest of an enclosing transaction Django's deferred checks back.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {'IMMEDIATE' if immediate else 'DEFERRED'}")


def _one_import_at_a_time() -> None:
    """Wait until any other import has committed (PostgreSQL; SQLite has one writer at a time anyway).

    Two imports of overlapping files would otherwise both check that a topic, an actor or a
    document is new, and both create it. Waiting here, before the rows are checked, the second
    import checks against what the first one wrote. The lock is released with the transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_IMPORT_LOCK])
