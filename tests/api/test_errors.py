"""Every error is JSON with a status that says what went wrong (DESIGN §8, §10), never an HTML 500."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from rest_framework.test import APIClient

from tests.api.conftest import token_client

DOWN = "The database cannot be reached. Please try again in a moment."


def test_unknown_address_is_a_json_404(api, db):
    """Any address under /api/ that is not an endpoint is a JSON 404 pointing to the docs."""
    response = api.get("/api/nothing/here/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "No such address in the API: /api/nothing/here/. See /api/docs/."}


def test_missing_slash_is_pointed_out(api, db):
    """/api/claims without its slash says where the endpoint is."""
    response = api.post("/api/claims", {}, format="json")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "No such address; did you mean /api/claims/ (with the final slash)?"}


def test_unacceptable_format_is_406(api, db):
    """A client that accepts only HTML gets a JSON 406."""
    response = api.get("/api/sides/", HTTP_ACCEPT="text/html")
    assert response.status_code == HTTPStatus.NOT_ACCEPTABLE
    assert response.json() == {"detail": 'Could not satisfy the request Accept header.'}


def test_unknown_format_is_404(api, db):
    """?format= names a format the endpoint does not have: JSON 404."""
    response = api.get("/api/sides/?format=xml")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "Not found."}


def _rates(anon, user):
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK,
                                             "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}})


def test_anonymous_clients_are_throttled(api, db):
    """Past THROTTLE_ANON requests a minute the answer is a JSON 429 with Retry-After."""
    with _rates("2/minute", "100/minute"):
        assert [api.get("/api/sides/").status_code for _ in range(2)] == [HTTPStatus.OK, HTTPStatus.OK]
        response = api.get("/api/sides/")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Retry-After"] == "60"
    assert response.json() == {"detail": "Request was throttled. Expected available in 60 seconds."}


def test_signed_in_clients_have_their_own_rate(editor, db):
    """Tokens are throttled per user at THROTTLE_USER, writes included, separately from the anonymous rate."""
    client = token_client(editor)
    with _rates("1/minute", "2/minute"):
        statuses = [client.get("/api/sides/").status_code, client.post("/api/topics/", {"name": "A"}).status_code,
                    client.get("/api/sides/").status_code, APIClient().get("/api/sides/").status_code]
    assert statuses == [HTTPStatus.OK, HTTPStatus.CREATED, HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.OK]


def test_token_endpoint_is_throttled_too(api, db):
    """Guessing passwords at /api/auth/token/ runs into the anonymous rate."""
    with _rates("1/minute", "100/minute"):
        api.post("/api/auth/token/", {"username": "x", "password": "y"})
        response = api.post("/api/auth/token/", {"username": "x", "password": "y"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


@pytest.mark.urls("tests.api.fault_urls")
def test_database_down_in_a_plain_view_under_api_is_a_json_503(client, db):
    """The middleware turns OperationalError into a JSON 503 under /api/."""
    response = client.get("/api/gone/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json() == {"detail": DOWN, "database": "unreachable"}


@pytest.mark.urls("tests.api.fault_urls")
def test_database_down_in_an_api_view_is_a_json_503(client, db):
    """API views turn OperationalError into a 503 in their exception handler."""
    response = client.get("/api/drf-gone/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"detail": DOWN}


@pytest.mark.urls("tests.api.fault_urls")
def test_database_down_on_a_page_is_a_friendly_503(client, db):
    """Outside the API the 503 is a short HTML page that says what happened."""
    response = client.get("/disputes/gone/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"We cannot reach our database at the moment." in response.content


@pytest.mark.urls("tests.api.fault_urls")
def test_a_bug_is_a_json_500_not_a_page(client, db, caplog):
    """An unforeseen error in an API view is a JSON 500, logged with its traceback."""
    response = client.get("/api/bug/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.json() == {"detail": "Internal server error."}
    assert any(record.exc_info and "a bug" in str(record.exc_info[1]) for record in caplog.records)


def test_healthz(client, db):
    """/healthz says the database answers."""
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "reachable"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_unreachable_postgres_is_a_503_everywhere(client):
    """With PostgreSQL pointed at a closed port, the API, the pages and /healthz answer 503 (never a 500)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        api = client.get("/api/claims/")
        page = client.get("/")
        health = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert (api.status_code, page.status_code, health.status_code) == (503, 503, 503)
    assert api.json() == {"detail": DOWN, "database": "unreachable"}
    assert health.json() == {"status": "unavailable", "database": "unreachable", "detail": DOWN}
    assert health["Retry-After"] == "30"
    assert b"briefly unavailable" in page.content
