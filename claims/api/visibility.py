"""What the reference endpoints show to whom (DESIGN §10: anonymous users see published data only).

Claims and flags follow `claims.selectors` (claims_visible, contradictions_visible). The things
claims point to follow their claims: the public sees a topic, actor, document or outlet only
once a published claim stands on it, so an editor's work in progress (a topic named for a draft,
the memo it quotes) stays private until a reviewer publishes it. Sides are the parties
themselves, configured by staff, and are public.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Appearance, Topic
from claims.selectors import claims_visible, is_public
from sources.models import Actor, Document, Outlet

Cites = Document.cites.through


def topics_visible(user=None) -> QuerySet[Topic]:
    """Return the topics `user` may read: all for staff, those with a published claim for the public."""
    if not is_public(user):
        return Topic.objects.all()
    return Topic.objects.filter(Exists(claims_visible(user).filter(topic=OuterRef("pk"))))


def actors_visible(user=None) -> QuerySet[Actor]:
    """Return the actors `user` may read: all for staff, those with a published claim for the public."""
    if not is_public(user):
        return Actor.objects.all()
    return Actor.objects.filter(Exists(claims_visible(user).filter(claimant=OuterRef("pk"))))


def documents_visible(user=None) -> QuerySet[Document]:
    """Return the documents `user` may read.

    The public sees a document where a published claim appears, and the documents those cite,
    up to two steps back (the interview a report relays, the post the interview quotes).
    """
    if not is_public(user):
        return Document.objects.all()
    shown = Appearance.objects.filter(claim__in=claims_visible(user)).values("document_id")
    cited = Cites.objects.filter(from_document_id__in=shown).values("to_document_id")
    cited_twice = Cites.objects.filter(from_document_id__in=cited).values("to_document_id")
    return Document.objects.filter(Q(pk__in=shown) | Q(pk__in=cited) | Q(pk__in=cited_twice))


def outlets_visible(user=None) -> QuerySet[Outlet]:
    """Return the outlets `user` may read: all for staff, the publishers of visible documents for the public."""
    if not is_public(user):
        return Outlet.objects.all()
    return Outlet.objects.filter(pk__in=documents_visible(user).values("outlet_id"))
