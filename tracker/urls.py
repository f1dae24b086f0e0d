from django.contrib import admin
from django.urls import include, path

from tracker.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/", include("claims.api.urls")),
    path("", include("claims.urls")),
]
