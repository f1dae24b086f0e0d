"""The API takes what import takes (issue #15): a claim's topic, side, claimant, outlet and documents by id or by name.

Names are matched and created by the import's own matcher (`claims.interchange.references`): the
same name through either door ends at the same record. Whatever a name creates passes the policy
and keeps its history; a bad reference is a 400 naming its field, and nothing is half-written.
"""

from http import HTTPStatus

import pytest

from claims.interchange import import_claims
from claims.models import Appearance, Claim, Topic
from claims.visibility import NOT_FOUND
from sources.models import Actor, Document, Outlet, Side
from tests.claims.test_performance_paths import write_csv

URL = "/api/claims/"


MODELS = (Claim, Topic, Side, Actor, Outlet, Document, Appearance)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def named(world):
    """A claim naming everything it stands on, in other cases and spacing than stored, or by slug and URL."""
    return {
        "topic": "MILITARY DEATHS, ARMENIA",
        "side": "azerbaijan",  # the slug (and the name, in lower case)
        "claimant": "ilham aliyev",
        "accused_side": "Armenia",
        "stated_on": "5 March 2024",
        "statement": "Thousands of Armenian soldiers died.",
        "figure": "thousands",
        "attribution": "Paraphrase",
        "appearances": [{"document": "https://mod.gov.az/s1", "role": "Primary"}],
    }


def test_names_find_the_stored_records(editor_api, world, named):
    """Names in any case, a slug and a URL find the records already stored: nothing new is made."""
    before = counts()
    response = editor_api.post(URL, named, format="json")
    assert response.status_code == HTTPStatus.CREATED, response.json()
    body = response.json()
    assert (body["topic"]["id"], body["side"]["id"], body["claimant"]["id"], body["accused_side"]["id"]) == (
        world.deaths.pk, world.azerbaijan.pk, world.aliyev.pk, world.armenia.pk)
    assert [link["document"]["id"] for link in body["provenance"]] == [world.az_doc.pk]
    assert (body["stated_on"], body["attribution"], body["figure"]["wording"]) == ("2024-03-05", "paraphrase",
                                                                                  "thousands")
    assert counts() == {**before, "Claim": before["Claim"] + 1, "Appearance": before["Appearance"] + 1}


def test_ids_and_names_mix(editor_api, world, named):
    """An id still works beside names; the claimant's side is the default side."""
    payload = {**named, "topic": world.deaths.pk, "claimant": world.mod_am.pk}
    del payload["side"]
    body = editor_api.post(URL, payload, format="json").json()
    assert (body["topic"]["id"], body["claimant"]["id"], body["side"]["id"]) == (
        world.deaths.pk, world.mod_am.pk, world.armenia.pk)


def test_new_names_are_created_as_the_import_creates_them(editor_api, editor, world, tmp_path):
    """New names make a figure topic, a side, an actor of the kind given by its label, an outlet and a document;
    each is on the record as the editor's, and an import naming them afterwards finds the same records."""
    payload = {
        "topic": "Deaths in Gaza", "side": "Gaza health authorities", "claimant": "Ministry of Health",
        "claimant_kind": "Government Body", "claimant_role": "Gaza health ministry", "stated_on": "March 5, 2024",
        "figure": "more than 30,000",
        "appearances": [{"document": "Daily casualty report", "outlet": "Gaza MoH Telegram",
                         "published_on": "2024-03-05", "role": "primary"},
                        {"document": "https://wire.example.org/gaza", "title": "Toll passes 30,000",
                         "outlet": "Wire Agency"}],
    }
    response = editor_api.post(URL, payload, format="json")
    assert response.status_code == HTTPStatus.CREATED, response.json()
    topic = Topic.objects.get(name="Deaths in Gaza")
    side = Side.objects.get(name="Gaza health authorities")
    actor = Actor.objects.get(name="Ministry of Health")
    report = Document.objects.get(url="https://wire.example.org/gaza")
    post = Document.objects.get(title="Daily casualty report")
    assert (topic.kind, topic.slug, side.slug) == ("figure", "deaths-in-gaza", "gaza-health-authorities")
    assert (actor.side, actor.kind, actor.role) == (side, "government", "Gaza health ministry")
    assert (report.title, report.outlet.name, post.outlet.name, str(post.published_on)) == (
        "Toll passes 30,000", "Wire Agency", "Gaza MoH Telegram", "2024-03-05")
    for record in (topic, side, actor, report, post, report.outlet, post.outlet):
        assert [(h.history_type, h.history_user) for h in record.history.all()] == [("+", editor)], record

    before = counts()
    row = {"topic": "deaths in gaza", "claimant": "MINISTRY OF HEALTH", "side": "Gaza Health Authorities",
           "stated_on": "2024-03-06", "figure": "more than 30,100", "source_url": "https://wire.example.org/gaza",
           "outlet": "wire agency"}
    import_claims(write_csv(tmp_path / "same.csv", [row]), user=editor, status="draft")
    assert counts() == {**before, "Claim": before["Claim"] + 1, "Appearance": before["Appearance"] + 1}


def test_a_claim_without_a_figure_makes_a_proposition_topic(editor_api, world):
    """As in the import, a new topic named by a claim without a figure is a proposition."""
    payload = {"topic": "Drone strike on the bridge", "claimant": world.aliyev.pk, "stated_on": "2024-03-05",
               "statement": "Armenia struck the bridge.", "accused_side": "armenia"}
    assert editor_api.post(URL, payload, format="json").status_code == HTTPStatus.CREATED
    assert Topic.objects.get(name="Drone strike on the bridge").kind == "proposition"


@pytest.mark.parametrize(("change", "expected"), [
    ({"topic": 999999}, {"topic": ["No topic with id 999999."]}),
    ({"side": 999999}, {"side": ["No side with id 999999."]}),
    ({"claimant": 999999}, {"claimant": ["No actor with id 999999."]}),
    ({"topic": "Shelling of Terter"},
     {"topic": ["Topic “Shelling of Terter” has kind 'proposition'; this says 'figure'."]}),
    ({"side": "S" * 101}, {"side": ["Ensure this value has at most 100 characters (it has 101)."]}),
    ({"topic": ""}, {"topic": ["Give an id (a number) or a name, not an empty string."]}),
    ({"topic": True}, {"topic": ["Give an id (a number) or a name."]}),
    ({"appearances": [{"document": 999999}]}, {"appearances": {"0": {"document": ["No document with id 999999."]}}}),
    ({"appearances": [{"document": "https://"}]}, {"appearances": {"0": {"document": ["Enter a valid URL."]}}}),
    ({"appearances": [{"document": "Report", "outlet": 999999}]},
     {"appearances": {"0": {"outlet": ["No outlet with id 999999."]}}}),
    ({"claimant_kind": "robot"},
     {"claimant_kind": ["Unknown claimant_kind 'robot'; expected one of person, government (government body), "
                        "military, media, ngo, intergovernmental (intergovernmental body), unnamed_group "
                        "(value or label, any case)"]}),
])
def test_a_bad_reference_is_a_400_on_its_field_and_writes_nothing(editor_api, world, named, change, expected):
    """Each bad reference is named by its field; a topic or side made before the error is taken back too."""
    before = counts()
    payload = {**named, "topic": "A brand new topic", "side": "A brand new side", "claimant": "A new voice", **change}
    payload = {key: value for key, value in payload.items() if value is not None}
    response = editor_api.post(URL, payload, format="json")
    assert (response.status_code, response.json()) == (HTTPStatus.BAD_REQUEST, expected)
    assert counts() == before


def test_a_claimant_by_name_needs_a_side(editor_api, world, named):
    """An actor is matched by name and side, as in the import: without a side, the error says to give one."""
    payload = {**named, "claimant": "A new voice"}
    del payload["side"]
    response = editor_api.post(URL, payload, format="json")
    assert response.json() == {
        "side": ["Give the claimant's side: a claimant named (not by id) is found or created on it."]}


def test_ids_the_editor_may_not_read_are_unknown(editor_api, world, named):
    """An id names only what the writer may read: another editor's hidden draft's document is still a document
    to staff, but an id that does not exist is the same 'no such id' whatever is hidden."""
    response = editor_api.post(URL, {**named, "topic": world.secret_topic.pk}, format="json")
    assert response.status_code == HTTPStatus.CREATED  # topics are every editor's to use
    absent = editor_api.post(URL, {**named, "claimant": 10**9}, format="json")
    assert absent.json() == {"claimant": [f"No actor with id {10**9}."]}


def test_what_a_name_creates_stays_private_until_a_reviewer_publishes(editor_api, api, reviewer_api, world):
    """An editor's new actor, topic and side are a draft's: the public sees none of them until a reviewer publishes."""
    payload = {"topic": "Deaths in Gaza", "side": "Gaza health authorities", "claimant": "Ministry of Health",
               "stated_on": "2024-03-05", "figure": "more than 30,000"}
    body = editor_api.post(URL, payload, format="json").json()
    claim = Claim.objects.get(pk=body["id"])
    assert claim.status == "draft"
    doors = (f"/api/actors/{body['claimant']['id']}/", f"/api/topics/{body['topic']['id']}/",
             f"/api/sides/{body['side']['id']}/")
    assert [api.get(door).json() for door in doors] == [{"detail": NOT_FOUND}] * 3
    editor_api.post(f"{URL}{claim.pk}/submit/", {"version": claim.version}, format="json")
    claim.refresh_from_db()
    assert reviewer_api.post(f"{URL}{claim.pk}/publish/", {"version": claim.version},
                             format="json").status_code == HTTPStatus.OK
    assert [api.get(door).status_code for door in doors] == [HTTPStatus.OK] * 3


def test_an_editor_cannot_reach_a_published_claim_by_naming_new_things(editor_api, world):
    """A change an editor may not make creates nothing on the way to its 403."""
    before = counts()
    response = editor_api.patch(f"{URL}{world.am.pk}/", {"version": world.am.version, "claimant": "Brand new voice",
                                                         "topic": "Brand new topic"}, format="json")
    assert (response.status_code, response.json()) == (
        HTTPStatus.FORBIDDEN, {"detail": "Only reviewers may change a published claim."})
    assert counts() == before


def test_patch_takes_names_too(editor_api, world):
    """PATCH finds a claimant by name on the claim's own side, and a topic by slug."""
    draft = world.draft
    response = editor_api.patch(f"{URL}{draft.pk}/", {"version": draft.version, "claimant": "ARMENIAN MINISTRY OF "
                                                      "DEFENCE", "topic": "military-deaths-armenia"}, format="json")
    assert response.status_code == HTTPStatus.OK, response.json()
    assert response.json()["claimant"]["id"] == world.mod_am.pk


def test_naming_a_topic_never_changes_it(editor_api, world, named):
    """A named topic is used as stored: the API cannot change a topic's settings by naming it (as a row cannot)."""
    before = Topic.objects.values().get(pk=world.shelling.pk)
    payload = {**named, "topic": "shelling of terter", "figure": None}
    payload = {key: value for key, value in payload.items() if value is not None}
    assert editor_api.post(URL, payload, format="json").status_code == HTTPStatus.CREATED
    assert Topic.objects.values().get(pk=world.shelling.pk) == before


def test_the_schema_says_ids_or_names(api, db):
    """The OpenAPI document describes each reference as an id or a name, and choices as values or labels."""
    schema = api.get("/api/schema/?format=json").json()
    write = schema["components"]["schemas"]["ClaimWriteRequest"]["properties"]
    for field in ("topic", "claimant", "side", "accused_side"):
        assert [option["type"] for option in write[field]["oneOf"]] == ["integer", "string"], field
    assert "by name as the import matches it" in write["topic"]["description"]
    assert "enum" not in write["stance"]
    assert "the value or the label" in write["stance"]["description"]
    assert "month in words" in write["stated_on"]["description"]
    appearance = schema["components"]["schemas"]["AppearanceWriteRequest"]["properties"]
    assert [option["type"] for option in appearance["document"]["oneOf"]] == ["integer", "string"]
