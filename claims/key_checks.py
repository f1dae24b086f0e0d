"""Foreign keys checked for all the rows of a COPY at once, instead of row by row (PostgreSQL).

PostgreSQL checks each new row's foreign keys with a trigger that runs a query of its own: for
an import of news that was a third of the database's work (bench/README.md). Inside
`claims.bulk.sending()`, where the role may set `session_replication_role`, the sender turns
those triggers off for the length of a COPY and then checks the COPY's keys itself, one
statement for them all (`check_references`): each distinct key is looked up and locked FOR KEY
SHARE, as the trigger does, so that no other transaction can delete or re-key what the rows point
to before this one commits; a key that is missing raises the database's own IntegrityError,
naming the table, the column and the key, and the import's transaction takes everything back.

Only COPYs go without the triggers: every other statement (updates, deletes, the importing
thread's own inserts) runs with them, and the role is set back as each COPY ends. The keys are
checked as the COPY ends, as `SET CONSTRAINTS ALL IMMEDIATE` (the importer's setting) would
have the triggers check them: a row must be written after the rows it points to.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import psycopg
from django.conf import settings
from django.db import connections, models, router

from claims.arrays import ELEMENT_TYPES, array_literal


class Reference(NamedTuple):
    """A foreign key among the columns a COPY writes: the column's place in each row, and what it must match."""

    index: int
    column: str
    table: str  # the referenced table and column, quoted
    key: str
    type: str  # the column's type, for the array of keys checked


@functools.cache
def references_of(model: type[models.Model], columns: tuple[str, ...]) -> tuple[Reference, ...]:
    """The database-checked foreign keys among these columns of the model's table."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    found = []
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.db_constraint and field.column in columns:
            target = field.target_field
            found.append(Reference(columns.index(field.column), field.column, quote(target.model._meta.db_table),
                                   quote(target.column), field.db_type(connection)))
    return tuple(found)


def may_check_per_copy(connection) -> bool:
    """Whether this connection's role may turn the per-row key checks off during a COPY (PostgreSQL 15 and later).

    Superusers may; so may a role granted it (`GRANT SET ON PARAMETER session_replication_role
    TO ...`, README: Production). Other roles, and IMPORT_KEY_CHECKS=rows, keep the triggers.
    """
    if settings.IMPORT_KEY_CHECKS != "auto" or connection.vendor != "postgresql" or connection.pg_version < 150000:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
        return bool(cursor.fetchone()[0])


def key_sets(references: tuple[Reference, ...], rows: list[tuple]) -> list[tuple[Reference, list]]:
    """The distinct keys these rows hold, for each reference that any of them fills in."""
    found = []
    for reference in references:
        keys = {row[reference.index] for row in rows}
        keys.discard(None)
        if keys:
            found.append((reference, sorted(keys)))
    return found


def copy_without_triggers(cursor, statement: str, data: bytes, keys: list[tuple[Reference, list]], table: str) -> None:
    """Run the COPY with its data, the per-row key triggers off, then check the keys it wrote (`check_references`).

    The caller makes sure that no other statement runs on the connection in between: one that
    did would run without its triggers too.
    """
    cursor.execute("SET LOCAL session_replication_role = replica")
    with cursor.copy(statement) as copy:
        copy.write(data)
    cursor.execute("SET LOCAL session_replication_role = origin")
    check_references(cursor, keys, table)


def check_references(cursor, keys: list[tuple[Reference, list]], table: str) -> None:
    """Check that each key exists in the table it references; lock what they point to FOR KEY SHARE until COMMIT."""
    if not keys:
        return
    # Key by key, as the trigger looks them up: each through the referenced table's index, whatever the
    # planner believes of a table that grows as the import goes (`= ANY(...)` of thousands was a scan).
    found = ", ".join(
        f"(SELECT count(*) FROM unnest(%s::{reference.type}[]) AS wanted (key), LATERAL"
        f" (SELECT 1 FROM {reference.table} WHERE {reference.key} = wanted.key FOR KEY SHARE) AS found)"
        for reference, _ in keys
    )
    # Integer keys go as one literal each (claims.arrays), not bound element by element in Python.
    arrays = [array_literal(wanted, ELEMENT_TYPES.get(reference.type)) or wanted for reference, wanted in keys]
    cursor.execute(f"SELECT {found}", arrays)  # noqa: S608 (quoted names, keys as parameters)
    for (reference, wanted), count in zip(keys, cursor.fetchone(), strict=True):
        if count != len(wanted):
            cursor.execute(
                f"SELECT key FROM unnest(%s::{reference.type}[]) AS key WHERE NOT EXISTS"  # noqa: S608
                f" (SELECT 1 FROM {reference.table} WHERE {reference.key} = key) ORDER BY key LIMIT 1",
                [wanted],
            )
            missing = cursor.fetchone()[0]
            raise psycopg.errors.ForeignKeyViolation(
                f"insert on table {table} violates a foreign key: Key ({reference.column})=({missing})"
                f" is not present in table {reference.table}."
            )
