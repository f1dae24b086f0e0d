"""Find or create what a claim names: sides, actors, outlets, documents and topics, by id or by name.

One set of rules for every door that takes names (import, and the API's claim writes), so that
"Armenia" means the same side whichever door it came through (DESIGN §6, §10 "Import matching"):

- a **side** by name, case-insensitively; created with a unique slug when new;
- an **outlet** by name, case-insensitively; created when new;
- an **actor** by name on its side, as `claims.matching` matches names at every door: the same
  words as an actor's name or alias (case, articles, punctuation, possessives, word order and the
  side's own country word aside), else an acronym of exactly one actor ("MoD"); similarity never
  decides. Created when nothing decides, with `kind` (default person) and `role` — an existing
  actor is used as it is, its kind and role untouched. A name that is only a side's ("Armenia",
  "the Azerbaijani side") is refused, and so is one whose words are several actors' equally
  (unless it is one of them as stored, case aside): the error names them;
- a **document** by URL (exactly), else by (title case-insensitively, outlet, published_on);
  created when new, its title the URL when no title is given;
- a **topic** by name, case-insensitively; created when new, with the settings given and
  `TOPIC_DEFAULTS` for the rest. An existing topic whose settings disagree with the ones given
  is an error (a row, or a request, cannot change a topic's settings by naming it).

Public API (each returns the model instance; `ref` is an int for an id, else a name — for a
document a URL when it starts with http:// or https://, else a title):

    resolve_side(ref, *, create=True, among=None, user=None, slugs=False) -> Side
    resolve_outlet(ref, *, create=True, among=None, user=None) -> Outlet
    resolve_actor(ref, *, side, kind=None, role="", create=True, among=None, user=None) -> Actor
    resolve_document(ref=None, *, url=None, title=None, outlet=None, published_on=None,
                     create=True, among=None, user=None) -> Document
    resolve_topic(ref, *, create=True, among=None, user=None, slugs=False, **settings) -> Topic
        # settings: kind, metric, counted_side (a Side, id or name), cumulative, window_days

Each raises `Unresolved` (a ValueError whose message says what was not found or what disagrees)
when nothing matches and `create` is False, for an unknown id, or for a topic's disagreeing
settings; catch it and report it under the field the value came from. What they create is created
as `user` (None: the operator at the command line): the policy is asked first (PermissionDenied
when it refuses), and the history record names the user.

`slugs=True` (sides and topics; the API passes it) also finds one by its slug when no name matches:
the API's readers know slugs from its addresses. The import matches names only.

`among=` (a queryset of the same model, every function) limits the look-up **by id**, so a door
passes `claims.visibility.<model>_visible(user)` and an id the user may not read answers the same
as an id that does not exist. Names are matched among all stored records: names are unique
(case-insensitively) in the database, so a name that a hidden record holds cannot be created
again, and using that record is what import has always done.

The import's writer (`claims.interchange.writing`) matches whole chunks of rows with a few
queries; it uses the keys and constructors here (`actor_key`, `document_key`, `new_actor`,
`new_document`, `new_side`) so the two ways cannot drift apart, and matches actors with
`claims.matching.ActorIndex`, which decides with `match_actor`'s own code.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify

from claims import policy
from claims.bulk import unsaved
from claims.matching.actors import match_actor
from claims.models import Topic
from sources.models import Actor, Document, Outlet, Side

__all__ = [
    "TOPIC_DEFAULTS",
    "Unresolved",
    "actor_key",
    "document_key",
    "new_actor",
    "new_document",
    "new_side",
    "resolve_actor",
    "resolve_document",
    "resolve_outlet",
    "resolve_side",
    "resolve_topic",
    "unique_slug",
    "unique_slugs",
]

TOPIC_DEFAULTS: dict[str, Any] = {
    "kind": Topic.Kind.PROPOSITION.value,
    "metric": "",
    "counted_side": None,
    "cumulative": True,
    "window_days": 2,
}
"""A new topic's settings where nothing gives them (import makes it a figure topic when a row has a figure)."""


class Unresolved(ValueError):
    """A reference that names nothing (and may not create it), or disagrees with what it names."""


# -- keys and constructors shared with the import's writer --------------------------------------------


def name_key(name: str) -> str:
    """Return how names compare: case-insensitively, as the database's unique constraints do (Lower)."""
    return name.lower()


def actor_key(name: str, side_id: int) -> tuple[str, int]:
    return (name_key(name), side_id)


def document_key(
    *, url: str | None, title: str | None, outlet_id: int | None, dated: bool = True, published_on=None
) -> tuple:
    """Return how a document is matched: by URL, else by (title, outlet, published_on) ignoring the title's case.

    `dated` is False for a document named without a date column (an import's via document): it
    then matches a document of that title and outlet whatever its date.
    """
    if url:
        return ("url", url)
    return ("title", name_key(title), outlet_id, dated, published_on)


def new_side(name: str) -> Side:
    return Side(name=name, slug=unique_slug(Side, name, "side"))


# Made with claims.bulk.unsaved: the importer makes one document for about every claim.


def new_actor(name: str, side_id: int, kind: str | None = None, role: str = "") -> Actor:
    return unsaved(Actor, name=name, side_id=side_id, kind=kind or Actor.Kind.PERSON.value, role=role)


def new_document(*, url: str | None, title: str | None, outlet_id: int | None, published_on=None) -> Document:
    limit = Document._meta.get_field("title").max_length
    return unsaved(Document, title=title or url[:limit], url=url, outlet_id=outlet_id, published_on=published_on)


def unique_slug(model: type[models.Model], name: str, fallback: str) -> str:
    """Return a slug for the name that no stored row has."""
    return unique_slugs(model, [name], fallback)[0]


def unique_slugs(model: type[models.Model], names: list[str], fallback: str) -> list[str]:
    """Return a slug for each name, unique among the stored ones and each other."""
    limit = model._meta.get_field("slug").max_length
    bases = [slugify(name)[:limit].strip("-") or fallback for name in names]
    taken = set(model.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug, n = base, 1
        while slug in taken or (n > 1 and model.objects.filter(slug=slug).exists()):
            n += 1
            suffix = f"-{n}"
            slug = base[: limit - len(suffix)].rstrip("-") + suffix
        taken.add(slug)
        slugs.append(slug)
    return slugs


# -- one reference at a time (the API) ----------------------------------------------------------------


def _by_id(model: type[models.Model], ref, among) -> models.Model | None:
    """Return the record an integer id names (Unresolved when there is none), or None when `ref` is a name."""
    if isinstance(ref, bool) or not isinstance(ref, int):
        if not isinstance(ref, str) or not ref.strip():
            raise Unresolved(f"expected an id or a name, got {ref!r}")
        return None
    found = (model.objects.all() if among is None else among).filter(pk=ref).first()
    if found is None:
        raise Unresolved(f"no {model._meta.verbose_name} with id {ref}")
    return found


def _save_new(made: models.Model, user) -> models.Model:
    """Save a record a reference creates: the policy asked first, the history record naming `user`.

    `user=None` is the operator at the command line (trusted, recorded as no user). The policy lets
    editors create actors, sides, outlets, documents and topics: a new one stands under no published
    claim, so the public sees it only once a reviewer publishes a claim on it.
    """
    policy.require(user, policy.Action.CREATE, made)
    made.full_clean(validate_unique=False, validate_constraints=False)
    if user is not None and getattr(user, "is_authenticated", False):
        made._history_user = user
    made.save()
    return made


def _named(model: type[models.Model], name: str, create: bool, build: Callable[[], models.Model], user,
           slugs: bool = False, **where):
    name = name.strip()
    found = model.objects.filter(name__iexact=name, **where).first()
    if found is None and slugs:
        found = model.objects.filter(slug=name, **where).first()
    if found is not None:
        return found
    if not create:
        raise Unresolved(f"no {model._meta.verbose_name} named “{name}”")
    return _save_new(build(), user)


def resolve_side(ref: int | str, *, create: bool = True, among=None, user=None, slugs: bool = False) -> Side:
    """Return the side an id or a name (with `slugs`, else a slug) names; a new name makes a side when `create`."""
    return _by_id(Side, ref, among) or _named(Side, ref, create, lambda: new_side(ref.strip()), user, slugs)


def resolve_outlet(ref: int | str, *, create: bool = True, among=None, user=None) -> Outlet:
    """Return the outlet an id or a name names; a new name makes a new outlet when `create`."""
    return _by_id(Outlet, ref, among) or _named(Outlet, ref, create, lambda: Outlet(name=ref.strip()), user)


def resolve_actor(
    ref: int | str, *, side: Side | int | None, kind: str | None = None, role: str = "", create: bool = True,
    among=None, user=None,
) -> Actor:
    """Return the actor an id names, or the one a name means on `side` (a Side or its id); new when `create`.

    The name is matched by `claims.matching.match_actor` (see the module's docstring); a side's
    name, or a name several actors share equally, is Unresolved, saying which actors it may be.
    """
    found = _by_id(Actor, ref, among)
    if found is not None:
        return found
    name = ref.strip()
    if side is None:
        raise Unresolved(f"an actor named “{name}” needs a side to be found or created")
    if not isinstance(side, Side):
        side_id, side = side, Side.objects.filter(pk=side).first()
        if side is None:
            raise Unresolved(f"no side with id {side_id}")
    match = match_actor(name, side=side, suggest=False)
    if match.problem():
        raise Unresolved(match.problem(ids=True))
    if match.matched:
        return Actor.objects.get(pk=match.actor_id)
    if not create:
        raise Unresolved(f"no actor named “{name}”")
    return _save_new(new_actor(name, side.pk, kind, role), user)


def resolve_document(
    ref: int | str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: Outlet | str | None = None,
    published_on: datetime.date | None = None,
    create: bool = True,
    among=None,
    user=None,
) -> Document:
    """Return the document an id, a URL or a title (with outlet and date) names; new when `create`.

    `ref` as a string is a URL when it starts with http:// or https://, else a title. A new
    document gets a history record naming `user`.
    """
    if ref is not None:
        found = _by_id(Document, ref, among)
        if found is not None:
            return found
        ref = ref.strip()
        if ref.lower().startswith(("http://", "https://")):
            url = url or ref
        else:
            title = title or ref
    if not url and not title:
        raise Unresolved("a document needs an id, a URL or a title")
    outlet_obj = resolve_outlet(outlet, create=create, user=user) if isinstance(outlet, str) else outlet
    outlet_id = outlet_obj.pk if outlet_obj is not None else None
    if url:
        found = Document.objects.filter(url=url).first()
    else:
        found = (
            Document.objects.annotate(title_ci=Lower("title"))
            .filter(title_ci=name_key(title), outlet_id=outlet_id, published_on=published_on)
            .order_by("pk")
            .first()
        )
    if found is not None:
        return found
    if not create:
        raise Unresolved(f"no document {'at ' + url if url else f'titled “{title}”'}")
    return _save_new(new_document(url=url, title=title, outlet_id=outlet_id, published_on=published_on), user)


def resolve_topic(ref: int | str, *, create: bool = True, among=None, user=None, slugs: bool = False,
                  **settings) -> Topic:
    """Return the topic an id or a name (with `slugs`, else a slug) names; a new name makes one with `settings`
    (else TOPIC_DEFAULTS).

    `settings` (kind, metric, counted_side as a Side, name or id, cumulative, window_days) must
    agree with an existing topic's: naming a topic never changes it (topic_update does).
    """
    unknown = settings.keys() - TOPIC_DEFAULTS.keys()
    if unknown:
        raise TypeError(f"unknown topic settings: {', '.join(sorted(unknown))}")
    if settings.get("counted_side") is not None and not isinstance(settings["counted_side"], Side):
        settings["counted_side"] = resolve_side(settings["counted_side"], create=create, user=user)
    found = _by_id(Topic, ref, among)
    if found is None:
        found = Topic.objects.filter(name__iexact=ref.strip()).first()
    if found is None and slugs:
        found = Topic.objects.filter(slug=ref.strip()).first()
    if found is not None:
        for setting, value in settings.items():
            stored = getattr(found, setting)
            same = stored == value or (
                setting == "metric" and isinstance(value, str) and name_key(stored) == name_key(value)
            )
            if not same:
                raise Unresolved(f"topic “{found.name}” has {setting} {stored!r}; this says {value!r}")
        return found
    if not create:
        raise Unresolved(f"no topic named “{ref.strip()}”")
    name = ref.strip()
    return _save_new(Topic(name=name, slug=unique_slug(Topic, name, "topic"), **{**TOPIC_DEFAULTS, **settings}), user)
