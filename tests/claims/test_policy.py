"""Two people for anything public: the policy's rules, proved through the services every door calls."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims import policy
from claims.models import Appearance, Claim
from claims.services import (
    actor_update,
    claim_create,
    claim_publish,
    claim_rate,
    claim_retract,
    claim_set_appearances,
    claim_submit,
    claim_update,
    document_set_cites,
    document_update,
    outlet_update,
    side_update,
    topic_update,
)
from tests.factories import (
    ActorFactory,
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    SideFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def other_editor():
    return UserFactory(username="other-editor", groups=["Editors"])


@pytest.fixture
def reviewer():
    return UserFactory(username="reviewer", groups=["Reviewers"])


@pytest.fixture
def second_reviewer():
    return UserFactory(username="second-reviewer", groups=["Reviewers"])


def _draft(user, **fields):
    topic = fields.pop("topic", None) or TopicFactory()
    actor = fields.pop("claimant", None) or ActorFactory()
    return claim_create(user=user, topic=topic, claimant=actor, side=actor.side, stated_on="2020-10-20",
                        figure=fields.pop("figure", "about 100"), statement="Officials gave a toll.", **fields)


def test_an_editor_cannot_publish_and_a_reviewer_cannot_publish_what_they_created(editor, reviewer):
    """Publishing takes a reviewer who is not the claim's creator."""
    by_editor = claim_submit(claim=_draft(editor), user=editor)
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        claim_publish(claim=by_editor, user=editor)
    by_reviewer = claim_submit(claim=_draft(reviewer), user=reviewer)
    with pytest.raises(PermissionDenied, match="created yourself"):
        claim_publish(claim=by_reviewer, user=reviewer)
    assert claim_publish(claim=by_editor, user=reviewer).status == Claim.Status.PUBLISHED


def test_a_reviewer_who_changed_the_wording_cannot_publish_it_alone(editor, reviewer, second_reviewer):
    """Four eyes are keyed on the last content change too: the reviewer who rewrote a claim needs another."""
    claim = claim_submit(claim=_draft(editor), user=editor)
    claim = claim_update(claim=claim, user=reviewer, statement="A rewritten statement.")
    assert claim.edited_by == reviewer
    with pytest.raises(PermissionDenied, match="last changed yourself"):
        claim_publish(claim=claim, user=reviewer)
    assert claim_publish(claim=claim, user=second_reviewer).reviewed_by == second_reviewer


def test_rating_is_not_a_content_change(editor, reviewer):
    """A reviewer who rates a claim may still publish it: the verdict is not what the claimant said."""
    claim = claim_submit(claim=_draft(editor), user=editor)
    claim = claim_rate(claim=claim, user=reviewer, verdict=Claim.Verdict.MISLEADING)
    assert claim_publish(claim=claim, user=reviewer).verdict == Claim.Verdict.MISLEADING


def test_verdicts_are_for_reviewers_through_every_service(editor, reviewer):
    """An editor can set no verdict: not on a new claim, not by a change, not by rating."""
    with pytest.raises(PermissionDenied, match="verdict"):
        _draft(editor, verdict=Claim.Verdict.FALSE)
    claim = _draft(editor)
    with pytest.raises(PermissionDenied, match="verdict"):
        claim_update(claim=claim, user=editor, verdict=Claim.Verdict.FALSE)
    with pytest.raises(PermissionDenied, match="verdict"):
        claim_rate(claim=claim, user=editor, verdict=Claim.Verdict.FALSE)
    assert Claim.objects.get(pk=claim.pk).verdict == Claim.Verdict.UNRATED


def test_a_new_claim_is_never_born_published_by_a_user(editor, reviewer):
    """Creating a claim as published would skip the second person; only the command-line operator loads archives."""
    for user in (editor, reviewer):
        with pytest.raises(PermissionDenied, match="second person"):
            _draft(user, status=Claim.Status.PUBLISHED)
    assert _draft(None, status=Claim.Status.PUBLISHED).status == Claim.Status.PUBLISHED


def test_a_change_that_publishes_is_held_to_the_publishing_rules(editor, reviewer):
    """Setting status through a change is the workflow move it makes, and content plus publish is refused."""
    claim = claim_submit(claim=_draft(editor), user=editor)
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        claim_update(claim=claim, user=editor, status=Claim.Status.PUBLISHED)
    with pytest.raises(PermissionDenied, match="in one step"):
        claim_update(claim=claim, user=reviewer, statement="Changed.", status=Claim.Status.PUBLISHED)
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.IN_REVIEW


def test_editors_cannot_touch_others_drafts_or_published_claims(editor, other_editor, reviewer):
    """Another editor's draft is as good as absent; a published claim changes only by a reviewer's hand."""
    draft = _draft(other_editor)
    with pytest.raises(PermissionDenied, match="No such claim"):
        claim_update(claim=draft, user=editor, statement="Overwritten.")
    published = ClaimFactory(status=Claim.Status.PUBLISHED)
    with pytest.raises(PermissionDenied, match="published claim"):
        claim_update(claim=published, user=editor, statement="Overwritten.")
    assert claim_update(claim=published, user=reviewer, statement="Fixed a typo.").statement == "Fixed a typo."


def test_retracted_claims_are_final_and_retraction_needs_another_reviewer(editor, reviewer, second_reviewer):
    """Only a reviewer who did not create a claim retracts it, and nobody changes it afterwards."""
    claim = _draft(reviewer)
    with pytest.raises(PermissionDenied, match="created yourself"):
        claim_retract(claim=claim, user=reviewer, reason="Duplicate.")
    claim = claim_retract(claim=claim, user=second_reviewer, reason="Duplicate.")
    with pytest.raises(PermissionDenied, match="retracted"):
        claim_update(claim=claim, user=second_reviewer, statement="Again.")


def test_what_published_claims_stand_on_changes_only_by_a_reviewer(editor, reviewer):
    """Actors, sides, outlets, documents and topics under a published claim are refused to editors, with history."""
    published = ClaimFactory(status=Claim.Status.PUBLISHED)
    document = AppearanceFactory(claim=published).document
    actor, side, topic, outlet = published.claimant, published.side, published.topic, document.outlet
    refusals = [
        lambda: actor_update(actor=actor, user=editor, name="Renamed"),
        lambda: side_update(side=side, user=editor, name="Renamed side"),
        lambda: topic_update(topic=topic, user=editor, window_days=3000),
        lambda: outlet_update(outlet=outlet, user=editor, name="Renamed outlet"),
        lambda: document_update(document=document, user=editor, url="https://elsewhere.example.org/"),
    ]
    for attempt in refusals:
        with pytest.raises(PermissionDenied, match="reviewers"):
            attempt()
    renamed = actor_update(actor=actor, user=reviewer, name="Renamed by a reviewer")
    record = renamed.history.first()
    assert (record.name, record.history_user, record.history_type) == ("Renamed by a reviewer", reviewer, "~")


def test_editors_may_change_what_no_published_claim_stands_on(editor):
    """Work in progress stays editable: an actor and a topic known only to drafts."""
    claim = _draft(editor)
    assert actor_update(actor=claim.claimant, user=editor, role="Spokesperson").role == "Spokesperson"
    assert topic_update(topic=claim.topic, user=editor, window_days=5).window_days == 5
    assert side_update(side=SideFactory(), user=editor, colour="#112233").colour == "#112233"


def test_appearances_and_citations_of_public_claims_are_for_reviewers(editor, reviewer):
    """A new primary appearance or citation would change a published claim's provenance."""
    published = ClaimFactory(status=Claim.Status.PUBLISHED)
    shown = AppearanceFactory(claim=published).document
    extra = DocumentFactory()
    wanted = [{"document": shown, "role": Appearance.Role.PRIMARY}, {"document": extra,
                                                                     "role": Appearance.Role.PRIMARY}]
    with pytest.raises(PermissionDenied):
        claim_set_appearances(claim=published, user=editor, appearances=wanted)
    with pytest.raises(PermissionDenied, match="reviewers"):
        document_set_cites(document=shown, user=editor, cites=[extra])
    assert published.appearances.count() == 1 and not shown.cites.exists()
    claim_set_appearances(claim=published, user=reviewer, appearances=wanted)
    assert published.appearances.count() == 2
    document_set_cites(document=shown, user=reviewer, cites=[extra])
    record = shown.history.first()
    assert (record.history_user, record.history_change_reason) == (reviewer, f"cites: #{extra.pk} {extra.title}")
    added = Appearance.history.get(claim_id=published.pk, document_id=extra.pk)
    assert (added.history_type, added.history_user) == ("+", reviewer)


def test_a_reviewer_may_add_a_report_to_a_published_claim_and_an_editor_may_not(editor, reviewer):
    """A new appearance of a published claim changes what the public sees: the rule's reviewers may, editors not."""
    published = ClaimFactory(status=Claim.Status.PUBLISHED)
    report = Appearance(claim=published, document=DocumentFactory(), role=Appearance.Role.REPORT)
    assert policy.refusal(editor, policy.Action.CREATE, report) == (
        "Only reviewers may add an appearance to what the public sees.")
    assert policy.refusal(reviewer, policy.Action.CREATE, report) is None
    in_review = Appearance(claim=ClaimFactory(status=Claim.Status.IN_REVIEW), document=DocumentFactory())
    assert policy.refusal(editor, policy.Action.CREATE, in_review) is None


def test_the_offered_actions_follow_the_policy(editor, reviewer, second_reviewer):
    """Buttons and API actions come from the same rules: nobody is offered what would be refused."""
    claim = _draft(editor)
    assert policy.claim_actions(editor, claim) == [policy.Action.SUBMIT]
    claim = claim_submit(claim=claim, user=editor)
    assert policy.claim_actions(editor, claim) == []
    assert policy.claim_actions(reviewer, claim) == [policy.Action.PUBLISH, policy.Action.RETRACT]
    claim = claim_update(claim=claim, user=reviewer, statement="Reworded.")
    assert policy.claim_actions(reviewer, claim) == [policy.Action.RETRACT]
    assert policy.claim_actions(second_reviewer, claim) == [policy.Action.PUBLISH, policy.Action.RETRACT]


def test_a_direct_quote_needs_the_quote_and_is_not_the_default(editor):
    """Without a quote a claim is a paraphrase; calling it a direct quote is refused, naming the field."""
    assert _draft(editor).attribution == Claim.Attribution.PARAPHRASE
    assert _draft(editor, quote="We lost 100.").attribution == Claim.Attribution.DIRECT_QUOTE
    with pytest.raises(ValidationError) as error:
        _draft(editor, attribution=Claim.Attribution.DIRECT_QUOTE)
    assert "attribution" in error.value.message_dict


def test_the_figure_is_kept_as_worded(editor):
    """'dozens' stays 'dozens', read as at least 12; a figure given as parts gets its canonical wording."""
    claim = _draft(editor, figure="dozens")
    assert (claim.figure_wording, claim.qualifier, claim.value) == ("dozens", "at_least", 12)
    claim = claim_update(claim=claim, user=editor, qualifier="more_than", value=2000)
    assert claim.figure_wording == "more than 2,000"
    assert Claim.history.filter(id=claim.pk).first().figure_wording == "more than 2,000"


# -- the buttons: the admin's claim page and the API's `actions` are the policy's answer -------------------------

MOVES = ("submit", "publish", "retract")


def _buttons(user, claim) -> list[str]:
    """Return the workflow buttons the admin's claim page shows `user` (forms posting to a move's address)."""
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    page = browser.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    return [move for move in MOVES if f'action="/admin/claims/claim/{claim.pk}/{move}/"' in page]


def _api_actions(user, claim) -> list[str]:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user)
    return api.get(f"/api/claims/{claim.pk}/").json()["actions"]


def test_an_editor_never_sees_publish_on_their_own_claim(editor):
    """An editor's own draft offers Submit only; once in review it offers nothing (a reviewer publishes)."""
    claim = _draft(editor)
    assert _buttons(editor, claim) == _api_actions(editor, claim) == ["submit"]
    claim = claim_submit(claim=claim, user=editor)
    assert _buttons(editor, claim) == _api_actions(editor, claim) == []


def test_a_reviewer_sees_publish_on_someone_elses_claim(editor, reviewer):
    """A reviewer is offered Publish and Retract on an editor's claim in review, in the admin and the API alike."""
    claim = claim_submit(claim=_draft(editor), user=editor)
    assert _buttons(reviewer, claim) == _api_actions(reviewer, claim) == ["publish", "retract"]


def test_a_reviewer_who_reworded_a_claim_is_not_offered_publish(editor, reviewer, second_reviewer):
    """The admin hides Publish from the reviewer who last changed what the claim says, and says why."""
    from django.test import Client

    claim = claim_update(claim=claim_submit(claim=_draft(editor), user=editor), user=reviewer, statement="Reworded.")
    assert _buttons(reviewer, claim) == _api_actions(reviewer, claim) == ["retract"]
    assert _buttons(second_reviewer, claim) == _api_actions(second_reviewer, claim) == ["publish", "retract"]
    browser = Client()
    browser.force_login(reviewer)
    page = browser.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "Four-eyes rule: you cannot publish a claim whose wording you last changed yourself." in page


@pytest.mark.parametrize("status", [Claim.Status.DRAFT, Claim.Status.IN_REVIEW, Claim.Status.PUBLISHED])
@pytest.mark.parametrize("creator", ["editor", "reviewer"])
@pytest.mark.parametrize("reader", ["editor", "other_editor", "reviewer", "second_reviewer"])
def test_every_offered_move_works_and_every_other_is_refused(request, status, creator, reader):
    """For each reader and claim, a move is offered (admin button and API action) exactly when the API accepts it."""
    from rest_framework.test import APIClient

    author, user = request.getfixturevalue(creator), request.getfixturevalue(reader)
    reviewer_on_duty = request.getfixturevalue("second_reviewer" if creator == "reviewer" else "reviewer")

    def claim_in(state):
        claim = _draft(author)
        if state != Claim.Status.DRAFT:
            claim = claim_submit(claim=claim, user=author)
        if state == Claim.Status.PUBLISHED:
            claim = claim_publish(claim=claim, user=reviewer_on_duty)
        return claim

    shown = claim_in(status)
    if status == Claim.Status.DRAFT and reader != creator and reader in ("editor", "other_editor"):
        return  # another editor's draft: not readable, hence no page (the 404 tests cover it)
    offered = _api_actions(user, shown)
    assert _buttons(user, shown) == offered
    api = APIClient()
    api.force_authenticate(user)
    for move in MOVES:
        claim = claim_in(status)
        response = api.post(f"/api/claims/{claim.pk}/{move}/", {"version": claim.version, "reason": "Wrong."},
                            format="json")
        assert (response.status_code == 200) == (move in offered), (move, response.json())


def _flagged_pair(author, reviewer):
    """Two published claims of one topic whose figures are far apart: one open flag between them."""
    from claims.models import Contradiction

    topic = TopicFactory()
    first = _draft(author, topic=topic, figure="about 100")
    second = _draft(author, topic=topic, figure="about 5,000", claimant=ActorFactory())
    for claim in (first, second):
        claim_publish(claim=claim_submit(claim=claim, user=author), user=reviewer)
    return Contradiction.objects.get(topic=topic)


@pytest.mark.parametrize("decision", ["confirmed", "dismissed"])
def test_only_reviewers_rule_on_flags_through_the_service(editor, reviewer, second_reviewer, decision):
    """The service refuses an editor's ruling itself, so no door (admin, command, a future API) can forget it."""
    from claims.contradictions import contradiction_review
    from claims.models import Contradiction

    flag = _flagged_pair(editor, reviewer)
    with pytest.raises(PermissionDenied, match="Only reviewers may confirm or dismiss flags"):
        contradiction_review(contradiction=flag, user=editor, status=decision, note="Not a conflict.")
    assert Contradiction.objects.get(pk=flag.pk).status == Contradiction.Status.OPEN
    ruled = contradiction_review(contradiction=flag, user=second_reviewer, status=decision, note="Checked.")
    assert Contradiction.objects.get(pk=ruled.pk).status == decision
    assert policy.allowed(second_reviewer, policy.Action.REVIEW_FLAG, Contradiction)
    assert not policy.allowed(editor, policy.Action.REVIEW_FLAG, Contradiction)
