"""A topic's flags in ranking order (claims.models.RANKING), on PostgreSQL (issue #19).

Dispute pages, the disputes list and the API read a topic's largest gap: with this index PostgreSQL
reads the first flag the reader may see instead of sorting them all (a topic of 500 claims holds some
10,000 flags; sorting them took tens of milliseconds a read). The ordering is written out as it stood
when this migration was made. SQLite refuses NULLS LAST in an index, so there this does nothing.
"""

from django.db import migrations, models

NAME = "contradiction_topic_ranked"


def _index():
    return models.Index(
        models.F("topic"),
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
    dependencies = [("claims", "0012_wording_attribution_edited_by_and_history")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
