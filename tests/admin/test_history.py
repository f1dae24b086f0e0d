"""History in the admin: who changed what and when, field by field; reviewers revert; no lost updates."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from claims.models import Claim, Contradiction, Topic
from tests.admin.helpers import change_form_data, change_url, figure_claim, form_errors, messages_of
from tests.factories import DocumentFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def version_url(obj, record):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history",
                   args=[obj.pk, record.history_id])


def edit(client, obj, **changes):
    """Save the object's change page with some fields changed, and read the page it leads to."""
    response = client.post(change_url(obj), change_form_data(client.get(change_url(obj)), **changes), follow=True)
    assert response.redirect_chain, form_errors(response)
    return response


def changes_shown(response):
    """Return each history row's user and its changes as (field, old, new)."""
    return [
        (record.history_user.get_username() if record.history_user else None,
         [(c["field"], str(c["old"]), str(c["new"])) for c in getattr(record, "history_delta_changes", [])])
        for record in response.context["page_obj"]
    ]


# -- claims -----------------------------------------------------------------------------------------------


def test_claim_history_shows_who_changed_which_field(client, editor, other_editor):
    """Each save is a row with its user and a field-by-field diff in plain labels; the version counter is left out."""
    claim = figure_claim(user=editor, figure="874", statement="First wording.", status=Claim.Status.IN_REVIEW)
    client.force_login(other_editor)
    edit(client, claim, statement="Second wording.", figure="nearly 900", attribution="paraphrase")

    response = client.get(history_url(claim))

    assert changes_shown(response) == [
        ("editor2", [("Figure wording", "874", "nearly 900"), ("Qualifier", "exact", "nearly"),
                     ("Statement", "First wording.", "Second wording."), ("Value", "874", "900")]),
        ("editor", []),
    ]
    assert "editor2" in response.content.decode()


def test_reviewer_reverts_a_claim_through_the_service(client, editor, reviewer):
    """Reverting restores the content of an earlier version as a new version, recomputing flags, with a reason."""
    topic = TopicFactory()
    figure_claim(topic=topic, side=SideFactory(name="Russia", slug="russia"), figure="100",
                 status=Claim.Status.PUBLISHED)
    claim = figure_claim(topic=topic, side=SideFactory(name="Armenia", slug="armenia"), figure="5000",
                         user=editor, statement="Original.")
    client.force_login(editor)
    edit(client, claim, figure="100", statement="Edited.")
    assert not Contradiction.objects.exists()
    first = claim.history.earliest()
    client.force_login(reviewer)

    page = client.get(version_url(claim, first))
    response = client.post(version_url(claim, first), {"latest": claim.history.latest().history_id})

    assert [tuple(row) for row in page.context["restored"]] == [
        ("Figure", "100", "5000"), ("Statement", "Edited.", "Original.")]  # the figure as it was typed
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == change_url(claim)
    claim.refresh_from_db()
    assert (claim.value, claim.statement, claim.version, claim.status) == (5000, "Original.", 3, "draft")
    latest = claim.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        reviewer, f"Reverted to the version of {first.history_date:%Y-%m-%d %H:%M}")
    assert Contradiction.objects.count() == 1  # the restored figure is flagged again


def test_editors_cannot_revert(client, editor, other_editor):
    """An editor sees versions but may not revert: no button, and a POST is refused."""
    claim = figure_claim(user=editor, statement="Original.", status=Claim.Status.IN_REVIEW)
    client.force_login(editor)
    edit(client, claim, statement="Edited.")
    first = claim.history.earliest()
    client.force_login(other_editor)

    page = client.get(version_url(claim, first))
    response = client.post(version_url(claim, first), {"latest": claim.history.latest().history_id})

    assert "Only reviewers can revert" in page.content.decode()
    assert "Revert to this version" not in page.content.decode()
    assert response.status_code == HTTPStatus.FORBIDDEN
    claim.refresh_from_db()
    assert claim.statement == "Edited."


def test_revert_is_refused_when_the_claim_changed_since(client, editor, reviewer):
    """A revert prepared against an older state is refused rather than undoing a change nobody saw."""
    claim = figure_claim(user=editor, statement="Original.")
    client.force_login(editor)
    edit(client, claim, statement="Edited.")
    first, seen = claim.history.earliest(), claim.history.latest()
    edit(client, claim, statement="Edited again.")
    client.force_login(reviewer)

    response = client.post(version_url(claim, first), {"latest": seen.history_id})

    assert messages_of(response) == [
        "It changed again since you opened this version; look at the changes first."]
    claim.refresh_from_db()
    assert claim.statement == "Edited again."


def test_retracted_claims_are_not_reverted(client, reviewer, editor):
    """A retracted claim stays retracted and as it was: its history is read-only even for reviewers."""
    claim = figure_claim(user=editor, statement="Original.")
    client.force_login(editor)
    edit(client, claim, statement="Edited.")
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.RETRACTED)
    client.force_login(reviewer)

    response = client.post(version_url(claim, claim.history.earliest()),
                           {"latest": claim.history.latest().history_id})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_other_editors_drafts_have_no_visible_history(client, editor, other_editor):
    """The history of a draft the editor may not read is out of reach too: the list and each version."""
    claim = figure_claim(user=other_editor)
    client.force_login(editor)

    listing = client.get(history_url(claim))
    version = client.get(version_url(claim, claim.history.get()))

    assert (listing.status_code, version.status_code) == (HTTPStatus.NOT_FOUND, HTTPStatus.NOT_FOUND)


# -- no lost updates -----------------------------------------------------------------------------------------------


def test_second_of_two_concurrent_saves_is_refused_with_what_changed(client, editor, other_editor):
    """Optimistic locking: the second editor's save of a stale version is refused, listing the first one's changes."""
    claim = figure_claim(user=editor, figure="874", statement="Draft wording.", status=Claim.Status.IN_REVIEW)
    client.force_login(editor)
    first_page = client.get(change_url(claim))
    client.force_login(other_editor)
    second_page = client.get(change_url(claim))

    client.force_login(editor)
    client.post(change_url(claim), change_form_data(first_page, statement="Fixed wording.", figure="nearly 900"))
    client.force_login(other_editor)
    response = client.post(change_url(claim), change_form_data(second_page, language="fr"))

    assert response.status_code == HTTPStatus.OK
    assert form_errors(response) == {"__all__": [
        "This claim was changed by editor since you opened it (you had version 1, it is now at version 2). "
        "Nothing was saved, nothing was overwritten.",
        "Figure: “874” → “nearly 900”",
        "Statement: “Draft wording.” → “Fixed wording.”",
        "Your edits are still in the form below: open the claim again and apply them to the current version.",
    ]}
    claim.refresh_from_db()
    assert (claim.statement, claim.value, claim.language, claim.version) == ("Fixed wording.", 900, "en", 2)


def test_a_stale_form_stays_refused_until_reloaded(client, editor):
    """Submitting the refused form again is refused again: only a fresh page carries the current version."""
    claim = figure_claim(user=editor, statement="A.")
    client.force_login(editor)
    stale = client.get(change_url(claim))
    edit(client, claim, statement="B.")
    refused = client.post(change_url(claim), change_form_data(stale, statement="C."))

    again = client.post(change_url(claim), refused.context["adminform"].form.data)

    assert again.status_code == HTTPStatus.OK
    claim.refresh_from_db()
    assert claim.statement == "B."


# -- documents and topics ---------------------------------------------------------------------------------------------


def test_document_history_and_revert(client, editor, reviewer):
    """Documents keep who changed which field, and a reviewer restores an earlier title."""
    document = DocumentFactory(title="Putin sayz toll nearing 5,000")
    client.force_login(editor)
    edit(client, document, title="Putin says toll nearing 5,000")
    client.force_login(reviewer)

    history = client.get(history_url(document))
    client.post(version_url(document, document.history.earliest()), {"latest": document.history.latest().history_id})

    assert changes_shown(history)[0] == (
        "editor", [("Title", "Putin sayz toll nearing 5,000", "Putin says toll nearing 5,000")])
    document.refresh_from_db()
    assert document.title == "Putin sayz toll nearing 5,000"
    assert document.history.latest().history_user == reviewer


def test_topic_changes_go_through_the_service_and_show_in_history(client, editor, reviewer):
    """A public topic's edit is a reviewer's, recorded with its user; a revert uses topic_update and recomputes."""
    topic = TopicFactory(window_days=2)
    russia, armenia = SideFactory(name="Russia", slug="russia"), SideFactory(name="Armenia", slug="armenia")
    figure_claim(topic=topic, side=russia, figure="100", status=Claim.Status.PUBLISHED)
    figure_claim(topic=topic, side=armenia, figure="5000", status=Claim.Status.PUBLISHED)
    client.force_login(editor)
    client.post(change_url(topic), change_form_data(client.get(change_url(topic)), cumulative=""))
    topic.refresh_from_db()
    assert topic.cumulative is True  # published claims stand on it: not an editor's to change alone
    client.force_login(reviewer)
    edit(client, topic, cumulative="")  # no longer a running toll: nothing changes for one window

    client.post(version_url(topic, topic.history.earliest()), {"latest": topic.history.latest().history_id})

    topic.refresh_from_db()
    assert topic.cumulative is True
    assert [r.history_user for r in topic.history.all()] == [reviewer, reviewer, None]  # None: made by the factory
    assert Contradiction.objects.count() == 1


def test_a_service_refusal_shows_on_the_form(client, editor):
    """When the service refuses a save the form checks could not foresee, the page shows why and nothing is written."""
    topic = TopicFactory(name="Military deaths", metric="military deaths")
    figure_claim(topic=topic, figure="12")
    client.force_login(editor)
    data = change_form_data(client.get(change_url(topic)), kind="proposition", metric="")

    response = client.post(change_url(topic), data)

    assert response.status_code == HTTPStatus.OK
    assert form_errors(response) == {"kind": ["This topic's claims carry figures; it must stay a figure topic."]}
    assert Topic.objects.get(pk=topic.pk).kind == "figure"
