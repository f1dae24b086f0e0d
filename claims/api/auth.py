"""Signing in to the API: a username and password for a token that expires (`API_TOKEN_TTL_DAYS`).

The token endpoint counts its attempts in `tracker.throttle` after DRF has parsed the body, so the
username counted is the one the password check reads, whatever the content type.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from claims.api.authentication import token_expires
from claims.api.parsers import FormParser, JSONParser
from claims.api.renderers import ORJSONRenderer
from tracker.throttle import SignInAttempt, refusal_detail

NO_STORE = "private, no-store"


@extend_schema(
    summary="Get your API token",
    description="Exchange a username and password for the token to send as `Authorization: Token <key>`. "
    "The same token comes back each time until it expires (`expires`; `API_TOKEN_TTL_DAYS`, default 30), then "
    "a new one. Staff can also make one with `manage.py drf_create_token <user>`. After too many failed "
    "attempts for an address or a username the answer is 429 until the window ends.",
    responses={
        200: inline_serializer("Token", {
            "token": serializers.CharField(),
            "expires": serializers.DateTimeField(help_text="After this the token is refused (401)."),
        }),
    },
)
class TokenView(ObtainAuthToken):
    """POST username and password, get the token (throttled like every other request, and per username)."""

    authentication_classes = ()
    throttle_classes = GenericAPIView.throttle_classes
    parser_classes = [FormParser, MultiPartParser, JSONParser]
    renderer_classes = [ORJSONRenderer]

    def post(self, request, *args, **kwargs):
        data = request.data
        attempt = SignInAttempt.begin(request, data.get("username") if hasattr(data, "get") else None)
        if attempt.refused_for:
            return Response({"detail": refusal_detail(attempt.refused_for)}, status=status.HTTP_429_TOO_MANY_REQUESTS,
                            headers={"Retry-After": str(attempt.refused_for)})
        serializer = self.get_serializer(data=data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            attempt.failed()
            raise
        attempt.succeeded()
        user = serializer.validated_data["user"]
        token, _ = Token.objects.get_or_create(user=user)
        if token_expires(token) <= timezone.now():
            token.delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key, "expires": token_expires(token)})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # A token is a password: no cache, shared or private, may keep it.
        response["Cache-Control"] = NO_STORE
        return response
