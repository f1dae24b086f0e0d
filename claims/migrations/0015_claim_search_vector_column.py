"""A claim's search document stored in its row on PostgreSQL (issues #17, #18): `search_vector`.

Migration 0011 indexed the expression (statement A, quote and translation B, English). An
expression index finds the matching claims, but every test of a row against a phrase (a list
read newest first, a result ranked) computed the expression again, a to_tsvector of the claim's
text per row: a phrase most claims hold took seconds at 100,000 claims. The document is now a
generated column, kept by PostgreSQL itself on every insert and update (import, services, admin,
API alike), with the GIN index on it; reading it costs what reading a column costs.

The column is not a model field: Django neither selects nor writes it (every claim read would
carry it). `claims.search.stored_vector()` names it in queries. SQLite has neither column nor
index; its search stays a substring fallback, and this migration does nothing there.
"""

from django.db import migrations

CONFIG = "english"
DOCUMENT = (
    f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(statement, '')), 'A') || "
    f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(quote, '')), 'B') || "
    f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(translation, '')), 'B')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE claims_claim ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute("CREATE INDEX claim_search_vector ON claims_claim USING gin (search_vector)")
    schema_editor.execute("DROP INDEX IF EXISTS claim_search")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX claim_search ON claims_claim USING gin (({DOCUMENT}))")
    schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN search_vector")  # its index goes with it


class Migration(migrations.Migration):
    dependencies = [("claims", "0014_contradiction_severity_order_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
