"""Slow down password guessing on the admin login and the API token endpoint (issue #8).

Failed attempts are counted in the default cache per client address and per username, over a fixed
window from the first failure (`LOGIN_THROTTLE_FAILURES` in `LOGIN_THROTTLE_WINDOW` seconds,
default 10 in 15 minutes). Once either count reaches the limit, further POSTs are refused with 429
(JSON under /api/, the admin's own look for /admin/) before the password is even checked, until
the window ends. A successful sign-in clears the username's count, not the address's.
"""

import hashlib
import json
import logging
import time
from http import HTTPStatus

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.urls import reverse
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

LOCKED_PAGE = """{% extends "admin/base_site.html" %}
{% block title %}Too many attempts | {{ site_title }}{% endblock %}
{% block nav-breadcrumbs %}{% endblock %}
{% block content %}
<h1>Too many failed sign-in attempts</h1>
<p class="errornote">For your account's safety, signing in is paused for this address or user name.
Please try again in {{ minutes }} minute{{ minutes|pluralize }}.</p>
<p><a href="{{ login_url }}">Back to the sign-in page</a></p>
{% endblock %}
"""


def _username(request) -> str:
    """Return the username a sign-in POST names (form or JSON body), normalised; "" when none."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return ""
        value = data.get("username") if isinstance(data, dict) else None
    else:
        value = request.POST.get("username")
    return value.strip().casefold()[:150] if isinstance(value, str) else ""


def _key(kind: str, value: str) -> str:
    # Hashed: usernames may hold characters or lengths some cache backends refuse in keys.
    return f"login-fail:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


class LoginThrottleMiddleware:
    """Refuse sign-in POSTs with 429 after too many failures from one address or for one username."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._guarded = None

    @property
    def guarded(self) -> dict[str, bool]:
        """Map each guarded path to whether it speaks JSON (the URLconf is only ready once serving)."""
        if self._guarded is None:
            self._guarded = {reverse("admin:login"): False, reverse("api:token"): True}
        return self._guarded

    def __call__(self, request):
        if request.method != "POST" or request.path_info not in self.guarded:
            return self.get_response(request)
        is_api = self.guarded[request.path_info]
        # No address at all (some test clients send none) is one shared bucket, not an error.
        keys = [_key("ip", BaseThrottle().get_ident(request) or "")]
        username = _username(request)
        if username:
            keys.append(_key("user", username))
        try:
            counts = cache.get_many(keys)
        except Exception:  # A broken cache must not lock everybody out: the password check still runs.
            logger.exception("Login throttle cache unavailable; letting the attempt through")
            return self.get_response(request)
        limit = settings.LOGIN_THROTTLE_FAILURES
        locked = [key for key in keys if counts.get(key, 0) >= limit]
        if locked:
            logger.warning("Sign-in refused after %s failures: %s %s", limit, request.path_info, username)
            return self._refuse(request, is_api, max(self._remaining(key) for key in locked))

        response = self.get_response(request)
        failed = response.status_code == (HTTPStatus.BAD_REQUEST if is_api else HTTPStatus.OK)
        succeeded = (200 <= response.status_code < 300) if is_api else (300 <= response.status_code < 400)
        try:
            if failed:
                for key in keys:
                    self._count(key)
            elif succeeded and username:
                cache.delete_many([keys[1], f"{keys[1]}:until"])
        except Exception:
            logger.exception("Login throttle cache unavailable; attempt not counted")
        return response

    @staticmethod
    def _count(key: str) -> None:
        window = settings.LOGIN_THROTTLE_WINDOW
        if cache.add(key, 1, window):
            cache.set(f"{key}:until", time.time() + window, window)
            return
        try:
            cache.incr(key)
        except ValueError:  # Expired between add() and incr().
            cache.add(key, 1, window)

    @staticmethod
    def _remaining(key: str) -> int:
        until = cache.get(f"{key}:until")
        if until is None:
            return settings.LOGIN_THROTTLE_WINDOW
        return max(1, round(until - time.time()))

    def _refuse(self, request, is_api: bool, seconds: int):
        if is_api:
            response = JsonResponse(
                {"detail": f"Too many failed sign-in attempts. Try again in {seconds} seconds."},
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
        else:
            context = {
                "site_header": admin.site.site_header,
                "site_title": admin.site.site_title,
                "minutes": max(1, -(-seconds // 60)),
                "login_url": reverse("admin:login"),
            }
            html = engines["django"].from_string(LOCKED_PAGE).render(context, request)
            response = HttpResponse(html, status=HTTPStatus.TOO_MANY_REQUESTS)
        response["Retry-After"] = str(seconds)
        return response
