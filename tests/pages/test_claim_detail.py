"""`/claims/<id>/`: one claim, its provenance chain, its flags, its history and its ClaimReview (DESIGN §8)."""

import json
from http import HTTPStatus

import pytest
from django.test import RequestFactory

from claims.claimreview import claim_review
from claims.models import Appearance, Claim
from claims.services import claim_create, claim_publish, claim_retract, claim_submit, claim_update
from tests.factories import ActorFactory, DocumentFactory, TopicFactory
from tests.pages.conftest import OCT_22, make_claim
from tests.pages.html import parse

TRANSACTION = 2  # the request's ATOMIC_REQUESTS savepoint: SAVEPOINT and RELEASE


def json_ld(page):
    scripts = page.find_all("script", type="application/ld+json")
    return [json.loads(script.children[0]) for script in scripts]


def history(page):
    """Return the history events without their timestamps."""
    return [li.text[len(li.find("time").text):].strip() for li in page.find("ol", class_="history").find_all("li")]


def test_claim_page(client, dispute):
    """The page states the claim, its facts, its chain with the quote as printed, and the claims it contradicts."""
    claim = dispute.putin_count
    response = client.get(f"/claims/{claim.pk}/")
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    assert page.find("h1").text == "Vladimir Putin: more than 2,000 military deaths"
    assert page.find("blockquote").text == (
        "There are a lot of casualties from both sides, more than 2,000 from each side."
    )
    facts = page.find("dl", class_="facts")
    assert list(zip(facts.texts("dt"), facts.texts("dd"), strict=True)) == [
        ("Claimant", "Vladimir Putin, President of Russia"),
        ("Side", "Russia"),
        ("Stated on", "22 Oct 2020"),
        ("Figure as worded", "more than 2,000"),
        ("Counts it allows", "over 2,000"),
        ("Counted as of", "22 Oct 2020"),
        ("Attribution", "Direct quote"),
        ("Status", "Published"),
        ("Verdict", "Misleading"),
    ]
    assert page.texts("li", class_="chain-link") == [
        "Said in Kremlin: Meeting with the Valdai Club, 22 Oct 2020 more than 2,000 from each side",
        "Relayed by Reuters: Putin says Karabakh death toll nearing 5,000, 22 Oct 2020 more than 2,000 on each side",
        "Relayed by World Socialist Web Site: Casualties mount in Armenian-Azeri war, 30 Oct 2020 "
        "more than 2,000 from each side",
    ]
    assert page.find(class_="origins").text == "1 independent origin · 3 documents"
    flags = page.find("ol", class_="flags")
    assert flags.texts("li", class_="flag") == [
        "Figure mismatch 2.7× apart Armenia (Armenian Ministry of Defence, 22 Oct 2020): 729 — Russia (Vladimir "
        "Putin, 22 Oct 2020): more than 2,000 — at least 2.7× apart. Armenian Ministry of Defence (Armenia, "
        "22 Oct 2020): 729",
    ]
    assert flags.find("a").attrs["href"] == f"/claims/{dispute.armenia_count.pk}/"
    assert [a.attrs["href"] for a in page.find("nav", class_="crumbs").find_all("a")] == [
        "/", f"/disputes/military-deaths-armenia/#claim-{claim.pk}",
    ]


@pytest.mark.parametrize(("wording", "headline"), [
    ("dozens", "Local residents: dozens of people wounded — read as at least 12"),
    ("tens of thousands", "Local residents: tens of thousands of people wounded — read as at least 10,000"),
    ("thousands more", "Local residents: thousands more people wounded — read as at least 1,000"),
    ("a dozen", "Local residents: a dozen people wounded — read as 12"),
    ("nearing 5,000", "Local residents: nearing 5,000 people wounded — read as nearly 5,000"),
    ("2,300", "Local residents: 2,300 people wounded"),
])
def test_the_headline_says_the_figure_as_worded_in_english(client, sides, wording, headline):
    """The headline quotes the wording, then what the topic counts ("dozens of people wounded", never "dozens
    people wounded"), and the reading beside it only where it says something else."""
    topic = TopicFactory(name="Wounded in the strike", metric="people wounded")
    speaker = ActorFactory(name="Local residents", side=sides.armenia)
    claim = claim_create(user=None, topic=topic, claimant=speaker, side=sides.armenia, stated_on=OCT_22,
                         figure=wording, status=Claim.Status.PUBLISHED)
    page = parse(client.get(f"/claims/{claim.pk}/").content)
    assert page.find("h1").text == headline


def test_claim_review_embedded_when_rated(client, dispute):
    """A rated claim embeds exactly its ClaimReview JSON-LD; an unrated one embeds none."""
    claim = Claim.objects.prefetch_related("appearances__document__outlet").select_related("claimant").get(
        pk=dispute.putin_count.pk
    )
    page = parse(client.get(f"/claims/{claim.pk}/").content)
    assert json_ld(page) == [claim_review(claim, RequestFactory().get("/"))]
    assert json_ld(page)[0]["reviewRating"]["alternateName"] == "Misleading"
    unrated = parse(client.get(f"/claims/{dispute.armenia_count.pk}/").content)
    assert json_ld(unrated) == []
    assert unrated.find("dl", class_="facts").texts("dd")[-1] == "Not rated yet"


def test_hostile_text_is_inert(client, sides):
    """A <script> payload in a statement, quote or name stays text in the page and in the JSON-LD."""
    payload = "</script><script>alert(1)</script><!--"
    topic = TopicFactory(slug="hostile")
    claim = make_claim(topic=topic, claimant=ActorFactory(name=payload, role=payload, side=sides.armenia),
                       stated_on=OCT_22, figure="10", statement=payload, quote=payload, translation=payload,
                       verdict=Claim.Verdict.FALSE)
    Appearance.objects.create(claim=claim, document=DocumentFactory(title=payload, author=payload), quote=payload)
    response = client.get(f"/claims/{claim.pk}/")
    assert response.status_code == HTTPStatus.OK
    assert b"<script>alert" not in response.content
    assert b"<!--" not in response.content
    ld = json_ld(parse(response.content))[0]
    assert ld["claimReviewed"] == payload
    assert ld["itemReviewed"]["author"] == {"@type": "Person", "name": payload, "jobTitle": payload}
    assert parse(response.content).find("blockquote").text == payload


def test_unpublished_claims_are_404(client, dispute):
    """Drafts, claims in review and retracted claims do not exist for the public."""
    for claim in (dispute.deaths_draft, dispute.terter_draft):
        assert client.get(f"/claims/{claim.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/claims/999999/").status_code == HTTPStatus.NOT_FOUND


def test_retracted_claim_is_404(client, dispute, reviewer):
    """Once retracted, a published claim leaves the public pages."""
    claim_retract(claim=dispute.putin_count, user=reviewer, reason="Misattributed.")
    assert client.get(f"/claims/{dispute.putin_count.pk}/").status_code == HTTPStatus.NOT_FOUND


def test_preview_follows_permissions(client, sides, editor, other_editor, reviewer):
    """With ?preview=1 an editor sees their own draft but not another's; a reviewer sees both."""
    topic = TopicFactory(slug="preview")
    claimant = ActorFactory(side=sides.armenia)
    own = claim_create(user=editor, topic=topic, claimant=claimant, side=sides.armenia, stated_on=OCT_22, figure="5")
    other = claim_create(user=other_editor, topic=topic, claimant=claimant, side=sides.armenia, stated_on=OCT_22,
                         figure="6")
    client.force_login(editor)
    assert client.get(f"/claims/{own.pk}/").status_code == HTTPStatus.NOT_FOUND  # the public view by default
    response = client.get(f"/claims/{own.pk}/", {"preview": "1"})
    assert response.status_code == HTTPStatus.OK
    crumb = parse(response.content).find("nav", class_="crumbs").find_all("a")[1].attrs["href"]
    assert crumb == f"/disputes/preview/?preview=1#claim-{own.pk}"  # still a preview
    assert f'id="claim-{own.pk}"'.encode() in client.get(crumb.partition("#")[0]).content
    assert client.get(f"/claims/{other.pk}/", {"preview": "1"}).status_code == HTTPStatus.NOT_FOUND
    client.force_login(reviewer)
    assert client.get(f"/claims/{other.pk}/", {"preview": "1"}).status_code == HTTPStatus.OK


def test_history_summary(client, sides, editor, reviewer):
    """The public sees when a claim was recorded and what changed from publication on; staff see every change."""
    topic = TopicFactory(slug="history")
    claim = claim_create(user=editor, topic=topic, claimant=ActorFactory(side=sides.russia), side=sides.russia,
                         stated_on=OCT_22, figure="more than 2,000", statement="First wording")
    claim = claim_update(claim=claim, user=editor, statement="Second wording")
    claim = claim_submit(claim=claim, user=editor)
    claim = claim_publish(claim=claim, user=reviewer)
    claim = claim_update(claim=claim, user=reviewer, verdict=Claim.Verdict.FALSE)
    claim = claim_update(claim=claim, user=reviewer, figure="more than 3,000")
    public = parse(client.get(f"/claims/{claim.pk}/").content)
    assert history(public) == [
        "Recorded",
        "Published",
        "Rated “false”",
        "Figure changed from more than 2,000 to more than 3,000",
    ]
    client.force_login(reviewer)
    staff = parse(client.get(f"/claims/{claim.pk}/", {"preview": "1"}).content)
    assert history(staff) == [
        "Recorded",
        "Statement edited",
        "Submitted for review",
        "Published",
        "Rated “false”",
        "Figure changed from more than 2,000 to more than 3,000",
    ]


def test_claim_with_no_sources_or_flags(client, sides):
    """A claim without documents or flags says so plainly."""
    claim = make_claim(topic=TopicFactory(slug="lonely"), claimant=ActorFactory(side=sides.armenia),
                       stated_on=OCT_22, figure="about 40")
    page = parse(client.get(f"/claims/{claim.pk}/").content)
    assert page.texts("li", class_="chain-link") == ["No source document recorded."]
    assert "No published claim contradicts this one." in page.texts("p", class_="muted")
    facts = dict(zip(page.find("dl", class_="facts").texts("dt"), page.find("dl", class_="facts").texts("dd"),
                     strict=True))
    assert facts["Counts it allows"] == "36 to 44"


def test_query_count_is_constant(client, dispute, django_assert_num_queries):
    """The page costs five queries (claim, appearances, citations, flags, history), however long its chain."""
    with django_assert_num_queries(5 + TRANSACTION):
        client.get(f"/claims/{dispute.putin_count.pk}/")
    previous = dispute.article
    for _ in range(10):
        relay = DocumentFactory()
        relay.cites.add(previous)
        Appearance.objects.create(claim=dispute.putin_count, document=relay)
        previous = relay
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get(f"/claims/{dispute.putin_count.pk}/")
    assert len(parse(response.content).find_all("li", class_="chain-link")) == 13
