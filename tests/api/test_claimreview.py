"""GET /api/claims/<id>/claimreview/: schema.org ClaimReview JSON-LD."""

from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from tests.api.conftest import data_queries


def url(claim) -> str:
    return f"/api/claims/{claim.pk}/claimreview/"


def test_claimreview_of_a_rated_claim(api, world):
    """The JSON-LD names the claim, its author, where it appeared (first appearance too), the rating and reviewer."""
    response = api.get(url(world.am))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/ld+json"
    ministry = {"@type": "Organization", "name": "Armenian MoD", "url": "https://mil.am/"}
    post = {"@type": "CreativeWork", "url": "https://mil.am/post-1", "headline": "Casualty update",
            "datePublished": "2020-10-22", "inLanguage": "en", "publisher": ministry}
    assert response.json() == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/claims/{world.am.pk}/",
        "claimReviewed": "Armenia: 2,300 dead.",
        "datePublished": world.am.updated_at.date().isoformat(),
        "author": {"@type": "Organization", "name": "Claim Tracker", "url": "http://testserver/"},
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly accurate", "ratingValue": 4, "bestRating": 5,
                         "worstRating": 1},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "Armenian Ministry of Defence"},
            "datePublished": "2020-10-22",
            "inLanguage": "hy",
            "appearance": [
                post,
                {"@type": "CreativeWork", "url": "https://daily.example.org/toll", "headline": "Armenia gives toll",
                 "datePublished": "2020-10-23", "inLanguage": "en", "author": {"@type": "Person", "name": "A. Writer"},
                 "publisher": {"@type": "Organization", "name": "The Daily", "url": "https://daily.example.org/"}},
            ],
            "firstAppearance": post,
        },
    }


def test_plain_json_on_request(api, world):
    """Clients that accept only application/json get the same document as application/json."""
    response = api.get(url(world.am), HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"
    assert response.json()["@type"] == "ClaimReview"


def test_an_unrated_claim_has_no_review(api, world):
    """No verdict, no ClaimReview: a JSON 404 that says why."""
    response = api.get(url(world.az))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": f"claim {world.az.pk} has no verdict yet, so it has no ClaimReview"}


def test_unpublished_claims_have_no_public_review(api, editor_api, world):
    """The public gets a 404 for a rated claim in review; an editor who may read it gets the review."""
    Claim.objects.filter(pk=world.in_review.pk).update(verdict=Claim.Verdict.FALSE)
    assert api.get(url(world.in_review)).status_code == HTTPStatus.NOT_FOUND
    response = editor_api.get(url(world.in_review))
    assert response.json()["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                               "bestRating": 5, "worstRating": 1}


def test_query_budget(api, world):
    """DESIGN §10: the review is 2 queries (the claim, its appearances)."""
    with CaptureQueriesContext(connection) as captured:
        api.get(url(world.am))
    assert len(data_queries(captured)) == 2
