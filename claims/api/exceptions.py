"""Every API error as JSON with a status that says what went wrong (DESIGN §8).

DRF's own handler covers its exceptions and Django's Http404/PermissionDenied; this one adds
the domain's: a model or service ValidationError is a 400 naming the field, a stale `version`
is a 409 carrying the current one, a body over the limit is a 413, an unreachable database is a
503, and anything unforeseen is a JSON 500 (logged with its traceback) rather than Django's HTML page.
"""

import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from claims.api.parsers import too_large
from claims.services import StaleVersion
from tracker.middleware import DATABASE_DOWN_DETAIL, RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


def validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """Return a Django ValidationError as {field: [reasons]}, "__all__" named as DRF names it."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def exception_handler(exc, context):
    """Turn any exception raised in an API view into a JSON response."""
    if isinstance(exc, StaleVersion):
        set_rollback()
        return Response(
            {"detail": str(exc), "current_version": exc.current_version}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(validation_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, OperationalError | InterfaceError):
        set_rollback()
        return Response(
            {"detail": DATABASE_DOWN_DETAIL},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if isinstance(exc, RequestDataTooBig):  # Django's own limit, when its request.body read the JSON first.
        exc = too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, SuspiciousOperation):  # A body Django refuses to read (too many fields, say): a 400.
        set_rollback()
        return Response({"detail": "The request could not be read: " + str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.error("Unhandled error in %s", type(context.get("view")).__name__, exc_info=exc)
        set_rollback()
        return Response({"detail": "Internal server error."}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    if isinstance(response.data, list):
        # ValidationError("...") without a field: still an object, so clients can always read it by key.
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    return response
