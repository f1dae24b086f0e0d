"""Anonymous readers are served from a short-lived cache; nobody else ever is (tracker.cache)."""

import time
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.authtoken.models import Token

from claims.models import Claim
from tests.factories import ClaimFactory, SideFactory


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """The middleware reads PUBLIC_CACHE_SECONDS when a client first builds it, so clients come after this."""
    cache.clear()
    settings.PUBLIC_CACHE_SECONDS = 30


def side_names(response) -> list[str]:
    return [side["name"] for side in response.json()["results"]]


def test_anonymous_reads_are_cached_until_they_expire(db):
    """A second anonymous read within the lifetime is the first answer, even after the data changed."""
    ClaimFactory(side=SideFactory(name="Armenia", slug="armenia"))  # a side the public sees
    anonymous = Client()
    assert side_names(anonymous.get("/api/sides/")) == ["Armenia"]
    ClaimFactory(side=SideFactory(name="Azerbaijan", slug="azerbaijan"))  # a side the public sees
    assert side_names(anonymous.get("/api/sides/")) == ["Armenia"]
    cache.clear()  # What the lifetime's end does.
    assert side_names(anonymous.get("/api/sides/")) == ["Armenia", "Azerbaijan"]


def test_pages_are_cached_for_anonymous_readers(db):
    """A claim's page is rendered once for anonymous readers within the lifetime."""
    claim = ClaimFactory(statement="Before the edit.")
    anonymous = Client()
    assert "Before the edit." in anonymous.get(f"/claims/{claim.pk}/").text
    Claim.objects.filter(pk=claim.pk).update(statement="After the edit.")
    assert "Before the edit." in anonymous.get(f"/claims/{claim.pk}/").text


def test_token_holders_get_live_data_and_never_leak_it(db, editor):
    """A token request is never served from, nor stored in, the cache: drafts never reach anonymous readers."""
    ClaimFactory(status=Claim.Status.PUBLISHED, statement="Public.")
    ClaimFactory(status=Claim.Status.DRAFT, statement="Secret draft.", created_by=editor)
    token = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    anonymous = Client()
    editor_view = token.get("/api/claims/?status=draft")
    assert [c["statement"] for c in editor_view.json()["results"]] == ["Secret draft."]
    public_view = anonymous.get("/api/claims/?status=draft")
    assert "Secret draft." not in public_view.text
    ClaimFactory(status=Claim.Status.DRAFT, statement="Second draft.", created_by=editor)
    assert len(token.get("/api/claims/?status=draft").json()["results"]) == 2


def test_signed_in_readers_get_live_pages(db, editor):
    """Anyone with a cookie (a session) is rendered afresh every time."""
    claim = ClaimFactory(statement="Before the edit.")
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(editor)
    anonymous.get(f"/claims/{claim.pk}/")
    Claim.objects.filter(pk=claim.pk).update(statement="After the edit.")
    assert "After the edit." in signed_in.get(f"/claims/{claim.pk}/").text


def test_errors_are_never_cached(db):
    """A 404 is answered live: the claim published a moment later shows at once."""
    anonymous = Client()
    assert anonymous.get("/claims/999/").status_code == HTTPStatus.NOT_FOUND
    ClaimFactory(pk=999)
    assert anonymous.get("/claims/999/").status_code == HTTPStatus.OK


def test_addresses_and_formats_are_cached_apart(db):
    """The query string and the Accept header each make their own cached answer."""
    ClaimFactory(side=SideFactory(name="Armenia", slug="armenia"))  # a side the public sees
    anonymous = Client()
    as_json = anonymous.get("/api/sides/")
    as_csv = anonymous.get("/api/sides/?format=csv")
    by_accept = anonymous.get("/api/sides/", HTTP_ACCEPT="text/csv")
    assert (as_json["Content-Type"], as_csv["Content-Type"], by_accept["Content-Type"]) == (
        "application/json", "text/csv; charset=utf-8", "text/csv; charset=utf-8")
    assert anonymous.get("/api/sides/")["Content-Type"] == "application/json"


def test_off_when_zero(db, settings):
    """PUBLIC_CACHE_SECONDS=0 (development, tests) renders every request."""
    settings.PUBLIC_CACHE_SECONDS = 0
    ClaimFactory(side=SideFactory(name="Armenia", slug="armenia"))  # a side the public sees
    anonymous = Client()
    anonymous.get("/api/sides/")
    ClaimFactory(side=SideFactory(name="Azerbaijan", slug="azerbaijan"))  # a side the public sees
    assert side_names(anonymous.get("/api/sides/")) == ["Armenia", "Azerbaijan"]


def test_a_stale_entry_is_rendered_again_by_the_next_reader(db, settings):
    """Past 90% of its lifetime at most an entry is stale: the next anonymous read renders it afresh."""
    settings.PUBLIC_CACHE_SECONDS = 4
    ClaimFactory(side=SideFactory(name="Armenia", slug="armenia"))  # a side the public sees
    anonymous = Client()
    anonymous.get("/api/sides/")
    ClaimFactory(side=SideFactory(name="Azerbaijan", slug="azerbaijan"))  # a side the public sees
    assert side_names(anonymous.get("/api/sides/")) == ["Armenia"]
    time.sleep(3.65)  # Fresh for at most 90% of the 4 s (3.6 s); still stored until the 4 s are up.
    assert side_names(anonymous.get("/api/sides/")) == ["Armenia", "Azerbaijan"]
