"""Fetch a ClaimReview document named by URL: a timeout, a size cap, http(s) only, nothing else."""

import urllib.request
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 15
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "ClaimTracker-ClaimReview-import/1"


class FetchFailed(OSError):
    pass


def is_url(value: str) -> bool:
    """Return whether an argument names a document by http(s) URL rather than a file."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> bytes:
    """Return the body at an http(s) URL; raise FetchFailed past the timeout, the cap or on an error status."""
    if not is_url(url):
        raise FetchFailed(f"{url}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "application/ld+json, application/json, text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 -- scheme checked above
            if not is_url(response.geturl()):
                raise FetchFailed(f"{url}: redirected away from http(s)")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchFailed(f"{url}: {declared} bytes, more than the {max_bytes} allowed")
            body = response.read(max_bytes + 1)
    except FetchFailed:
        raise
    except (OSError, ValueError) as exc:
        raise FetchFailed(f"{url}: {getattr(exc, 'reason', None) or exc}") from None
    if len(body) > max_bytes:
        raise FetchFailed(f"{url}: more than the {max_bytes} bytes allowed")
    return body
