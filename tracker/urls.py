from django.contrib import admin
from django.urls import include, path

from tracker.views import favicon, healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Browsers and crawlers ask for /favicon.ico whatever the pages link to; answer rather than log a 404.
    path("favicon.ico", favicon),
    path("api/", include("claims.api.urls")),
    path("", include("claims.urls")),
]
