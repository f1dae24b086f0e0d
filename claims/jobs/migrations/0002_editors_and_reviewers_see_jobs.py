"""Let the Editors and Reviewers groups see the jobs page (claims.roles), where their imports report."""

from django.db import migrations


def grant(apps, schema_editor):
    from claims.roles import review_groups_ensure

    review_groups_ensure(apps)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    view_job = Permission.objects.filter(content_type__app_label="jobs", codename="view_job")
    for group in Group.objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.remove(*view_job)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_job"),
        ("claims", "0002_create_editor_and_reviewer_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
