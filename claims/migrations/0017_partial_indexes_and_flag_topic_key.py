"""Less upkeep for every claim and flag written (issue #20): partial indexes, one foreign-key check fewer.

- A claim's accused side, creator, reviewer and last editor, and a flag's reviewer, are empty on
  most rows (a figure accuses nobody; an import from the command line has no creator; a draft no
  reviewer; most flags are never ruled on). Their full indexes held an entry for every row; the
  partial ones (`WHERE ... IS NOT NULL`) hold only the rows that name someone, which is all the
  look-ups by them ask for (a person's drafts, deleting a user).
- A flag's topic keeps no foreign-key constraint in the database (claims.models.Contradiction.topic
  says why): a look-up per flag written, 2.2 a claim in a news archive's import.

Only the indexes and that constraint change: the other foreign keys' constraints stay as they are
(altering the fields in the database would drop and re-add them, checking every claim again). On
SQLite the flag's topic keeps its constraint, which is part of the table there.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The indexes Django made for these foreign keys (the names it gave them), and what they indexed.
OLD_INDEXES = [
    ("claims_claim_accused_side_id_8fff442c", '"claims_claim" ("accused_side_id")'),
    ("claims_claim_created_by_id_2bb498dd", '"claims_claim" ("created_by_id")'),
    ("claims_claim_edited_by_id_4afbe99c", '"claims_claim" ("edited_by_id")'),
    ("claims_claim_reviewed_by_id_e94f2df7", '"claims_claim" ("reviewed_by_id")'),
    ("claims_contradiction_reviewed_by_id_e231d740", '"claims_contradiction" ("reviewed_by_id")'),
]
FLAG_TOPIC = "claims_contradiction_topic_id_a20ae6b4_fk_claims_topic_id"


def drop_flag_topic_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "claims_contradiction" DROP CONSTRAINT IF EXISTS "{FLAG_TOPIC}"')


def add_flag_topic_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'ALTER TABLE "claims_contradiction" ADD CONSTRAINT "{FLAG_TOPIC}" FOREIGN KEY ("topic_id") '
            'REFERENCES "claims_topic" ("id") DEFERRABLE INITIALLY DEFERRED'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_contradiction_ranked_index"),
        ("sources", "0008_document_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="claim",
                    name="accused_side",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Whom the claim blames; on a denial, the side whose act is denied.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="accusations",
                        to="sources.side",
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="created_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="edited_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Who last changed what the claim says (empty: its creator); they may not also publish it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="reviewed_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="contradiction",
                    name="reviewed_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="contradiction",
                    name="topic",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contradictions",
                        to="claims.topic",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    [f"DROP INDEX IF EXISTS {name}" for name, _ in OLD_INDEXES],
                    [f"CREATE INDEX {name} ON {table}" for name, table in OLD_INDEXES],
                ),
                migrations.RunPython(drop_flag_topic_constraint, add_flag_topic_constraint, elidable=False),
            ],
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("accused_side__isnull", False)), fields=["accused_side"], name="claim_accused_side"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("created_by__isnull", False)), fields=["created_by"], name="claim_created_by"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("reviewed_by__isnull", False)), fields=["reviewed_by"], name="claim_reviewed_by"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("edited_by__isnull", False)), fields=["edited_by"], name="claim_edited_by"
            ),
        ),
        migrations.AddIndex(
            model_name="contradiction",
            index=models.Index(
                condition=models.Q(("reviewed_by__isnull", False)),
                fields=["reviewed_by"],
                name="contradiction_reviewed_by",
            ),
        ),
    ]
