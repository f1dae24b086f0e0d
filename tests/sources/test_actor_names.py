"""A side is never a speaker (issue #17), whichever door creates or renames the actor: here the workspace's
actor pages, as the API's (tests/api/test_actors.py) and the import's and claim API's matcher."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from sources.models import Actor
from tests.factories import ActorFactory, SideFactory

pytestmark = pytest.mark.django_db


def test_the_add_page_refuses_a_sides_name_on_the_name_field(client, editor):
    """An editor adding an actor called "Armenia" gets the error on `name`, and nothing is written."""
    armenia = SideFactory(name="Armenia", slug="armenia")
    client.force_login(editor)
    response = client.post(reverse("admin:sources_actor_add"), {"name": "Armenia", "kind": "government",
                                                                "side": armenia.pk})
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors
    assert errors["name"] == ["“Armenia” names a side, not a speaker: give the person or body who spoke."]
    assert not Actor.objects.exists()


def test_the_change_page_refuses_a_rename_to_a_sides_name(client, editor):
    """Renaming a draft's voice to "the Armenian side" is refused on `name`; the actor keeps its name."""
    armenia = SideFactory(name="Armenia", slug="armenia")
    actor = ActorFactory(name="Armenian officials", side=armenia, kind="government")
    client.force_login(editor)
    response = client.post(reverse("admin:sources_actor_change", args=[actor.pk]),
                           {"name": "the Armenian side", "kind": "government", "side": armenia.pk})
    assert response.status_code == HTTPStatus.OK
    assert "names a side" in response.context["adminform"].form.errors["name"][0]
    assert Actor.objects.get(pk=actor.pk).name == "Armenian officials"
