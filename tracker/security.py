"""Content-Security-Policy on every response (issue #8).

The policy lives in `SECURE_CSP` (a dict of directive -> sources) and `SECURE_CSP_REPORT_ONLY`, the
names and shape Django 6.0 gives its own CSP support, so upgrading means swapping this middleware for
`django.middleware.csp.ContentSecurityPolicyMiddleware` and nothing else. Django 5.2 has none, and
the django-csp package would add nonces and per-view decorators this project does not need: its pages
load scripts and styles from 'self' only.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"


def build_policy(directives: dict[str, list[str] | tuple[str, ...] | bool]) -> str:
    """Serialise {directive: sources} as a header value; True stands for a directive without sources."""
    parts = []
    for directive, sources in directives.items():
        if sources is True:
            parts.append(directive)
        elif sources:
            parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Add the configured policy to every response that does not already carry one.

    A view that needs a different policy (a third-party page with inline code, say) sets the header
    itself and is left alone. Under DEBUG, Django's technical 404 and 500 pages are exempt: they are
    built with inline scripts and styles and never reach production.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.enforced = build_policy(getattr(settings, "SECURE_CSP", {}) or {})
        self.report_only = build_policy(getattr(settings, "SECURE_CSP_REPORT_ONLY", {}) or {})
        if not self.enforced and not self.report_only:
            raise MiddlewareNotUsed

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        if self.enforced and HEADER not in response:
            response[HEADER] = self.enforced
        if self.report_only and REPORT_ONLY_HEADER not in response:
            response[REPORT_ONLY_HEADER] = self.report_only
        return response
