"""POST /api/auth/token/ and `manage.py drf_create_token`: how API clients get their token."""

from http import HTTPStatus
from io import StringIO

from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.api.authentication import token_expires

URL = "/api/auth/token/"
PASSWORD = "correct horse battery staple"  # tests/factories.py


def test_username_and_password_give_the_token(api, editor):
    """The same token comes back on every call, and it authorises the editor's writes."""
    first = api.post(URL, {"username": "editor", "password": PASSWORD})
    assert first.status_code == HTTPStatus.OK
    token = Token.objects.get(user=editor)
    assert first.json() == {"token": token.key, "expires": token_expires(token).isoformat()}
    assert api.post(URL, {"username": "editor", "password": PASSWORD}).json() == first.json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first.json()['token']}")
    assert client.post("/api/topics/", {"name": "Prisoners of war"}).status_code == HTTPStatus.CREATED


def test_wrong_password_is_a_400(api, editor):
    """Wrong credentials give no token and say so."""
    response = api.post(URL, {"username": "editor", "password": "guess"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not Token.objects.exists()


def test_missing_fields(api, db):
    """Both fields are required."""
    response = api.post(URL, {})
    assert response.json() == {"username": ["This field is required."], "password": ["This field is required."]}


def test_staff_can_make_a_token_from_the_command_line(editor):
    """`manage.py drf_create_token <user>` (the README's other way) makes the token the API accepts."""
    out = StringIO()
    call_command("drf_create_token", "editor", stdout=out)
    key = Token.objects.get(user=editor).key
    assert key in out.getvalue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/claims/?status=draft").status_code == HTTPStatus.OK
