"""Wikidata ids on actors, sides and outlets: optional, checked offline, kept as typed."""

import json
from http import HTTPStatus

import pytest
from django.db import IntegrityError
from django.urls import reverse

from sources.models import Actor, Outlet, Side
from tests.factories import ActorFactory, OutletFactory, SideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


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


def test_the_claim_page_links_claimant_and_side_to_wikidata(client):
    """A published claim's page shows a link to the claimant's and the side's Wikidata items."""
    from tests.factories import ClaimFactory

    armenia = SideFactory(name="Armenia", slug="armenia", wikidata="Q399")
    pashinyan = ActorFactory(name="Nikol Pashinyan", side=armenia, wikidata="Q7036391")
    claim = ClaimFactory(claimant=pashinyan, side=armenia, status="published")
    page = client.get(claim.get_absolute_url()).content.decode()
    assert '<a class="wikidata" href="https://www.wikidata.org/wiki/Q7036391"' in page
    assert '<a class="wikidata" href="https://www.wikidata.org/wiki/Q399"' in page


def test_claimreview_names_the_claimant_by_its_wikidata_page(api_client):
    """A rated claim's ClaimReview gives its author `sameAs` the Wikidata page."""
    from tests.factories import ClaimFactory

    putin = ActorFactory(name="Vladimir Putin", wikidata="Q7747")
    claim = ClaimFactory(claimant=putin, side=putin.side, status="published", verdict="false")
    body = api_client.get(reverse("api:claim-claimreview", args=[claim.pk])).json()
    assert body["itemReviewed"]["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q7747"


def test_the_api_shows_qids_and_refuses_a_malformed_one_naming_the_field(api_client, editor):
    """Actors, sides and outlets carry `wikidata`; an actor written with a bad QID is a 400 on that field."""
    armenia = SideFactory(name="Armenia", slug="armenia", wikidata="Q399")
    OutletFactory(name="Reuters", wikidata="Q130879")
    api_client.force_authenticate(editor)  # a side or outlet no published claim stands on is for staff
    assert api_client.get(reverse("api:side-detail", args=[armenia.pk])).json()["wikidata"] == "Q399"
    assert api_client.get(reverse("api:outlet-list")).json()["results"][0]["wikidata"] == "Q130879"
    response = api_client.post(reverse("api:actor-list"), {"name": "Nikol Pashinyan", "side": armenia.pk,
                                                           "wikidata": "Q07036391"}, format="json")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["wikidata"]
    assert not Actor.objects.exists()


def test_interchange_carries_qids_and_fills_only_missing_ones(tmp_path):
    """Import stores the columns' QIDs where none is stored, never replacing one; export writes them back."""
    from claims.interchange import export_claims, import_claims

    russia = SideFactory(name="Russia", slug="russia", wikidata="Q159")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({
        "topic": "Deaths in the 2020 war", "claimant": "Vladimir Putin", "claimant_wikidata": "Q7747",
        "side": "Russia", "side_wikidata": "Q4", "stated_on": "2020-10-22", "source_url": "https://x.example/1",
        "outlet": "Reuters", "outlet_wikidata": "Q130879"}) + "\n")
    import_claims(path)
    russia.refresh_from_db()
    assert (Actor.objects.get().wikidata, russia.wikidata, Outlet.objects.get().wikidata) == ("Q7747", "Q159",
                                                                                             "Q130879")
    out = tmp_path / "out.jsonl"
    export_claims(out)
    row = json.loads(out.read_text().splitlines()[0])
    assert (row["claimant_wikidata"], row["side_wikidata"], row["outlet_wikidata"]) == ("Q7747", "Q159", "Q130879")


def test_interchange_refuses_a_malformed_qid_naming_row_and_column(tmp_path):
    """A bad QID is a row error on its column, and nothing is written."""
    from claims.interchange import ImportFailed, import_claims

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"topic": "T", "claimant": "A", "side": "S", "stated_on": "2020-10-22",
                                "source_title": "Doc", "side_wikidata": "wd:Q4"}) + "\n")
    with pytest.raises(ImportFailed) as failed:
        import_claims(path)
    assert [(e.row, e.column) for e in failed.value.errors] == [(1, "side_wikidata")]
    assert "Wikidata item id" in failed.value.errors[0].reason
    assert not Side.objects.exists()
