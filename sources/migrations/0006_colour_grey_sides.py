"""Give every side still in the old default grey a distinct colour, as new sides now get one."""

from django.db import migrations

OLD_DEFAULT = "#6b7280"


def colour_grey_sides(apps, schema_editor):
    from sources.colours import next_colour

    side_model = apps.get_model("sources", "Side")
    in_use = [c.lower() for c in side_model.objects.values_list("colour", flat=True) if c.lower() != OLD_DEFAULT]
    for side in side_model.objects.filter(colour__iexact=OLD_DEFAULT).order_by("pk"):
        side.colour = next_colour(in_use)
        in_use.append(side.colour)
        side.save(update_fields=["colour"])


class Migration(migrations.Migration):
    dependencies = [("sources", "0005_side_colour_default")]

    # Going back keeps the colours: grey was only ever the absence of a choice.
    operations = [migrations.RunPython(colour_grey_sides, migrations.RunPython.noop)]
