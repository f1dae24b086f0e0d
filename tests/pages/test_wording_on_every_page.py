"""Every page that names a claim's figure says it as it was said (issue #15): "nearing 5,000", never only its
reading "nearly 5,000": search hits, speaker pages, feeds, share tags, the claim's history, ClaimReview, and the
workspace's lists, flag pages and document pages.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest

from claims.claimreview import claim_review
from claims.models import Appearance, Claim, Contradiction
from claims.services import claim_create, claim_rate, claim_update
from tests.factories import ActorFactory, DocumentFactory, SideFactory, TopicFactory
from tests.pages.html import parse

WORDED, READING = "nearing 5,000", "nearly 5,000"
DAY = datetime.date(2020, 10, 22)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def worded(db):
    """A published claim worded "nearing 5,000" (no statement: the figure is all it says), and one that it
    contradicts."""
    topic = TopicFactory(name="Deaths in the war", metric="deaths")
    russia, armenia = SideFactory(name="Russia"), SideFactory(name="Armenia")
    putin = ActorFactory(name="Vladimir Putin", side=russia)
    claim = claim_create(user=None, topic=topic, side=russia, claimant=putin, stated_on=DAY, figure=WORDED,
                         statement="", status=Claim.Status.PUBLISHED)
    claim_create(user=None, topic=topic, side=armenia, claimant=ActorFactory(name="Armenian officials", side=armenia),
                 stated_on=DAY, figure="below one thousand", statement="Fewer than a thousand died.",
                 status=Claim.Status.PUBLISHED)
    return claim


def test_public_pages_quote_the_wording(client, worded):
    """Search hits, the speaker's page and the claim page's share tags say "nearing 5,000"."""
    pages = {
        "search": client.get("/search/", {"q": "Putin"}).content.decode(),
        "speaker": client.get(f"/speakers/{worded.claimant_id}/").content.decode(),
    }
    for name, html in pages.items():
        hit = parse(html).find("p", class_="hit-text")
        assert hit.text.startswith(WORDED), (name, hit.text)
    claim_page = parse(client.get(f"/claims/{worded.pk}/").content)
    og_title = claim_page.find("meta", property="og:title").attrs["content"]
    assert WORDED in og_title and READING not in og_title


def test_feeds_quote_the_wording(client, worded):
    """A feed entry's title says the figure as worded."""
    feed = ET.fromstring(client.get(f"/feeds/speakers/{worded.claimant_id}.atom").content)
    [title] = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert title == f"Vladimir Putin (Russia): {WORDED}"


def test_claimreview_reviews_the_wording_when_that_is_all_there_is(worded, reviewer):
    """A rated claim with no statement, quote or translation: ClaimReview's claimReviewed is the wording."""
    rated = claim_rate(claim=worded, user=reviewer, verdict=Claim.Verdict.UNVERIFIABLE)
    assert claim_review(rated)["claimReviewed"] == WORDED


def test_history_says_what_the_wording_became(client, worded, reviewer):
    """A changed wording is a changed figure in the history, even when it reads the same."""
    claim_update(claim=worded, user=reviewer, figure="close to 5,000")
    claim = Claim.objects.get(pk=worded.pk)
    assert (claim.qualifier, claim.value) == (worded.qualifier, worded.value)  # the same reading
    client.force_login(reviewer)
    events = parse(client.get(f"/claims/{worded.pk}/", {"preview": "1"}).content).find("ol", class_="history").text
    assert f"Figure changed from {WORDED} to close to 5,000" in events


def test_the_workspace_shows_the_wording(client, worded, reviewer):
    """The claims list, the flag's side-by-side page (wording, then reading) and the document page."""
    client.force_login(reviewer)
    claims_list = client.get("/admin/claims/claim/").content.decode()
    assert WORDED in claims_list
    flag = Contradiction.objects.get()
    flag_page = parse(client.get(f"/admin/claims/contradiction/{flag.pk}/change/").content)
    facts = flag_page.texts("dd")
    assert WORDED in facts and READING in facts
    assert facts.index(WORDED) + 1 == facts.index(READING)
    document = DocumentFactory(title="Putin's televised meeting")
    Appearance.objects.create(claim=worded, document=document, quote="The toll is high.")
    document_page = client.get(f"/admin/sources/document/{document.pk}/change/").content.decode()
    assert f'<span class="figure-text">{WORDED}</span>' in document_page  # the claim's row on the document
