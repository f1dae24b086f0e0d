"""Provenance shows only what its reader may open (issue #14): citations are followed CITATION_STEPS back.

The public may open a document a published claim appears in and the documents those cite, two
steps back (`claims.visibility.documents_visible`). A chain that walked further would show, and
link, documents whose own page is a 404. These tests build a chain longer than that with a hidden
document in the middle, and read it through every door that draws chains.
"""

from http import HTTPStatus

import pytest

from claims.models import Appearance
from claims.visibility import CITATION_STEPS, NOT_FOUND
from tests.factories import AppearanceFactory, ClaimFactory, DocumentFactory, OutletFactory


@pytest.fixture
def chain(db):
    """A claim said first in `post` and relayed by `report`, which reaches `post` only four citations back.

    report → digest → summary → hidden → post: `digest` is one step back from the report, `summary`
    two, `hidden` three (no published claim stands within two steps of it: its page is a 404), and
    `post` is the claim's own primary document. A second relay, `near`, cites `post` through one
    document (`wire`, two steps): that chain is short enough to be drawn.
    """
    wire_service = OutletFactory(name="Wire")
    docs = {name: DocumentFactory(title=name.title(), url=f"https://example.org/{name}", outlet=wire_service)
            for name in ("post", "report", "digest", "summary", "hidden", "near", "wire")}
    docs["report"].cites.add(docs["digest"])
    docs["digest"].cites.add(docs["summary"])
    docs["summary"].cites.add(docs["hidden"])
    docs["hidden"].cites.add(docs["post"])
    docs["near"].cites.add(docs["wire"])
    docs["wire"].cites.add(docs["post"])
    claim = ClaimFactory(statement="Forty killed.", value=40)
    AppearanceFactory(claim=claim, document=docs["post"], role=Appearance.Role.PRIMARY)
    AppearanceFactory(claim=claim, document=docs["report"], role=Appearance.Role.REPORT)
    AppearanceFactory(claim=claim, document=docs["near"], role=Appearance.Role.REPORT)
    return claim, docs


def test_steps_are_two():
    """The fixture's hidden document is three steps back: the rule under test is two."""
    assert CITATION_STEPS == 2


def test_the_hidden_document_is_a_404(api, chain):
    """The document in the middle of the long chain is one the public may not open; its neighbours are open."""
    _, docs = chain
    assert api.get(f"/api/documents/{docs['hidden'].pk}/").json() == {"detail": NOT_FOUND}
    for name in ("post", "report", "digest", "summary", "near", "wire"):
        assert api.get(f"/api/documents/{docs[name].pk}/").status_code == HTTPStatus.OK, name


def test_api_chain_stops_two_steps_back(api, chain):
    """The API's chain follows the short relay to the post and leaves the long one as an origin of its own."""
    claim, docs = chain
    body = api.get(f"/api/claims/{claim.pk}/").json()
    drawn = [(link["document"]["title"], link["depth"], link["role"]) for link in body["provenance"]]
    assert drawn == [
        ("Post", 0, "primary"),
        ("Wire", 1, "source"),
        ("Near", 2, "report"),
        ("Report", 0, "report"),
    ]
    assert body["origin_count"] == 2


def test_no_door_shows_a_document_the_reader_cannot_open(api, client, chain):
    """Every document any chain door shows has a page of its own for that reader; the hidden one appears nowhere."""
    claim, docs = chain
    hidden = docs["hidden"]
    chain_ids = {link["document"]["id"] for link in api.get(f"/api/claims/{claim.pk}/").json()["provenance"]}
    listed = {link["document"]["id"] for row in api.get("/api/claims/").json()["results"] for link in row["provenance"]}
    for pk in chain_ids | listed:
        assert api.get(f"/api/documents/{pk}/").status_code == HTTPStatus.OK
    assert hidden.pk not in chain_ids | listed
    for address in (f"/claims/{claim.pk}/", f"/api/claims/{claim.pk}/graph/", f"/embed/claims/{claim.pk}/",
                    f"/disputes/{claim.topic.slug}/", f"/api/disputes/{claim.topic.slug}/"):
        response = client.get(address)
        assert response.status_code == HTTPStatus.OK, address
        assert hidden.url not in response.content.decode(), address


def test_documents_list_only_the_citations_the_reader_may_open(api, chain):
    """A visible document two steps back lists among what it cites only documents the reader may open."""
    _, docs = chain
    assert api.get(f"/api/documents/{docs['summary'].pk}/").json()["cites"] == []
    assert api.get(f"/api/documents/{docs['wire'].pk}/").json()["cites"] == [docs["post"].pk]


def test_staff_read_the_same_chain(reviewer_api, reviewer, chain):
    """The chain stops at the same place for a reviewer: one chain, whoever reads it (reviewers may open more)."""
    claim, docs = chain
    body = reviewer_api.get(f"/api/claims/{claim.pk}/").json()
    assert [link["document"]["title"] for link in body["provenance"]] == ["Post", "Wire", "Near", "Report"]
    assert reviewer_api.get(f"/api/documents/{docs['summary'].pk}/").json()["cites"] == [docs["hidden"].pk]
