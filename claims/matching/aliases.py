"""Aliases: the other names an actor goes by, added by editors or learned from accepted candidates."""

from django.db import transaction

import claims.matching.names as names
from claims.matching.actors import country_words
from sources.models import Actor, ActorAlias


@transaction.atomic
def alias_learn(*, actor: Actor, name: str, user=None) -> ActorAlias | None:
    """Keep `name` as an alias of `actor` when an editor accepted it for the actor; return it, or None when known.

    A name already known (the actor's name or an alias, read as matching reads names) adds
    nothing, and neither does a name that is only a side's.
    """
    name = " ".join(name.split())[:200]
    countries = country_words()
    tokens = names.words(name, countries)
    if not tokens or names.only_a_side(tokens):
        return None
    side = actor.side.name
    mine = names.key(tokens, side)
    known = [actor.name, *actor.aliases.values_list("name", flat=True)]
    if any(names.key(names.words(other, countries), side) == mine for other in known):
        return None
    alias = ActorAlias(actor=actor, name=name, learned=True, created_by=user)
    alias.full_clean()
    alias.save()
    return alias
