"""The document page: claims entered in context, relays of existing claims, refusals, autocomplete."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from claims.models import Appearance, Claim, Contradiction
from sources.models import Document
from tests.admin.helpers import OCT_22, add_row, change_form_data, change_url, figure_claim, form_errors, messages_of
from tests.factories import (
    ActorFactory,
    AppearanceFactory,
    DocumentFactory,
    OutletFactory,
    SideFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ADD = "admin:sources_document_add"
ROWS = "appearances"


@pytest.fixture
def scene():
    russia, armenia = SideFactory(name="Russia", slug="russia"), SideFactory(name="Armenia", slug="armenia")
    return {
        "russia": russia,
        "armenia": armenia,
        "topic": TopicFactory(name="Military deaths, Armenia"),
        "putin": ActorFactory(name="Vladimir Putin", side=russia),
        "outlet": OutletFactory(name="Reuters"),
    }


def new_document(client, scene, **fields):
    data = change_form_data(client.get(reverse(ADD)), title="Putin says toll above 2,000", outlet=scene["outlet"].pk,
                            url="https://www.reuters.com/putin-toll", published_on="2020-10-23", language="en")
    data.update(fields)
    return data


def new_claim_row(data, scene, **fields):
    row = {"topic": scene["topic"].pk, "claimant": scene["putin"].pk, "stated_on": "2020-10-22",
           "figure": "more than 2,000", "role": "report", "quote": "more than 2,000 from each side",
           "attribution": "direct_quote", "stance": "asserts", **fields}
    return add_row(data, ROWS, **row)


def test_editor_enters_a_document_and_its_claim(client, editor, scene):
    """A new row becomes a claim through claim_create: the editor's, the figure parsed, the quote as printed."""
    client.force_login(editor)
    data = new_claim_row(new_document(client, scene, language="ru"), scene)

    response = client.post(reverse(ADD), data)

    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    document = Document.objects.get()
    claim = Claim.objects.get()
    assert (claim.topic, claim.claimant, claim.side, claim.stated_on, claim.qualifier, claim.value, claim.as_of,
            claim.quote, claim.language, claim.created_by, claim.status, claim.version) == (
        scene["topic"], scene["putin"], scene["russia"], OCT_22, "more_than", 2000, OCT_22,
        "more than 2,000 from each side", "ru", editor, "draft", 1)
    assert list(Appearance.objects.values_list("claim", "document", "role", "quote")) == [
        (claim.pk, document.pk, "report", "more than 2,000 from each side")]
    assert (document.history.get().history_user, claim.history.get().history_user) == (editor, editor)


def test_a_published_claims_new_relay_is_a_reviewers_to_add(client, editor, scene):
    """A new source under a published claim changes what the public sees: an editor's row is refused, nothing kept."""
    claim = figure_claim(topic=scene["topic"], side=scene["russia"], claimant=scene["putin"],
                         status=Claim.Status.PUBLISHED)
    client.force_login(editor)
    data = add_row(new_document(client, scene), ROWS, claim=claim.pk, role="report", quote="quoted here")
    response = client.post(reverse(ADD), data)
    assert response.status_code == HTTPStatus.OK
    assert "Only reviewers may add an appearance to what the public sees." in str(form_errors(response))
    assert not Appearance.objects.exists()


def test_a_row_can_relay_an_existing_claim(client, editor, scene):
    """Picking an existing claim records this document as another appearance of it; no claim is added."""
    claim = figure_claim(topic=scene["topic"], side=scene["russia"], claimant=scene["putin"],
                         status=Claim.Status.IN_REVIEW)
    client.force_login(editor)
    data = add_row(new_document(client, scene), ROWS, claim=claim.pk, role="report", quote="quoted here")

    response = client.post(reverse(ADD), data)

    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    assert Claim.objects.count() == 1
    assert list(Appearance.objects.values_list("claim", "document__title", "role", "quote")) == [
        (claim.pk, "Putin says toll above 2,000", "report", "quoted here")]


def test_unreadable_figure_in_a_row_writes_nothing(client, editor, scene):
    """A bad figure is an error on that row's figure; neither the document nor any claim is written."""
    client.force_login(editor)
    data = new_claim_row(new_document(client, scene), scene, figure="loads")

    response = client.post(reverse(ADD), data)

    assert response.status_code == HTTPStatus.OK
    assert form_errors(response) == {f"{ROWS}-0": {"figure": [
        'cannot read "loads" as a figure: no number found']}}
    assert (Document.objects.count(), Claim.objects.count()) == (0, 0)


def test_a_new_claim_row_needs_topic_claimant_and_date(client, editor, scene):
    """A row with neither an existing claim nor the essentials of a new one names each missing field."""
    client.force_login(editor)
    data = add_row(new_document(client, scene), ROWS, role="report", quote="Something was said.")

    response = client.post(reverse(ADD), data)

    message = "A new claim needs this (or pick an existing claim above)."
    assert form_errors(response) == {f"{ROWS}-0": {"topic": [message], "claimant": [message], "stated_on": [message]}}
    assert not Document.objects.exists()


def test_a_row_is_an_existing_claim_or_a_new_one_not_both(client, editor, scene):
    """Picking a claim and describing one in the same row is refused on the claim field."""
    claim = figure_claim(status=Claim.Status.PUBLISHED)
    client.force_login(editor)
    data = new_claim_row(new_document(client, scene), scene, claim=claim.pk)

    response = client.post(reverse(ADD), data)

    assert form_errors(response) == {f"{ROWS}-0": {"claim": [
        "Pick an existing claim or describe a new one, not both."]}}
    assert Claim.objects.count() == 1


def test_entering_a_contradicting_claim_warns_the_editor(client, editor, scene):
    """The document page warns, like the claim page, about published claims the new draft contradicts."""
    ministry = figure_claim(topic=scene["topic"], side=scene["armenia"], figure="729", status=Claim.Status.PUBLISHED)
    client.force_login(editor)
    data = new_claim_row(new_document(client, scene), scene)

    response = client.post(reverse(ADD), data)

    flag = Contradiction.objects.get()
    assert (flag.claim_a_id, flag.claim_b_id) == (ministry.pk, Claim.objects.get(created_by=editor).pk)
    assert messages_of(response)[1] == (
        "This would contradict 1 published claim:<br>Figure mismatch: "
        f'<a href="{change_url(ministry)}">#{ministry.pk} {ministry}</a> — {flag.explanation}')


def test_existing_rows_show_the_claim_and_edit_only_the_appearance(client, editor, scene):
    """On a saved document a row's claim is shown, not edited: posted claim fields are ignored, role and quote kept."""
    document = DocumentFactory(title="Valdai transcript")
    claim = figure_claim(topic=scene["topic"], side=scene["russia"], claimant=scene["putin"], user=editor,
                         figure="more than 2,000")
    appearance = AppearanceFactory(claim=claim, document=document, role="report", quote="")
    client.force_login(editor)
    page = client.get(change_url(document))
    data = change_form_data(page, **{f"{ROWS}-0-role": "primary", f"{ROWS}-0-quote": "more than 2,000",
                                     f"{ROWS}-0-figure": "5", f"{ROWS}-0-topic": TopicFactory().pk})

    response = client.post(change_url(document), data)

    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    assert f'<a href="{change_url(claim)}">#{claim.pk}</a>' in page.content.decode()
    appearance.refresh_from_db()
    claim.refresh_from_db()
    assert (appearance.role, appearance.quote) == ("primary", "more than 2,000")
    assert (claim.topic, claim.value, claim.version) == (scene["topic"], 2000, 1)


def test_removing_a_row_removes_the_appearance_not_the_claim(client, editor, scene):
    """Deleting a row unlinks the claim from this document; the claim itself stays."""
    document = DocumentFactory()
    claim = figure_claim(user=editor)
    AppearanceFactory(claim=claim, document=document)
    client.force_login(editor)
    data = change_form_data(client.get(change_url(document)), **{f"{ROWS}-0-DELETE": "on"})

    client.post(change_url(document), data)

    assert not Appearance.objects.exists()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_other_editors_drafts_stay_hidden_on_the_document_page(client, editor, other_editor, scene):
    """A document carrying another editor's draft shows only the claims this editor may read."""
    document = DocumentFactory()
    theirs = figure_claim(user=other_editor, figure="1")
    mine = figure_claim(user=editor, figure="2")
    AppearanceFactory(claim=theirs, document=document)
    AppearanceFactory(claim=mine, document=document)
    client.force_login(editor)

    response = client.get(change_url(document))

    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.claim_id for form in formset.initial_forms] == [mine.pk]


def test_the_document_page_offers_claim_entry_only_to_those_who_may_add_claims(client, scene):
    """A staff user who may edit documents but not add claims gets the page without new claim rows."""
    clerk = UserFactory(username="clerk")
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["add_document", "change_document",
                                                                           "view_document", "add_appearance"]))
    client.force_login(clerk)

    response = client.get(reverse(ADD))

    assert response.status_code == HTTPStatus.OK
    assert response.context["inline_admin_formsets"] == []


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name", "term", "expected"),
    [
        ("claims", "claim", "claimant", "putin", "Vladimir Putin"),
        ("claims", "claim", "side", "arm", "Armenia"),
        ("claims", "claim", "topic", "military", "Military deaths, Armenia"),
        ("sources", "document", "outlet", "reu", "Reuters"),
        ("claims", "appearance", "document", "valdai", "Valdai transcript"),
    ],
)
def test_autocomplete_for_actors_sides_topics_outlets_and_documents(client, editor, scene, app_label, model_name,
                                                                   field_name, term, expected):
    """Each entry field searches as the editor types (Django's autocomplete endpoint)."""
    document = DocumentFactory(title="Valdai transcript")
    client.force_login(editor)

    response = client.get(reverse("admin:autocomplete"), {"app_label": app_label, "model_name": model_name,
                                                          "field_name": field_name, "term": term})

    pk = {"Vladimir Putin": scene["putin"].pk, "Armenia": scene["armenia"].pk, "Reuters": scene["outlet"].pk,
          "Military deaths, Armenia": scene["topic"].pk, "Valdai transcript": document.pk}[expected]
    assert response.json() == {"results": [{"id": str(pk), "text": expected}], "pagination": {"more": False}}


def test_claim_autocomplete_keeps_other_editors_drafts_out(client, editor, other_editor, scene):
    """Looking up an existing claim to relay finds published claims, not another editor's drafts."""
    published = figure_claim(claimant=scene["putin"], side=scene["russia"], status=Claim.Status.PUBLISHED,
                             statement="Putin on the toll.")
    figure_claim(claimant=scene["putin"], side=scene["russia"], user=other_editor, statement="Putin draft.")
    client.force_login(editor)

    response = client.get(reverse("admin:autocomplete"), {"app_label": "claims", "model_name": "appearance",
                                                          "field_name": "claim", "term": "putin"})

    assert response.json()["results"] == [{"id": str(published.pk), "text": str(published)}]


def test_document_list_counts_claims(client, editor):
    """The document list shows how many claims each document carries."""
    document = DocumentFactory(published_on=datetime.date(2020, 10, 30))
    AppearanceFactory(document=document, claim=figure_claim(figure="1"))
    AppearanceFactory(document=document, claim=figure_claim(figure="2"))
    client.force_login(editor)

    response = client.get(reverse("admin:sources_document_changelist"))

    assert [(d.pk, d.n_claims) for d in response.context["cl"].result_list] == [(document.pk, 2)]


def test_editors_do_not_touch_a_published_claims_appearance(client, editor, reviewer):
    """A published claim's provenance is reviewed content: an editor can neither remove nor reword its appearance."""
    document = DocumentFactory()
    claim = figure_claim(user=editor, status=Claim.Status.PUBLISHED)
    appearance = AppearanceFactory(claim=claim, document=document, role="report", quote="as printed")
    client.force_login(editor)
    page = client.get(change_url(document))

    reworded = client.post(change_url(document), change_form_data(page, **{f"{ROWS}-0-quote": "changed"}))
    removed = client.post(change_url(document), change_form_data(page, **{f"{ROWS}-0-DELETE": "on"}))

    assert reworded.status_code == HTTPStatus.FOUND  # the locked row's fields are ignored
    assert removed.status_code == HTTPStatus.OK
    assert [str(e) for e in removed.context["inline_admin_formsets"][0].formset.non_form_errors()] == [
        f"Claim #{claim.pk} is published: only a reviewer removes it from a document."]
    appearance.refresh_from_db()
    assert appearance.quote == "as printed"

    client.force_login(reviewer)
    client.post(change_url(document), change_form_data(client.get(change_url(document)),
                                                       **{f"{ROWS}-0-DELETE": "on"}))
    assert not Appearance.objects.exists()
