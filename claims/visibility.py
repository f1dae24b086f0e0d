"""What each reader may see: the one home of the reading rules (DESIGN §10, §11).

Anonymous readers (and signed-in users without the editor permission) see the public view:
published claims, the live flags of public kinds between two of them, and only the things those
claims stand on. Editors see their own drafts and everything in review or published; reviewers
see everything. Every read (pages, API, feeds, search, provenance, exports, history) asks here,
and the policy asks here whether a change would touch what the public sees.
"""

from __future__ import annotations

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404

from claims.models import PUBLIC_KINDS, Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side

Cites = Document.cites.through
# How far back the public may follow a relay's citations: the interview a report relays, and the
# post the interview quotes. Provenance chains and the documents list both stop here.
CITATION_STEPS = 2

# The one answer for "hidden from you" and "not there", at every door (pages, feeds, embeds, the API): a
# different word for either would let a guessed slug or id confirm that something unpublished exists.
NOT_FOUND = "Nothing here that you may read."


def not_found() -> Http404:
    """Return the 404 every door raises for a thing hidden from its reader or absent (the API turns it into JSON)."""
    return Http404(NOT_FOUND)


def get_visible(readable: QuerySet, **lookup) -> Model:
    """Return the object of `readable` (a `*_visible(user)` queryset) matching `lookup`, else raise `not_found()`."""
    try:
        return readable.get(**lookup)
    except readable.model.DoesNotExist:
        raise not_found() from None


def is_public(user) -> bool:
    """Return whether `user` reads the public view (anonymous, or without the editor permission)."""
    return user is None or not user.is_authenticated or not user.has_perm("claims.add_claim")


def is_reviewer(user) -> bool:
    """Return whether `user` holds the reviewer's permission (publish, retract, rate)."""
    return user is not None and user.is_authenticated and user.has_perm("claims.publish_claim")


def claims_visible(user=None) -> QuerySet[Claim]:
    """Return the claims `user` may read; the public view when `user` is None."""
    claims = Claim.objects.all()
    if is_public(user):
        return claims.filter(status=Claim.Status.PUBLISHED)
    if is_reviewer(user):
        return claims
    return claims.filter(~Q(status=Claim.Status.DRAFT) | Q(created_by=user))


def claim_is_visible(user, claim: Claim) -> bool:
    """Return whether `user` may read this claim, by the rule of claims_visible, without a query."""
    if is_public(user):
        return claim.status == Claim.Status.PUBLISHED
    return is_reviewer(user) or claim.status != Claim.Status.DRAFT or claim.created_by_id == user.pk


def contradictions_visible(user=None, *, dismissed: bool = False) -> QuerySet[Contradiction]:
    """Return the live flags `user` may read: public ones, or for staff every live flag between visible claims.

    `dismissed=True` adds the dismissed flags for staff (the admin lists them, to be reopened);
    the public never sees a dismissed flag.
    """
    flags = Contradiction.objects.all()
    if is_public(user) or not dismissed:
        flags = flags.exclude(status=Contradiction.Status.DISMISSED)
    if is_public(user):
        return flags.filter(
            kind__in=PUBLIC_KINDS,
            claim_a__status=Claim.Status.PUBLISHED,
            claim_b__status=Claim.Status.PUBLISHED,
        )
    if is_reviewer(user):
        return flags
    visible = claims_visible(user)
    return flags.filter(claim_a__in=visible, claim_b__in=visible)


def kinds_visible(user=None) -> list[tuple[str, str]]:
    """Return the flag kinds `user` may read, as (value, label) choices."""
    if is_public(user):
        return [(kind.value, kind.label) for kind in PUBLIC_KINDS]
    return list(Contradiction.Kind.choices)


def topics_visible(user=None) -> QuerySet[Topic]:
    """Return the topics `user` may read: all for staff, those with a published claim for the public."""
    if not is_public(user):
        return Topic.objects.all()
    return Topic.objects.filter(with_claims_visible(user))


def with_claims_visible(user=None) -> Exists:
    """Return a filter keeping the topics with a claim `user` may read (a dispute page with something to show)."""
    return Exists(claims_visible(user).filter(topic=OuterRef("pk")))


def actors_visible(user=None) -> QuerySet[Actor]:
    """Return the actors `user` may read: all for staff, those with a published claim for the public."""
    if not is_public(user):
        return Actor.objects.all()
    return Actor.objects.filter(Exists(claims_visible(user).filter(claimant=OuterRef("pk"))))


def sides_visible(user=None) -> QuerySet[Side]:
    """Return the sides `user` may read: all for staff; for the public, those a published claim stands on.

    A side stands under a published claim as its side, the side it accuses, its speaker's side, or
    the side whose losses its topic counts; a side an editor has just entered stays private until then.
    """
    if not is_public(user):
        return Side.objects.all()
    published = claims_visible(user)
    return Side.objects.filter(
        Exists(published.filter(side=OuterRef("pk")))
        | Exists(published.filter(accused_side=OuterRef("pk")))
        | Exists(published.filter(claimant__side=OuterRef("pk")))
        | Exists(published.filter(topic__counted_side=OuterRef("pk")))
    )


def documents_visible(user=None) -> QuerySet[Document]:
    """Return the documents `user` may read.

    The public sees a document where a published claim appears, and the documents those cite,
    up to CITATION_STEPS back (the interview a report relays, the post the interview quotes).
    """
    if not is_public(user):
        return Document.objects.all()
    reached = Appearance.objects.filter(claim__in=claims_visible(user)).values("document_id")
    shown = Q(pk__in=reached)
    for _ in range(CITATION_STEPS):
        reached = Cites.objects.filter(from_document_id__in=reached).values("to_document_id")
        shown |= Q(pk__in=reached)
    return Document.objects.filter(shown)


def outlets_visible(user=None) -> QuerySet[Outlet]:
    """Return the outlets `user` may read: all for staff, the publishers of visible documents for the public."""
    if not is_public(user):
        return Outlet.objects.all()
    return Outlet.objects.filter(pk__in=documents_visible(user).values("outlet_id"))


def appearances_visible(user=None) -> QuerySet[Appearance]:
    """Return the appearances `user` may read: those of visible claims in visible documents."""
    appearances = Appearance.objects.filter(claim__in=claims_visible(user))
    if is_public(user):
        appearances = appearances.filter(document__in=documents_visible(user))
    return appearances


# -- what the public sees: the policy's question "would this change show?" ----------------------------

_PUBLIC_READS = {
    Topic: topics_visible,
    Actor: actors_visible,
    Document: documents_visible,
    Outlet: outlets_visible,
    Side: sides_visible,
    Claim: claims_visible,
}


def is_shown_to_public(obj) -> bool:
    """Return whether anonymous readers see this object (a published claim stands on it)."""
    if isinstance(obj, Cites):  # A citation is seen where the citing document is.
        return documents_visible(None).filter(pk=obj.from_document_id).exists()
    if obj.pk is None:
        return False
    if isinstance(obj, Appearance):
        return obj.claim.status == Claim.Status.PUBLISHED
    read = _PUBLIC_READS.get(type(obj))
    if read is None:
        raise TypeError(f"no public view is defined for {type(obj).__name__}")
    return read(None).filter(pk=obj.pk).exists()
