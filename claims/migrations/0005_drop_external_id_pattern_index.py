"""Drop the pattern-ops index PostgreSQL gets beside a unique CharField's own (claims.external_id).

Django adds a `varchar_pattern_ops` copy of the index of every unique or indexed CharField on
PostgreSQL, for `LIKE 'prefix%'` queries. Nothing queries external_id that way (the admin's
search does not look at it; imports and the API match it exactly, which the unique index
serves), and every claim imported or saved wrote into both: at a million rows the copy is
54 MB of random inserts and an import ran 5-7% slower with it. Django re-creates it only if
the field's unique or type changes in a later migration; tests/claims/test_indexes.py notices.
"""

from django.db import migrations


def _like_index(schema_editor):
    return schema_editor._create_index_name("claims_claim", ["external_id"], suffix="_like")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(_like_index(schema_editor))}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        name = schema_editor.quote_name(_like_index(schema_editor))
        schema_editor.execute(f"CREATE INDEX {name} ON claims_claim (external_id varchar_pattern_ops)")


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_drop_unused_indexes")]

    operations = [migrations.RunPython(drop, create, elidable=False)]
