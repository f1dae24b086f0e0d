"""GET /api/claims/<id>/ and DELETE on it."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.visibility import NOT_FOUND
from tests.api.conftest import am_body, data_queries


def url(claim) -> str:
    return f"/api/claims/{claim.pk}/"


def test_published_claim_in_full(api, world):
    """One claim carries its figure and interval, side, claimant, provenance chain, contested flag and flag ids."""
    response = api.get(url(world.am))
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {**am_body(world), "actions": []}


@pytest.mark.parametrize("name", ["draft", "in_review", "secret", "retracted"])
def test_unpublished_claims_are_404_for_the_public(api, world, name):
    """The public cannot tell an unpublished claim from a missing one."""
    claim = getattr(world, name)
    response = api.get(url(claim))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": NOT_FOUND}


@pytest.mark.parametrize(("name", "status"), [("draft", HTTPStatus.OK), ("in_review", HTTPStatus.OK),
                                             ("secret", HTTPStatus.NOT_FOUND), ("retracted", HTTPStatus.OK)])
def test_editor_reads_own_drafts_and_claims_in_review(editor_api, world, name, status):
    """An editor reads their own draft and the claims in review, not another editor's draft."""
    assert editor_api.get(url(getattr(world, name))).status_code == status


def test_reviewer_reads_any_draft(reviewer_api, world):
    """Reviewers read every claim."""
    body = reviewer_api.get(url(world.secret)).json()
    assert (body["status"], body["external_id"], body["contested"]) == ("draft", "secret", False)


def test_unknown_claim_is_a_json_404(api, db):
    """An id that does not exist is a JSON 404."""
    response = api.get("/api/claims/999999/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": NOT_FOUND}


def test_csv_is_for_lists_only(api, world):
    """?format=csv on one claim is a JSON 404: CSV is offered on list endpoints."""
    response = api.get(url(world.am) + "?format=csv")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == "application/json"


def test_query_budget(api, world):
    """DESIGN §10: one claim is 3 queries (claim, its provenance chain, flags)."""
    with CaptureQueriesContext(connection) as captured:
        api.get(url(world.am))
    assert len(data_queries(captured)) == 3


@pytest.mark.parametrize("client", ["api", "editor_api", "reviewer_api"])
def test_delete_is_refused_with_the_way_to_retract(request, world, client):
    """Claims are retracted, never deleted: DELETE is a 405 for everyone, saying how to retract."""
    response = request.getfixturevalue(client).delete(url(world.draft))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response.json() == {
        "detail": f"Claims are not deleted: retract it instead with POST /api/claims/{world.draft.pk}/retract/ "
        "and a reason."
    }
    assert "DELETE" not in response["Allow"]
    assert {"GET", "PATCH"} <= set(response["Allow"].replace(" ", "").split(","))
    assert Claim.objects.filter(pk=world.draft.pk).exists()


def test_put_is_not_offered(editor_api, world):
    """Changes are PATCH with a version; PUT is a 405."""
    response = editor_api.put(url(world.draft), {"version": 1})
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response.json() == {"detail": 'Method "PUT" not allowed.'}
