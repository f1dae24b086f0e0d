"""Seed the rating table: the textual ratings fact-checkers publish most, mapped to our verdicts.

Editors change it in the admin (Rating mappings); a rating it does not know imports as unrated
and is listed in the import's report.
"""

from django.db import migrations
from django.db.models.functions import Lower

from claims.roles import review_groups_ensure

SEED = [
    # false: the claim is wrong.
    ("Pants on Fire", "false", "PolitiFact's lowest rating: false and ridiculous."),
    ("False", "false", ""),
    ("Faux", "false", "French (AFP Factuel, Les Décodeurs)."),
    ("Falso", "false", "Spanish, Portuguese, Italian."),
    ("Falsch", "false", "German."),
    ("Fake", "false", ""),
    ("Incorrect", "false", ""),
    ("Four Pinocchios", "false", "The Washington Post's lowest rating."),
    # misleading: part true, part false, or true but leaving a false impression.
    ("Half True", "misleading", "PolitiFact: partially accurate but leaves out important details."),
    ("Mixture", "misleading", "Snopes: significant elements of both truth and falsity."),
    ("Partly false", "misleading", "The Meta third-party fact-checking label."),
    ("Partly true", "misleading", ""),
    ("Mostly false", "misleading", "An element of truth ignoring critical facts: misleading rather than false."),
    ("Misleading", "misleading", ""),
    ("Missing context", "misleading", ""),
    ("Out of context", "misleading", ""),
    ("Trompeur", "misleading", "French."),
    ("Engañoso", "misleading", "Spanish."),
    ("Enganoso", "misleading", "Portuguese."),
    ("Three Pinocchios", "misleading", ""),
    ("Two Pinocchios", "misleading", ""),
    # accurate / mostly_accurate.
    ("True", "accurate", ""),
    ("Correct", "accurate", ""),
    ("Accurate", "accurate", ""),
    ("Vrai", "accurate", "French."),
    ("Verdadero", "accurate", "Spanish."),
    ("Verdadeiro", "accurate", "Portuguese."),
    ("Geppetto Checkmark", "accurate", "The Washington Post's true rating."),
    ("Mostly true", "mostly_accurate", ""),
    ("Mostly correct", "mostly_accurate", ""),
    ("Mostly accurate", "mostly_accurate", ""),
    ("One Pinocchio", "mostly_accurate", ""),
    # unverifiable: no evidence either way.
    ("Unproven", "unverifiable", ""),
    ("Unverified", "unverifiable", ""),
    ("Unsupported", "unverifiable", ""),
    ("Unsubstantiated", "unverifiable", ""),
    ("No evidence", "unverifiable", ""),
    ("Inconclusive", "unverifiable", ""),
    ("Not proven", "unverifiable", ""),
    ("Unverifiable", "unverifiable", ""),
]


def seed_rating_mappings(apps, schema_editor):
    RatingMapping = apps.get_model("claims", "RatingMapping")
    known = set(RatingMapping.objects.annotate(key=Lower("label")).values_list("key", flat=True))
    RatingMapping.objects.bulk_create(
        RatingMapping(label=label, verdict=verdict, note=note)
        for label, verdict, note in SEED
        if label.lower() not in known
    )


def remove_seeded_rating_mappings(apps, schema_editor):
    RatingMapping = apps.get_model("claims", "RatingMapping")
    for label, _verdict, _note in SEED:
        RatingMapping.objects.filter(label__iexact=label).delete()


def grant_import_permissions(apps, schema_editor):
    """Top up the Editors and Reviewers groups from claims.roles: reading imported reviews, keeping the table."""
    review_groups_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_external_reviews"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(seed_rating_mappings, remove_seeded_rating_mappings),
        migrations.RunPython(grant_import_permissions, migrations.RunPython.noop),
    ]
