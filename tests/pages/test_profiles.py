"""The pages of a speaker, an outlet, a side and the list of topics (issue #18)."""

from http import HTTPStatus

import pytest

from claims.models import Claim
from tests.factories import ActorFactory, OutletFactory
from tests.pages.html import parse

TRANSACTION = 2  # the request's ATOMIC_REQUESTS savepoint: SAVEPOINT and RELEASE


def claim_ids(response):
    return [int(li.attrs["data-claim"]) for li in parse(response.content).find_all("li") if "hit-claim" in li.classes]


def test_speaker_page(client, dispute, django_assert_num_queries):
    """Putin's page: his role and side, his published claim, one rated, where it was said; four queries."""
    with django_assert_num_queries(4 + TRANSACTION):
        response = client.get(f"/speakers/{dispute.putin.pk}/")
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    assert page.find("h1").text == "Vladimir Putin"
    assert "President of Russia" in page.find(class_="lede").text
    assert claim_ids(response) == [dispute.putin_count.pk]
    stats = [" ".join(div.text.split()) for div in page.find(class_="stats").find_all("div")]
    assert stats == ["Claims1", "Contested1 100%", "Rated1"]
    assert "Misleading: 1" in page.find(class_="verdict-tally").text
    table = page.find(class_="where-table").find("tbody")
    rows = [[td.text for td in tr.find_all("td")] for tr in table.find_all("tr")]
    assert rows == [["Kremlin", "1", "0"], ["Reuters", "0", "1"], ["World Socialist Web Site", "0", "1"]]


def test_speaker_page_lists_every_published_claim_and_no_draft(client, dispute):
    """The ministry's page lists its published claim and not its draft."""
    response = client.get(f"/speakers/{dispute.mod.pk}/")
    assert claim_ids(response) == [dispute.armenia_count.pk]
    assert "DRAFT-ONLY" not in response.content.decode()


def test_speaker_page_query_count_is_constant(client, dispute, django_assert_num_queries):
    """Sixty more claims by the speaker (two pages) cost no more queries."""
    from tests.pages.conftest import OCT_22, make_claim

    for n in range(60):
        make_claim(topic=dispute.terter, claimant=dispute.putin, stated_on=OCT_22, statement=f"Claim {n}")
    with django_assert_num_queries(4 + TRANSACTION):
        response = client.get(f"/speakers/{dispute.putin.pk}/")
    assert len(claim_ids(response)) == 50
    with django_assert_num_queries(4 + TRANSACTION):
        second = client.get(f"/speakers/{dispute.putin.pk}/", {"page": 2})
    assert len(claim_ids(second)) == 11


@pytest.mark.parametrize("path", ["/speakers/{hidden}/", "/speakers/999999/", "/outlets/{outlet}/", "/outlets/999999/",
                                  "/sides/nowhere/", "/speakers/{putin}/?page=0"])
def test_hidden_or_absent_is_one_404(client, dispute, sides, path):
    """A speaker with only drafts, an outlet with nothing public, an absent id and a bad page: the same 404."""
    hidden = ActorFactory(name="Hidden Speaker", side=sides.armenia)
    from tests.pages.conftest import OCT_22, make_claim

    make_claim(topic=dispute.deaths, claimant=hidden, stated_on=OCT_22, figure="12", status=Claim.Status.DRAFT)
    outlet = OutletFactory(name="Quiet Gazette")
    response = client.get(path.format(hidden=hidden.pk, outlet=outlet.pk, putin=dispute.putin.pk))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Hidden Speaker" not in response.content.decode()


def test_outlet_page(client, dispute, django_assert_num_queries):
    """The Kremlin published Putin's claim first; Reuters relayed it; four queries."""
    kremlin = dispute.transcript.outlet
    with django_assert_num_queries(4 + TRANSACTION):
        response = client.get(f"/outlets/{kremlin.pk}/")
    page = parse(response.content)
    assert page.find("h1").text == "Kremlin"
    assert claim_ids(response) == [dispute.putin_count.pk]
    response = client.get(f"/outlets/{dispute.wire.outlet_id}/")
    sections = parse(response.content).find_all("section")
    assert [claim_ids_in(s) for s in sections] == [[], [dispute.putin_count.pk]]


def claim_ids_in(element):
    return [int(li.attrs["data-claim"]) for li in element.find_all("li") if "hit-claim" in li.classes]


def test_side_page(client, dispute, django_assert_num_queries):
    """Armenia's page: its balance, its voices, its disputes and its claims, without drafts; five queries."""
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get("/sides/armenia/")
    page = parse(response.content)
    assert page.find("h1").text == "Armenia"
    balance = [td.text for td in page.find(class_="balance-table").find("tbody").find_all("td")]
    assert balance == ["2", "2", "100%", "0", "0", "0", "0", "0"]
    sections = {s.find("h2").attrs["id"]: s for s in page.find_all("section")}
    voices = [li.find("a").text for li in sections["voices-heading"].find_all("li")]
    assert sorted(voices) == ["Armenian Ministry of Defence", "Armenian officials"]
    disputes = [li.find("a").text for li in sections["disputes-heading"].find_all("li")]
    assert disputes == ["Armenian forces shelled Terter after the ceasefire", "Military deaths, Armenia"]
    assert set(claim_ids(response)) == {dispute.armenia_count.pk, dispute.denial.pk}
    assert "DRAFT-ONLY" not in response.content.decode()


def test_topic_list(client, dispute, django_assert_num_queries):
    """Every topic with a published claim, A to Z, with its counts; one query."""
    with django_assert_num_queries(1 + TRANSACTION):
        response = client.get("/topics/")
    rows = [" ".join(li.text.split()) for li in parse(response.content).find(class_="topic-index").find_all("li")]
    assert rows == ["Armenian forces shelled Terter after the ceasefire proposition · 2 claims 2 contested",
                    "Military deaths, Armenia figure · 3 claims 3 contested"]
    assert client.get(f"/topics/{dispute.terter.slug}/").url == dispute.terter.get_absolute_url()


def test_search_hits_link_to_pages(client, dispute):
    """Every claim hit links to its speaker's page, its topic and the claim."""
    response = client.get("/search/", {"q": "Putin"})
    hit = next(li for li in parse(response.content).find_all("li") if "hit-claim" in li.classes)
    links = {a.attrs["href"] for a in hit.find_all("a")}
    assert links == {f"/speakers/{dispute.putin.pk}/", dispute.deaths.get_absolute_url(),
                     dispute.putin_count.get_absolute_url()}
    assert client.get(f"/speakers/{dispute.putin.pk}/").status_code == HTTPStatus.OK
