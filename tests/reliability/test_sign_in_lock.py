"""The sign-in lock holds whatever the body's type, however the username is written, however many guesses at once."""

import threading
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
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


def admin_login(username, password, ip):
    client = Client(REMOTE_ADDR=ip)
    return client.post(ADMIN_LOGIN, {"username": username, "password": password, "next": "/admin/"}), client


def raw_token(body: bytes, content_type: str, ip: str):
    return Client(REMOTE_ADDR=ip).generic("POST", TOKEN, body, content_type=content_type)


def json_token(username, password, ip):
    return APIClient(REMOTE_ADDR=ip).post(TOKEN, {"username": username, "password": password}, format="json")


@pytest.mark.parametrize("content_type", ["*/*", "application/x-www-form-urlencoded", "application/*"])
def test_a_form_body_of_any_declared_type_counts_against_the_username(editor, content_type):
    """Guesses sent as form data under `*/*` (which DRF reads as a form) count for the username they name."""
    for n in range(LIMIT):
        response = raw_token(b"username=editor&password=guess", content_type, ip=f"10.1.0.{n}")
        assert response.status_code == HTTPStatus.BAD_REQUEST
    response = json_token("editor", PASSWORD, ip="10.1.1.1")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not Token.objects.exists()


def test_multipart_guesses_count_against_the_username(editor):
    """Multipart bodies name their username too."""
    for n in range(LIMIT):
        response = APIClient(REMOTE_ADDR=f"10.2.0.{n}").post(
            TOKEN, {"username": "editor", "password": "guess"}, format="multipart")
        assert response.status_code == HTTPStatus.BAD_REQUEST
    assert json_token("editor", PASSWORD, ip="10.2.1.1").status_code == HTTPStatus.TOO_MANY_REQUESTS


@pytest.mark.parametrize("written", ["ｅｄｉｔｏｒ", "EDITOR", "ᵉditor"])
def test_a_username_written_otherwise_shares_its_count(editor, written):
    """Fullwidth or other compatibility forms (which Django's login form reads as `editor`) share one count."""
    for n in range(LIMIT):
        assert admin_login(written, "guess", ip=f"10.3.0.{n}")[0].status_code == HTTPStatus.OK
    response, client = admin_login("editor", PASSWORD, ip="10.3.1.1")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session


def test_a_locked_username_cannot_sign_in_in_fullwidth(editor):
    """While `editor` is locked, `ｅｄｉｔｏｒ` (which the admin signs in as `editor`) is locked too."""
    for n in range(LIMIT):
        json_token("editor", "guess", ip=f"10.4.0.{n}")
    response, client = admin_login("ｅｄｉｔｏｒ", PASSWORD, ip="10.4.1.1")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session


def test_fullwidth_sign_in_works_when_not_locked(editor):
    """The lock keys on what Django reads; it does not refuse the form Django accepts."""
    response, client = admin_login("ｅｄｉｔｏｒ", PASSWORD, ip="10.5.0.1")
    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_failed_csrf_check_is_not_a_guess(editor):
    """A POST the admin refuses before any password check (no CSRF token) neither counts nor locks."""
    for _ in range(LIMIT + 2):
        client = Client(REMOTE_ADDR="10.6.0.1", enforce_csrf_checks=True)
        response = client.post(ADMIN_LOGIN, {"username": "editor", "password": "guess"})
        assert response.status_code == HTTPStatus.FORBIDDEN
    assert admin_login("editor", PASSWORD, ip="10.6.0.1")[0].status_code == HTTPStatus.FOUND


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"username": ' + b"[" * 50 + b"]" * 50 + b"}"])
def test_a_deeply_nested_body_is_a_400(db, body):
    """JSON nested beyond reason is a 400 naming the problem, not a 500."""
    response = raw_token(body, "application/json", ip="10.7.0.1")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"detail": "JSON parse error - arrays and objects nested more than 32 levels deep."}


# -- at once ---------------------------------------------------------------------------------------------------


GUESSES = 24


def _guess_together(username: str, ips: list[str]) -> list[int]:
    barrier = threading.Barrier(len(ips))
    statuses = [None] * len(ips)

    def guess(index, ip):
        try:
            barrier.wait()
            statuses[index] = json_token(username, "guess", ip=ip).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(i, ip)) for i, ip in enumerate(ips)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return statuses


@pytest.fixture
def slow_hasher(settings):
    """A real password hash (PBKDF2), so that each check takes long enough for guesses to overlap."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("spread", ["one address", "many addresses"])
def test_guesses_at_once_check_no_more_passwords_than_the_limit(slow_hasher, spread):
    """24 guesses at once (one address, or one username from 24): exactly 3 passwords are checked, 21 refused."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: threads share no in-memory SQLite database")
    user = UserFactory(username="victim")
    user.set_password(PASSWORD)
    user.save()
    ips = ["10.8.0.1"] * GUESSES if spread == "one address" else [f"10.8.1.{n}" for n in range(GUESSES)]
    statuses = _guess_together("victim", ips)
    assert sorted(statuses) == [HTTPStatus.BAD_REQUEST] * LIMIT + [HTTPStatus.TOO_MANY_REQUESTS] * (GUESSES - LIMIT)
    assert json_token("victim", PASSWORD, ip="10.8.2.1").status_code == HTTPStatus.TOO_MANY_REQUESTS
