"""The extraction queue says what the archive already holds (#17): the speaker known, repeats, topics."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from claims.models import Appearance, Claim
from tests.admin.helpers import messages_of
from tests.factories import ActorFactory, ClaimFactory, DocumentFactory, SideFactory, TopicFactory
from tests.pages.html import parse

pytestmark = pytest.mark.django_db

QUEUE = lambda archive: reverse("admin:sources_document_extract", args=[archive["document"].pk])  # noqa: E731
REPORT = lambda archive, item: reverse(  # noqa: E731
    "admin:sources_document_extract_report", args=[archive["document"].pk, item.key])
TEXT = ("Armenia's defence ministry said on Tuesday that 710 servicemen had been killed since the fighting began. "
        "“We have lost 710 servicemen,” the ministry said in a statement.")


@pytest.fixture
def archive():
    armenia = SideFactory(name="Armenia", slug="armenia")
    mod = ActorFactory(name="Armenian Ministry of Defence", kind="government", side=armenia)
    topic = TopicFactory(name="Military deaths, Armenia", metric="military deaths", window_days=2)
    stored = ClaimFactory(topic=topic, claimant=mod, side=armenia, stated_on=datetime.date(2020, 10, 20), value=710,
                          status=Claim.Status.PUBLISHED)
    document = DocumentFactory(title="Ministry update", published_on=datetime.date(2020, 10, 21), text=TEXT)
    return {"mod": mod, "topic": topic, "stored": stored, "document": document}


def test_the_queue_knows_the_speaker_the_repeat_and_the_topic(client, editor, archive):
    """"Armenia's defence ministry" is the stored ministry; its 710 is claim #N already; the topic is preselected."""
    client.force_login(editor)
    response = client.get(QUEUE(archive))
    assert response.status_code == HTTPStatus.OK
    (first,) = response.context["queue"].items  # the lead and the quote say one thing: one candidate
    assert first.actor_known and [other.quote for other in first.also] == ["We have lost 710 servicemen"]
    assert first.repeats == [archive["stored"]] and first.report_to == archive["stored"]
    assert first.topic_suggestions[0]["id"] == archive["topic"].pk
    assert first.form.initial["topic"] == archive["topic"].pk
    html = response.content.decode()
    stored = archive["stored"]
    assert f'Already recorded as <a href="/admin/claims/claim/{stored.pk}/change/">claim #{stored.pk}</a>' in html
    assert "Printed 2 times in this article, one claim" in html
    assert html.count('class="candidate candidate-') == 1


def test_one_action_adds_the_document_as_a_report_of_the_stored_claim(client, editor, archive):
    """On a claim in review an editor's one click adds this document as its report: no second claim, the queue done."""
    stored = archive["stored"]
    Claim.objects.filter(pk=stored.pk).update(status=Claim.Status.IN_REVIEW)
    client.force_login(editor)
    (item,) = client.get(QUEUE(archive)).context["queue"].items
    page = parse(client.get(QUEUE(archive)).content)
    assert page.find("li", id=f"candidate-{item.key}").texts("button") == [
        f"Add as a report of claim #{stored.pk}", "Reject"]  # no Accept: the one action

    response = client.post(REPORT(archive, item), {"claim": stored.pk})

    assert response.status_code == HTTPStatus.FOUND
    assert messages_of(response)[0].startswith("Added this document as a report of claim")
    appearance = Appearance.objects.get(document=archive["document"])
    assert (appearance.claim, appearance.role, appearance.quote) == (stored, Appearance.Role.REPORT, item.quote)
    assert Claim.objects.count() == 1
    assert appearance.history.get().history_user == editor
    after = client.get(QUEUE(archive)).context["queue"]
    assert [(i.status, i.appearance) for i in after.items] == [("done", appearance)]
    again = client.post(REPORT(archive, item), {"claim": stored.pk})
    assert messages_of(again) == ["That candidate was already accepted; it is marked done in the queue."]
    assert Appearance.objects.count() == 1


def test_a_published_claim_takes_a_report_from_a_reviewer_only(client, editor, reviewer, archive):
    """A report on a published claim changes what the public sees: the editor is told so and cannot add it."""
    stored = archive["stored"]
    client.force_login(editor)
    (item,) = client.get(QUEUE(archive)).context["queue"].items
    html = client.get(QUEUE(archive)).content.decode()
    assert "Only reviewers may add an appearance to what the public sees." in html
    assert 'class="button default report-button"' not in html
    refused = client.post(REPORT(archive, item), {"claim": stored.pk})
    assert messages_of(refused) == ["Not added: Only reviewers may add an appearance to what the public sees."]
    assert not Appearance.objects.exists()

    client.force_login(reviewer)
    assert 'class="button default report-button"' in client.get(QUEUE(archive)).content.decode()
    client.post(REPORT(archive, item), {"claim": stored.pk})
    assert Appearance.objects.get().claim == stored


def test_a_report_is_added_only_to_the_claim_the_editor_saw(client, editor, archive):
    """A stale page naming another claim adds nothing and says so."""
    Claim.objects.filter(pk=archive["stored"].pk).update(status=Claim.Status.IN_REVIEW)
    client.force_login(editor)
    (item,) = client.get(QUEUE(archive)).context["queue"].items
    response = client.post(REPORT(archive, item), {"claim": archive["stored"].pk + 1})
    assert messages_of(response) == [
        "This candidate no longer repeats the claim you saw; here is the queue as it reads now."]
    assert client.get(REPORT(archive, item)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not Appearance.objects.exists()


def test_accepting_one_printing_makes_the_statement_done(client, editor, archive):
    """Accepting the quote's printing leaves the lead's nothing to do: the statement is one claim."""
    from claims.admin.extraction import candidate_accept

    Claim.objects.filter(pk=archive["stored"].pk).delete()
    candidate_accept(user=editor, document=archive["document"], quote="We have lost 710 servicemen",
                     claimant="Armenia's defence ministry", actor_kind="government", side="Armenia",
                     topic=archive["topic"], figure="710", stated_on=datetime.date(2020, 10, 21))
    client.force_login(editor)
    (item,) = client.get(QUEUE(archive)).context["queue"].items
    assert item.status == "done" and Claim.objects.count() == 1


def test_accepting_under_another_name_teaches_the_actor_an_alias(client, editor, archive):
    """Accepting "Armenia's MoD" for the stored ministry uses it (no second ministry) and keeps the name."""
    from claims.admin.extraction import candidate_accept

    claim = candidate_accept(user=editor, document=archive["document"], quote="We have lost 710 servicemen",
                             claimant="Armenian MoD", actor_kind="government", side="Armenia",
                             topic=archive["topic"], figure="710", stated_on=datetime.date(2020, 10, 21))
    assert claim.claimant == archive["mod"]
    assert list(archive["mod"].aliases.values_list("name", "learned")) == [("Armenian MoD", True)]


def test_a_sides_name_is_refused_as_the_speaker(client, editor, archive):
    """Accepting a candidate whose speaker is "Armenia" is refused, naming the field and why."""
    from django.core.exceptions import ValidationError

    from claims.admin.extraction import candidate_accept

    with pytest.raises(ValidationError) as refused:
        candidate_accept(user=editor, document=archive["document"], quote="We have lost 710 servicemen",
                         claimant="Armenia", actor_kind="government", side="Armenia", topic=archive["topic"],
                         figure="710", stated_on=datetime.date(2020, 10, 21))
    assert "names a side, not a speaker" in refused.value.message_dict["claimant"][0]


def test_a_speaker_two_actors_share_is_refused_naming_them(editor, archive):
    """Two Armenian actors with the same words: accepting asks for one's exact name (no third one is made)."""
    from django.core.exceptions import ValidationError

    from claims.admin.extraction import candidate_accept

    twin = ActorFactory(name="Defence Ministry", kind="government", side=archive["mod"].side)
    accept = {"user": editor, "document": archive["document"], "quote": "We have lost 710 servicemen",
              "actor_kind": "government", "side": "Armenia", "topic": archive["topic"], "figure": "710",
              "stated_on": datetime.date(2020, 10, 21)}
    with pytest.raises(ValidationError) as refused:
        candidate_accept(claimant="Armenia's defence ministry", **accept)
    assert refused.value.message_dict["claimant"] == [
        f"“Armenia's defence ministry” may be any of these actors: “Armenian Ministry of Defence” (Armenia, id "
        f"{archive['mod'].pk}); “Defence Ministry” (Armenia, id {twin.pk}). Give the one meant by its exact name."]
    assert candidate_accept(claimant="Defence Ministry", **accept).claimant == twin


def test_the_command_folds_an_article_as_the_queue_does(client, editor, archive, tmp_path):
    """`extract_claims` prints the queue's items: one line for the lead and the quote, the quote under `also`."""
    import json
    from io import StringIO

    from django.core.management import call_command

    client.force_login(editor)
    items = client.get(QUEUE(archive)).context["queue"].items
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = StringIO()
    call_command("extract_claims", str(article), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["quote"], [other["quote"] for other in line["also"]]) for line in lines] == [
        (item.candidate.quote, [other.candidate.quote for other in item.also]) for item in items]
    assert len(lines) == 1 and lines[0]["claimant_id"] == archive["mod"].pk
