"""Create the Editors and Reviewers groups with their permissions (DESIGN §1, issue #3)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ENTRY = ["add", "change", "view"]
EDITORS = {
    ("claims", "claim"): ENTRY,
    ("claims", "appearance"): [*ENTRY, "delete"],
    ("claims", "topic"): ENTRY,
    ("claims", "contradiction"): ["view"],
    ("sources", "document"): ENTRY,
    ("sources", "actor"): ENTRY,
    ("sources", "outlet"): ENTRY,
    ("sources", "side"): ENTRY,
}
REVIEWERS = {
    **EDITORS,
    ("claims", "claim"): [*ENTRY, "delete", "publish"],
    ("claims", "contradiction"): ["view", "change", "review"],
}
SPECIAL = {"publish": "publish_claim", "review": "review_contradiction"}


def codename(action, model):
    return SPECIAL.get(action, f"{action}_{model}")


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Editors", EDITORS), ("Reviewers", REVIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        for (app_label, model), actions in grants.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename(action, model))
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
