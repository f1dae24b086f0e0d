"""API tokens are never cached and stop working after API_TOKEN_TTL_DAYS."""

import datetime
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

URL = "/api/auth/token/"
PASSWORD = "correct horse battery staple"  # tests/factories.py


def sign_in(password=PASSWORD):
    return APIClient().post(URL, {"username": "editor", "password": password})


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.parametrize("password", [PASSWORD, "guess"])
def test_token_answers_are_never_cached(editor, password):
    """The answer with a token, and the refusal, tell every cache not to keep them."""
    assert sign_in(password)["Cache-Control"] == "private, no-store"


def test_a_locked_answer_is_not_cached_either(editor, settings):
    """The 429 of a locked sign-in carries the same header."""
    cache.clear()
    settings.LOGIN_THROTTLE_FAILURES = 1
    sign_in("guess")
    response = sign_in()
    assert (response.status_code, response["Cache-Control"]) == (HTTPStatus.TOO_MANY_REQUESTS, "private, no-store")


def test_a_token_expires_after_its_days(editor, settings):
    """A token older than API_TOKEN_TTL_DAYS is refused with a 401 that says what to do."""
    settings.API_TOKEN_TTL_DAYS = 30
    key = sign_in().json()["token"]
    assert with_token(key).get("/api/claims/?status=draft").status_code == HTTPStatus.OK
    made = timezone.now() - datetime.timedelta(days=30, minutes=1)
    Token.objects.filter(key=key).update(created=made)
    response = with_token(key).get("/api/claims/?status=draft")
    expired = made + datetime.timedelta(days=30)
    assert (response.status_code, response.json()) == (
        HTTPStatus.UNAUTHORIZED,
        {"detail": f"Token expired on {expired:%Y-%m-%d %H:%M} UTC; get a new one with POST /api/auth/token/."},
    )
    assert with_token(key).post("/api/topics/", {"name": "Prisoners of war"}).status_code == HTTPStatus.UNAUTHORIZED


def test_signing_in_again_replaces_an_expired_token(editor, settings):
    """After expiry the token endpoint gives a new token, which works; the old one stays refused."""
    settings.API_TOKEN_TTL_DAYS = 30
    old = sign_in().json()["token"]
    Token.objects.filter(key=old).update(created=timezone.now() - datetime.timedelta(days=31))
    answer = sign_in().json()
    assert answer["token"] != old
    expires = datetime.datetime.fromisoformat(answer["expires"])
    assert datetime.timedelta(days=29, hours=23) < expires - timezone.now() <= datetime.timedelta(days=30)
    assert with_token(answer["token"]).get("/api/claims/?status=draft").status_code == HTTPStatus.OK
    assert with_token(old).get("/api/claims/").status_code == HTTPStatus.UNAUTHORIZED


def test_a_fresh_token_is_the_same_on_each_sign_in(editor):
    """Until it expires, signing in again gives the same token (other scripts holding it keep working)."""
    assert sign_in().json() == sign_in().json()
