"""DESIGN §10 and issue #7 (P2): every API endpoint and public page in at most 5 queries, whatever the page size.

Each endpoint's count is locked exactly, at page size 1 and at the largest page (500), for the public and
for a reviewer (who reads drafts, claims in review and integrity flags too): a query per row would show as
a difference between the two sizes, a new query as a changed number. Session, authentication and
throttling look-ups are not counted (the user is authenticated up front), nor the savepoints
ATOMIC_REQUESTS opens inside the test's transaction.
"""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims.api.pagination import CursorPagination
from tests.api.conftest import data_queries

BUDGET = 5
PAGE_SIZES = (1, CursorPagination.max_page_size)

# List endpoints and the queries each costs at any page size.
LISTS = {
    "/api/claims/?": 3,  # the claims; their provenance chains (appearances, citations, documents); their flag ids
    "/api/claims/?contested=true&ordering=-stated_on&": 3,
    "/api/claims/?format=csv&": 3,
    "/api/disputes/?": 2,  # the ranked topics; their sides
    "/api/contradictions/?": 1,
    "/api/topics/?": 1,
    "/api/sides/?": 1,
    "/api/actors/?": 1,
    "/api/outlets/?": 1,
    "/api/documents/?": 2,  # the documents with their outlets; what they cite
}


def details(w) -> dict[str, int]:
    """Return one-object endpoints and public pages, with the queries each costs."""
    return {
        f"/api/claims/{w.am.pk}/": 3,
        f"/api/claims/{w.am.pk}/claimreview/": 2,  # the claim; its appearances
        f"/api/claims/{w.am.pk}/graph/": 4,  # the claim; its flags with their claims; their chains; outlets' QIDs
        "/api/context.jsonld": 0,
        # The topic with its largest gap; its sides with their counts; a page of its claims; their flags; their chains.
        f"/api/disputes/{w.deaths.slug}/": 5,
        f"/api/contradictions/{w.mismatch.pk}/": 1,
        f"/api/topics/{w.deaths.pk}/": 1,
        f"/api/sides/{w.armenia.pk}/": 1,
        f"/api/actors/{w.mod_am.pk}/": 1,
        f"/api/outlets/{w.ministry.pk}/": 1,
        f"/api/documents/{w.post.pk}/": 2,
        "/": 4,  # the sides for the filter; the ranked disputes; their sides; their largest flags
        f"/disputes/{w.deaths.slug}/": 5,
        f"/claims/{w.am.pk}/": 5,  # the claim; its appearances; its chain; its flags; its history
    }


def measure(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        counts[url] = len(data_queries(captured))
    return counts


def expected_counts(w) -> dict[str, int]:
    lists = {f"{url}page_size={size}": queries for url, queries in LISTS.items() for size in PAGE_SIZES}
    return {**lists, **details(w)}


@pytest.mark.parametrize("reader", ["public", "reviewer"])
def test_every_endpoint_and_page_within_the_budget(world, reviewer, reader):
    """Every list (page sizes 1 and 500), every one-object endpoint and every page costs its fixed few queries."""
    client = APIClient()
    if reader == "reviewer":
        client.force_authenticate(reviewer)
        client.get("/api/claims/")  # the reviewer's permissions are looked up once and cached on the user
    expected = expected_counts(world)
    assert measure(client, expected) == expected
    assert max(expected.values()) <= BUDGET


def test_lists_fill_the_largest_page(world, reviewer):
    """The lists measured above really hold several rows, so a query per row would have shown."""
    client = APIClient()
    client.force_authenticate(reviewer)
    sizes = {url: len(client.get(f"{url}page_size=500").json()["results"])
             for url in LISTS if "format=csv" not in url}
    assert min(sizes.values()) >= 2, sizes
