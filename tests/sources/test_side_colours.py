"""Every side gets a distinct chart colour when it is created, whichever door creates it."""

import itertools
from http import HTTPStatus

import pytest

from claims.interchange import import_claims
from sources.colours import NEUTRAL, OKABE_ITO, contrast_on_white, distance, next_colour
from sources.models import Side


def test_first_six_are_okabe_ito_then_generated_hues_stay_apart_and_legible():
    """The palette starts with Okabe–Ito; generated colours never repeat, stay apart and reach 3:1 on white."""
    used = []
    for _ in range(24):
        used.append(next_colour(used))
    assert used[:6] == list(OKABE_ITO)
    assert len(set(used)) == 24 and NEUTRAL not in used
    generated = used[6:]
    assert all(contrast_on_white(c) >= 3 for c in generated)
    # Twenty-four colours on white cannot all be far apart, but no two look alike: the closest pair is as far
    # apart as Okabe–Ito's own closest (ΔE 26; 10 is a clear difference, and one saturation reached only 21).
    assert min(distance(a, b) for a, b in itertools.combinations(used, 2)) > 25


def test_colour_chosen_from_what_is_in_use_not_from_the_count():
    """A side whose colour was changed frees it for the next new side."""
    assert next_colour(["#E69F00", "#0072b2"]) == OKABE_ITO[1]


@pytest.mark.django_db
def test_sides_created_in_code_get_distinct_colours():
    """Side.objects.create with no colour picks one no other side uses."""
    sides = [Side.objects.create(name=f"Side {n}", slug=f"side-{n}") for n in range(9)]
    colours = [side.colour for side in sides]
    assert colours[:6] == list(OKABE_ITO)
    assert len(set(colours)) == 9 and NEUTRAL not in colours


@pytest.mark.django_db
def test_sides_created_by_import_get_distinct_colours(tmp_path):
    """An import that meets new sides gives each its own colour."""
    Side.objects.create(name="Armenia", slug="armenia", colour=OKABE_ITO[0])
    path = tmp_path / "claims.csv"
    rows = ["topic,claimant,side,stated_on,source_title,figure"]
    rows += [f"Deaths,Speaker {n},New side {n},2020-10-22,Report {n},{n + 1}" for n in range(4)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_claims(path)
    colours = dict(Side.objects.values_list("name", "colour"))
    assert [colours[f"New side {n}"] for n in range(4)] == list(OKABE_ITO[1:5])


@pytest.mark.django_db
def test_admin_add_form_offers_the_next_colour_and_keeps_an_edit(admin_client):
    """The admin's add form comes filled with the next free colour, and a colour typed over it is kept."""
    Side.objects.create(name="Armenia", slug="armenia")
    page = admin_client.get("/admin/sources/side/add/")
    assert page.status_code == HTTPStatus.OK
    assert f'value="{OKABE_ITO[1]}"'.encode() in page.content
    response = admin_client.post("/admin/sources/side/add/", {"name": "Turkey", "slug": "turkey", "colour": "#123456"})
    assert response.status_code == HTTPStatus.FOUND
    assert Side.objects.get(slug="turkey").colour == "#123456"
