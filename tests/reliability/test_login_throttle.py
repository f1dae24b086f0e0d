"""Password guessing on the admin login and the API token endpoint runs into a 429 (tracker.throttle)."""

import time
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # tests/factories.py
ADMIN_LOGIN = "/admin/login/"
TOKEN = "/api/auth/token/"
LIMIT = 3


@pytest.fixture(autouse=True)
def _small_limit(settings):
    """Counters live in the cache: every test starts with none, and a limit of 3 in 15 minutes."""
    cache.clear()
    settings.LOGIN_THROTTLE_FAILURES = LIMIT
    settings.LOGIN_THROTTLE_WINDOW = 900


def admin_login(username, password, ip="10.0.0.1"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(ADMIN_LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return response, client


def token(username, password, ip="10.0.0.1", format="json"):
    return APIClient(REMOTE_ADDR=ip).post(TOKEN, {"username": username, "password": password}, format=format)


def test_admin_login_locks_after_failures(editor):
    """After 3 wrong passwords the admin login answers 429, even to the right password, and signs nobody in."""
    assert [admin_login("editor", "guess")[0].status_code for _ in range(LIMIT)] == [HTTPStatus.OK] * LIMIT
    response, client = admin_login("editor", PASSWORD)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 895 <= int(response["Retry-After"]) <= 900
    html = response.content.decode()
    assert "<h1>Too many failed sign-in attempts</h1>" in html
    assert "Please try again in 15 minutes." in html
    assert '<a href="/admin/login/">Back to the sign-in page</a>' in html
    assert 'href="/static/admin/css/base.css"' in html  # In the admin's own look.
    assert "_auth_user_id" not in client.session


def test_admin_login_page_still_shows_while_locked(editor):
    """Only sign-in POSTs are refused: the login page itself still loads."""
    for _ in range(LIMIT):
        admin_login("editor", "guess")
    assert Client(REMOTE_ADDR="10.0.0.1").get(ADMIN_LOGIN).status_code == HTTPStatus.OK


def test_username_is_locked_from_every_address(editor):
    """Guesses at one username from many addresses still count together."""
    for n in range(LIMIT):
        assert admin_login("Editor ", "guess", ip=f"10.0.1.{n}")[0].status_code == HTTPStatus.OK
    assert admin_login("editor", PASSWORD, ip="10.0.2.1")[0].status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_address_is_locked_for_every_username(editor, reviewer):
    """Guesses at many usernames from one address count together; other addresses and users are unaffected."""
    for n in range(LIMIT):
        admin_login(f"nobody{n}", "guess", ip="10.0.3.3")
    assert admin_login("reviewer", PASSWORD, ip="10.0.3.3")[0].status_code == HTTPStatus.TOO_MANY_REQUESTS
    response, client = admin_login("reviewer", PASSWORD, ip="10.0.3.4")
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")
    assert client.session["_auth_user_id"] == str(UserFactory(username="reviewer").pk)


def test_success_clears_the_username_count(editor):
    """A successful sign-in forgives the user's earlier mistakes (from different addresses)."""
    for round_ in range(2):
        for n in range(LIMIT - 1):
            assert admin_login("editor", "guess", ip=f"10.{round_}.4.{n}")[0].status_code == HTTPStatus.OK
        assert admin_login("editor", PASSWORD, ip=f"10.{round_}.5.1")[0].status_code == HTTPStatus.FOUND


def test_the_window_ends(editor, settings):
    """When the window has passed, the user may try again."""
    settings.LOGIN_THROTTLE_WINDOW = 1
    for _ in range(LIMIT):
        admin_login("editor", "guess")
    assert admin_login("editor", PASSWORD)[0].status_code == HTTPStatus.TOO_MANY_REQUESTS
    time.sleep(1.1)
    assert admin_login("editor", PASSWORD)[0].status_code == HTTPStatus.FOUND


@pytest.mark.parametrize("format", ["json", "multipart"])
def test_token_endpoint_locks_after_failures(editor, format):
    """After 3 wrong passwords (JSON or form body) the token endpoint answers a JSON 429 and gives no token."""
    for _ in range(LIMIT):
        response = token("editor", "guess", format=format)
        assert (response.status_code, response.json()) == (
            HTTPStatus.BAD_REQUEST, {"non_field_errors": ["Unable to log in with provided credentials."]})
    response = token("editor", PASSWORD, format=format)
    retry = int(response["Retry-After"])
    assert 895 <= retry <= 900
    assert (response.status_code, response.json()) == (
        HTTPStatus.TOO_MANY_REQUESTS, {"detail": f"Too many failed sign-in attempts. Try again in {retry} seconds."})
    assert not Token.objects.exists()


def test_token_failures_lock_the_admin_too(editor):
    """Guesses through the API and through the admin count against the same username."""
    for _ in range(LIMIT):
        token("editor", "guess", ip="10.0.6.1")
    assert admin_login("editor", PASSWORD, ip="10.0.6.2")[0].status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_good_token_requests_are_never_counted(editor):
    """Many successful token requests from one address never lock it."""
    for _ in range(LIMIT * 2):
        assert token("editor", PASSWORD).status_code == HTTPStatus.OK


def test_behind_a_proxy_the_client_address_counts(editor, settings):
    """With NUM_PROXIES set, the address comes from X-Forwarded-For, so one proxy does not lock everyone out."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for n in range(LIMIT):
        Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="192.0.2.1").post(
            ADMIN_LOGIN, {"username": f"nobody{n}", "password": "guess"})
    locked = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="192.0.2.1").post(
        ADMIN_LOGIN, {"username": "editor", "password": PASSWORD})
    other = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="192.0.2.2").post(
        ADMIN_LOGIN, {"username": "editor", "password": PASSWORD})
    assert (locked.status_code, other.status_code) == (HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.FOUND)


def test_requests_without_an_address_share_one_bucket(editor):
    """A request without REMOTE_ADDR (some WSGI set-ups and test clients) is counted, not a 500."""
    for _ in range(LIMIT):
        assert token("nobody", "guess", ip=None).status_code == HTTPStatus.BAD_REQUEST
    assert token("editor", PASSWORD, ip=None).status_code == HTTPStatus.TOO_MANY_REQUESTS
