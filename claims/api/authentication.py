"""API tokens that expire: `Authorization: Token <key>` is accepted for `API_TOKEN_TTL_DAYS` after it was made.

Its own module: DRF imports authentication classes while it sets up its views, so this one may not
import any view.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def token_expires(token: Token) -> datetime:
    """Return when `token` stops being accepted."""
    return token.created + timedelta(days=settings.API_TOKEN_TTL_DAYS)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than `API_TOKEN_TTL_DAYS` with a 401 that says why."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        expires = token_expires(token)
        if expires <= timezone.now():
            raise AuthenticationFailed(
                f"Token expired on {expires:%Y-%m-%d %H:%M} UTC; get a new one with POST /api/auth/token/."
            )
        return user, token
