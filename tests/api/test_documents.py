"""/api/documents/: articles, statements and posts; editors create and change them."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.models import Document
from tests.api.conftest import data_queries, document_ref

URL = "/api/documents/"


def test_public_documents(api, world):
    """The public sees the documents behind published claims and those they cite, with `cites`."""
    w = world
    assert api.get(URL).json() == {
        "next": None,
        "previous": None,
        "results": [
            {**document_ref(w.post), "cites": []},
            {**document_ref(w.relay), "cites": [w.post.pk]},
            {**document_ref(w.az_doc), "cites": []},
        ],
    }


def test_a_cited_source_is_public_through_its_relay(api, world):
    """A document only cited by a public document (up to two steps back) is public too."""
    interview = Document.objects.create(title="Interview", url="https://example.org/interview")
    transcript = Document.objects.create(title="Transcript", url="https://example.org/transcript")
    world.relay.cites.add(interview)
    interview.cites.add(transcript)
    listed = [d["id"] for d in api.get(URL).json()["results"]]
    assert interview.pk in listed
    assert transcript.pk in listed


def test_a_draft_only_document_is_hidden_from_the_public(api, editor_api, world):
    """The memo behind another editor's draft: 404 for the public, readable by staff."""
    assert api.get(f"{URL}{world.memo.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert editor_api.get(f"{URL}{world.memo.pk}/").json() == {**document_ref(world.memo), "cites": []}


def test_outlet_filter(api, world):
    """`outlet` takes an outlet id."""
    assert [d["id"] for d in api.get(f"{URL}?outlet={world.paper.pk}").json()["results"]] == [world.relay.pk]


def test_editor_creates_a_relay(editor_api, editor, world):
    """A new document with what it cites; history names the editor."""
    response = editor_api.post(URL, {"title": "Toll rises", "url": "https://news.example.org/toll",
                                     "outlet": world.paper.pk, "published_on": "2020-10-24", "author": "B. Writer",
                                     "cites": [world.post.pk, world.relay.pk]})
    assert response.status_code == HTTPStatus.CREATED
    document = Document.objects.get(url="https://news.example.org/toll")
    assert response.json() == {
        "id": document.pk, "title": "Toll rises", "url": "https://news.example.org/toll",
        "outlet": {"id": world.paper.pk, "name": "The Daily"}, "author": "B. Writer", "published_on": "2020-10-24",
        "language": "en", "cites": [world.post.pk, world.relay.pk],
    }
    assert document.history.get().history_user == editor


def test_what_a_public_document_cites_is_a_reviewers_to_change(editor_api, reviewer_api, reviewer, world):
    """`cites` is replaced as given, by a reviewer: a published claim's provenance runs through it."""
    before = list(world.relay.cites.values_list("pk", flat=True))
    refused = editor_api.patch(f"{URL}{world.relay.pk}/", {"cites": [world.az_doc.pk]})
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert list(world.relay.cites.values_list("pk", flat=True)) == before
    response = reviewer_api.patch(f"{URL}{world.relay.pk}/", {"cites": [world.az_doc.pk]})
    assert response.json()["cites"] == [world.az_doc.pk]
    record = world.relay.history.first()
    cited = f"cites: #{world.az_doc.pk} {world.az_doc.title}"
    assert (record.history_user, record.history_change_reason) == (reviewer, cited)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"title": "Copy", "url": "https://mil.am/post-1"}, {"url": ["document with this url already exists."]}),
        ({"title": "Bad", "url": "not a url"}, {"url": ["Enter a valid URL."]}),
        ({"title": "Bad", "cites": [999999]}, {"cites": ['Invalid pk "999999" - object does not exist.']}),
        ({"url": "https://example.org/x"}, {"title": ["This field is required."]}),
    ],
)
def test_bad_documents(editor_api, world, payload, expected):
    """Each problem is named with its field; nothing is created."""
    before = Document.objects.count()
    response = editor_api.post(URL, payload)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == expected
    assert Document.objects.count() == before


def test_a_document_cannot_cite_itself(editor_api, world):
    """Self-citation is a 400."""
    response = editor_api.patch(f"{URL}{world.relay.pk}/", {"cites": [world.relay.pk]})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"cites": ["A document cannot cite itself."]}


@pytest.mark.parametrize(("client", "status"), [("api", HTTPStatus.UNAUTHORIZED), ("reader_api", HTTPStatus.FORBIDDEN)])
def test_writes_need_an_editor(request, world, client, status):
    """Creating or changing a document needs the editor's permissions."""
    client = request.getfixturevalue(client)
    assert client.post(URL, {"title": "X"}, format="json").status_code == status
    assert client.patch(f"{URL}{world.post.pk}/", {"title": "X"}, format="json").status_code == status
    assert not Document.objects.filter(title="X").exists()


@pytest.mark.parametrize("page_size", [1, 50])
def test_query_budget(api, world, page_size):
    """DESIGN §10: the list is two queries (documents with outlets, their citations)."""
    with CaptureQueriesContext(connection) as captured:
        api.get(f"{URL}?page_size={page_size}")
    assert len(data_queries(captured)) == 2


def test_documents_without_an_address(editor_api, world):
    """A blank url is stored as none, so several documents may have no address."""
    for title in ("Press conference", "Televised address"):
        response = editor_api.post(URL, {"title": title, "url": ""})
        assert response.status_code == HTTPStatus.CREATED
        assert response.json()["url"] is None
