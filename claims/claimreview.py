"""schema.org ClaimReview for a rated claim (DESIGN §8), shared by the claim page and the API.

https://schema.org/ClaimReview; the fields search engines read are those Google lists for
fact-check markup: claimReviewed, reviewRating (with alternateName), itemReviewed, author,
datePublished, url.
"""

from django.conf import settings

from claims.models import Appearance, Claim
from sources.models import Actor
from sources.wikidata import entity_url

# How the verdicts sit on a 1–5 scale (5 = accurate). "unverifiable" has no place on it and
# carries only its label, which is what fact-check readers display anyway.
RATING_VALUES = {
    Claim.Verdict.ACCURATE: 5,
    Claim.Verdict.MOSTLY_ACCURATE: 4,
    Claim.Verdict.MISLEADING: 2,
    Claim.Verdict.FALSE: 1,
}


class NoVerdict(ValueError):
    """The claim is unrated, so there is no review to describe."""

    def __init__(self, claim: Claim):
        super().__init__(f"claim {claim.pk} has no verdict yet, so it has no ClaimReview")


def is_reviewed(claim: Claim) -> bool:
    """Return whether a claim carries a fact-checker's verdict (and so a ClaimReview)."""
    return claim.verdict != Claim.Verdict.UNRATED


def _absolute(url: str, request) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def _drop_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _creative_work(appearance: Appearance) -> dict:
    document = appearance.document
    outlet = document.outlet
    return _drop_empty(
        {
            "@type": "CreativeWork",
            "url": document.url,
            "headline": document.title,
            "datePublished": document.published_on.isoformat() if document.published_on else None,
            "inLanguage": document.language,
            "author": {"@type": "Person", "name": document.author} if document.author else None,
            "publisher": _drop_empty({"@type": "Organization", "name": outlet.name, "url": outlet.url,
                                      "sameAs": entity_url(outlet.wikidata) or None})
            if outlet is not None
            else None,
        }
    )


def _first_appearance(appearances: list[Appearance]) -> Appearance | None:
    """Return where the claim was first made: a primary document, else the earliest report."""
    if not appearances:
        return None

    def key(appearance):
        published = appearance.document.published_on
        return (appearance.role != Appearance.Role.PRIMARY, published is None, published, appearance.pk)

    return min(appearances, key=key)


def claim_review(claim: Claim, request=None) -> dict:
    """Return the schema.org ClaimReview JSON-LD of a rated claim; raise NoVerdict when it is unrated.

    Reads claim.claimant, claim.appearances (prefetch them with their documents' outlets)
    and the reviewing organisation from settings: CLAIMREVIEW_AUTHOR_NAME and CLAIMREVIEW_AUTHOR_URL
    (default: this site). The review's `url` is the fact-check article (`verdict_url`) when there is
    one, else the claim's page; the reviewer's rationale is the rating's `ratingExplanation`.
    With a request, URLs are absolute.
    """
    if not is_reviewed(claim):
        raise NoVerdict(claim)
    claimant = claim.claimant
    appearances = list(claim.appearances.all())
    first = _first_appearance(appearances)
    reviewed = claim.reviewed_at or claim.updated_at
    rating = {
        "@type": "Rating",
        "alternateName": claim.get_verdict_display().capitalize(),
    }
    if claim.verdict_rationale:
        rating["ratingExplanation"] = claim.verdict_rationale
    if claim.verdict in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[claim.verdict], bestRating=5, worstRating=1)
    author = {
        "@type": "Person" if claimant.kind == Actor.Kind.PERSON else "Organization",
        "name": claimant.name,
    }
    if claimant.wikidata:
        author["sameAs"] = entity_url(claimant.wikidata)
    if claimant.role and claimant.kind == Actor.Kind.PERSON:
        author["jobTitle"] = claimant.role
    elif claimant.role:
        author["description"] = claimant.role
    item = _drop_empty(
        {
            "@type": "Claim",
            "author": author,
            "datePublished": claim.stated_on.isoformat(),
            "inLanguage": claim.language if claim.quote else None,
            "appearance": [_creative_work(a) for a in appearances],
            "firstAppearance": _creative_work(first) if first is not None else None,
        }
    )
    return _drop_empty(
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": claim.verdict_url or _absolute(claim.get_absolute_url(), request),
            "claimReviewed": claim.statement or claim.translation or claim.quote or claim.figure_as_worded,
            "datePublished": reviewed.date().isoformat() if reviewed else None,
            "author": {
                "@type": "Organization",
                "name": settings.CLAIMREVIEW_AUTHOR_NAME,
                "url": settings.CLAIMREVIEW_AUTHOR_URL or _absolute("/", request),
            },
            "reviewRating": rating,
            "itemReviewed": item,
        }
    )
