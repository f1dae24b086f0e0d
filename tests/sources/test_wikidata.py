"""Wikidata ids on actors, sides and outlets: optional, checked offline, kept as typed."""

from http import HTTPStatus

import pytest
from django.db import IntegrityError
from django.urls import reverse

from sources.models import Actor, Outlet, Side
from tests.factories import ActorFactory, OutletFactory, SideFactory

pytestmark = pytest.mark.django_db


def _add(client, name, data):
    return client.post(reverse(f"admin:sources_{name}_add"), data)


@pytest.mark.parametrize("bad", ["Q0", "Q042", "q42", "42", "Q42x", "https://www.wikidata.org/wiki/Q42", "P31"])
def test_admin_refuses_a_malformed_qid_and_names_the_field(admin_client, bad):
    """A QID that is not Q and a number without leading zeros is refused with the field's own error."""
    side = SideFactory(name="Armenia", slug="armenia")
    response = _add(admin_client, "actor", {"name": "Nikol Pashinyan", "kind": "person", "side": side.pk,
                                            "wikidata": bad})
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["wikidata"]
    assert "Wikidata item id" in errors["wikidata"][0]
    assert not Actor.objects.exists()


def test_admin_keeps_a_valid_qid_on_each_kind_of_reference(admin_client):
    """Actors, sides and outlets each store the QID they were given, and none is needed."""
    assert _add(admin_client, "side", {"name": "Armenia", "slug": "armenia", "colour": "#cc0000",
                                       "wikidata": "Q399"}).status_code == HTTPStatus.FOUND
    side = Side.objects.get()
    assert _add(admin_client, "actor", {"name": "Nikol Pashinyan", "kind": "person", "side": side.pk,
                                        "wikidata": "Q7036391"}).status_code == HTTPStatus.FOUND
    assert _add(admin_client, "outlet", {"name": "Reuters", "kind": "news_agency",
                                         "wikidata": "Q130879"}).status_code == HTTPStatus.FOUND
    assert _add(admin_client, "outlet", {"name": "Unnamed blog", "kind": "blog"}).status_code == HTTPStatus.FOUND
    assert (side.wikidata, Actor.objects.get().wikidata) == ("Q399", "Q7036391")
    assert dict(Outlet.objects.values_list("name", "wikidata")) == {"Reuters": "Q130879", "Unnamed blog": ""}


@pytest.mark.parametrize("factory", [SideFactory, ActorFactory, OutletFactory])
def test_database_refuses_a_malformed_qid_whatever_door_it_came_by(factory):
    """The check constraint holds even for a write that skipped validation."""
    with pytest.raises(IntegrityError):
        factory(wikidata="Q01")


def test_admin_lists_link_each_qid_to_its_wikidata_page(admin_client):
    """The lists of actors, sides and outlets link a QID to wikidata.org and show a dash for none."""
    armenia = SideFactory(name="Armenia", slug="armenia", wikidata="Q399")
    ActorFactory(name="Nikol Pashinyan", side=armenia, wikidata="Q7036391")
    OutletFactory(name="Reuters", wikidata="Q130879")
    for name, qid in [("side", "Q399"), ("actor", "Q7036391"), ("outlet", "Q130879")]:
        page = admin_client.get(reverse(f"admin:sources_{name}_changelist")).content.decode()
        assert f'<a href="https://www.wikidata.org/wiki/{qid}" rel="noopener" target="_blank">{qid}</a>' in page
    SideFactory(name="Azerbaijan", slug="azerbaijan")
    page = admin_client.get(reverse("admin:sources_side_changelist") + "?q=Azerbaijan").content.decode()
    assert "wikidata.org" not in page
