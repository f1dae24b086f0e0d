"""A claim write's references, resolved as the import resolves them (issue #15: "the API takes what import takes").

`POST /api/claims/` and `PATCH /api/claims/<id>/` name the topic, side, claimant, accused side and
each appearance's document (and its outlet) by id or by what people call them. This module hands each
to the import's own matcher, `claims.interchange.references` (one piece of code for every door):

- an **id** is looked up among what the user may read (`claims.visibility`), so an id they may not
  read answers as one that does not exist;
- a **name** is matched as the import matches it (case-insensitively; an actor on its side by
  `claims.matching`'s rules: same words or alias, then acronym; a document by URL, else by title,
  outlet and date), a topic or side also by its slug, and created when new, as the import creates
  it: the policy is asked first, and the history names the user. A claimant that is only a side's
  name, or that several actors are equally, is a 400 on `claimant` (naming those actors).
  A new topic is a figure topic when the claim has a figure, else a proposition (the import's rule);
  naming a stored topic whose kind disagrees with the claim is an error, as a row's would be.

Every problem is reported under the field it came from, all at once; the caller's transaction takes
back whatever was created when anything fails, so nothing is half-written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as RecordRefused
from rest_framework.exceptions import ValidationError

from claims import visibility
from claims.interchange.references import (
    Unresolved,
    resolve_actor,
    resolve_document,
    resolve_outlet,
    resolve_side,
    resolve_topic,
)
from claims.models import Claim, Topic

REFERENCE_FIELDS = ("topic", "side", "claimant", "accused_side")


def _reason(error: Unresolved) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _reasons(error: Unresolved | RecordRefused) -> list[str]:
    return [_reason(error)] if isinstance(error, Unresolved) else error.messages


def has_figure(data: dict) -> bool:
    """Return whether the write gives the claim a figure (as worded, or as a value)."""
    return bool(data.get("figure")) or data.get("value") is not None


def resolve_claim_references(data: dict, user, *, claim: Claim | None = None) -> dict:
    """Return `data` (a validated claim write) with its references replaced by the records they name.

    `claim` is the claim a PATCH changes: a claimant named without a side is looked for on its side.
    Raise ValidationError naming every field whose reference names nothing the user may use.
    """
    data = dict(data)
    errors: dict[str, list | dict] = {}

    def attempt(field: str, resolve):
        try:
            return resolve()
        except Unresolved as error:
            errors[field] = [_reason(error)]
        except RecordRefused as error:  # a new record the model refuses (a name too long, a malformed URL)
            errors[field] = error.messages
        return None

    sides = visibility.sides_visible(user)
    if "side" in data:
        data["side"] = attempt("side", lambda: resolve_side(data["side"], among=sides, user=user, slugs=True))
    if data.get("accused_side") is not None:
        data["accused_side"] = attempt(
            "accused_side", lambda: resolve_side(data["accused_side"], among=sides, user=user, slugs=True))
    kind, role = data.pop("claimant_kind", None), data.pop("claimant_role", "")
    if "claimant" in data:
        side = data.get("side") or (claim.side if claim is not None and "side" not in data else None)
        if isinstance(data["claimant"], str) and side is None and "side" not in errors:
            errors["side"] = ["Give the claimant's side: a claimant named (not by id) is found or created on it."]
        elif "side" not in errors:
            data["claimant"] = attempt("claimant", lambda: resolve_actor(
                data["claimant"], side=side, kind=kind, role=role, among=visibility.actors_visible(user), user=user))
    if "topic" in data:
        ref = data["topic"]
        # A named topic is found or created as the import finds it: its kind must fit the claim's figure.
        settings = {"kind": Topic.Kind.FIGURE.value} if isinstance(ref, str) and has_figure(data) else {}
        data["topic"] = attempt("topic", lambda: resolve_topic(
            ref, among=visibility.topics_visible(user), user=user, slugs=True, **settings))
    if data.get("appearances") is not None:
        appearances, problems = _appearances(data["appearances"], user)
        data["appearances"] = appearances
        if problems:
            errors["appearances"] = problems
    if errors:
        raise ValidationError(errors)
    return data


def _appearances(items: list[dict], user) -> tuple[list[dict], dict]:
    """Resolve each appearance's document (and outlet); return them and the problems by item index."""
    documents, outlets = visibility.documents_visible(user), visibility.outlets_visible(user)
    resolved, problems, seen = [], {}, set()
    for index, item in enumerate(items):
        item = dict(item)
        outlet_ref, title, published_on = (item.pop(key, None) for key in ("outlet", "title", "published_on"))
        try:
            outlet = None if outlet_ref is None else resolve_outlet(outlet_ref, among=outlets, user=user)
        except (Unresolved, RecordRefused) as error:
            problems[str(index)] = {"outlet": _reasons(error)}
            continue
        try:
            item["document"] = resolve_document(item["document"], title=title, outlet=outlet,
                                                published_on=published_on, among=documents, user=user)
        except (Unresolved, RecordRefused) as error:
            problems[str(index)] = {"document": _reasons(error)}
            continue
        if item["document"].pk in seen:
            problems[str(index)] = {"document": ["A document may appear only once per claim."]}
            continue
        seen.add(item["document"].pk)
        resolved.append(item)
    return resolved, problems
