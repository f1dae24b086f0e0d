"""A test-only URLconf: views that fail the way a dead database or a bug makes them fail."""

from django.db import OperationalError
from django.urls import path
from rest_framework.views import APIView


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1, port 1 failed: Connection refused")


class DatabaseGoneAPI(APIView):
    def get(self, request):
        database_gone(request)


class BugAPI(APIView):
    def get(self, request):
        raise RuntimeError("a bug")


urlpatterns = [
    path("api/gone/", database_gone),
    path("api/drf-gone/", DatabaseGoneAPI.as_view()),
    path("api/bug/", BugAPI.as_view()),
    path("disputes/gone/", database_gone),
]
