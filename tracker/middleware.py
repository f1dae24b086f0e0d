"""An unreachable database is a 503 that says so, not a 500 (DESIGN §10, "Database down")."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

DATABASE_DOWN_DETAIL = "The database cannot be reached. Please try again in a moment."
RETRY_AFTER_SECONDS = 30
JSON_PATHS = ("/api/", "/healthz")

DATABASE_DOWN_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Claim Tracker is briefly unavailable</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>Claim Tracker is briefly unavailable</h1>
<p>We cannot reach our database at the moment. Nothing you did caused this.</p>
<p>Please try again in a minute.</p>
</body>
</html>
"""


def database_down_json(**fields) -> JsonResponse:
    """The JSON 503 for an unreachable database, with Retry-After; `fields` add to its body."""
    response = JsonResponse({"detail": DATABASE_DOWN_DETAIL, "database": "unreachable", **fields}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (JSON under /api/ and /healthz, a short page elsewhere) when the database cannot be reached.

    It works through `process_exception`, which Django calls for exceptions raised by the view, by
    `ATOMIC_REQUESTS` opening the view's transaction (the usual place a dead database shows up) and
    by rendering a template response. API views handle the error in their own exception handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        if request.path_info.startswith(JSON_PATHS):
            return database_down_json()
        response = HttpResponse(DATABASE_DOWN_PAGE, status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
