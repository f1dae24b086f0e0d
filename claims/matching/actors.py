"""Matching a printed name to a stored actor: exact name or alias, then acronym, then similarity (#17).

`match_actor` reads the name (`claims.matching.names`), compares it with the actors of its side
and their aliases, and says which actor it is, or which ones it might be. Only the first two
steps decide; similarity only suggests, for an editor to confirm.

`ActorIndex` is its form for many names at once (the importer's): each side's actors and aliases
are read once, and the names created meanwhile are added, so that a file of a million rows is
matched without a query per name. Both decide through `_decide`, over `_Known` (one side's names
as matching compares them), so the rules live once.

What decides, at every door (import, API, extraction):

- the same words as one actor's name or alias (case, articles, punctuation, possessives, word
  order and the side's own country word aside); when the words are those of several actors, the
  one whose stored name is the name as printed (case aside), else no one: the name is
  **ambiguous** (`ActorMatch.ambiguous`), and a door refuses it, naming the actors (a new actor
  of the same words would be one more of them);
- else an acronym of exactly one actor ("MoD"); an acronym of several decides nothing;
- a name that is only a side's ("Armenia", "the Azerbaijani side") is **refused**
  (`ActorMatch.refusal`): a side is never a speaker.

Where nothing decides, a door creates a new actor of the name as printed (similarity only suggests).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db import connection
from django.db.models import Q, Value

import claims.matching.names as names
from claims.extraction import default_sides
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

    `how` is "name", "alias" or "acronym" when matched; "ambiguous" when the name's words are
    those of several actors (`suggestions` lists them, each at 1.0); "similar" when there are only
    suggestions; "side" when the name is a side's (refused: a side is never a speaker); "" when
    nothing matched. `name` is the name as printed.
    """

    actor_id: int | None = None
    how: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)
    refusal: str = ""
    name: str = ""

    @property
    def matched(self) -> bool:
        return self.actor_id is not None

    @property
    def ambiguous(self) -> bool:
        return self.how == "ambiguous"

    def problem(self, *, ids: bool = False) -> str:
        """Return why no actor may be found or created for this name, or "" when one may.

        A side's name is refused; an ambiguous name names the actors it may be, to be given by
        exact name (or by id, `ids`, where the door takes ids).
        """
        if self.refusal or not self.ambiguous:
            return self.refusal
        listed = "; ".join(f"“{s.name}” ({s.side}, id {s.actor_id})" for s in self.suggestions)
        how = "its id or its exact name" if ids else "its exact name"
        return f"“{self.name.strip()}” may be any of these actors: {listed}. Give the one meant by {how}."


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


@functools.lru_cache(maxsize=20_000)
def _stored_initials(name: str, side: str, sides: tuple) -> frozenset[str]:
    """Return the acronyms a stored name may be printed as among its side's actors (cached, as `_stored_words`)."""
    return frozenset(names.initials(name, side, _countries_with(sides)))


def side_refusal(name: str, countries=None) -> str:
    """Return why a name cannot be a speaker (it names a side), or "" when it can."""
    tokens = names.words(name, country_words() if countries is None else countries)
    if names.only_a_side(tokens):
        return f"“{name.strip()}” names a side, not a speaker: give the person or body who spoke."
    return ""


def _literal(name: str) -> str:
    """Return a name as the database's unique constraint compares it (Lower), its spacing made single."""
    return " ".join(name.split()).lower()


# -- the steps that decide, shared by match_actor and ActorIndex -------------------------------------------


class _Known:
    """One side's actors and aliases as matching compares them: by their words, as printed, by acronym.

    `read` gives a stored name's words, `spell` the acronyms it may be printed as. The acronym
    tables are built when first needed (most names match by their words first), then kept up to
    date; the names added since an acronym was last looked up are spelled out at the next one.
    """

    def __init__(self, side: str, countries, read: Callable[[str], Iterable[str]],
                 spell: Callable[[str], Iterable[str]]):
        self.side = side
        self.countries = countries
        self.read = read
        self.spell = spell
        # (actor id, name or alias as stored, "name" or "alias", its key)
        self.entries: list[tuple[int, str, str, tuple[str, ...]]] = []
        self.names: dict[int, str] = {}  # each actor's own name
        self.keys: dict[tuple[str, ...], dict[int, str]] = {}  # words in any order → {actor id: "name"/"alias"}
        self.literal: dict[str, int] = {}  # an actor's name as the unique constraint reads it → its id
        self.spelled: dict[str, set[int]] | None = None  # the acronyms each name may be printed as → actor ids
        self.spelled_upto = 0  # the entries before this one are in `spelled` (the others wait for an acronym)
        self.acronyms: dict[str, set[int]] | None = None  # the names stored as an acronym ("OSCE") → actor ids
        self.pending: dict[int, int] = {}  # provisional ids → their place in `entries`

    def add(self, actor_id: int, stored: str, how: str, tokens: Iterable[str] | None = None) -> None:
        """Add an actor's name or alias (`tokens`: its words, when read already).

        A negative id is provisional: an actor not written yet, given its id by `replace`.
        """
        key = names.key(self.read(stored) if tokens is None else tokens, self.side)
        if actor_id < 0:
            self.pending[actor_id] = len(self.entries)
        self.entries.append((actor_id, stored, how, key))
        ids = self.keys.setdefault(key, {})
        if ids.get(actor_id) != "name":
            ids[actor_id] = how
        if how == "name":
            self.names[actor_id] = stored
            self.literal.setdefault(_literal(stored), actor_id)
        if self.acronyms is not None and _is_acronym(stored, key):
            self.acronyms.setdefault(key[0], set()).add(actor_id)

    def replace(self, old: int, new: int) -> None:
        """Give an actor added under a provisional id (`old`) its id, once written."""
        at = self.pending.pop(old)
        _old, stored, how, key = self.entries[at]
        self.entries[at] = (new, stored, how, key)
        ids = self.keys[key]
        ids[new] = ids.pop(old)
        if how == "name":
            self.names[new] = self.names.pop(old)
            if self.literal.get(_literal(stored)) == old:
                self.literal[_literal(stored)] = new
        moved = []  # the acronym tables' sets that hold it
        if self.spelled is not None and at < self.spelled_upto:
            moved += [self.spelled[letters] for letters in self.spell(stored)]
        if self.acronyms is not None and _is_acronym(stored, key):
            moved.append(self.acronyms[key[0]])
        for ids in moved:
            ids.discard(old)
            ids.add(new)

    def exact(self, tokens: list[str]) -> dict[int, str]:
        return self.keys.get(names.key(tokens, self.side), {})

    def acronym(self, name: str, tokens: list[str]) -> set[int]:
        """Return the actors whose name this acronym spells out, or whose acronym name this spells out."""
        own = names.key(tokens, self.side)
        if _is_acronym(name, own):
            if self.spelled is None:
                self.spelled = {}
            for actor_id, stored, _how, _key in self.entries[self.spelled_upto:]:
                for letters in self.spell(stored):
                    self.spelled.setdefault(letters, set()).add(actor_id)
            self.spelled_upto = len(self.entries)
            return set(self.spelled.get(own[0], ()))
        if self.acronyms is None:
            self.acronyms = {}
            for actor_id, stored, _how, key in self.entries:
                if _is_acronym(stored, key):
                    self.acronyms.setdefault(key[0], set()).add(actor_id)
        if not self.acronyms:
            return set()
        found: set[int] = set()
        for letters in names.initials(name, self.side, self.countries):
            found |= self.acronyms.get(letters, set())
        return found


def _is_acronym(name: str, key: tuple[str, ...]) -> bool:
    """Whether a name is one word, printed as an acronym ("MoD", "OSCE"), its side's country aside."""
    return len(key) == 1 and names.looks_like_acronym(_printed_word(name, key[0]))


def _decide(name: str, tokens: list[str], knowns: list[_Known], *, literal: bool) -> tuple[ActorMatch | None, set]:
    """Return what the deciding steps say of a name, and the actors an acronym of it spells when it decides nothing.

    The same words as one actor's name or alias decide; as several actors', the one whose name is
    the name as printed (`literal`: among one side's actors), else the name is ambiguous. Then an
    acronym of exactly one actor decides. Words the name lacks (only articles, say) decide only as printed.
    """
    if not tokens:
        known = knowns[0] if literal and len(knowns) == 1 else None
        pk = known.literal.get(_literal(name)) if known is not None else None
        return (ActorMatch(actor_id=pk, how="name", name=name) if pk is not None else None), set()
    exact: dict[int, str] = {}
    for known in knowns:
        for actor_id, how in known.exact(tokens).items():
            if exact.get(actor_id) != "name":
                exact[actor_id] = how
    if len(exact) == 1:
        actor_id, how = next(iter(exact.items()))
        return ActorMatch(actor_id=actor_id, how=how, name=name), set()
    if exact:
        if literal and len(knowns) == 1:
            pk = knowns[0].literal.get(_literal(name))
            if pk in exact:
                return ActorMatch(actor_id=pk, how="name", name=name), set()
        tied = [Suggestion(pk, known.names[pk], known.side, 1.0)
                for pk in sorted(exact) for known in knowns if pk in known.names]
        return ActorMatch(how="ambiguous", suggestions=tied, name=name), set()
    acronym: set[int] = set()
    for known in knowns:
        acronym |= known.acronym(name, tokens)
    if len(acronym) == 1:
        return ActorMatch(actor_id=acronym.pop(), how="acronym", name=name), set()
    return None, acronym


def _printed_word(name: str, word: str) -> str:
    """Return the word as printed in the name (its capitals kept), or "" when it is not there."""
    for printed in name.replace(".", "").split():
        if names.plain(printed) == word:
            return printed
    return ""


# -- one name: match_actor ---------------------------------------------------------------------------------


def match_actor(name: str, *, side: str | Side | None = None, suggest: bool = True) -> ActorMatch:
    """Return the stored actor `name` means, among the actors of `side` when it is given.

    In order: the same words as an actor's name or alias (case, articles, punctuation,
    possessives, word order and the side's own country word aside), an acronym of one
    ("MoD", "OSCE"), then suggestions by trigram similarity at or above `SUGGEST_AT`, which
    never decide (`suggest=False` skips them). A name that is only a side's ("Armenia", "the
    Azerbaijani side") is refused; one whose words are several actors' is ambiguous.
    Without a side, the countries the name mentions choose it; with none, every actor is
    compared (pg_trgm narrows them on PostgreSQL) and a match must be unique.
    """
    name = name or ""
    sides = _sides()
    countries = country_words(sides)
    tokens = names.words(name, countries)
    if not name.strip():
        return ActorMatch(name=name)
    if names.only_a_side(tokens):
        return ActorMatch(how="side", refusal=side_refusal(name, countries), name=name)
    side_name = side.name if isinstance(side, Side) else (side or "").strip() or None
    if side_name:
        side_ids = [pk for pk, n, _slug in sides if n.casefold() == side_name.casefold()]
    else:
        mentioned = names.countries_in(tokens)
        side_ids = [pk for pk, n, _slug in sides if names.plain(n) in mentioned]
        if len(side_ids) != 1:
            return _settle(name, tokens, _unsided_pool(name), sides, literal=False, suggest=suggest)
    if not side_ids:
        return ActorMatch(name=name)  # a side the archive does not hold has no actors yet
    pool = _pool(Q(side_id=side_ids[0]), Q(actor__side_id=side_ids[0]))
    return _settle(name, tokens, pool, sides, literal=True, suggest=suggest)


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


def _settle(name: str, tokens: list[str], pool, sides, *, literal: bool, suggest: bool) -> ActorMatch:
    """Decide among the pool's actors (by side, see `_decide`); else suggest the most similar ones."""
    countries = _countries_with(sides)
    knowns: dict[str, _Known] = {}
    for actor_id, stored, side, how in pool:
        if side not in knowns:
            knowns[side] = _Known(side, countries, functools.partial(_stored_words, sides=sides),
                                  functools.partial(_stored_initials, side=side, sides=sides))
        knowns[side].add(actor_id, stored, how)
    decided, acronym = _decide(name, tokens, list(knowns.values()), literal=literal)
    if decided is not None:
        return decided
    if not suggest:
        return ActorMatch(name=name)
    by_id = {actor_id: (stored, side) for actor_id, stored, side, how in pool if how == "name"}
    scores: dict[int, float] = {}
    for actor_id, stored, side, _how in pool:
        score = names.similarity(_spelled(tokens, side), _spelled(_stored_words(stored, sides), side))
        scores[actor_id] = max(score, scores.get(actor_id, 0.0))
    best = sorted(((s, pk) for pk, s in scores.items() if s >= SUGGEST_AT or pk in acronym), reverse=True)
    suggestions = [Suggestion(pk, *by_id[pk], round(s, 3)) for s, pk in best[:MAX_SUGGESTIONS] if pk in by_id]
    return ActorMatch(how="similar" if suggestions else "", suggestions=suggestions, name=name)


def _spelled(tokens: list[str], side: str | None) -> str:
    return " ".join(t.lstrip(names.COUNTRY_MARK) for t in names.key(tokens, side))


# -- many names: ActorIndex (the importer's) -----------------------------------------------------------------

K = TypeVar("K", bound=Hashable)


@dataclass
class Matched(Generic[K]):
    """What `ActorIndex.match_many` found for each name: an actor's id, or why no actor may be used for it.

    The names no actor has yet are in `new` (to their provisional ids, negative, also in `found`),
    in the order given: create an actor of each, then `written` gives the index their ids.
    """

    index: ActorIndex
    found: dict[K, int | str]
    new: dict[K, int]
    names: dict[int, str]  # the stored names of the actors found (not the new ones)

    def written(self, pks: list[int]) -> dict[K, int | str]:
        """Take the ids of the actors created for `new` (in its order); return `found` with them in."""
        real = dict(zip(self.new.values(), pks, strict=True))
        self.index.written(real)
        return {key: real.get(pk, pk) if isinstance(pk, int) else pk for key, pk in self.found.items()}


class ActorIndex:
    """`match_actor` for many names at once, without a query per name (the importer's form of it).

    The actors and aliases of each side are read once, when a name of that side first comes
    (`load`: one query for all the sides asked at once, and one for the sides), and the names created meanwhile are
    added, so that a later row finds the actor an earlier one created, as it would row by row.
    A name is then matched by a few dictionary look-ups, with `match_actor`'s own deciding steps
    (`_decide`); it never suggests. Memory grows with the actors of the sides named and those created.
    """

    def __init__(self):
        self.sides: tuple[tuple[int, str, str], ...] = ()  # read when the first names come
        self.countries: dict[tuple[str, ...], str] = {}
        self.known: dict[int, _Known] = {}  # by side id
        self.placed: dict[int, int] = {}  # provisional ids → their side's id, until written
        self.provisional = 0

    def _known(self, side: str) -> _Known:
        return _Known(side, self.countries, lambda stored: names.words(stored, self.countries),
                      lambda stored: names.initials(stored, side, self.countries))

    def load(self, side_ids: Iterable[int]) -> None:
        """Read the actors and aliases of the sides not read yet, with one query for them all."""
        wanted = set(side_ids) - self.known.keys()
        if not wanted:
            return
        if not wanted <= {pk for pk, _name, _slug in self.sides}:
            self._sides_added()
        side_names = {pk: name for pk, name, _slug in self.sides}
        for side_id in wanted:
            self.known[side_id] = self._known(side_names[side_id])
        actors = Actor.objects.filter(side_id__in=wanted).annotate(how=Value("name")).order_by()
        aliases = ActorAlias.objects.filter(actor__side_id__in=wanted).annotate(how=Value("alias")).order_by()
        for pk, name, side_id, how in actors.values_list("pk", "name", "side_id", "how").union(
                aliases.values_list("actor_id", "name", "actor__side_id", "how"), all=True):
            self.known[side_id].add(pk, name, how)

    def _sides_added(self) -> None:
        """Read the sides (again, when an import made some: their names are countries' words now, for every name)."""
        self.sides = _sides()
        countries = country_words(self.sides)
        if countries == self.countries:
            return
        self.countries = countries
        for side_id, known in list(self.known.items()):
            self.known[side_id] = fresh = self._known(known.side)
            for actor_id, stored, how, _key in known.entries:
                fresh.add(actor_id, stored, how)

    def match(self, name: str, side_id: int) -> ActorMatch:
        """Return what `match_actor(name, side=...)` decides for the side of this id, without suggestions."""
        self.load([side_id])  # the sides first: their names are countries' words
        return self._match(name, side_id, names.words(name, self.countries))

    def _match(self, name: str, side_id: int, tokens: list[str]) -> ActorMatch:
        """Decide for a name read into `tokens`, its side's actors loaded."""
        if not name.strip():
            return ActorMatch(name=name)
        if names.only_a_side(tokens):
            return ActorMatch(how="side", refusal=side_refusal(name, self.countries), name=name)
        decided, _acronym = _decide(name, tokens, [self.known[side_id]], literal=True)
        return decided or ActorMatch(name=name)

    def match_many(self, wanted: Mapping[K, tuple[str, int]]) -> Matched[K]:
        """Match each (name, side id) in turn; a name nothing decides is added, to be created (see `Matched`)."""
        self.load(side_id for _name, side_id in wanted.values())
        found: dict[K, int | str] = {}
        new: dict[K, int] = {}
        stored: dict[int, str] = {}
        for key, (name, side_id) in wanted.items():
            tokens = names.words(name, self.countries)
            match = self._match(name, side_id, tokens)
            if match.problem():
                found[key] = match.problem()
            elif match.matched:
                found[key] = match.actor_id
                if match.actor_id > 0:
                    stored[match.actor_id] = self.known[side_id].names[match.actor_id]
            else:
                self.provisional -= 1
                self.known[side_id].add(self.provisional, name, "name", tokens)
                self.placed[self.provisional] = side_id
                found[key] = new[key] = self.provisional
        return Matched(self, found, new, stored)

    def written(self, real: dict[int, int]) -> None:
        """Give the actors added under provisional ids their ids, once written."""
        for old, new in real.items():
            self.known[self.placed.pop(old)].replace(old, new)
