"""Atom feeds (issue #18): they parse as Atom, list published claims only, and pages link to them."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest

from tests.pages.html import parse

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text and feed.find(f"{ATOM}id").text and feed.find(f"{ATOM}updated").text
    found = []
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text and entry.find(f"{ATOM}title").text
        found.append(entry.find(f"{ATOM}link").get("href"))
    return found


def urls(*claims):
    return {f"http://testserver{claim.get_absolute_url()}" for claim in claims}


def test_contested_feed(client, dispute):
    """New contested claims: every published contested claim, no draft or claim in review."""
    assert set(entries(client, "/feeds/contested.atom")) == urls(
        dispute.armenia_count, dispute.azerbaijan_count, dispute.putin_count, dispute.accusation, dispute.denial)


def test_dispute_speaker_and_side_feeds_hide_drafts(client, dispute):
    """A dispute's, a speaker's and a side's feeds list their published claims and never a draft."""
    terter = entries(client, f"/feeds/disputes/{dispute.terter.slug}.atom")
    assert set(terter) == urls(dispute.accusation, dispute.denial)
    assert set(entries(client, f"/feeds/speakers/{dispute.mod.pk}.atom")) == urls(dispute.armenia_count)
    assert set(entries(client, "/feeds/sides/armenia.atom")) == urls(dispute.armenia_count, dispute.denial)


@pytest.mark.parametrize("path", ["/feeds/disputes/nowhere.atom", "/feeds/speakers/999999.atom", "/feeds/sides/x.atom"])
def test_absent_feeds_are_404(client, dispute, path):
    """A feed of something absent is a 404."""
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_pages_link_their_feeds(client, dispute):
    """Speaker and side pages announce their feed with <link rel="alternate" type="application/atom+xml">."""
    for path, feed in ((f"/speakers/{dispute.putin.pk}/", f"/feeds/speakers/{dispute.putin.pk}.atom"),
                       ("/sides/russia/", "/feeds/sides/russia.atom")):
        links = [link.attrs for link in parse(client.get(path).content).find_all("link")
                 if link.attrs.get("rel") == "alternate"]
        assert links and links[0]["type"] == "application/atom+xml" and links[0]["href"] == feed


@pytest.mark.parametrize("path", ["/feeds/contested.atom", "/feeds/disputes/{slug}.atom",
                                  "/feeds/speakers/{speaker}.atom", "/feeds/sides/armenia.atom"])
def test_a_feed_costs_the_same_few_queries_however_many_claims(client, dispute, path, django_assert_max_num_queries):
    """Sixty more claims on the speaker's and the side's dispute cost a feed no more queries (50 entries at most)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.pages.conftest import OCT_22, make_claim

    path = path.format(slug=dispute.terter.slug, speaker=dispute.mod.pk)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == HTTPStatus.OK
    for n in range(60):
        make_claim(topic=dispute.terter, claimant=dispute.mod, stated_on=OCT_22, figure=None,
                   statement=f"Armenian forces did not shell Terter, statement {n}.", stance="denies")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(path)
    assert len(entries(client, path)) <= 50
    assert response.status_code == HTTPStatus.OK
    assert len(few.captured_queries) <= 5 + 2  # DESIGN §10's five, and the request's savepoint
