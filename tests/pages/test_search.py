"""The search page (issue #18): a name or a phrase finds claims, speakers, topics and documents."""

from http import HTTPStatus

import pytest
from django.db import connection

from claims.models import Claim
from tests.factories import ActorFactory
from tests.pages.conftest import OCT_26, make_claim
from tests.pages.html import parse

TRANSACTION = 2  # the request's ATOMIC_REQUESTS savepoint: SAVEPOINT and RELEASE


def hits(response, cls="hit-claim"):
    return [li for li in parse(response.content).find_all("li") if cls in li.classes]


def test_name_finds_speaker_and_claims(client, dispute, django_assert_num_queries):
    """"Putin" finds his page and his published claim, in five queries: sides, speakers, claims, topics, documents."""
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get("/search/", {"q": "Putin"})
    assert response.status_code == HTTPStatus.OK
    speakers = hits(response, "hit-speaker-row")
    assert [li.find("a").attrs["href"] for li in speakers] == [f"/speakers/{dispute.putin.pk}/"]
    assert [int(li.attrs["data-claim"]) for li in hits(response)] == [dispute.putin_count.pk]


def test_phrase_finds_statement_and_not_drafts(client, dispute):
    """A phrase of a statement finds the claim (PostgreSQL also finds "shell" for "shelled"); a draft's words
    find nothing."""
    response = client.get("/search/", {"q": "shelled Terter"})
    found = {int(li.attrs["data-claim"]) for li in hits(response)}
    assert dispute.accusation.pk in found and found <= {dispute.accusation.pk, dispute.denial.pk}
    response = client.get("/search/", {"q": "DRAFT-ONLY"})
    assert hits(response) == []
    assert "No published claim matches" in parse(response.content).text


def test_filters_narrow_claims(client, dispute):
    """The side, kind, verdict and date filters each narrow the claims found."""
    def found(**params):
        return {int(li.attrs["data-claim"]) for li in hits(client.get("/search/", {"q": "Armenian", **params}))}

    everything = found()
    assert dispute.armenia_count.pk in everything and dispute.denial.pk in everything
    assert found(side="azerbaijan") <= {dispute.accusation.pk, dispute.azerbaijan_count.pk}
    assert found(kind="proposition") == {c.pk for c in (dispute.accusation, dispute.denial)} & everything
    assert found(verdict="misleading") <= {dispute.putin_count.pk}
    assert found(stated_after="2020-10-25") == {c.pk for c in (dispute.accusation, dispute.denial)} & everything


def test_bad_filters_say_which(client, dispute):
    """An unreadable date or an unknown side is a 400 naming the field, not a 500."""
    response = client.get("/search/", {"q": "x", "stated_after": "yesterday", "side": "atlantis"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    text = parse(response.content).text
    assert "stated_after" in text and "side" in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: trigram similarity (pg_trgm)")
def test_names_found_by_likeness(client, dispute, sides):
    """"Pashinian" finds Nikol Pashinyan; "Ministry of Defense" the Armenian Ministry of Defence (British spelling)."""
    pashinyan = ActorFactory(name="Nikol Pashinyan", role="Prime Minister of Armenia", side=sides.armenia)
    make_claim(topic=dispute.terter, claimant=pashinyan, stated_on=OCT_26, accused_side=sides.armenia,
               stance=Claim.Stance.DENIES, statement="No shells were fired.", attribution=Claim.Attribution.PARAPHRASE)
    response = client.get("/search/", {"q": "Pashinian"})
    assert [li.find("a").text for li in hits(response, "hit-speaker-row")] == ["Nikol Pashinyan"]
    assert [li.find(class_="hit-speaker").text for li in hits(response)] == ["Nikol Pashinyan"]
    response = client.get("/search/", {"q": "Ministry of Defense"})
    assert [li.find("a").text for li in hits(response, "hit-speaker-row")][0] == "Armenian Ministry of Defence"
    assert dispute.armenia_count.pk in {int(li.attrs["data-claim"]) for li in hits(response)}


def test_preview_finds_drafts_for_editors_only(client, dispute, editor):
    """An editor's preview search finds a claim in review; the same search signed out does not."""
    client.force_login(editor)
    response = client.get("/search/", {"q": "DRAFT-ONLY accusation", "preview": "1"})
    assert dispute.terter_draft.pk in {int(li.attrs["data-claim"]) for li in hits(response)}
    client.logout()
    assert hits(client.get("/search/", {"q": "DRAFT-ONLY accusation", "preview": "1"})) == []


def test_pages_of_results(client, dispute):
    """Results come a page at a time: a second page holds what the first left out, and only claims."""
    from claims import search

    first = search.search("Armenia", None, page_size=2)
    second = search.search("Armenia", None, page=2, page_size=2)
    assert first.has_next and len(first.claims) == 2
    assert not {c.pk for c in first.claims} & {c.pk for c in second.claims}
    assert second.speakers == [] and second.topics == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite does not rank")
def test_a_broad_phrase_ranks_its_newest_matches_and_says_so(client, dispute, monkeypatch):
    """Past the ranked window the last page says older claims match too; the best of the window comes first."""
    from claims import search

    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    said = [make_claim(topic=dispute.terter, claimant=dispute.mod, stated_on=OCT_26, figure=None,
                       statement=statement) for statement in (
        "Shelling reported near Barda.", "Shelling of Barda and shelling of Terter.", "Shelling stopped at dawn.")]
    every = list(search.claims_matching("shelling", None).values_list("pk", flat=True))
    assert len(every) > 2
    first = client.get("/search/", {"q": "shelling"})
    ranked = [int(li.attrs["data-claim"]) for li in hits(first)]
    assert sorted(ranked) == sorted(every[:2])  # the newest two, ranked
    assert ranked[0] == said[1].pk  # "shelling" twice ranks first
    assert "older claims match too" in first.content.decode()


def test_aliases_find_their_speaker(client, dispute):
    """A name the speaker is also known by finds them: "Kremlin leader" finds Vladimir Putin and his claim."""
    from sources.models import ActorAlias

    ActorAlias.objects.create(actor=dispute.putin, name="Kremlin leader")
    response = client.get("/search/", {"q": "Kremlin leader"})
    assert [li.find("a").text for li in hits(response, "hit-speaker-row")] == ["Vladimir Putin"]
    assert dispute.putin_count.pk in {int(li.attrs["data-claim"]) for li in hits(response)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: its indexes")
def test_claim_and_document_search_read_their_indexes(dispute):
    """Claims are found through their stored search document's index, documents through the title's."""
    from claims import search

    with connection.cursor() as cursor:
        # A small table would be scanned otherwise, or read in date order through another index and filtered
        # (the planner's choice on a handful of rows): with both off, only a search index can serve the filter.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        claims_plan = Claim.objects.annotate(document=search.stored_vector()).filter(
            document=search.SearchQuery("Terter", config=search.CONFIG, search_type="websearch")).order_by().explain()
        documents_plan = search.Document.objects.annotate(document=search.document_vector()).filter(
            document=search.SearchQuery("Valdai", config=search.CONFIG, search_type="websearch")).order_by().explain()
    assert "claim_search_vector" in claims_plan
    assert "document_search" in documents_plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: the stored search document")
def test_the_stored_search_document_is_the_claims_text_as_search_words_it(dispute):
    """The column PostgreSQL keeps (migration 0015) equals claims.search's expression, after a change too."""
    from claims import search

    Claim.objects.filter(pk=dispute.denial.pk).update(statement="Armenian forces did not shell Terter",
                                                      translation="We never fired on the town")
    rows = Claim.objects.annotate(stored=search.stored_vector(), computed=search.claim_vector()).values_list(
        "stored", "computed")
    assert rows and all(stored == computed for stored, computed in rows)
    found = search.claims_matching("fired town", None)
    assert list(found.values_list("pk", flat=True)) == [dispute.denial.pk]
