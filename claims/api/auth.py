"""Signing in to the API: a username and password for a token."""

from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.generics import GenericAPIView

from claims.api.renderers import ORJSONRenderer


@extend_schema(
    summary="Get your API token",
    description="Exchange a username and password for the token to send as `Authorization: Token <key>`. "
    "The same token comes back each time; staff can also make one with `manage.py drf_create_token <user>`.",
)
class TokenView(ObtainAuthToken):
    """POST username and password, get the token (throttled like every other request)."""

    authentication_classes = ()
    throttle_classes = GenericAPIView.throttle_classes
    renderer_classes = [ORJSONRenderer]
