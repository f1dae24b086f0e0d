"""The claim services: figures, workflow, four eyes, optimistic locking and flags kept current."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, Contradiction
from claims.services import (
    StaleVersion,
    claim_create,
    claim_publish,
    claim_retract,
    claim_submit,
    claim_update,
    topic_update,
)
from tests.factories import ActorFactory, PropositionTopicFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db

OCT_22 = datetime.date(2020, 10, 22)


@pytest.fixture
def sides():
    return SideFactory(name="Russia", slug="russia"), SideFactory(name="Armenia", slug="armenia")


def new_claim(topic, side, figure="874", user=None, stated_on=OCT_22, **fields):
    return claim_create(
        user=user,
        topic=topic,
        side=side,
        claimant=fields.pop("claimant", None) or ActorFactory(side=side),
        stated_on=stated_on,
        figure=figure,
        **fields,
    )


def test_create_parses_the_figure_as_worded_and_defaults_as_of():
    """A figure given as wording is stored as qualifier and value, as of the statement date."""
    side = SideFactory()
    claim = new_claim(TopicFactory(), side, figure="nearing 5,000")
    assert (claim.qualifier, claim.value, claim.value_max, claim.as_of) == ("nearly", 5000, None, OCT_22)
    assert claim.figure_text == "nearly 5,000"
    assert claim.external_id  # every claim gets a stable id


def test_create_refuses_unparseable_wording_and_writes_nothing():
    """Wording the parser cannot read is an error on the figure field, with no row written."""
    with pytest.raises(ValidationError) as excinfo:
        new_claim(TopicFactory(), SideFactory(), figure="a great many")
    assert "a great many" in " ".join(excinfo.value.message_dict["figure"])
    assert not Claim.objects.exists()


def test_figure_on_a_proposition_topic_is_refused():
    """Propositions carry no figure."""
    with pytest.raises(ValidationError) as excinfo:
        new_claim(PropositionTopicFactory(), SideFactory(), figure="12")
    assert "figure" in excinfo.value.message_dict


def test_create_flags_a_contradiction_between_sides(sides):
    """Saving a claim flags its clash with another side's figure, with a one-sentence explanation."""
    russia, armenia = sides
    topic = TopicFactory()
    putin_actor = ActorFactory(name="Vladimir Putin", side=russia)
    putin = new_claim(topic, russia, figure="more than 2,000", claimant=putin_actor)
    army = new_claim(topic, armenia, figure="874", claimant=ActorFactory(name="NK Defence Army", side=armenia))
    flag = Contradiction.objects.get()
    assert (flag.claim_a, flag.claim_b, flag.kind) == (putin, army, "figure_mismatch")
    assert flag.severity == pytest.approx(2000 / 874)
    assert "Vladimir Putin" in flag.explanation and "NK Defence Army" in flag.explanation
    assert "2.3×" in flag.explanation


def test_contested_needs_both_claims_published(sides, editor, reviewer):
    """A claim is contested only once it and its opponent are both published."""
    russia, armenia = sides
    topic = TopicFactory()
    a = new_claim(topic, russia, figure="more than 2,000", user=editor)
    b = new_claim(topic, armenia, figure="874", user=editor)
    assert Contradiction.objects.count() == 1  # drafts are flagged for editors
    for claim in (a, b):
        claim_submit(claim=claim, user=editor)
    a = claim_publish(claim=Claim.objects.get(pk=a.pk), user=reviewer)
    assert not Claim.objects.get(pk=a.pk).contested
    claim_publish(claim=Claim.objects.get(pk=b.pk), user=reviewer)
    assert set(Claim.objects.contested().values_list("pk", flat=True)) == {a.pk, b.pk}


def test_retracting_removes_flags_and_contested(sides, reviewer):
    """A retracted claim leaves the comparison, and its opponent is no longer contested."""
    russia, armenia = sides
    topic = TopicFactory()
    a = new_claim(topic, russia, figure="more than 2,000", status=Claim.Status.PUBLISHED)
    b = new_claim(topic, armenia, figure="874", status=Claim.Status.PUBLISHED)
    assert Claim.objects.contested().count() == 2
    claim_retract(claim=a, user=reviewer, reason="Misattributed quote.")
    assert not Contradiction.objects.exists()
    assert not Claim.objects.get(pk=b.pk).contested
    assert Claim.objects.get(pk=a.pk).retraction_reason == "Misattributed quote."


def test_retraction_needs_a_reason(sides, reviewer):
    """A retraction without a reason is refused on the reason field."""
    claim = new_claim(TopicFactory(), sides[0], status=Claim.Status.PUBLISHED)
    with pytest.raises(ValidationError) as excinfo:
        claim_retract(claim=claim, user=reviewer, reason="  ")
    assert "retraction_reason" in excinfo.value.message_dict
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.PUBLISHED


def test_four_eyes_reviewer_cannot_publish_own_claim(sides, reviewer, other_reviewer):
    """A reviewer cannot publish a claim they created; another reviewer can."""
    claim = new_claim(TopicFactory(), sides[0], user=reviewer, status=Claim.Status.IN_REVIEW)
    with pytest.raises(PermissionDenied, match="Four-eyes"):
        claim_publish(claim=claim, user=reviewer)
    published = claim_publish(claim=claim, user=other_reviewer)
    assert (published.status, published.reviewed_by) == (Claim.Status.PUBLISHED, other_reviewer)


def test_editors_cannot_publish(sides, editor):
    """Publishing is for reviewers only."""
    claim = new_claim(TopicFactory(), sides[0], status=Claim.Status.IN_REVIEW)
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        claim_publish(claim=claim, user=editor)


def test_publish_only_from_review(sides, reviewer):
    """A draft goes through review before it is published."""
    claim = new_claim(TopicFactory(), sides[0])
    with pytest.raises(ValidationError, match="in review"):
        claim_publish(claim=claim, user=reviewer)


def test_stale_version_is_refused_and_nothing_overwritten(sides, editor, other_editor):
    """The second of two editors working from the same version of a claim in review is refused."""
    claim = new_claim(TopicFactory(), sides[0], user=editor, status=Claim.Status.IN_REVIEW)
    first = claim_update(claim=claim, user=editor, version=1, statement="First edit")
    assert first.version == 2
    with pytest.raises(StaleVersion) as excinfo:
        claim_update(claim=claim, user=other_editor, version=1, statement="Second edit")
    assert excinfo.value.current_version == 2
    assert Claim.objects.get(pk=claim.pk).statement == "First edit"


def test_update_keeps_history_with_who(sides, editor):
    """Every change is kept in the claim's history with the user who made it."""
    claim = new_claim(TopicFactory(), sides[0], user=editor)
    claim_update(claim=claim, user=editor, figure="about 900")
    records = list(Claim.objects.get(pk=claim.pk).history.order_by("history_id"))
    assert [(r.value, r.qualifier, r.history_user) for r in records] == [
        (874, "exact", editor),
        (900, "approximately", editor),
    ]


def test_as_of_follows_stated_on_when_it_was_defaulted(sides):
    """Changing the statement date moves a defaulted as_of with it, but not an explicit one."""
    topic = TopicFactory()
    defaulted = new_claim(topic, sides[0])
    explicit = new_claim(topic, sides[0], as_of=datetime.date(2020, 10, 1))
    new_date = datetime.date(2020, 10, 25)
    assert claim_update(claim=defaulted, user=None, stated_on=new_date).as_of == new_date
    assert claim_update(claim=explicit, user=None, stated_on=new_date).as_of == datetime.date(2020, 10, 1)


def test_dismissal_survives_typo_fix_and_reopens_on_figure_change(sides, reviewer):
    """A dismissed flag stays dismissed when the statement is edited, and reopens when the figure changes."""
    from claims.contradictions import contradiction_dismiss

    russia, armenia = sides
    topic = TopicFactory()
    a = new_claim(topic, russia, figure="more than 2,000", status=Claim.Status.PUBLISHED)
    new_claim(topic, armenia, figure="874", status=Claim.Status.PUBLISHED)
    contradiction_dismiss(contradiction=Contradiction.objects.get(), user=reviewer, note="Different counts.")
    assert Claim.objects.contested().count() == 0
    a = claim_update(claim=a, user=None, statement="Putin's figure, typo fixed")
    assert Contradiction.objects.get().status == Contradiction.Status.DISMISSED
    claim_update(claim=a, user=None, figure="more than 3,000")
    flag = Contradiction.objects.get()
    assert (flag.status, flag.reviewed_by, flag.note) == (Contradiction.Status.OPEN, None, "")
    assert Claim.objects.contested().count() == 2


def test_moving_a_claim_to_another_topic_drops_its_old_flags(sides):
    """A claim moved to another topic no longer contradicts the claims it left behind."""
    russia, armenia = sides
    topic, other = TopicFactory(), TopicFactory()
    a = new_claim(topic, russia, figure="more than 2,000")
    new_claim(topic, armenia, figure="874")
    claim_update(claim=a, user=None, topic=other)
    assert not Contradiction.objects.exists()


def test_topic_settings_change_recomputes_the_topic(sides):
    """Making a topic non-cumulative turns one claimant's later lower figure from a downward revision into an update."""
    russia, _ = sides
    putin = ActorFactory(side=russia)
    topic = TopicFactory(cumulative=True)
    new_claim(topic, russia, figure="2,000", claimant=putin)
    new_claim(topic, russia, figure="1,000", claimant=putin, stated_on=OCT_22 + datetime.timedelta(days=10))
    assert Contradiction.objects.get().kind == "downward_revision"
    topic_update(topic=topic, user=None, cumulative=False)
    assert not Contradiction.objects.exists()
