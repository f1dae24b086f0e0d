"""Serve anonymous readers from a short-lived cache (issue #8: load).

Public pages and API reads are the same for every anonymous reader, and rendering the larger ones
costs tens of milliseconds; under load that, not the database, is what queues requests. This
middleware keeps each successful anonymous GET for `PUBLIC_CACHE_SECONDS` (production default 30;
0 turns it off, as in development and tests) in the default cache.

Only requests without any cookie and without an Authorization header are served from or stored in
the cache, so editors, reviewers and API token holders always see live data, drafts included, and
no one ever gets a response made for somebody else. Responses are stored only when they are a 200,
set no cookie and do not ask not to be cached (the admin's never_cache, for one). /healthz and the
admin are never cached. A published change reaches anonymous readers within the cache's lifetime.

An entry is fresh for the first 60-90% of its lifetime (spread by its key, so that entries stored
together do not all go stale together); after that the first request to come along renders it again
while the others are still served the stored copy, so a page going stale never queues its readers.
Nobody is served an entry older than the lifetime: the cache drops it then. Under load
(bench/load.py) the refreshes were the busiest work the server did: fresh for half the lifetime,
they came twice as often.

Give gunicorn's workers one shared cache (CACHE_URL, e.g. filecache:// or a memcached/redis URL),
or each worker keeps its own copy.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse

logger = logging.getLogger(__name__)

NEVER = ("/healthz", "/admin/", "/api/auth/")
REFRESH_CLAIM_SECONDS = 10  # how long one request may take to render a stale entry before another may try
UNCACHEABLE = ("private", "no-cache", "no-store")


def _key(request) -> str:
    # Scheme and host shape absolute links (the API's `next`); Accept picks the API's format.
    parts = [request.scheme, request.get_host(), request.get_full_path(), request.META.get("HTTP_ACCEPT", "")]
    # v2: entries carry the time they stay fresh until, so entries stored by an older release are not read.
    return "public-page-v2:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class PublicCacheMiddleware:
    """Answer anonymous GETs from the cache; store the successful ones for PUBLIC_CACHE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = getattr(settings, "PUBLIC_CACHE_SECONDS", 0)
        if not self.seconds:
            raise MiddlewareNotUsed

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        try:
            stored = cache.get(key)
        except Exception:  # A broken cache must not take the site down: render instead.
            logger.exception("Public cache unavailable; rendering")
            return self.get_response(request)
        if stored is not None and (time.time() < stored[0] or not self._claim_refresh(key)):
            _, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            try:
                cache.set(key, (self._fresh_until(key), response.status_code, headers, response.content), self.seconds)
                cache.delete(f"{key}:refresh")  # fresh again: the next time it goes stale, a reader may refresh it
            except Exception:
                logger.exception("Public cache unavailable; not stored")
        return response

    def _fresh_until(self, key: str) -> float:
        # Fresh for 90% of the lifetime, less up to 30% of it, spread by the key.
        spread = int(key[-4:], 16) / 0xFFFF * 0.3
        return time.time() + self.seconds * (0.9 - spread)

    @staticmethod
    def _claim_refresh(key: str) -> bool:
        """Return True for the one request that may render a stale entry again (cache.add is atomic)."""
        try:
            return cache.add(f"{key}:refresh", 1, REFRESH_CLAIM_SECONDS)
        except Exception:
            return True

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            request.method == "GET"  # Not HEAD: its empty body must never be served to a GET.
            and not request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path_info.startswith(NEVER)
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in control for word in UNCACHEABLE)
        )
