"""The newsroom roles: which permissions Editors and Reviewers hold (DESIGN §1).

The data migration creates the groups from this table; `review_groups_ensure`
re-creates them where a database was emptied (a flushed test database, say).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Reviewers"

ENTRY = ["add", "change", "view"]
EDITORS = {
    ("claims", "claim"): ENTRY,
    ("claims", "appearance"): [*ENTRY, "delete"],
    ("claims", "topic"): ENTRY,
    ("claims", "contradiction"): ["view"],
    ("claims", "externalreview"): ["view"],  # imported fact-checks: kept as published, never edited
    ("claims", "ratingmapping"): ENTRY,
    ("sources", "document"): ENTRY,
    ("sources", "actor"): ENTRY,
    ("sources", "outlet"): ENTRY,
    ("sources", "side"): ENTRY,
    ("jobs", "job"): ["view"],  # their imports' progress and outcome
}
REVIEWERS = {
    **EDITORS,
    ("claims", "claim"): [*ENTRY, "delete", "publish"],
    ("claims", "contradiction"): ["view", "change", "review"],
}
SPECIAL = {"publish": "publish_claim", "review": "review_contradiction"}


def _codename(action: str, model: str) -> str:
    return SPECIAL.get(action, f"{action}_{model}")


def review_groups_ensure(apps=global_apps) -> None:
    """Create (or top up) the Editors and Reviewers groups with their permissions."""
    for app_config in apps.get_app_configs():
        # create_permissions skips apps without a models module; migration stubs have none.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ((EDITORS_GROUP, EDITORS), (REVIEWERS_GROUP, REVIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        # A migration runs this with the models of its time: permissions of models made later are left to
        # the migration that makes them (it calls this again), so each grant is looked for, not required.
        wanted = Q()
        for (app_label, model), actions in grants.items():
            for action in actions:
                wanted |= Q(content_type__app_label=app_label, codename=_codename(action, model))
        group.permissions.add(*Permission.objects.filter(wanted))
