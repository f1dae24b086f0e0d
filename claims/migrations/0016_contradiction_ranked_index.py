"""The workspace's list of flags in ranking order (claims.models.RANKING: the largest gap first), on PostgreSQL.

The list was ordered by severity descending (Meta.ordering), which PostgreSQL reads with empty
severities first: every proposition flag came before the largest figure gap. It now lists flags as
the public pages rank them, and this index lets PostgreSQL read its page in that order instead of
sorting every flag; it replaces contradiction_severity_order (migration 0014). The ordering is
written out as it stood when this migration was made. SQLite refuses NULLS LAST in an index, so
there this adds nothing.
"""

from django.db import migrations, models

NAME = "contradiction_ranked"


def _index():
    return models.Index(
        models.F("gap_score").desc(nulls_last=True),
        models.F("severity").desc(nulls_last=True),
        models.F("id").asc(),
        name=NAME,
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("claims", "Contradiction"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("claims", "Contradiction"), _index())


class Migration(migrations.Migration):
    dependencies = [("claims", "0015_claim_search_vector_column")]

    operations = [
        migrations.RemoveIndex(model_name="contradiction", name="contradiction_severity_order"),
        migrations.RunPython(create, drop, elidable=False),
    ]
