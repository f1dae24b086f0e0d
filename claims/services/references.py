"""Writes with rules for what claims stand on: sides, actors, outlets, documents and citations (DESIGN §11).

An editor may enter these and change those no published claim stands on; once the public sees one
(a published claim names the actor, appears in the document, ...), changing it is a reviewer's act.
The policy says so; these functions ask it before they write, and every change keeps its history.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from claims import policy
from claims.matching import side_refusal
from sources.models import Actor, Document, Outlet, Side

Cites = Document.cites.through


def _history_user(user):
    return user if user is not None and user.is_authenticated else None


def _create(model, *, user, change_reason=None, **fields):
    obj = model(**fields)
    policy.require(user, policy.Action.CREATE, obj)
    obj.full_clean()
    obj._history_user = _history_user(user)
    obj._change_reason = change_reason
    obj.save()
    return obj


def _update(model, obj, *, user, **changes):
    current = model.objects.select_for_update().get(pk=obj.pk)
    policy.require(user, policy.Action.CHANGE, current, fields=changes)
    for field, value in changes.items():
        setattr(current, field, value)
    current.full_clean()
    current._history_user = _history_user(user)
    current.save()
    return current


@transaction.atomic
def side_create(*, user, **fields) -> Side:
    """Create a side."""
    return _create(Side, user=user, **fields)


@transaction.atomic
def side_update(*, side: Side, user, **changes) -> Side:
    """Change a side; a side published claims stand on is a reviewer's to change."""
    return _update(Side, side, user=user, **changes)


def _speaker_name(name) -> None:
    """Refuse a name that only names a side ("Armenia", "the Azerbaijani side"): a side is never a speaker,
    whichever door creates or renames the actor (the matcher refuses the same names in import and the API)."""
    reason = side_refusal(name) if isinstance(name, str) and name.strip() else ""
    if reason:
        raise ValidationError({"name": reason})


@transaction.atomic
def actor_create(*, user, **fields) -> Actor:
    """Create an actor; its name is a person's or a body's, never only a side's."""
    _speaker_name(fields.get("name"))
    return _create(Actor, user=user, **fields)


@transaction.atomic
def actor_update(*, actor: Actor, user, **changes) -> Actor:
    """Change an actor; an actor with a published claim is a reviewer's to change (the public sees the name)."""
    if "name" in changes:
        _speaker_name(changes["name"])
    return _update(Actor, actor, user=user, **changes)


@transaction.atomic
def outlet_create(*, user, **fields) -> Outlet:
    """Create an outlet."""
    return _create(Outlet, user=user, **fields)


@transaction.atomic
def outlet_update(*, outlet: Outlet, user, **changes) -> Outlet:
    """Change an outlet; the publisher of a public document is a reviewer's to change."""
    return _update(Outlet, outlet, user=user, **changes)


@transaction.atomic
def document_create(*, user, cites=(), **fields) -> Document:
    """Create a document, with the documents it relays (named in its creation record's reason)."""
    cites = list(cites)
    document = _create(Document, user=user, change_reason=cites_reason(cites) if cites else None, **fields)
    if cites:
        document.cites.set(cites)
    return document


@transaction.atomic
def document_update(*, document: Document, user, cites=None, **changes) -> Document:
    """Change a document (and, given `cites`, what it relays); a public document is a reviewer's to change."""
    current = _update(Document, document, user=user, **changes) if changes else document
    if cites is not None:
        document_set_cites(document=current, user=user, cites=cites)
    return current


@transaction.atomic
def document_set_cites(*, document: Document, user, cites) -> Document:
    """Make the documents `document` relays exactly `cites`; recorded in the document's history."""
    wanted = {cited.pk for cited in cites}
    if wanted == set(document.cites.values_list("pk", flat=True)):
        return document
    policy.require(user, policy.Action.CHANGE, Cites(from_document_id=document.pk))
    document.cites.set(wanted)
    document._history_user = _history_user(user)
    document._change_reason = cites_reason(Document.objects.filter(pk__in=wanted).order_by("pk"))
    document.save()
    return document


def cites_reason(cited) -> str:
    """Say what a document cites, for its history record: "cites: #3 Interview; #9 Post" (at most 100 characters)."""
    reason = "cites: " + ("; ".join(f"#{document.pk} {document.title}" for document in cited) or "nothing")
    return reason if len(reason) <= 100 else reason[:99] + "…"  # the history column's size
