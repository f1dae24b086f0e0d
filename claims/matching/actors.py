"""Matching a printed name to a stored actor: exact name or alias, then acronym, then similarity (#17).

`match_actor` reads the name (`claims.matching.names`), compares it with the actors of its side
and their aliases, and says which actor it is, or which ones it might be. Only the first two
steps decide; similarity only suggests, for an editor to confirm.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from claims.extraction import default_sides
from claims.matching import names
from sources.models import Actor, ActorAlias, Side

SUGGEST_AT = 0.45  # trigram similarity from which a stored actor is offered as "did you mean"
MAX_SUGGESTIONS = 5
MAX_CANDIDATES = 2000  # actors compared in Python when the side is unknown and pg_trgm cannot narrow them
PG_PREFILTER = 0.2  # pg_trgm similarity that keeps an actor among those compared (below SUGGEST_AT on purpose)


@dataclass(frozen=True)
class Suggestion:
    """A stored actor a name may mean, with how sure the match is (1.0: same words)."""

    actor_id: int
    name: str
    side: str
    score: float


@dataclass(frozen=True)
class ActorMatch:
    """What a printed name matched: `actor_id` when one actor is certain, else suggestions or a refusal.

    `how` is "name", "alias" or "acronym" when matched, "similar" when there are only suggestions,
    "side" when the name is a side's (refused: a side is never a speaker), "" when nothing matched.
    """

    actor_id: int | None = None
    how: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)
    refusal: str = ""

    @property
    def matched(self) -> bool:
        return self.actor_id is not None


@functools.lru_cache(maxsize=1)
def _builtin_countries() -> dict[tuple[str, ...], str]:
    return names.country_table(default_sides())


@functools.lru_cache(maxsize=4)
def _countries_with(sides: tuple[tuple[int, str, str], ...]) -> dict[tuple[str, ...], str]:
    table = dict(_builtin_countries())
    for _pk, side_name, slug in sides:
        for alias in (side_name, slug.replace("-", " ")):
            words = tuple(w for w in names.plain(alias).split() if w not in names.STOP_WORDS)
            if words and not (len(words) == 1 and words[0] in names.SIDE_WORDS):  # "Side A" is not the word "side"
                table[words] = side_name
    return table


def _sides() -> tuple[tuple[int, str, str], ...]:
    """Return (id, name, slug) of every side: one small query, which also tells whether the table is current."""
    return tuple(Side.objects.order_by("pk").values_list("pk", "name", "slug"))


def country_words(sides=None) -> dict[tuple[str, ...], str]:
    """Return the words of every country and side the archive knows, to their side's name."""
    return _countries_with(_sides() if sides is None else sides)


@functools.lru_cache(maxsize=20_000)
def _stored_words(name: str, sides: tuple) -> tuple[str, ...]:
    """Return a stored name's words (cached: the same actors are compared again and again)."""
    return tuple(names.words(name, _countries_with(sides)))


def side_refusal(name: str, countries=None) -> str:
    """Return why a name cannot be a speaker (it names a side), or "" when it can."""
    tokens = names.words(name, country_words() if countries is None else countries)
    if names.only_a_side(tokens):
        return f"“{name.strip()}” names a side, not a speaker: give the person or body who spoke."
    return ""


def match_actor(name: str, *, side: str | Side | None = None) -> ActorMatch:
    """Return the stored actor `name` means, among the actors of `side` when it is given.

    In order: the same words as an actor's name or alias (case, articles, punctuation,
    possessives, word order and the side's own country word aside), an acronym of one
    ("MoD", "OSCE"), then suggestions by trigram similarity at or above `SUGGEST_AT`, which
    never decide. A name that is only a side's ("Armenia", "the Azerbaijani side") is refused.
    Without a side, the countries the name mentions choose it; with none, every actor is
    compared (pg_trgm narrows them on PostgreSQL) and a match must be unique.
    """
    sides = _sides()
    countries = country_words(sides)
    tokens = names.words(name or "", countries)
    if not tokens:
        return ActorMatch()
    if names.only_a_side(tokens):
        return ActorMatch(how="side", refusal=side_refusal(name, countries))
    side_name = side.name if isinstance(side, Side) else (side or "").strip() or None
    if side_name:
        side_ids = [pk for pk, n, _slug in sides if n.casefold() == side_name.casefold()]
    else:
        mentioned = names.countries_in(tokens)
        side_ids = [pk for pk, n, _slug in sides if names.plain(n) in mentioned]
        if len(side_ids) != 1:
            return _decide(name, tokens, _unsided_pool(name), sides)
    if not side_ids:
        return ActorMatch()  # a side the archive does not hold has no actors yet
    return _decide(name, tokens, _pool(Q(side_id=side_ids[0]), Q(actor__side_id=side_ids[0])), sides)


def _pool(actor_filter: Q, alias_filter: Q) -> list[tuple[int, str, str, str]]:
    """Return (actor id, name compared, side, "name" or "alias") for the actors chosen and their aliases."""
    actors = Actor.objects.filter(actor_filter).values_list("pk", "name", "side__name")
    rows = [(pk, n, s, "name") for pk, n, s in actors]
    rows += [(pk, n, s, "alias") for pk, n, s in
             ActorAlias.objects.filter(alias_filter).values_list("actor_id", "name", "actor__side__name")]
    return rows


def trigram_available() -> bool:
    """Whether the database can rank names by pg_trgm similarity (PostgreSQL with the extension)."""
    if connection.vendor != "postgresql":
        return False
    if not hasattr(connection, "_claims_trgm"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            connection._claims_trgm = cursor.fetchone() is not None
    return connection._claims_trgm


def _unsided_pool(name: str) -> list[tuple[int, str, str, str]]:
    if not trigram_available():
        return _pool(Q(pk__in=Actor.objects.order_by("-pk").values("pk")[:MAX_CANDIDATES]),
                     Q(actor__in=Actor.objects.order_by("-pk").values("pk")[:MAX_CANDIDATES]))
    from django.contrib.postgres.search import TrigramWordSimilarity

    close_actors = (Actor.objects.annotate(sim=TrigramWordSimilarity(name, "name")).filter(sim__gte=PG_PREFILTER)
                    .order_by("-sim").values("pk")[:MAX_CANDIDATES])
    close_aliases = (ActorAlias.objects.annotate(sim=TrigramWordSimilarity(name, "name"))
                     .filter(sim__gte=PG_PREFILTER).order_by("-sim").values("actor_id")[:MAX_CANDIDATES])
    # Exact matches in another word order may share few trigrams with the whole name: the words also pick.
    shared = Q()
    for word in {w for w in names.plain(name).split() if len(w) > 3 and w not in names.STOP_WORDS}:
        shared |= Q(name__icontains=word)
    wordy = Actor.objects.filter(shared).order_by("-pk").values("pk")[:MAX_CANDIDATES] if shared else []
    ids = {*(r["pk"] for r in close_actors), *(r["actor_id"] for r in close_aliases), *(r["pk"] for r in wordy)}
    return _pool(Q(pk__in=ids), Q(actor_id__in=ids))


def _decide(name: str, tokens: list[str], pool, sides) -> ActorMatch:
    exact: dict[int, str] = {}
    for actor_id, stored, side, how in pool:
        if names.key(tokens, side) == names.key(_stored_words(stored, sides), side):
            exact.setdefault(actor_id, how)
    if len(exact) == 1:
        actor_id, how = next(iter(exact.items()))
        return ActorMatch(actor_id=actor_id, how=how)
    by_id = {actor_id: (stored, side) for actor_id, stored, side, how in pool if how == "name"}
    if exact:  # the same words on two sides: the side must say which
        return ActorMatch(how="similar", suggestions=[Suggestion(pk, *by_id[pk], 1.0) for pk in sorted(exact)])
    acronym = _acronym(name, tokens, pool, sides)
    if len(acronym) == 1:
        return ActorMatch(actor_id=acronym.pop(), how="acronym")
    scores: dict[int, float] = {}
    for actor_id, stored, side, _how in pool:
        score = names.similarity(_spelled(tokens, side), _spelled(_stored_words(stored, sides), side))
        scores[actor_id] = max(score, scores.get(actor_id, 0.0))
    best = sorted(((s, pk) for pk, s in scores.items() if s >= SUGGEST_AT or pk in acronym), reverse=True)
    suggestions = [Suggestion(pk, *by_id[pk], round(s, 3)) for s, pk in best[:MAX_SUGGESTIONS] if pk in by_id]
    return ActorMatch(how="similar" if suggestions else "", suggestions=suggestions)


def _spelled(tokens: list[str], side: str | None) -> str:
    return " ".join(t.lstrip(names.COUNTRY_MARK) for t in names.key(tokens, side))


def _acronym(name: str, tokens: list[str], pool, sides) -> set[int]:
    """Return the actors whose name is this acronym spelled out, or whose acronym name this spells out."""
    countries = country_words(sides)
    found = set()
    for actor_id, stored, side, _how in pool:
        own = list(names.key(tokens, side))
        stored_own = list(names.key(_stored_words(stored, sides), side))
        if len(own) == 1 and names.looks_like_acronym(_printed_word(name, own[0])):
            if own[0] in names.initials(stored, side, countries):
                found.add(actor_id)
        elif (len(stored_own) == 1 and names.looks_like_acronym(_printed_word(stored, stored_own[0]))
              and stored_own[0] in names.initials(name, side, countries)):
            found.add(actor_id)
    return found


def _printed_word(name: str, word: str) -> str:
    """Return the word as printed in the name (its capitals kept), or "" when it is not there."""
    for printed in name.replace(".", "").split():
        if names.plain(printed) == word:
            return printed
    return ""
