"""Work out the ranking figure of every figure flag already stored (new ones get it when flagged)."""

from django.conf import settings
from django.db import migrations

BATCH = 2000


def fill_gap_scores(apps, schema_editor):
    from claims.rules import gap_score, interval_for

    contradiction = apps.get_model("claims", "Contradiction")
    tolerance = settings.FIGURE_TOLERANCE
    fields = ("pk", "claim_a__qualifier", "claim_a__value", "claim_a__value_max",
              "claim_b__qualifier", "claim_b__value", "claim_b__value_max")
    rows = contradiction.objects.filter(severity__isnull=False).order_by("pk").values_list(*fields)
    batch = []
    for pk, qa, va, ma, qb, vb, mb in rows.iterator(chunk_size=BATCH):
        if qa is None or qb is None:
            continue
        score = gap_score(interval_for(qa, va, ma, tolerance), interval_for(qb, vb, mb, tolerance))
        batch.append(contradiction(pk=pk, gap_score=round(score, 6)))
        if len(batch) >= BATCH:
            contradiction.objects.bulk_update(batch, ["gap_score"])
            batch = []
    contradiction.objects.bulk_update(batch, ["gap_score"])


def clear_gap_scores(apps, schema_editor):
    apps.get_model("claims", "Contradiction").objects.update(gap_score=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_contradiction_gap_score")]

    operations = [migrations.RunPython(fill_gap_scores, clear_gap_scores)]
