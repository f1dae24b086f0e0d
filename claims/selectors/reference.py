"""The sides and actors the database knows, by name (extraction reads them)."""

from __future__ import annotations

from django.db import DatabaseError

from sources.models import Actor, Side


def known_sides_and_actors() -> tuple[dict[str, str], dict[str, str]]:
    """Return the sides (name and slug → name) and actors (name → side name) the database knows."""
    try:
        sides = {}
        for side in Side.objects.all():
            sides[side.name.lower()] = side.name
            sides[side.slug.replace("-", " ").lower()] = side.name
        actors = {actor.name.lower(): actor.side.name for actor in Actor.objects.select_related("side")}
    except DatabaseError:
        return {}, {}  # no tables yet: the built-in table of sides is enough for a draft
    return sides, actors
