"""Where things are under /api/: the interactive docs, and a JSON 404 for every other address."""

from django.conf import settings
from django.urls import Resolver404, resolve
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from tracker.security import build_policy


class NotFoundView(APIView):
    """Every other address under /api/: a JSON 404 (a missing slash gets a pointer to the right address)."""

    permission_classes = ()
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        path = request.path_info
        if not path.endswith("/"):
            try:
                match = resolve(path + "/")
            except Resolver404:
                match = None
            if match is not None and match.func.view_class is not NotFoundView:
                raise NotFound(f"No such address; did you mean {request.path}/ (with the final slash)?")
        raise NotFound(f"No such address in the API: {request.path}. See /api/docs/.")


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), so the docs work offline.

    The split view serves its start-up script as a file of its own (`?script`), so the page runs
    no inline script under the site's Content-Security-Policy; Swagger UI does set inline styles,
    which this page alone allows.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        policy = dict(getattr(settings, "SECURE_CSP", None) or {})
        if policy:
            policy["style-src"] = [*policy.get("style-src", ["'self'"]), "'unsafe-inline'"]
            response["Content-Security-Policy"] = build_policy(policy)
        return response
