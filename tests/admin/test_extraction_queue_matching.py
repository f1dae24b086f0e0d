"""The extraction queue says what the archive already holds (#17): the speaker known, repeats, topics."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.factories import ActorFactory, ClaimFactory, DocumentFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db

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
    response = client.get(reverse("admin:sources_document_extract", args=[archive["document"].pk]))
    assert response.status_code == HTTPStatus.OK
    first, second = response.context["queue"].items
    assert first.actor_known and second.actor_known
    assert first.repeats == [archive["stored"]]
    assert first.topic_suggestions[0]["id"] == archive["topic"].pk
    assert first.form.initial["topic"] == archive["topic"].pk
    assert (first.same_as, second.same_as) == (None, 1)
    html = response.content.decode()
    stored = archive["stored"]
    assert f'Already recorded as <a href="/admin/claims/claim/{stored.pk}/change/">claim #{stored.pk}</a>' in html
    assert "The same statement as candidate 1 above" in html


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
