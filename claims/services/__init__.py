"""Writes with rules (the claim services live in claims.services.claims)."""

from claims.services.claims import *  # noqa: F403
