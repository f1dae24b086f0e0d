from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.http import HttpResponseRedirect, JsonResponse
from django.templatetags.static import static

from tracker.middleware import database_down_json


@transaction.non_atomic_requests  # ATOMIC_REQUESTS would meet a dead database before this view could say so.
def healthz(request):
    """Say whether the database answers (for load balancers and uptime checks)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return database_down_json(status="unavailable")
    return JsonResponse({"status": "ok", "database": "reachable"})


def favicon(request):
    """Send /favicon.ico to the icon the pages link to, so browsers and crawlers asking for it get one, not a 404.

    Temporary, not permanent: the target's name carries a hash of its content and changes with it.
    """
    return HttpResponseRedirect(static("favicon.svg"))
