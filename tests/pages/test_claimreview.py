"""claims.claimreview: the schema.org ClaimReview of a rated claim."""

import datetime

import pytest
from django.test import RequestFactory, override_settings

from claims.claimreview import NoVerdict, claim_review, is_reviewed
from claims.models import Appearance, Claim
from claims.services import claim_create, claim_publish, claim_rate, claim_submit, claim_update
from tests.factories import ActorFactory, DocumentFactory, OutletFactory, TopicFactory
from tests.pages.conftest import OCT_22


def reload(claim):
    return Claim.objects.select_related("claimant").prefetch_related("appearances__document__outlet").get(pk=claim.pk)


def kremlin_work():
    return {
        "@type": "CreativeWork",
        "url": "http://en.kremlin.ru/64261",
        "headline": "Meeting with the Valdai Club",
        "datePublished": "2020-10-22",
        "inLanguage": "en",
        "publisher": {"@type": "Organization", "name": "Kremlin", "url": "http://en.kremlin.ru/"},
    }


def test_claim_review_of_a_rated_claim(dispute):
    """A rated claim's review names the claim, its author, every appearance, the first one, and the rating."""
    claim = reload(dispute.putin_count)
    review = claim_review(claim, RequestFactory().get("/"))
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/claims/{claim.pk}/",
        "claimReviewed": "More than 2,000 dead on each side.",
        "datePublished": claim.updated_at.date().isoformat(),
        "author": {"@type": "Organization", "name": "Claim Tracker", "url": "http://testserver/"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Misleading",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Vladimir Putin", "jobTitle": "President of Russia"},
            "datePublished": "2020-10-22",
            "inLanguage": "en",
            "appearance": [
                kremlin_work(),
                {
                    "@type": "CreativeWork",
                    "url": "https://www.reuters.com/article/putin-karabakh",
                    "headline": "Putin says Karabakh death toll nearing 5,000",
                    "datePublished": "2020-10-22",
                    "inLanguage": "en",
                    "publisher": {"@type": "Organization", "name": "Reuters", "url": "https://www.reuters.com/"},
                },
                {
                    "@type": "CreativeWork",
                    "url": "https://www.wsws.org/en/articles/2020/10/30/arme-o30.html",
                    "headline": "Casualties mount in Armenian-Azeri war",
                    "datePublished": "2020-10-30",
                    "inLanguage": "en",
                    "publisher": {
                        "@type": "Organization", "name": "World Socialist Web Site", "url": "https://www.wsws.org/",
                    },
                },
            ],
            "firstAppearance": kremlin_work(),
        },
    }


@override_settings(CLAIMREVIEW_AUTHOR_NAME="Karabakh Fact Desk")
def test_publisher_setting_and_review_date(sides, editor, reviewer):
    """The reviewing organisation comes from CLAIMREVIEW_AUTHOR_NAME; the date is when the reviewer published."""
    claimant = ActorFactory(name="Ministry of Defence", kind="military", role="Press service", side=sides.armenia)
    claim = claim_create(user=editor, topic=TopicFactory(), claimant=claimant, side=sides.armenia, stated_on=OCT_22,
                         figure="15", quote="15 dead")
    claim = claim_rate(claim=claim_submit(claim=claim, user=editor), user=reviewer, verdict=Claim.Verdict.UNVERIFIABLE)
    claim = claim_publish(claim=claim, user=reviewer)
    review = claim_review(reload(claim))
    assert review["author"] == {"@type": "Organization", "name": "Karabakh Fact Desk", "url": "/"}
    assert review["url"] == f"/claims/{claim.pk}/"
    assert review["datePublished"] == claim.reviewed_at.date().isoformat()
    assert review["claimReviewed"] == "15 dead"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Ministry of Defence", "description": "Press service"},
        "datePublished": "2020-10-22",
        "inLanguage": "en",
    }


@pytest.mark.parametrize(
    ("verdict", "label", "value"),
    [("accurate", "Accurate", 5), ("mostly_accurate", "Mostly accurate", 4), ("misleading", "Misleading", 2),
     ("false", "False", 1)],
)
def test_rating_scale(dispute, verdict, label, value):
    """Each verdict has its label and its place on the 1–5 scale."""
    claim = claim_update(claim=dispute.armenia_count, user=None, verdict=verdict)
    assert claim_review(reload(claim))["reviewRating"] == {
        "@type": "Rating", "alternateName": label, "ratingValue": value, "bestRating": 5, "worstRating": 1,
    }


def test_first_appearance_without_a_primary(sides):
    """Without a primary document, the first appearance is the earliest report; undated ones come last."""
    claim = claim_create(user=None, topic=TopicFactory(), claimant=ActorFactory(side=sides.armenia), side=sides.armenia,
                         stated_on=OCT_22, figure="3", statement="Three", verdict=Claim.Verdict.FALSE,
                         status=Claim.Status.PUBLISHED)
    outlet = OutletFactory(name="Daily", url="")
    for title, published in (("Undated", None), ("Later", datetime.date(2020, 10, 25)),
                             ("Earlier", datetime.date(2020, 10, 23))):
        document = DocumentFactory(title=title, url=None, outlet=outlet, published_on=published)
        Appearance.objects.create(claim=claim, role=Appearance.Role.REPORT, document=document)
    item = claim_review(reload(claim))["itemReviewed"]
    assert item["firstAppearance"] == {
        "@type": "CreativeWork", "headline": "Earlier", "datePublished": "2020-10-23", "inLanguage": "en",
        "publisher": {"@type": "Organization", "name": "Daily"},
    }
    assert [work["headline"] for work in item["appearance"]] == ["Undated", "Later", "Earlier"]


def test_unrated_claim_has_no_review(dispute):
    """An unrated claim raises NoVerdict naming it; is_reviewed tells beforehand."""
    claim = reload(dispute.armenia_count)
    assert not is_reviewed(claim)
    with pytest.raises(NoVerdict, match=f"claim {claim.pk} has no verdict yet"):
        claim_review(claim)


@override_settings(CLAIMREVIEW_AUTHOR_NAME="Karabakh Fact Desk", CLAIMREVIEW_AUTHOR_URL="https://factdesk.example/")
def test_review_points_at_the_fact_check_and_carries_its_reasoning(dispute):
    """With a fact-check URL and a rationale, the review's url is the article and the rating explains itself."""
    claim = claim_update(claim=dispute.putin_count, user=None, verdict_rationale="He gave one figure for both sides.",
                         verdict_url="https://factdesk.example/putin-2000")
    review = claim_review(reload(claim))
    assert review["url"] == "https://factdesk.example/putin-2000"
    assert review["author"] == {"@type": "Organization", "name": "Karabakh Fact Desk", "url": "https://factdesk.example/"}
    assert review["reviewRating"]["ratingExplanation"] == "He gave one figure for both sides."
