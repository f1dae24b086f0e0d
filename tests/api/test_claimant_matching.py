"""The API names a claimant as every door does (#17): the matcher of `claims.matching`, not the name as typed.

An alias, a possessive, another word order or an acronym finds the stored actor; a side's name is
refused; a name several actors share equally is a 400 naming them. Each refusal is on `claimant`,
and nothing the request named is left half-written.
"""

from http import HTTPStatus

import pytest

from sources.models import ActorAlias
from tests.api.test_claim_write_by_name import URL, counts
from tests.factories import ActorFactory


@pytest.fixture
def payload(world):
    return {"topic": world.deaths.pk, "side": "Armenia", "stated_on": "2020-10-24", "figure": "2,350",
            "statement": "Armenia: 2,350 dead."}


@pytest.mark.parametrize("printed", [
    "Armenia's defence ministry",  # a possessive, another word order
    "Ministry of Defence of Armenia",
    "the Armenian MoD",  # an acronym
    "Armenian army command",  # an alias, in other words
])
def test_a_claimant_named_otherwise_is_the_stored_actor(editor_api, world, payload, printed):
    """The ways coverage prints the Armenian ministry all find it: the claim is its, no second actor is made."""
    ActorAlias.objects.create(actor=world.mod_am, name="the army command of Armenia")
    before = counts()
    response = editor_api.post(URL, {**payload, "claimant": printed}, format="json")
    assert response.status_code == HTTPStatus.CREATED, response.json()
    assert response.json()["claimant"]["id"] == world.mod_am.pk
    assert counts() == {**before, "Claim": before["Claim"] + 1}


def test_patch_matches_the_claimant_on_the_claims_side(editor_api, world):
    """PATCH with a claimant's alias (no side given) finds the actor on the claim's own side."""
    ActorAlias.objects.create(actor=world.aliyev, name="the Azerbaijani president")
    claim = world.draft
    response = editor_api.patch(f"{URL}{claim.pk}/", {"version": claim.version, "side": "Azerbaijan",
                                                      "claimant": "Azerbaijan's President"}, format="json")
    assert response.status_code == HTTPStatus.OK, response.json()
    assert response.json()["claimant"]["id"] == world.aliyev.pk
    response = editor_api.patch(f"{URL}{claim.pk}/", {"version": claim.version + 1, "claimant": "MoD"},
                                format="json")
    assert (response.status_code, response.json()["claimant"]["id"]) == (HTTPStatus.OK, world.mod_az.pk)


@pytest.mark.parametrize(("printed", "side"), [
    ("Armenia", "Armenia"),
    ("the Azerbaijani side", "Azerbaijan"),
    ("Armenians", "A brand new side"),
    ("Freeland", "Freeland"),  # a side the request itself creates
])
def test_a_sides_name_is_refused_on_claimant_and_nothing_is_written(editor_api, world, payload, printed, side):
    """A side is never a speaker: a 400 on `claimant`; the new side and topic the request named are taken back too."""
    before = counts()
    response = editor_api.post(URL, {**payload, "topic": "A brand new topic", "side": side, "claimant": printed},
                               format="json")
    assert (response.status_code, response.json()) == (HTTPStatus.BAD_REQUEST, {"claimant": [
        f"“{printed}” names a side, not a speaker: give the person or body who spoke."]})
    assert counts() == before


def test_a_name_two_actors_share_is_a_400_naming_them(editor_api, world, payload):
    """Two actors of the side with the same words: the request must say which, by id or exact name."""
    twin = ActorFactory(name="Defence Ministry", kind="military", side=world.armenia)
    before = counts()
    response = editor_api.post(URL, {**payload, "claimant": "Armenia's defence ministry"}, format="json")
    assert (response.status_code, response.json()) == (HTTPStatus.BAD_REQUEST, {"claimant": [
        f"“Armenia's defence ministry” may be any of these actors: “Armenian Ministry of Defence” (Armenia, id "
        f"{world.mod_am.pk}); “Defence Ministry” (Armenia, id {twin.pk}). Give the one meant by its id or its exact "
        "name."]})
    assert counts() == before
    for given, meant in (("defence MINISTRY", twin), ("Armenian Ministry of Defence", world.mod_am),
                         (twin.pk, twin)):
        response = editor_api.post(URL, {**payload, "claimant": given}, format="json")
        assert response.json()["claimant"]["id"] == meant.pk


def test_a_name_nothing_decides_is_a_new_actor(editor_api, world, payload):
    """Similar is not the same: "Armenian Ministry of Defence Affairs" is a new actor, as an unknown name is."""
    response = editor_api.post(URL, {**payload, "claimant": "Armenian Ministry of Defence Affairs",
                                     "claimant_kind": "government"}, format="json")
    assert response.status_code == HTTPStatus.CREATED, response.json()
    body = response.json()["claimant"]
    assert body["id"] not in (world.mod_am.pk, world.draft_voice.pk)
    assert (body["name"], body["kind"]) == ("Armenian Ministry of Defence Affairs", "government")
