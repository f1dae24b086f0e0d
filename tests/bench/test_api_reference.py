"""bench/reference.py: what P1 and P5 measure the claims list against is the very page the endpoint serves."""

import datetime
from http import HTTPStatus

import orjson
import pytest
from django.db import connection
from django.test import override_settings
from rest_framework.test import APIClient

from bench.reference import raw_claims_page
from claims.contradictions import contradictions_recompute_all
from claims.models import Appearance
from tests.factories import AppearanceFactory, ClaimFactory, DocumentFactory, SideFactory, TopicFactory

PAGE = "contested=true&page_size=3"


@pytest.fixture
def contested(db):
    """Five contested claims on one day (so the cursor pages by offset), relayed through a cited document."""
    armenia, azerbaijan = SideFactory(name="Armenia"), SideFactory(name="Azerbaijan")
    topic = TopicFactory(cumulative=False)
    post = DocumentFactory(title="Ministry post")
    wire = DocumentFactory(title="Wire story")
    wire.cites.add(post)
    for n, (side, qualifier, value) in enumerate([(armenia, "exact", 100), (azerbaijan, "more_than", 500),
                                                  (armenia, "approximately", 110), (azerbaijan, "exact", 600),
                                                  (armenia, "at_most", 120)]):
        claim = ClaimFactory(topic=topic, side=side, qualifier=qualifier, value=value,
                             stated_on=datetime.date(2020, 10, 22), statement=f"Claim {n}")
        AppearanceFactory(claim=claim, document=post if n % 2 else wire,
                          role=Appearance.Role.PRIMARY if n % 2 else Appearance.Role.REPORT, quote=f"quote {n}")
    contradictions_recompute_all()


@pytest.mark.postgres
def test_raw_page_is_the_endpoints_page(contested):
    """The hand-written SQL page equals the endpoint's body, next link included (the ratio compares like with like)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    served = APIClient().get(f"/api/claims/?{PAGE}").json()
    with connection.cursor() as cursor:
        raw = orjson.loads(orjson.dumps(raw_claims_page(cursor, 3)))
    assert len(served["results"]) == 3 and served["next"]
    assert raw == served


@pytest.mark.postgres
@override_settings(ROOT_URLCONF="bench.urls")
def test_reference_views_answer_the_same_rows(contested):
    """Under the benchmark's URLconf, the bare view and the naive DRF list serve the endpoint's rows."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    client = APIClient()
    served = client.get(f"/api/claims/?{PAGE}").json()
    bare = client.get(f"/bench/bare/claims/?{PAGE}")
    naive = client.get(f"/bench/naive/claims/?{PAGE}")
    assert (bare.status_code, naive.status_code) == (HTTPStatus.OK, HTTPStatus.OK)
    assert bare.json() == {**served, "next": served["next"].replace("/api/claims/", "/bench/bare/claims/")}
    assert [claim["id"] for claim in naive.json()["results"]] == [claim["id"] for claim in served["results"]]
    assert client.get("/bench/bare/").json() == {"ok": True}
