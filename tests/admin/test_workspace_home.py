"""The editors' and reviewers' home (#17): the queue per role, preview links, the side-by-side flag page."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Appearance, Claim, Contradiction
from claims.services import claim_publish, claim_submit
from tests.admin.helpers import OCT_22, figure_claim
from tests.factories import ActorFactory, DocumentFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db
HOME = "admin:index"


@pytest.fixture
def desk(editor, other_editor, reviewer):
    """Two editors' work: drafts, claims in review, a claim sent back, an import, and open flags on published claims."""
    russia, armenia = SideFactory(name="Russia", slug="russia"), SideFactory(name="Armenia", slug="armenia")
    topic = TopicFactory(name="Military deaths, Armenia", window_days=2)
    putin = ActorFactory(name="Vladimir Putin", side=russia)
    mod = ActorFactory(name="Armenian Ministry of Defence", side=armenia)
    published = []
    for figure, actor, side in (("more than 2,000", putin, russia), ("729", mod, armenia)):
        claim = figure_claim(topic=topic, side=side, claimant=actor, figure=figure, user=other_editor,
                             status=Claim.Status.IN_REVIEW)
        published.append(claim_publish(claim=claim, user=reviewer))
    mine = [figure_claim(topic=topic, side=armenia, claimant=mod, figure=str(n), user=editor,
                         stated_on=OCT_22 - datetime.timedelta(days=30 * n)) for n in (1, 2, 3)]
    claim_submit(claim=mine[0], user=editor)  # waiting for a reviewer
    sent_back = mine[1]
    claim_submit(claim=sent_back, user=editor)
    sent_back.refresh_from_db()
    sent_back.status = Claim.Status.DRAFT  # a reviewer sent it back (recorded in its history)
    sent_back._history_user = reviewer
    sent_back.save()
    imported = figure_claim(topic=topic, side=armenia, claimant=mod, figure="12", user=editor,
                            stated_on=OCT_22 - datetime.timedelta(days=400), external_id="import-1")
    theirs = figure_claim(topic=topic, side=armenia, claimant=mod, figure="13", user=other_editor,
                          stated_on=OCT_22 - datetime.timedelta(days=500), status=Claim.Status.IN_REVIEW)
    return {"published": published, "mine": mine, "sent_back": sent_back, "imported": imported, "theirs": theirs}


def _queue(client, user):
    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == HTTPStatus.OK
    return {row.key: (row.label, row.count, row.url) for row in response.context["queue"]}, response


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return {obj.pk for obj in response.context["cl"].result_list}


def test_an_editors_home_counts_their_own_work_and_links_each_list(client, editor, desk):
    """An editor sees their drafts, what was sent back, what awaits review, their imports; each link lists them."""
    queue, response = _queue(client, editor)
    counts = {key: count for key, (_label, count, _url) in queue.items()}
    assert counts == {"returned": 1, "drafts": 3, "submitted": 1, "imported": 1}
    assert "Claims awaiting your review" not in response.content.decode()
    assert _listed(client, queue["returned"][2]) == {desk["sent_back"].pk}
    assert _listed(client, queue["drafts"][2]) == {desk["sent_back"].pk, desk["mine"][2].pk, desk["imported"].pk}
    assert _listed(client, queue["submitted"][2]) == {desk["mine"][0].pk}
    assert _listed(client, queue["imported"][2]) == {desk["imported"].pk}


def test_a_reviewers_home_counts_what_awaits_their_review_and_open_flags(client, reviewer, desk):
    """A reviewer's queue: claims in review by others, and open flags touching published claims, each linked."""
    queue, response = _queue(client, reviewer)
    assert queue["review"][1] == 2
    assert _listed(client, queue["review"][2]) == {desk["mine"][0].pk, desk["theirs"].pk}
    open_on_published = Contradiction.objects.live().filter(status="open").filter(
        claim_a__status="published").count() + Contradiction.objects.live().filter(
        status="open", claim_b__status="published").exclude(claim_a__status="published").count()
    assert open_on_published >= 1
    assert queue["flags"][1] == open_on_published
    assert len(_listed(client, queue["flags"][2])) == open_on_published
    assert f'aria-label="{open_on_published} — Open flags on published claims"' in response.content.decode()


def test_a_reviewer_is_not_asked_to_review_their_own_claim(client, reviewer, desk):
    """Four eyes: a claim the reviewer entered is not in their review queue."""
    own = figure_claim(topic=desk["theirs"].topic, side=desk["theirs"].side, claimant=desk["theirs"].claimant,
                       figure="14", user=reviewer, stated_on=OCT_22 - datetime.timedelta(days=600))
    claim_submit(claim=own, user=reviewer)
    queue, _ = _queue(client, reviewer)
    assert queue["review"][1] == 2
    assert own.pk not in _listed(client, queue["review"][2])


def test_the_home_page_costs_a_constant_number_of_queries(client, editor, reviewer, desk,
                                                          django_assert_max_num_queries):
    """The queue is one aggregate for the claims and one count for the flags, however much work waits."""
    client.force_login(reviewer)
    client.get(reverse(HOME))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(HOME))
    for n in range(20):
        figure_claim(topic=desk["theirs"].topic, side=desk["theirs"].side, claimant=desk["theirs"].claimant,
                     figure=str(100 + n), user=editor, status=Claim.Status.IN_REVIEW,
                     stated_on=OCT_22 + datetime.timedelta(days=3 * n + 5))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(HOME))


def test_view_on_site_opens_the_preview_until_the_claim_is_published(client, editor, reviewer, desk):
    """A draft's "View on site" opens the staff preview, which shows it; a published claim links its public page."""
    client.force_login(editor)
    draft = desk["mine"][2]
    page = client.get(reverse("admin:claims_claim_change", args=[draft.pk])).content.decode()
    assert f'href="{draft.get_absolute_url()}?preview=1"' in page
    response = client.get(f"{draft.get_absolute_url()}?preview=1")
    assert response.status_code == HTTPStatus.OK
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND  # the public still sees nothing
    published = desk["published"][0]
    page = client.get(reverse("admin:claims_claim_change", args=[published.pk])).content.decode()
    assert f'href="{published.get_absolute_url()}"' in page
    topic_page = client.get(reverse("admin:claims_topic_change", args=[published.topic_id])).content.decode()
    assert f'href="{published.topic.get_absolute_url()}?preview=1"' in topic_page


def test_a_contradictions_page_shows_both_claims_side_by_side(client, reviewer, desk):
    """Speaker, date, figure, wording, quote and sources of each claim, in two columns."""
    putin, ministry = desk["published"]
    Claim.objects.filter(pk=putin.pk).update(quote="More than two thousand of their soldiers have died.",
                                             statement="Armenian losses exceed 2,000")
    report = DocumentFactory(title="Putin on the war", outlet__name="TASS")
    Appearance.objects.create(claim=putin, document=report, role=Appearance.Role.REPORT)
    flag = Contradiction.objects.get(claim_a__in=[putin, ministry], claim_b__in=[putin, ministry])
    client.force_login(reviewer)
    response = client.get(reverse("admin:claims_contradiction_change", args=[flag.pk]))
    html = response.content.decode()
    section = html[html.index('id="side-by-side"'):html.index("</section>", html.index('id="side-by-side"'))]
    assert section.count('class="pair-claim"') == 2
    for text in ("Vladimir Putin", "Armenian Ministry of Defence", "22 Oct 2020", "more than 2,000", "729",
                 "Armenian losses exceed 2,000", "More than two thousand of their soldiers have died.",
                 "Putin on the war", "TASS"):
        assert text in section, text


def test_history_shows_an_empty_value_as_empty(client, reviewer, desk):
    """Publishing sets "reviewed by" from nothing: the history says "—", never "Deleted user (pk=None)"."""
    published = desk["published"][0]
    client.force_login(reviewer)
    html = client.get(reverse("admin:claims_claim_history", args=[published.pk])).content.decode()
    assert "Deleted user" not in html and "pk=None" not in html
    assert "Reviewed by" in html or "reviewed by" in html


def test_the_contradictions_list_costs_the_same_few_queries_for_many_flags(client, reviewer, editor,
                                                                           django_assert_max_num_queries):
    """The list reads each row's topic, claims, speakers and sides in its one query: no query per row."""
    topic = TopicFactory(name="Drones downed")
    side_a, side_b = SideFactory(name="Armenia", slug="armenia"), SideFactory(name="Azerbaijan", slug="azerbaijan")
    for n in range(3):
        figure_claim(topic=topic, side=side_a if n % 2 else side_b, figure=str(10 + 100 * n), user=editor)
    client.force_login(reviewer)
    url = reverse("admin:claims_contradiction_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == HTTPStatus.OK
    for n in range(12):
        figure_claim(topic=topic, side=side_a if n % 2 else side_b, figure=str(1000 + 300 * n), user=editor,
                     stated_on=OCT_22 + datetime.timedelta(days=n % 2))
    assert Contradiction.objects.count() > 20
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == HTTPStatus.OK
    assert len(few.captured_queries) <= 12
