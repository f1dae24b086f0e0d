"""Review workflow in the admin: draft → in review → published, retraction with a reason, four eyes, bulk actions."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from claims.models import Claim
from tests.admin.helpers import change_url, figure_claim, messages_of

pytestmark = pytest.mark.django_db

LIST = "admin:claims_claim_changelist"


def move(client, claim, action, **data):
    return client.post(reverse(f"admin:claims_claim_{action}", args=[claim.pk]), {"version": claim.version, **data})


def status_of(claim):
    claim.refresh_from_db()
    return claim.status


def test_groups_carry_the_workflow_permissions():
    """The data migration gives Editors entry rights and Reviewers publishing and flag review on top."""
    def perms(name):
        return {f"{p.content_type.app_label}.{p.codename}"
                for p in Group.objects.get(name=name).permissions.select_related("content_type")}

    entry = {f"{app}.{action}_{model}" for app, model in [
        ("claims", "claim"), ("claims", "appearance"), ("claims", "topic"), ("sources", "document"),
        ("sources", "actor"), ("sources", "outlet"), ("sources", "side")] for action in ("add", "change", "view")}
    editors = entry | {"claims.delete_appearance", "claims.view_contradiction", "claims.view_externalreview",
                       "claims.add_ratingmapping", "claims.change_ratingmapping", "claims.view_ratingmapping",
                       "jobs.view_job"}
    assert perms("Editors") == editors
    assert perms("Reviewers") == editors | {"claims.delete_claim", "claims.publish_claim",
                                            "claims.change_contradiction", "claims.review_contradiction"}


def test_editor_submits_a_draft_from_its_page(client, editor):
    """The draft's page offers "Submit for review"; pressing it moves the claim to in review."""
    claim = figure_claim(user=editor)
    client.force_login(editor)

    page = client.get(change_url(claim)).content.decode()
    response = move(client, claim, "submit")

    assert f'action="/admin/claims/claim/{claim.pk}/submit/"' in page
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == change_url(claim)
    assert messages_of(response) == ["Submitted for review."]
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("in_review", 2)


def test_reviewer_publishes_another_editors_claim(client, editor, reviewer):
    """A reviewer who did not enter the claim publishes it; reviewer and time are recorded."""
    claim = figure_claim(user=editor, status=Claim.Status.IN_REVIEW)
    client.force_login(reviewer)

    page = client.get(change_url(claim)).content.decode()
    response = move(client, claim, "publish")

    assert f'action="/admin/claims/claim/{claim.pk}/publish/"' in page
    assert messages_of(response) == ["Published."]
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == ("published", reviewer)
    assert claim.reviewed_at is not None


def test_editors_cannot_publish(client, editor, other_editor):
    """Publishing is for reviewers: an editor's POST is refused and the claim stays in review."""
    claim = figure_claim(user=other_editor, status=Claim.Status.IN_REVIEW)
    client.force_login(editor)

    page = client.get(change_url(claim)).content.decode()
    response = move(client, claim, "publish")

    assert "/publish/" not in page
    assert "Waiting for a reviewer." in page
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert status_of(claim) == "in_review"


def test_four_eyes_a_reviewer_never_publishes_their_own_claim(client, reviewer, other_reviewer):
    """The reviewer who entered a claim is told another must publish it, and a forced POST is refused."""
    claim = figure_claim(user=reviewer, status=Claim.Status.IN_REVIEW)
    client.force_login(reviewer)

    page = client.get(change_url(claim)).content.decode()
    response = move(client, claim, "publish")
    client.force_login(other_reviewer)
    second = move(client, claim, "publish")

    assert "/publish/" not in page
    assert "another reviewer publishes or retracts it (four-eyes rule)" in page
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert second.status_code == HTTPStatus.FOUND
    assert status_of(claim) == "published"


def test_four_eyes_a_reviewer_never_retracts_their_own_claim(client, reviewer):
    """Retracting one's own published claim is refused like publishing it."""
    claim = figure_claim(user=reviewer, status=Claim.Status.PUBLISHED)
    client.force_login(reviewer)

    response = move(client, claim, "retract", reason="Wrong figure.")

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert status_of(claim) == "published"


def test_only_claims_in_review_are_published(client, editor, reviewer):
    """Publishing a draft is refused with the service's reason; the draft stays a draft."""
    claim = figure_claim(user=editor)
    client.force_login(reviewer)

    response = move(client, claim, "publish")

    assert messages_of(response) == [
        "Only a claim that is in review can become published; this one is draft."]
    assert status_of(claim) == "draft"


def test_retraction_needs_a_reason(client, editor, reviewer):
    """Without a reason the retraction is refused; with one the claim is retracted and keeps the reason."""
    claim = figure_claim(user=editor, status=Claim.Status.PUBLISHED)
    client.force_login(reviewer)

    refused = move(client, claim, "retract", reason="  ")
    assert messages_of(refused) == ["Give the reason for the retraction."]
    client.get(change_url(claim))  # the page shows (and uses up) the message
    assert status_of(claim) == "published"

    done = move(client, claim, "retract", reason="The quote was misattributed.")

    assert messages_of(done) == ["Retracted."]
    claim.refresh_from_db()
    assert (claim.status, claim.retraction_reason, claim.reviewed_by) == (
        "retracted", "The quote was misattributed.", reviewer)
    assert "Retracted: The quote was misattributed." in client.get(change_url(claim)).content.decode()


def test_workflow_refuses_a_claim_that_changed_since_the_page_was_read(client, editor, reviewer):
    """Publishing what the reviewer did not read is refused: the posted version must be the current one."""
    claim = figure_claim(user=editor, status=Claim.Status.IN_REVIEW)
    client.force_login(reviewer)

    response = client.post(reverse("admin:claims_claim_publish", args=[claim.pk]), {"version": "0"})

    assert messages_of(response) == [
        "Not done: this claim changed since you opened it (now version 1). Read it again first."]
    assert status_of(claim) == "in_review"


def test_workflow_views_take_only_post(client, editor):
    """A GET on a workflow URL changes nothing."""
    claim = figure_claim(user=editor)
    client.force_login(editor)

    response = client.get(reverse("admin:claims_claim_submit", args=[claim.pk]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert status_of(claim) == "draft"


def test_editors_cannot_move_another_editors_draft(client, editor, other_editor):
    """Another editor's draft is out of sight, so submitting it is a 404."""
    claim = figure_claim(user=other_editor)
    client.force_login(editor)

    response = move(client, claim, "submit")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert status_of(claim) == "draft"


# -- bulk actions ------------------------------------------------------------------------------------------------


def act(client, action, claims, **data):
    return client.post(reverse(LIST), {"action": action, "_selected_action": [c.pk for c in claims], **data})


def test_bulk_submit_moves_drafts_and_reports_the_rest(client, editor):
    """Submitting a selection moves each draft and names each claim refused, with the reason."""
    drafts = [figure_claim(user=editor, figure=str(n)) for n in (1, 2)]
    already = figure_claim(user=editor, status=Claim.Status.IN_REVIEW)
    client.force_login(editor)

    response = act(client, "submit_claims", [*drafts, already])

    assert [status_of(c) for c in (*drafts, already)] == ["in_review", "in_review", "in_review"]
    shown = messages_of(response)
    assert shown[0] == "Submitted 2 claims."
    assert shown[1].startswith("Refused 1:<br><a href=")
    assert "Only a claim that is draft can become in review; this one is in review." in shown[1]


def test_bulk_publish_keeps_four_eyes_and_status_rules(client, editor, reviewer):
    """Publishing a selection publishes what the rules allow and refuses the reviewer's own and a draft."""
    ready = figure_claim(user=editor, status=Claim.Status.IN_REVIEW)
    own = figure_claim(user=reviewer, status=Claim.Status.IN_REVIEW)
    draft = figure_claim(user=editor)
    client.force_login(reviewer)

    response = act(client, "publish_claims", [ready, own, draft])

    assert [status_of(c) for c in (ready, own, draft)] == ["published", "in_review", "draft"]
    shown = messages_of(response)
    assert shown[0] == "Published 1 claim."
    assert "Four-eyes rule: you cannot publish a claim you created yourself." in shown[1]
    assert "Only a claim that is in review can become published; this one is draft." in shown[1]


def test_editors_cannot_run_the_publish_action(client, editor, other_editor):
    """A forged publish action from an editor is not an action they have: nothing moves."""
    claim = figure_claim(user=other_editor, status=Claim.Status.IN_REVIEW)
    client.force_login(editor)

    act(client, "publish_claims", [claim])

    assert status_of(claim) == "in_review"


def test_bulk_retract_asks_for_a_reason_first(client, editor, reviewer):
    """The retract action shows a confirmation page; without a reason it asks again; with one it retracts."""
    claims = [figure_claim(user=editor, status=Claim.Status.PUBLISHED, figure=str(n)) for n in (1, 2)]
    own = figure_claim(user=reviewer, status=Claim.Status.PUBLISHED)
    client.force_login(reviewer)

    confirm = act(client, "retract_claims", [*claims, own])
    empty = act(client, "retract_claims", [*claims, own], apply="1", reason="")
    done = act(client, "retract_claims", [*claims, own], apply="1", reason="Duplicate entries.")

    assert confirm.status_code == HTTPStatus.OK
    assert [t.name for t in confirm.templates][0] == "admin/claims/claim/retract_confirmation.html"
    assert empty.context["form"].errors == {"reason": ["This field is required."]}
    assert done.status_code == HTTPStatus.FOUND
    assert [status_of(c) for c in (*claims, own)] == ["retracted", "retracted", "published"]
    assert {c.retraction_reason for c in Claim.objects.filter(status="retracted")} == {"Duplicate entries."}
    shown = messages_of(done)
    assert shown[0] == "Retracted 2 claims."
    assert "Four-eyes rule: you cannot retract a claim you created yourself." in shown[1]
