"""Slow down password guessing on the admin login and the API token endpoint (issues #8, #14).

Sign-in attempts are counted in the default cache per client address and per username, over a
fixed window from the first attempt counted (`LOGIN_THROTTLE_FAILURES` in `LOGIN_THROTTLE_WINDOW`
seconds, default 10 in 15 minutes). Each attempt takes its place in the count *before* the password
is checked, with the cache's atomic `add`/`incr`: however many guesses arrive at once, no more than
the limit are ever checked. An attempt that turns out not to be a failure gives its place back (a
success also clears the username's count); past the limit, POSTs are refused with 429 (JSON under
/api/, the admin's own look for /admin/) until the window ends.

The username counted is the one the password check will look up, read from the body the way that
door reads it (the admin's form from `request.POST`, the API from DRF's parsed `request.data`,
whatever the content type), normalised as Django normalises it (NFKC, as
`AbstractBaseUser.normalize_username` and the login form do) and case-folded, so `ｖｉｃｔｉｍ３`,
`Victim3` and `victim3` share one count.

The count is atomic where the cache's `incr` is: Redis (`REDIS_URL`), memcached and the local-memory
cache. The file and database caches read and write, so give gunicorn's workers Redis in production.
"""

import contextlib
import hashlib
import logging
import time
import unicodedata
from dataclasses import dataclass
from http import HTTPStatus

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.http import HttpResponse
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
MAX_USERNAME = 150


def sign_in_name(value) -> str:
    """Return the username a sign-in names as its count's key: NFKC as Django reads it, case-folded; "" for none."""
    if not isinstance(value, str):
        return ""
    name = unicodedata.normalize("NFKC", value).strip()
    return unicodedata.normalize("NFKC", name.casefold())[:MAX_USERNAME]


def _key(kind: str, value: str) -> str:
    # Hashed: usernames may hold characters or lengths some cache backends refuse in keys.
    return f"login-fail:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


@dataclass
class SignInAttempt:
    """One sign-in, holding its place in the address's and the username's counts until it settles."""

    keys: list[str]
    user_key: str | None
    refused_for: int = 0  # seconds to wait, when the attempt was refused

    @classmethod
    def begin(cls, request, username) -> "SignInAttempt":
        """Count the attempt (atomically) before any password is checked; `refused_for` says if it is over the limit."""
        # No address at all (some test clients send none) is one shared bucket, not an error.
        keys = [_key("ip", BaseThrottle().get_ident(request) or "")]
        name = sign_in_name(username)
        user_key = _key("user", name) if name else None
        if user_key:
            keys.append(user_key)
        attempt = cls(keys, user_key)
        try:
            counts = {key: _count(key) for key in keys}
            over = [key for key, count in counts.items() if count > settings.LOGIN_THROTTLE_FAILURES]
            if over:
                attempt.refused_for = max(_remaining(key) for key in over)
        except Exception:  # A broken cache must not lock everybody out: the password check still runs.
            logger.exception("Login throttle cache unavailable; letting the attempt through")
            attempt.keys, attempt.user_key = [], None
        if attempt.refused_for:
            logger.warning("Sign-in refused after %s failures: %s %s", settings.LOGIN_THROTTLE_FAILURES,
                           request.path_info, name)
        return attempt

    def failed(self) -> None:
        """Keep the attempt in the counts."""

    def succeeded(self) -> None:
        """Forgive the username's failures; the address keeps only its failures."""
        self._release(forgive=True)

    def not_an_attempt(self) -> None:
        """Give the place back: the request never got as far as a password check (a CSRF failure, say)."""
        self._release(forgive=False)

    def _release(self, *, forgive: bool) -> None:
        try:
            for key in self.keys:
                if forgive and key == self.user_key:
                    cache.delete_many([key, f"{key}:until"])
                else:
                    with contextlib.suppress(ValueError):  # The window ended meanwhile: nothing to give back.
                        cache.decr(key)
        except Exception:
            logger.exception("Login throttle cache unavailable; attempt not released")


def _count(key: str) -> int:
    """Add one to the count at `key` and return the new count, atomically where the cache's incr is."""
    window = settings.LOGIN_THROTTLE_WINDOW
    if cache.add(key, 1, window):
        cache.set(f"{key}:until", time.time() + window, window)
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # Expired between add() and incr().
        cache.add(key, 1, window)
        return 1


def _remaining(key: str) -> int:
    until = cache.get(f"{key}:until")
    if until is None:
        return settings.LOGIN_THROTTLE_WINDOW
    return max(1, round(until - time.time()))


def refusal_detail(seconds: int) -> str:
    return f"Too many failed sign-in attempts. Try again in {seconds} seconds."


class LoginThrottleMiddleware:
    """Count the admin's sign-in POSTs; past the limit, answer 429 in the admin's look.

    The API's token endpoint counts its own attempts (`claims.api.auth.TokenView`), after DRF has
    parsed the body the way its password check will read it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._path = None

    @property
    def path(self) -> str:
        # The URLconf is only ready once serving.
        if self._path is None:
            self._path = reverse("admin:login")
        return self._path

    def __call__(self, request):
        if request.method != "POST" or request.path_info != self.path:
            return self.get_response(request)
        # The admin's login form reads request.POST, so that is where its username is: any other content
        # type leaves the form without one, and the attempt counts for the address alone.
        attempt = SignInAttempt.begin(request, request.POST.get("username"))
        if attempt.refused_for:
            return self._refuse(request, attempt.refused_for)
        response = self.get_response(request)
        if response.status_code == HTTPStatus.OK:  # The form again: the password was wrong.
            attempt.failed()
        elif 300 <= response.status_code < 400 and request.user.is_authenticated:
            attempt.succeeded()
        else:
            attempt.not_an_attempt()
        return response

    def _refuse(self, request, seconds: int):
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
