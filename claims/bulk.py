"""Write many rows at once: COPY on PostgreSQL, bulk_create and bulk_update elsewhere.

On PostgreSQL, bulk_create runs every value through the ORM's SQL compiler and sends them as
parameters that psycopg quotes one by one in Python: most of the time of a large import went
there (bench/README.md). COPY streams the rows as they are, and psycopg encodes them in C.
Like bulk_create, these call no save() and send no signal; new instances get their keys.
"""

import enum
import functools
import gc
import io
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter, itemgetter

import psycopg
from django.db import connections, models, router, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from psycopg.copy import FileWriter
from simple_history.utils import get_history_manager_for_model

from claims.key_checks import copy_without_triggers, key_sets, may_check_per_copy, references_of

BATCH = 1000  # rows per INSERT where COPY is not available (Django lowers it to what SQLite allows)
UPDATE_BATCH = 200  # rows per UPDATE there: bulk_update's CASE has a branch per row, walked for every row
FEW = 50  # up to this many rows, one plain INSERT or UPDATE beats COPY's extra round trips
KEYS_AHEAD = 4096  # keys taken from a sequence at a time inside `sending()` (take_keys)
QUEUED = 16  # jobs waiting for the sender, about a chunk's worth: the importing thread waits beyond
SWITCH_INTERVAL = 0.0002  # seconds a thread holds Python's lock while another waits for it, inside `sending()`


def unsaved(model: type[models.Model], **fields) -> models.Model:
    """Return `model(**fields)`, a new instance, built a few times faster: for writers of many rows.

    Model.__init__ works field by field (a default looked up, a keyword popped, a descriptor
    set: 30-60 µs for a claim, most of an import's time per row). Here the defaults are worked
    out once per model and copied in; callable defaults (a fresh external_id) are called per
    instance; a related object (`topic=`) sets its key and is cached, as __init__ would do
    through its descriptor. It sends no pre_init/post_init signal (none of this project's
    models has a receiver) and runs no router check: for new rows of the default database.
    """
    plain, relations, constant, dynamic = _blank(model)
    obj = model.__new__(model)
    obj._state = ModelState()
    values = obj.__dict__
    values.update(constant)
    for attname, make in dynamic:
        if attname not in fields:
            values[attname] = make()
    for name, value in fields.items():
        if name in plain:
            values[name] = value
        elif name in relations:
            field = relations[name]
            values[field.attname] = None if value is None else getattr(value, field.target_field.attname)
            field.set_cached_value(obj, value)
        else:  # a property: as __init__ would set it
            setattr(obj, name, value)
    return obj


@functools.cache
def _blank(model: type[models.Model]) -> tuple[frozenset, dict, dict, list]:
    """Return a model's plain attributes, its foreign keys by name, its constant defaults and its callable ones."""
    constant, dynamic = {}, []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            dynamic.append((field.attname, field.default))
        else:
            default = field.get_default()
            # A choice's default as its plain value, as the row will hold it when read back (rule digests repr it).
            constant[field.attname] = default.value if isinstance(default, enum.Enum) else default
    relations = {field.name: field for field in model._meta.concrete_fields if field.many_to_one}
    return frozenset(constant) | {attname for attname, _ in dynamic}, relations, constant, dynamic


class _ProcessSetting:
    """A setting of the whole process, changed while any block of bulk work runs (threads of a web server).

    The first block in saves the setting and changes it; the last one out puts it back.
    """

    def __init__(self, read: Callable[[], object], write: Callable[[object], None], value: object):
        self.read, self.write, self.value = read, write, value
        self.lock = threading.Lock()
        self.running = 0
        self.saved = None

    @contextmanager
    def held(self):
        with self.lock:
            if not self.running:
                self.saved = self.read()
                self.write(self.value)
            self.running += 1
        try:
            yield
        finally:
            with self.lock:
                self.running -= 1
                if not self.running:
                    self.write(self.saved)


_GC_THRESHOLDS = _ProcessSetting(gc.get_threshold, lambda values: gc.set_threshold(*values), (100_000, 50, 1_000))


def collecting_less():
    """Within this block, Python's cycle collector runs a hundred times less often.

    Bulk work makes objects by the million and keeps tens of thousands of them a while (caches,
    rows waiting to be written): each collection walks them all, and at the default thresholds an
    import of 100,000 rows spent a third of its Python time collecting. Reference counting frees
    almost everything anyway; the cycles left wait a little longer.
    """
    return _GC_THRESHOLDS.held()


def take_keys(model: type[models.Model], count: int) -> list[int]:
    """Return `count` primary keys from the model's sequence (PostgreSQL), for rows written later.

    A key taken is never handed out again, whether or not its row is ever written (sequences
    ignore rollbacks), so rows may point to rows written later in the same transaction: the
    foreign keys are checked at COMMIT. Inside `sending()` the keys are taken before the rows
    still waiting to be written (`overtaking()`): a sequence owes nothing to them. There they are
    also taken `KEYS_AHEAD` at a time: even a query that overtakes waits for the COPY under way,
    and an import's appearances took their keys while their claims' COPY ran (half a second of
    10,000 rows). Keys left over when the block ends are never used, like those of a rollback.
    """
    if count == 0:
        return []
    sender = getattr(_sending, "sender", None)
    if sender is None:
        return _next_keys(model, count)
    pool = sender.keys.setdefault(model, [])
    if len(pool) < count:
        pool += _next_keys(model, max(count - len(pool), KEYS_AHEAD))
    taken, pool[:] = pool[:count], pool[count:]
    return taken


def _next_keys(model: type[models.Model], count: int) -> list[int]:
    meta = model._meta
    with overtaking(), connections[router.db_for_write(model)].cursor() as cursor:
        # The sequence is named once, in a materialised CTE: as nextval(pg_get_serial_sequence(...)) it was
        # looked up again for every key (4% of PostgreSQL's work in an import).
        cursor.execute(
            "WITH sequence AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS name)"
            " SELECT nextval(sequence.name) FROM sequence, generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def bulk_insert(model: type[models.Model], objs: Iterable[models.Model]) -> list[models.Model]:
    """Insert these new instances, giving each its primary key; return them.

    Each value is what the field's pre_save() gives (so auto_now_add is filled in) and must be
    a plain Python value psycopg sends as it is: text, numbers, booleans, dates, None.
    """
    objs = list(objs)
    alias = router.db_for_write(model)
    connection = connections[alias]
    if not objs:
        return objs
    if connection.vendor != "postgresql" or (len(objs) <= FEW and not _sends(connection)):  # one round trip
        return model._default_manager.using(alias).bulk_create(objs, batch_size=BATCH)
    meta = model._meta
    fields = list(meta.concrete_fields)
    keyless = [obj for obj in objs if obj.pk is None]
    # Take the keys from the table's own sequence, as the INSERTs would.
    for obj, pk in zip(keyless, take_keys(model, len(keyless)), strict=True):
        obj.pk = pk
    computed = [field for field in fields if _computes(field)]
    stamped = [field for field in computed if isinstance(field, models.DateField)]  # auto_now(_add)
    computed = [field for field in computed if field not in stamped]
    for field in stamped:  # one time for the rows written together: pre_save would ask the clock for each
        value = field.pre_save(objs[0], True)
        for obj in objs:
            obj.__dict__[field.attname] = value
    values = _values([field.attname for field in fields])

    def row(obj: models.Model) -> tuple:
        for field in computed:
            field.pre_save(obj, True)
        return values(obj)

    copy_rows(model, [field.column for field in fields], (row(obj) for obj in objs))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
    return objs


def copy_rows(model: type[models.Model], columns: list[str], rows: Iterable[tuple]) -> None:
    """COPY value tuples into these columns of the model's table (PostgreSQL); columns left out take their default.

    COPY's binary format: psycopg packs each value as its column's type and the server stores
    it as it comes, where the text format has one write it out as text and the other parse it
    back (four times psycopg's work per row). The column types come from an empty SELECT.
    Inside `sending()` the rows are sent from the sending thread, in order, while this one goes on.
    """
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(column) for column in columns)
    sender = getattr(_sending, "sender", None)
    if sender is not None and sender.connection is connection:
        rows = list(rows)  # worked out here (pre_save, attributes read), sent from the other thread
        sender.send(sender.copy_job(table, names, rows, references_of(model, tuple(columns))))
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {table} LIMIT 0")
        types = [column.type_code for column in cursor.description]
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for values in rows:
                copy.write_row(values)


_sending = threading.local()  # the sender of this thread's connection, inside `sending()`


def _sends(connection) -> bool:
    """Whether this thread's rows for the connection go from the sending thread (inside `sending()`).

    There even a few rows go by COPY: sent, they cost the importing thread nothing, where an
    INSERT would wait for every row sent before it. Not inside `overtaking()`, whose writes are
    for the block's next queries to see: there a few rows are an INSERT that overtakes too.
    """
    sender = getattr(_sending, "sender", None)
    return sender is not None and sender.connection is connection and not sender.overtaking


_SENT_STATEMENTS = ("SAVEPOINT ", "RELEASE SAVEPOINT ")  # sent in turn with the COPYs they enclose


class _Sender:
    """Run COPYs (and the savepoints around them) on a connection from a thread of its own, in the order given.

    psycopg holds the connection's lock through a COPY and around each statement, so the two
    threads never talk over each other; what this adds is order: every other statement of the
    importing thread waits (`wait`) until the rows sent before it are written, so a query sees
    them and an error is raised where the work stops.
    """

    def __init__(self, connection):
        self.connection = connection
        self.raw = connection.connection
        self.jobs: queue.Queue = queue.Queue()
        self.error: BaseException | None = None
        self.types: dict[tuple[str, str], list[int]] = {}
        self.overtaking = 0  # `overtaking()` blocks under way: their queries go before the rows still waiting
        self.sent = self.done = 0  # jobs sent, and jobs done (or skipped after a failure)
        self.progress = threading.Condition()  # notified as each job is done
        self.turn = threading.Lock()  # the connection, held for a few statements in a row (see `_copy`)
        self.draining = 0  # waits for everything sent: the sender goes on, overtaking or not
        self.keys: dict[type[models.Model], list[int]] = {}  # keys taken ahead, by model (take_keys)
        self.per_copy = may_check_per_copy(connection)  # foreign keys checked a COPY at a time (claims.key_checks)
        self.thread = threading.Thread(target=self._run, name="claims-bulk-sending", daemon=True)

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            try:
                if job is None:
                    return
                if self.error is None:  # after a failure the transaction is lost: the rest is not sent
                    job()
            except BaseException as exc:  # noqa: BLE001 (raised in the importing thread by `wait`)
                self.error = exc
            finally:
                with self.progress:
                    self.done += 1
                    self.progress.notify_all()
                self.jobs.task_done()

    def send(self, job: Callable[[], None]) -> None:
        """Queue a job; with `QUEUED` jobs waiting, first wait for the sender (unless overtaking: rows sent then
        are the block's own, which the sender may be the one waiting for)."""
        self._raise()
        if not self.overtaking:
            with self.progress:
                self.progress.wait_for(lambda: self.sent - self.done < QUEUED)
        self.sent += 1
        self.jobs.put(job)

    def wait(self) -> None:
        """Return when everything sent is written; raise the error that stopped it, as Django would."""
        with self.progress:
            self.draining += 1
            self.progress.notify_all()
        try:
            self.jobs.join()
        finally:
            with self.progress:
                self.draining -= 1
        self._raise()

    @contextmanager
    def _my_turn(self):
        """The sender's turn on the connection: once no `overtaking()` block is under way, unless one waits for it.

        A chunk's look-ups thus wait for the COPY under way at most, rather than each for the next
        COPY the sender started meanwhile (100,000 news rows: 15.8-16.6 s against 18.5-18.7 s).
        """
        with self.progress:
            self.progress.wait_for(lambda: not self.overtaking or self.draining)
        with self.turn:
            yield

    def _raise(self) -> None:
        if self.error is not None:
            with self.connection.wrap_database_errors:
                raise self.error

    def copy_job(self, table: str, names: str, rows: list[tuple], references=()) -> Callable[[], None]:
        """Return the job that COPYs these rows, for `send`: their data is packed here, in the importing thread.

        Packed by the sender, each row needed Python's lock, which the importing thread holds as it
        builds the next rows, and the database waited for both (100,000 news rows: 16.5-16.9 s
        against 15.1-16.0 s packed here). The job then only hands the bytes on.
        """
        types = self.types.get((table, names))
        if types is None:
            with overtaking(), self.connection.cursor() as cursor:
                cursor.execute(f"SELECT {names} FROM {table} LIMIT 0")
                types = self.types[table, names] = [column.type_code for column in cursor.description]
        packed = io.BytesIO()
        with self.raw.cursor() as cursor, psycopg.Copy(cursor, binary=True, writer=FileWriter(packed)) as copy:
            copy.set_types(types)
            for values in rows:
                copy.write_row(values)
        keys = key_sets(references, rows) if self.per_copy else None
        return functools.partial(self._copy, f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", packed.getvalue(),
                                 table, keys)

    def _copy(self, statement: str, data: bytes, table: str, keys) -> None:
        """COPY the data; where the role may, with its foreign keys checked once for all its rows (claims.key_checks).

        The statements of a COPY run in one `turn`: the importing thread's queries, which take it
        too, never come in between, and so never run while the key triggers are off.
        """
        with self._my_turn(), self.raw.cursor() as cursor:
            if keys:
                copy_without_triggers(cursor, statement, data, keys, table)
                return
            with cursor.copy(statement) as copy:
                copy.write(data)

    def execute(self, sql: str) -> None:
        with self._my_turn(), self.raw.cursor() as cursor:
            cursor.execute(sql)

    def in_turn(self, execute, sql, params, many, context):
        """Django's execute wrapper: savepoints go in turn with the rows sent; any other statement waits for them.

        Inside `overtaking()` a statement waits only for the COPY under way (psycopg's lock), not for
        the rows still waiting; if the database refused rows meanwhile, that refusal is what is raised.
        """
        if not many and params in (None, ()) and sql.startswith(_SENT_STATEMENTS):
            self.send(functools.partial(self.execute, sql))
            return None
        if not self.overtaking:
            self.wait()
            with self.turn:
                return execute(sql, params, many, context)
        self._raise()
        try:
            with self.turn:
                return execute(sql, params, many, context)
        except Exception:
            self.wait()  # a COPY the database refused is the cause: raise it rather than "transaction aborted"
            raise


@contextmanager
def overtaking():
    """Within this block (inside `sending()`), this thread's queries do not wait for the rows sent before them.

    For reads that cannot depend on those rows (the writer remembers what it wrote; see
    claims.interchange.writing): the database answers them between two COPYs, while the rest of
    what was sent waits, instead of idling while the reader waits for every row to be written.
    """
    sender = getattr(_sending, "sender", None)
    if sender is None:
        yield
        return
    with sender.progress:  # the sender starts no COPY meanwhile (`_Sender._my_turn`)
        sender.overtaking += 1
    try:
        yield
    finally:
        with sender.progress:
            sender.overtaking -= 1
            sender.progress.notify_all()


def sent_mark() -> int:
    """Return a mark of what has been sent so far (inside `sending()`), for `is_written`."""
    sender = getattr(_sending, "sender", None)
    return 0 if sender is None else sender.sent


def is_written(mark: int) -> bool:
    """Return whether everything sent up to `mark` is written (always, outside `sending()`)."""
    sender = getattr(_sending, "sender", None)
    return sender is None or sender.done >= mark


def wait_for_sent() -> None:
    """Return once every row sent (inside `sending()`) is written; at once elsewhere."""
    sender = getattr(_sending, "sender", None)
    if sender is not None:
        sender.wait()


@contextmanager
def sending(alias: str = "default"):
    """Within this block, COPYs of this thread's connection run in a thread of their own while this one goes on.

    For a writer whose work between its writes is Python (an import checks and builds its next
    rows while the database stores the last ones): on two cores the two overlap. Queries wait
    for the rows sent before them; so does the end of the block, which raises what failed.
    Elsewhere than PostgreSQL (no COPY) it changes nothing.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    sender = _Sender(connection)
    sender.thread.start()
    _sending.sender = sender
    try:
        with connection.execute_wrapper(sender.in_turn), switching_often():
            yield
        sender.wait()
    finally:
        _sending.sender = None
        if sender.error is None and sender.jobs.unfinished_tasks:  # leaving on an exception: send nothing more
            sender.error = RuntimeError("abandoned")
        sender.jobs.put(None)
        sender.thread.join()


def switching_often():
    """Within this block, a thread waiting for Python's lock gets it after `SWITCH_INTERVAL`, not 5 ms.

    The sending thread needs the lock after each answer from the database, and the importing
    thread, building rows, holds it: at Python's default interval (5 ms) the database sat idle for
    half of an import's time, waiting for the sender to be let back in (100,000 news rows: 21.5 s
    at 5 ms, 14.4 s at 0.2 ms). The interval is the process's (`_ProcessSetting`).
    """
    return _SWITCH_INTERVAL.held()


_SWITCH_INTERVAL = _ProcessSetting(sys.getswitchinterval, sys.setswitchinterval, SWITCH_INTERVAL)


def insert_rows(model: type[models.Model], columns: list[str], rows: Iterable[tuple]) -> None:
    """Insert rows given as tuples of these fields' values (attnames), without model instances where COPY runs.

    For rows nobody needs back as instances (history records, appearances, citations): keys are
    left to the table's default. Elsewhere they become instances for bulk_create.
    """
    rows = list(rows)
    alias = router.db_for_write(model)
    if not rows:
        return
    if connections[alias].vendor != "postgresql" or (len(rows) <= FEW and not _sends(connections[alias])):
        objs = [model(**dict(zip(columns, values, strict=True))) for values in rows]
        model._default_manager.using(alias).bulk_create(objs, batch_size=BATCH)
        return
    meta = model._meta
    copy_rows(model, [meta.get_field(name).column for name in columns], rows)


def bulk_update(model: type[models.Model], objs: Iterable[models.Model], fields: list[str]) -> None:
    """Write these fields of saved instances: like QuerySet.bulk_update, without its cost on PostgreSQL.

    bulk_update builds a CASE expression with a branch per row for every field, in Python, and
    the database walks it for every row: the cost grows with the square of the rows. Beyond a
    few rows, these are COPied into a temporary table and written by a single UPDATE joined on
    the primary key (five round trips, whatever the number of rows).
    """
    objs = list(objs)
    alias = router.db_for_write(model)
    connection = connections[alias]
    if not objs:
        return
    if connection.vendor != "postgresql" or len(objs) <= FEW:
        model._default_manager.using(alias).bulk_update(objs, fields, batch_size=UPDATE_BATCH)
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    temporary = quote(f"bulk_update_{meta.db_table}")
    names = ", ".join([pk, *(quote(field.column) for field in columns)])
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {temporary} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA")
        with cursor.copy(f"COPY {temporary} ({names}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([obj.pk, *(getattr(obj, field.attname) for field in columns)])
        assignments = ", ".join(f"{quote(field.column)} = new.{quote(field.column)}" for field in columns)
        cursor.execute(f"UPDATE {table} SET {assignments} FROM {temporary} AS new WHERE {table}.{pk} = new.{pk}")
        cursor.execute(f"DROP TABLE {temporary}")


def bulk_insert_with_history(
    model: type[models.Model], objs: Iterable[models.Model], *, user=None
) -> list[models.Model]:
    """bulk_insert, and a creation ("+") history record for each, as save() would write it."""
    objs = bulk_insert(model, objs)
    bulk_history(model, objs, history_type="+", user=user)
    return objs


def bulk_history(model: type[models.Model], objs: list[models.Model], *, history_type: str, user=None) -> None:
    """Write a history record of each saved instance ("+" created, "~" changed), as save() would.

    The record's user is the instance's `_history_user` when set, else `user`; its reason the
    instance's `_change_reason` when set. Records are written as tuples: building a historical
    instance per row cost more than writing it.
    """
    history = get_history_manager_for_model(model).model
    now = timezone.now()
    tracked = [field.attname for field in history.tracked_fields]
    values = _values(tracked)

    def user_id(obj: models.Model):
        who = getattr(obj, "_history_user", user)
        return who.pk if who is not None else None

    columns = [*tracked, "history_date", "history_type", "history_user_id", "history_change_reason"]
    rows = ((*values(obj), getattr(obj, "_history_date", now), history_type, user_id(obj),
             getattr(obj, "_change_reason", None)) for obj in objs)
    insert_rows(history, columns, rows)


def _computes(field: models.Field) -> bool:
    """Whether the field's pre_save() computes its value (auto_now, auto_now_add) rather than reading the attribute."""
    if isinstance(field, models.DateField):  # DateTimeField too
        return field.auto_now or field.auto_now_add
    return type(field).pre_save is not models.Field.pre_save


def _values(names: list[str]) -> Callable[[models.Model], tuple]:
    """Return a function giving an instance's values of these attributes, as a tuple (even of one).

    They are read from the instance's __dict__: a foreign key's attribute is a data descriptor,
    a Python call per read, and an import reads some thirty values of each claim. A field left
    out when the instance was loaded (`only()`) is read through its descriptor, as usual.
    """
    if len(names) == 1:
        name = names[0]
        return lambda obj: (obj.__dict__[name] if name in obj.__dict__ else getattr(obj, name),)
    fast, slow = itemgetter(*names), attrgetter(*names)

    def values(obj: models.Model) -> tuple:
        try:
            return fast(obj.__dict__)
        except KeyError:
            return slow(obj)

    return values


def analyze(*targets: type[models.Model] | tuple[type[models.Model], Iterable[str]]) -> None:
    """Refresh PostgreSQL's statistics of these tables, after loading many rows and before querying them.

    Without them the planner guesses, and after a bulk load it guesses badly: scanning a whole
    table of claims for a batch of topics, or nesting loops over thousands of flags. Autovacuum
    would catch up, but not inside the transaction that loaded them (PostgreSQL's "Populating a
    Database": run ANALYZE afterwards). ANALYZE reads a sample, so it costs well under a second.
    A target is a model (every column, and the expressions its indexes are built on) or a model
    and the fields its look-ups filter on: a full ANALYZE of claims works out the full-text
    search index's expression for 30,000 sampled rows, seconds that an import's look-ups do not need.
    """
    tables = []
    for target in targets:
        model, names = target if isinstance(target, tuple) else (target, None)
        connection = connections[router.db_for_write(model)]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        if names is not None:
            table += " (" + ", ".join(quote(model._meta.get_field(name).column) for name in names) + ")"
        tables.append(table)
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(tables))


def chunks(items: list, size: int) -> Iterator[list]:
    """Yield consecutive slices of `items` of at most `size` (for IN lists, whose length databases limit)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
