"""POST /api/claims/<id>/submit/, /publish/, /retract/: the admin's workflow and four-eyes rule."""

from http import HTTPStatus

import pytest

from claims.models import Claim
from claims.visibility import NOT_FOUND
from tests.factories import ClaimFactory


def url(claim, action) -> str:
    return f"/api/claims/{claim.pk}/{action}/"


def test_editor_submits_own_draft(editor_api, world):
    """Submitting moves a draft to review and bumps its version."""
    response = editor_api.post(url(world.draft, "submit"), {"version": 1})
    assert response.status_code == HTTPStatus.OK
    assert (response.json()["status"], response.json()["version"]) == ("in_review", 2)


def test_reviewer_publishes_another_editors_claim(reviewer_api, reviewer, api, world):
    """Publishing records the reviewer and makes the claim public."""
    response = reviewer_api.post(url(world.in_review, "publish"), {"version": 1})
    assert response.status_code == HTTPStatus.OK
    assert response.json()["status"] == "published"
    world.in_review.refresh_from_db()
    assert world.in_review.reviewed_by == reviewer
    assert api.get(f"/api/claims/{world.in_review.pk}/").status_code == HTTPStatus.OK


def test_retraction_hides_the_claim_and_clears_contested(reviewer_api, api, world):
    """A retracted claim leaves the public view and its opponent is no longer contested by it."""
    response = reviewer_api.post(url(world.am, "retract"), {"version": 1, "reason": "The ministry withdrew it."})
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert (body["status"], body["retraction_reason"], body["contested"]) == (
        "retracted", "The ministry withdrew it.", False)
    assert api.get(f"/api/claims/{world.am.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert api.get(f"/api/claims/{world.az.pk}/").json()["contested"] is False


@pytest.mark.parametrize(
    ("client", "name", "action", "body", "status", "expected"),
    [
        ("api", "draft", "submit", {"version": 1}, HTTPStatus.UNAUTHORIZED,
         {"detail": "Authentication credentials were not provided."}),
        ("api", "in_review", "publish", {"version": 1}, HTTPStatus.UNAUTHORIZED,
         {"detail": "Authentication credentials were not provided."}),
        ("api", "am", "retract", {"version": 1, "reason": "x"}, HTTPStatus.UNAUTHORIZED,
         {"detail": "Authentication credentials were not provided."}),
        ("reader_api", "am", "retract", {"version": 1, "reason": "x"}, HTTPStatus.FORBIDDEN,
         {"detail": "You do not have permission to perform this action."}),
        ("editor_api", "in_review", "publish", {"version": 1}, HTTPStatus.FORBIDDEN,
         {"detail": "Only reviewers may publish claims."}),
        ("editor_api", "am", "retract", {"version": 1, "reason": "x"}, HTTPStatus.FORBIDDEN,
         {"detail": "Only reviewers may retract claims."}),
        ("editor_api", "secret", "submit", {"version": 1}, HTTPStatus.NOT_FOUND,
         {"detail": NOT_FOUND}),
        ("editor_api", "in_review", "submit", {"version": 1}, HTTPStatus.BAD_REQUEST,
         {"status": ["Only a claim that is draft can become in review; this one is in review."]}),
        ("reviewer_api", "draft", "publish", {"version": 1}, HTTPStatus.BAD_REQUEST,
         {"status": ["Only a claim that is in review can become published; this one is draft."]}),
        ("reviewer_api", "retracted", "retract", {"version": 1, "reason": "again"}, HTTPStatus.BAD_REQUEST,
         {"status": ["Only a claim that is draft, in review, published can become retracted; "
                     "this one is retracted."]}),
        ("reviewer_api", "am", "retract", {"version": 1}, HTTPStatus.BAD_REQUEST,
         {"reason": ["This field is required."]}),
        ("reviewer_api", "am", "retract", {"version": 1, "reason": "  "}, HTTPStatus.BAD_REQUEST,
         {"reason": ["This field may not be blank."]}),
        ("editor_api", "draft", "submit", {}, HTTPStatus.BAD_REQUEST, {"version": ["This field is required."]}),
        ("editor_api", "draft", "submit", {"version": 0}, HTTPStatus.BAD_REQUEST,
         {"version": ["Ensure this value is greater than or equal to 1."]}),
    ],
)
def test_refusals(request, world, client, name, action, body, status, expected):
    """Each refusal has its status and reason, and the claim's status does not move."""
    claim = getattr(world, name)
    before = claim.status
    response = request.getfixturevalue(client).post(url(claim, action), body)
    assert response.status_code == status
    assert response.json() == expected
    claim.refresh_from_db()
    assert (claim.status, claim.version) == (before, 1)


def test_four_eyes(reviewer_api, reviewer, world):
    """A reviewer may not publish or retract a claim they created."""
    own = ClaimFactory(topic=world.deaths, status=Claim.Status.IN_REVIEW, created_by=reviewer)
    publish = reviewer_api.post(url(own, "publish"), {"version": 1})
    assert publish.status_code == HTTPStatus.FORBIDDEN
    assert publish.json() == {"detail": "Four-eyes rule: you cannot publish a claim you created yourself."}
    retract = reviewer_api.post(url(own, "retract"), {"version": 1, "reason": "mine"})
    assert retract.json() == {"detail": "Four-eyes rule: you cannot retract a claim you created yourself."}


@pytest.mark.parametrize(("action", "extra"), [("submit", {}), ("publish", {}), ("retract", {"reason": "x"})])
def test_a_stale_version_is_a_409(request, world, action, extra):
    """Moving a claim changed since it was read is a 409 with the current version; the status stays."""
    name = {"submit": "draft", "publish": "in_review", "retract": "az"}[action]
    client = request.getfixturevalue("editor_api" if action == "submit" else "reviewer_api")
    claim = getattr(world, name)
    Claim.objects.filter(pk=claim.pk).update(version=2)
    response = client.post(url(claim, action), {"version": 1, **extra})
    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == {
        "detail": f"claim {claim.pk} is at version 2; reload it and apply your change again",
        "current_version": 2,
    }
    claim.refresh_from_db()
    assert claim.status == getattr(world, name).status
