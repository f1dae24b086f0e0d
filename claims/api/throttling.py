"""Throttles whose rates are read per request, so settings (and tests overriding them) take effect."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _LiveRate:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRate, AnonRateThrottle):
    """Anonymous clients, by address: `THROTTLE_ANON` (default 120/minute)."""


class UserThrottle(_LiveRate, UserRateThrottle):
    """Signed-in clients, by user: `THROTTLE_USER` (default 1200/minute)."""
