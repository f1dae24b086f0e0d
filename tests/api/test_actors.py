"""/api/actors/: who makes statements; editors create and change them."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.models import Actor
from tests.api.conftest import data_queries, side_ref

URL = "/api/actors/"


def test_public_actors_are_claimants_of_published_claims(api, world):
    """The public sees actors with a published claim, by name, each with their side."""
    w = world
    assert api.get(URL).json() == {
        "next": None,
        "previous": None,
        "results": [
            {"id": w.mod_am.pk, "name": "Armenian Ministry of Defence", "kind": "military", "role": "",
             "wikidata": "", "side": side_ref(w.armenia)},
            {"id": w.mod_az.pk, "name": "Azerbaijani Ministry of Defence", "kind": "military", "role": "",
             "wikidata": "", "side": side_ref(w.azerbaijan)},
            {"id": w.aliyev.pk, "name": "Ilham Aliyev", "kind": "person", "role": "President of Azerbaijan",
             "wikidata": "", "side": side_ref(w.azerbaijan)},
        ],
    }


def test_editors_see_every_actor(editor_api, api, world):
    """The voice of a draft is hidden from the public, not from editors."""
    assert editor_api.get(f"{URL}{world.draft_voice.pk}/").status_code == HTTPStatus.OK
    assert api.get(f"{URL}{world.draft_voice.pk}/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(("query", "expected"), [
    ("side=azerbaijan", ["mod_az", "aliyev"]),
    ("kind=person", ["aliyev"]),
    ("side=russia", []),
])
def test_filters(api, world, query, expected):
    """`side` (slug) and `kind` narrow the list."""
    assert [a["id"] for a in api.get(f"{URL}?{query}").json()["results"]] == [getattr(world, n).pk for n in expected]


def test_editor_creates_and_changes_an_actor(editor_api, world):
    """An editor adds an actor and corrects their role."""
    created = editor_api.post(URL, {"name": "Nikol Pashinyan", "kind": "person", "role": "Prime Minister",
                                    "wikidata": "Q7036391", "side": world.armenia.pk})
    assert created.status_code == HTTPStatus.CREATED
    actor = Actor.objects.get(name="Nikol Pashinyan")
    assert created.json() == {"id": actor.pk, "name": "Nikol Pashinyan", "kind": "person", "role": "Prime Minister",
                              "wikidata": "Q7036391",
                              "side": {"id": world.armenia.pk, "slug": "armenia", "name": "Armenia", "wikidata": ""}}
    changed = editor_api.patch(f"{URL}{actor.pk}/", {"role": "Prime Minister of Armenia"})
    assert changed.json()["role"] == "Prime Minister of Armenia"


def test_names_are_unique_per_side(editor_api, world):
    """The same name on the same side (any case) is a 400; on another side it is another actor."""
    clash = editor_api.post(URL, {"name": "ilham aliyev", "side": world.azerbaijan.pk})
    assert clash.status_code == HTTPStatus.BAD_REQUEST
    assert clash.json() == {"name": ["An actor with this name already exists."]}
    assert editor_api.post(URL, {"name": "Ilham Aliyev", "side": world.armenia.pk}).status_code == HTTPStatus.CREATED


def test_bad_actor(editor_api, world):
    """Missing side and unknown kind are named."""
    response = editor_api.post(URL, {"name": "X", "kind": "alien"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"kind": [
        "Unknown kind 'alien'; expected one of person, government (government body), military, media, ngo, "
        "intergovernmental (intergovernmental body), unnamed_group (value or label, any case)"],
        "side": ["This field is required."]}


@pytest.mark.parametrize(("client", "status"), [("api", HTTPStatus.UNAUTHORIZED), ("reader_api", HTTPStatus.FORBIDDEN)])
def test_writes_need_an_editor(request, world, client, status):
    """Creating or changing an actor needs the editor's permissions."""
    client = request.getfixturevalue(client)
    assert client.post(URL, {"name": "X", "side": world.armenia.pk}, format="json").status_code == status
    assert client.patch(f"{URL}{world.aliyev.pk}/", {"role": "X"}, format="json").status_code == status
    assert not Actor.objects.filter(name="X").exists()


def test_query_budget(api, world):
    """DESIGN §10: the list is one query."""
    with CaptureQueriesContext(connection) as captured:
        api.get(URL)
    assert len(data_queries(captured)) == 1


@pytest.mark.parametrize("name", ["Armenia", "the Armenian side", "ARMENIA", "Azerbaijan"])
def test_a_side_is_never_a_speaker(editor_api, world, name):
    """Creating an actor named only for a side, or renaming one so, is a 400 on `name`, as import and the claim
    API refuse the same name as a claimant; nothing is written."""
    before = Actor.objects.count()
    created = editor_api.post(URL, {"name": name, "side": world.armenia.pk})
    assert created.status_code == HTTPStatus.BAD_REQUEST
    assert created.json() == {"name": [f"“{name}” names a side, not a speaker: give the person or body who spoke."]}
    renamed = editor_api.patch(f"{URL}{world.draft_voice.pk}/", {"name": name})
    assert renamed.status_code == HTTPStatus.BAD_REQUEST
    assert "names a side" in renamed.json()["name"][0]
    assert Actor.objects.count() == before and Actor.objects.get(pk=world.draft_voice.pk).name != name


def test_a_body_of_a_side_is_a_speaker(editor_api, world):
    """A body named with its country is a speaker: only the side's own name is refused."""
    created = editor_api.post(URL, {"name": "Armenian Ministry of Foreign Affairs", "side": world.armenia.pk})
    assert created.status_code == HTTPStatus.CREATED
