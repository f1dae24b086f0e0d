# The API's contested claims in date order (issue #7): an index that hands out the first page without a sort.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0002_create_editor_and_reviewer_groups"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("contested", True), ("status", "published")),
                fields=["stated_on", "id"],
                name="claim_contested_on",
            ),
        ),
    ]
