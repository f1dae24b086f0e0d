"""/api/topics/: what claims are about; editors create and change them (changes recompute flags)."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Contradiction, Topic
from tests.api.conftest import data_queries

URL = "/api/topics/"


def deaths_body(w) -> dict:
    return {"id": w.deaths.pk, "slug": "military-deaths-armenia", "name": "Military deaths, Armenia", "kind": "figure",
            "description": "", "metric": "military deaths",
            "counted_side": {"id": w.armenia.pk, "slug": "armenia", "name": "Armenia", "wikidata": ""},
            "cumulative": True,
            "window_days": 2}


def shelling_body(w) -> dict:
    return {"id": w.shelling.pk, "slug": "shelling-of-terter", "name": "Shelling of Terter", "kind": "proposition",
            "description": "", "metric": "", "counted_side": None, "cumulative": True, "window_days": 2}


def test_public_list_has_topics_with_published_claims(api, world):
    """A topic shows publicly once a published claim stands on it: the drafts' topic stays hidden."""
    assert api.get(URL).json() == {"next": None, "previous": None,
                                   "results": [deaths_body(world), shelling_body(world)]}


def test_editors_see_every_topic(editor_api, world):
    """Staff see all topics, by name."""
    names = [t["name"] for t in editor_api.get(URL).json()["results"]]
    assert names == ["Drones lost", "Military deaths, Armenia", "Shelling of Terter"]


def test_kind_filter(api, world):
    """`kind` keeps figure or proposition topics; anything else is a 400."""
    assert [t["slug"] for t in api.get(f"{URL}?kind=proposition").json()["results"]] == ["shelling-of-terter"]
    assert api.get(f"{URL}?kind=opinion").status_code == HTTPStatus.BAD_REQUEST


def test_detail(api, editor_api, world):
    """One topic in full; a topic of drafts is a 404 for the public only."""
    assert api.get(f"{URL}{world.deaths.pk}/").json() == deaths_body(world)
    assert api.get(f"{URL}{world.secret_topic.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert editor_api.get(f"{URL}{world.secret_topic.pk}/").status_code == HTTPStatus.OK


def test_editor_creates_a_topic(editor_api, editor, world):
    """A new topic gets a slug from its name when none is given, and its history names the editor."""
    response = editor_api.post(URL, {"name": "Civilian deaths, Stepanakert", "metric": "civilian deaths",
                                     "counted_side": world.armenia.pk, "window_days": 3})
    assert response.status_code == HTTPStatus.CREATED
    topic = Topic.objects.get(slug="civilian-deaths-stepanakert")
    assert response["Location"] == f"/api/topics/{topic.pk}/"
    assert response.json() == {
        "id": topic.pk, "slug": "civilian-deaths-stepanakert", "name": "Civilian deaths, Stepanakert",
        "kind": "figure", "description": "", "metric": "civilian deaths",
        "counted_side": {"id": world.armenia.pk, "slug": "armenia", "name": "Armenia", "wikidata": ""},
        "cumulative": True,
        "window_days": 3,
    }
    assert topic.history.get().history_user == editor


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"name": "military DEATHS, armenia"}, {"name": ["A topic with this name already exists."]}),
        ({"name": "New", "slug": "military-deaths-armenia"}, {"slug": ["Topic with this Slug already exists."]}),
        ({"name": "New", "kind": "proposition", "metric": "deaths"},
         {"metric": ["Only figure topics have a metric or a counted side."]}),
        ({"name": "New", "window_days": -1}, {"window_days": ["Ensure this value is greater than or equal to 0."]}),
        ({"name": "!!!"}, {"slug": ["Give a slug: the name has no letters to make one."]}),
        ({}, {"name": ["This field is required."]}),
    ],
)
def test_bad_topics_are_400(editor_api, world, payload, expected):
    """Each problem is named with its field; nothing is created."""
    before = Topic.objects.count()
    response = editor_api.post(URL, payload)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == expected
    assert Topic.objects.count() == before


def test_changing_a_rule_setting_recomputes_the_topic(editor_api, reviewer_api, world):
    """A death toll declared non-cumulative (by a reviewer: published claims stand on it) re-flags its claims."""
    refused = editor_api.patch(f"{URL}{world.deaths.pk}/", {"cumulative": False})
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert refused.json() == {"detail": "Only reviewers may change a topic that published claims stand on."}
    response = reviewer_api.patch(f"{URL}{world.deaths.pk}/", {"cumulative": False})
    assert response.status_code == HTTPStatus.OK
    assert response.json()["cumulative"] is False
    assert Contradiction.objects.filter(claim_a=world.am, claim_b=world.in_review, kind="figure_mismatch").exists()


def test_a_topic_with_figures_stays_a_figure_topic(reviewer_api, world):
    """topic_update's rule comes back as a 400 on `kind`."""
    response = reviewer_api.patch(f"{URL}{world.deaths.pk}/", {"kind": "proposition", "metric": "",
                                                            "counted_side": None})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"kind": ["This topic's claims carry figures; it must stay a figure topic."]}


@pytest.mark.parametrize(("client", "status"), [("api", HTTPStatus.UNAUTHORIZED), ("reader_api", HTTPStatus.FORBIDDEN)])
def test_writes_need_an_editor(request, world, client, status):
    """Creating or changing a topic needs the editor's permissions."""
    client = request.getfixturevalue(client)
    assert client.post(URL, {"name": "New"}, format="json").status_code == status
    assert client.patch(f"{URL}{world.deaths.pk}/", {"window_days": 5}, format="json").status_code == status
    world.deaths.refresh_from_db()
    assert world.deaths.window_days == 2


def test_query_budget(api, world):
    """DESIGN §10: the list is one query."""
    with CaptureQueriesContext(connection) as captured:
        api.get(URL)
    assert len(data_queries(captured)) == 1
