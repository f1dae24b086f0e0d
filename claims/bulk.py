"""Insert many new rows at once: COPY on PostgreSQL, bulk_create elsewhere.

On PostgreSQL, bulk_create runs every value through the ORM's SQL compiler and sends them as
parameters that psycopg quotes one by one in Python: most of the time of a large import went
there (bench/README.md). COPY streams the rows as they are, and psycopg encodes them in C.
Like bulk_create, these call no save() and send no signal; each instance gets its primary key.
"""

from collections.abc import Iterable

from django.db import connections, models, router
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

BATCH = 1000  # rows per INSERT where COPY is not available (Django lowers it to what SQLite allows)


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
    if connection.vendor != "postgresql":
        return model._default_manager.using(alias).bulk_create(objs, batch_size=BATCH)
    meta = model._meta
    quote = connection.ops.quote_name
    fields = list(meta.concrete_fields)
    with connection.cursor() as cursor:
        unsaved = [obj for obj in objs if obj.pk is None]
        if unsaved:
            # Take the keys from the table's own sequence, as the INSERTs would.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(unsaved)],
            )
            for obj, (pk,) in zip(unsaved, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([field.pre_save(obj, True) for field in fields])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
    return objs


def bulk_insert_with_history(
    model: type[models.Model], objs: Iterable[models.Model], *, user=None
) -> list[models.Model]:
    """bulk_insert, and a creation ("+") history record for each, as a save() would write it.

    The record's user is the instance's `_history_user` when set, else `user`.
    """
    objs = bulk_insert(model, objs)
    history = get_history_manager_for_model(model).model
    now = timezone.now()
    bulk_insert(
        history,
        (
            history(
                history_date=getattr(obj, "_history_date", now),
                history_type="+",
                history_user=getattr(obj, "_history_user", user),
                history_change_reason=None,
                **{field.attname: getattr(obj, field.attname) for field in history.tracked_fields},
            )
            for obj in objs
        ),
    )
    return objs
