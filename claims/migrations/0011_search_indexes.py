"""Full-text and trigram search on PostgreSQL (issue #18): pg_trgm, and GIN indexes over the claim and
document texts as claims.search words them.

The index expressions must be exactly the ones claims.search queries with, so they are written out
here as they stood when this migration was made (a later change of the wording adds a migration).
SQLite has neither: search there falls back to plain substring matching, and this does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
CLAIM_FIELDS = (("statement", "A"), ("quote", "B"), ("translation", "B"))


def _vector(fields):
    vector = None
    for name, weight in fields:
        part = SearchVector(name, weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    return vector


def _indexes(apps):
    return (
        (apps.get_model("claims", "Claim"), GinIndex(_vector(CLAIM_FIELDS), name="claim_search")),
        (apps.get_model("sources", "Document"), GinIndex(_vector((("title", "A"),)), name="document_search")),
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_claim_verdict_rationale_and_url"), ("sources", "0006_colour_grey_sides")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
