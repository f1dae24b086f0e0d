"""Create the Editors and Reviewers groups with their permissions (DESIGN §1, issue #3)."""

from django.db import migrations

from claims.roles import EDITORS_GROUP, REVIEWERS_GROUP, review_groups_ensure


def create_groups(apps, schema_editor):
    review_groups_ensure(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS_GROUP, REVIEWERS_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
