"""POST /api/claims/: editors create drafts through claim_create; flags recomputed; errors name the field."""

from http import HTTPStatus

import pytest

from claims.models import Appearance, Claim, Contradiction
from tests.api.conftest import document_ref, side_ref, topic_ref

URL = "/api/claims/"


@pytest.fixture
def payload(world):
    return {
        "topic": world.deaths.pk,
        "claimant": world.aliyev.pk,
        "stated_on": "2020-10-22",
        "statement": "About 4,000 Armenian soldiers have died.",
        "quote": "Around 4,000 of their soldiers are dead",
        "attribution": "paraphrase",
        "figure": "around 4,000",
        "appearances": [{"document": world.az_doc.pk, "role": "report", "quote": "around 4,000"}],
    }


def test_editor_creates_a_draft(editor_api, editor, world, payload):
    """An editor's claim is created as their draft, with its figure parsed and its appearances, in full."""
    response = editor_api.post(URL, payload)
    assert response.status_code == HTTPStatus.CREATED
    claim = Claim.objects.get(statement=payload["statement"])
    assert response["Location"] == f"/api/claims/{claim.pk}/"
    flags = list(Contradiction.objects.involving(claim).order_by("pk").values_list("pk", flat=True))
    assert response.json() == {
        "id": claim.pk,
        "external_id": claim.external_id,
        "topic": topic_ref(world.deaths),
        "claimant": {"id": world.aliyev.pk, "name": "Ilham Aliyev", "kind": "person",
                     "role": "President of Azerbaijan", "wikidata": ""},
        "side": side_ref(world.azerbaijan),
        "accused_side": None,
        "stated_on": "2020-10-22",
        "statement": "About 4,000 Armenian soldiers have died.",
        "quote": "Around 4,000 of their soldiers are dead",
        "language": "en",
        "translation": "",
        "attribution": "paraphrase",
        "stance": "asserts",
        "figure": {
            "wording": "around 4,000",  # as the editor typed it, read as "about 4,000"
            "reading": "about 4,000",
            "qualifier": "approximately",
            "value": 4000,
            "value_max": None,
            "as_of": "2020-10-22",
            "interval": {"low": 3600.0, "high": 4400.0, "low_open": False, "high_open": False},
        },
        "status": "draft",
        "verdict": "unrated",
        "retraction_reason": "",
        "contested": False,
        "contradictions": flags,
        "provenance": [
            {"document": document_ref(world.az_doc), "depth": 0, "role": "report", "quote": "around 4,000",
             "also_relays": []},
        ],
        "origin_count": 1,
        "version": 1,
        "created_at": claim.created_at.isoformat(),
        "updated_at": claim.updated_at.isoformat(),
        "actions": ["submit"],  # their draft: the editor may send it for review, nothing more
    }
    assert len(claim.external_id) == 32
    assert claim.created_by == editor
    assert claim.history.get().history_user == editor


def test_the_topic_is_flagged_at_once(editor_api, world, payload):
    """The new claim is compared with the topic's claims as it is saved (drafts take part)."""
    editor_api.post(URL, payload)
    claim = Claim.objects.get(statement=payload["statement"])
    found = {
        (flag.kind, (flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a).external_id)
        for flag in Contradiction.objects.involving(claim).select_related("claim_a", "claim_b")
    }
    assert found == {
        ("figure_mismatch", "am-2300"),
        ("internal_inconsistency", "az-5000"),
        ("figure_mismatch", "draft"),
    }


def test_figure_by_parts_and_side_from_claimant(editor_api, world):
    """A figure may be given as qualifier and values; the side defaults to the claimant's."""
    response = editor_api.post(URL, {
        "topic": world.deaths.pk, "claimant": world.mod_am.pk, "stated_on": "2020-10-29",
        "qualifier": "between", "value": 2600, "value_max": 2800, "as_of": "2020-10-28",
    })
    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body["side"] == side_ref(world.armenia)
    assert body["figure"] == {
        "wording": "2,600–2,800", "reading": "2,600–2,800", "qualifier": "between", "value": 2600, "value_max": 2800,
        "as_of": "2020-10-28",
        "interval": {"low": 2600.0, "high": 2800.0, "low_open": False, "high_open": False},
    }


def test_reviewer_may_rate_on_creation(reviewer_api, world, payload):
    """Reviewers may set the verdict."""
    response = reviewer_api.post(URL, {**payload, "verdict": "misleading"})
    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["verdict"] == "misleading"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"figure": "lots"}, {"figure": ['cannot read "lots" as a figure: no number found']}),
        ({"figure": "between 300 and 200"},
         {"figure": ['cannot read "between 300 and 200" as a figure: the range runs backwards (300 is above 200)']}),
        ({"qualifier": "exact", "value": 5},
         {"figure": ["Give the figure as worded or as qualifier and value, not both."]}),
        ({"figure": None, "qualifier": "exact", "value": 5, "value_max": 7},
         {"figure": ["This field may not be null."]}),
        ({"stated_on": "22/10/2020"},
         {"stated_on": ["Numeric date '22/10/2020' is not read (only YYYY-MM-DD is): write 2020-10-22 or "
                        "22 October 2020"]}),
        ({"stated_on": "05/03/2024"},
         {"stated_on": ["Ambiguous date '05/03/2024': it may be 5 March 2024 or 3 May 2024; write 2024-03-05 or "
                        "2024-05-03 (YYYY-MM-DD), or the month in words"]}),
        ({"topic": 999999}, {"topic": ["No topic with id 999999."]}),
        ({"stance": "maybe"}, {"stance": ["Unknown stance 'maybe'; expected one of asserts, denies (value or label, "
                                          "any case)"]}),
        ({"value": -1, "qualifier": "exact", "figure": "1"},
         {"value": ["Ensure this value is greater than or equal to 0."]}),
        ({"appearances": [{"role": "primary"}]}, {"appearances": {"0": {"document": ["This field is required."]}}}),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_written(editor_api, world, payload, change, expected):
    """Each bad value comes back under its field with the reason; no claim or appearance is written."""
    before = (Claim.objects.count(), Appearance.objects.count(), Contradiction.objects.count())
    response = editor_api.post(URL, {**payload, **change})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == expected
    assert (Claim.objects.count(), Appearance.objects.count(), Contradiction.objects.count()) == before


def test_service_rules_come_back_as_field_errors(editor_api, world, payload):
    """Rules checked by claim_create (a figure on a proposition topic, value_max off a range) are 400s too."""
    on_proposition = editor_api.post(URL, {**payload, "topic": world.shelling.pk})
    assert on_proposition.status_code == HTTPStatus.BAD_REQUEST
    assert on_proposition.json() == {
        "figure": ["Topic “Shelling of Terter” is a proposition; only figure topics take a figure."]
    }
    parts = {k: v for k, v in payload.items() if k != "figure"}
    off_range = editor_api.post(URL, {**parts, "qualifier": "exact", "value": 5, "value_max": 7})
    assert off_range.status_code == HTTPStatus.BAD_REQUEST
    assert off_range.json() == {
        "qualifier": ["invalid figure (qualifier='exact', value=5, value_max=7): value_max is only for "
                      "\"between\" figures, not \"exact\""]
    }
    assert not Claim.objects.filter(statement=payload["statement"]).exists()


def test_missing_fields(editor_api, world):
    """An empty body names every required field."""
    response = editor_api.post(URL, {})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {
        "topic": ["This field is required."],
        "claimant": ["This field is required."],
        "stated_on": ["This field is required."],
    }


def test_a_document_appears_once(editor_api, world, payload):
    """The same document twice in `appearances` is a 400."""
    twice = [{"document": world.post.pk}, {"document": world.post.pk, "role": "primary"}]
    response = editor_api.post(URL, {**payload, "appearances": twice})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"appearances": {"1": {"document": ["A document may appear only once per claim."]}}}


def test_external_id_is_unique(editor_api, world, payload):
    """An external_id already in use is a 400 on that field."""
    response = editor_api.post(URL, {**payload, "external_id": "am-2300"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"external_id": ["Claim with this External id already exists."]}


def test_editors_may_not_rate(editor_api, world, payload):
    """The verdict is the reviewers' call, as in the admin: 403 and nothing written."""
    response = editor_api.post(URL, {**payload, "verdict": "false"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == {"detail": "Only reviewers may set the verdict."}
    assert not Claim.objects.filter(statement=payload["statement"]).exists()


def test_anonymous_is_401_with_the_scheme(api, world, payload):
    """Without a token the answer is 401 and says which scheme to use."""
    response = api.post(URL, payload, format="json")
    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_a_wrong_token_is_401(api, world, payload):
    """A token that does not exist is a 401, on reads as well as writes."""
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    for response in (api.post(URL, payload, format="json"), api.get(URL)):
        assert response.status_code == HTTPStatus.UNAUTHORIZED
        assert response.json() == {"detail": "Invalid token."}


def test_users_outside_editors_are_403(reader_api, world, payload):
    """A signed-in user without claims.add_claim may not create."""
    response = reader_api.post(URL, payload)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == {"detail": "You do not have permission to perform this action."}


def test_body_must_be_json(editor_api, world):
    """Form bodies are a 415 and broken JSON a 400, both as JSON."""
    form = editor_api.post(URL, {"topic": 1}, format="multipart")
    assert form.status_code == HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    assert form.json()["detail"].startswith('Unsupported media type "multipart/form-data')
    broken = editor_api.post(URL, data="{not json", content_type="application/json")
    assert broken.status_code == HTTPStatus.BAD_REQUEST
    assert broken.json()["detail"].startswith("JSON parse error")
