"""PATCH /api/claims/<id>/: optimistic locking, the admin's change rules, flags recomputed."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Contradiction
from claims.visibility import NOT_FOUND
from tests.api.conftest import data_queries, document_ref


def url(claim) -> str:
    return f"/api/claims/{claim.pk}/"


def test_editor_changes_own_draft(editor_api, editor, world):
    """A change with the current version is saved, bumps the version and is in the history under the editor."""
    response = editor_api.patch(url(world.draft), {"version": 1, "statement": "About 2,400 soldiers."})
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert (body["statement"], body["version"], body["status"]) == ("About 2,400 soldiers.", 2, "draft")
    world.draft.refresh_from_db()
    assert (world.draft.statement, world.draft.version) == ("About 2,400 soldiers.", 2)
    assert world.draft.history.latest().history_user == editor


def test_a_stale_version_is_a_409_with_the_current_one(editor_api, world):
    """Someone saved since the client read version 1: 409, the current version, and nothing written."""
    Claim.objects.filter(pk=world.draft.pk).update(version=3)
    response = editor_api.patch(url(world.draft), {"version": 1, "statement": "Overwrite?"})
    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == {
        "detail": f"claim {world.draft.pk} is at version 3; reload it and apply your change again",
        "current_version": 3,
    }
    world.draft.refresh_from_db()
    assert (world.draft.statement, world.draft.version) == ("About 2,400.", 3)


def test_version_is_required(editor_api, world):
    """A change without `version` could overwrite someone else's: 400."""
    response = editor_api.patch(url(world.draft), {"statement": "No version"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"version": ["This field is required."]}


def test_a_new_figure_recomputes_the_topic(editor_api, world):
    """Changing the figure re-flags the claim: "about 5,600" agrees with Azerbaijan's figures, not with Armenia's."""
    response = editor_api.patch(url(world.draft), {"version": 1, "figure": "about 5,600"})
    assert response.status_code == HTTPStatus.OK
    flag = Contradiction.objects.involving(world.draft).get()
    assert (flag.kind, flag.claim_a, flag.claim_b) == ("internal_inconsistency", world.am, world.draft)
    assert response.json()["figure"]["wording"] == "about 5,600"
    assert response.json()["contradictions"] == [flag.pk]


def test_appearances_are_replaced(editor_api, world):
    """`appearances` replaces the claim's list."""
    first = editor_api.patch(url(world.draft), {"version": 1, "appearances": [
        {"document": world.relay.pk, "role": "report", "quote": "2,400"},
    ]})
    assert first.status_code == HTTPStatus.OK
    assert [link["document"]["id"] for link in first.json()["provenance"]] == [world.relay.pk]
    second = editor_api.patch(url(world.draft), {"version": 2, "appearances": [
        {"document": world.post.pk, "role": "primary", "quote": "about 2,400"},
    ]})
    assert second.json()["provenance"] == [
        {"document": document_ref(world.post), "depth": 0, "role": "primary", "quote": "about 2,400",
         "also_relays": []},
    ]


def test_bad_input_is_a_400_and_nothing_changes(editor_api, world):
    """A bad value is named with its reason; the claim keeps its version."""
    response = editor_api.patch(url(world.draft), {"version": 1, "figure": "lots", "statement": "Changed"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"figure": ['cannot read "lots" as a figure: no number found']}
    world.draft.refresh_from_db()
    assert (world.draft.statement, world.draft.version) == ("About 2,400.", 1)


def test_reviewer_changes_a_published_claim(reviewer_api, world):
    """Published claims may be corrected by reviewers, verdict included."""
    response = reviewer_api.patch(url(world.az), {"version": 1, "verdict": "misleading"})
    assert response.status_code == HTTPStatus.OK
    assert (response.json()["verdict"], response.json()["version"]) == ("misleading", 2)


@pytest.mark.parametrize(
    ("client", "name", "change", "status", "detail"),
    [
        ("api", "draft", {}, HTTPStatus.UNAUTHORIZED, "Authentication credentials were not provided."),
        ("reader_api", "am", {}, HTTPStatus.FORBIDDEN, "You do not have permission to perform this action."),
        ("editor_api", "secret", {}, HTTPStatus.NOT_FOUND, NOT_FOUND),
        ("editor_api", "am", {}, HTTPStatus.FORBIDDEN, "Only reviewers may change a published claim."),
        ("editor_api", "in_review", {"verdict": "false"}, HTTPStatus.FORBIDDEN, "Only reviewers may set the verdict."),
        ("reviewer_api", "retracted", {}, HTTPStatus.FORBIDDEN, "A retracted claim cannot be changed."),
    ],
)
def test_who_may_change_what(request, world, client, name, change, status, detail):
    """As in the admin: editors change drafts and claims in review, reviewers published ones, nobody retracted ones."""
    claim = getattr(world, name)
    response = request.getfixturevalue(client).patch(url(claim), {"version": 1, "statement": "Changed", **change})
    assert response.status_code == status
    assert response.json() == {"detail": detail}
    claim.refresh_from_db()
    assert claim.version == 1


def test_editor_changes_a_claim_in_review_by_someone_else(editor_api, world):
    """Claims in review are open to every editor, as in the admin."""
    response = editor_api.patch(url(world.in_review), {"version": 1, "statement": "At least 6,000 soldiers."})
    assert response.status_code == HTTPStatus.OK


def test_each_appearance_is_checked_in_full_on_a_change(editor_api, world):
    """A partial update does not make an appearance's document optional."""
    response = editor_api.patch(url(world.draft), {"version": 1, "appearances": [{"role": "report"}]})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"appearances": {"0": {"document": ["This field is required."]}}}


def test_a_change_checks_without_a_query_per_rule(editor_api, world):
    """A change is ten statements or fewer, whatever the model's rules: none looks up what the change did not touch.

    Django's full_clean would query each check constraint (in a savepoint each) and every foreign
    key; the service checks the same rules in Python and the database still holds them.
    """
    with CaptureQueriesContext(connection) as captured:
        response = editor_api.patch(url(world.draft), {"version": 1, "statement": "About 2,400 soldiers."})
    assert response.status_code == HTTPStatus.OK
    statements = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in statements if '"_check"' in sql or 'FROM "sources_actor"' in sql]
    assert len(data_queries(captured)) <= 10  # token, permissions, read, lock, write, history, the answer


def test_a_missing_claimant_named_by_a_change_is_a_400(editor_api, world):
    """What a change names is still looked up: an unknown claimant is a clear 400, not a database error."""
    response = editor_api.patch(url(world.draft), {"version": 1, "claimant": 999_999})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "claimant" in response.json()
