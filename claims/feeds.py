"""Atom feeds (issue #18): new contested claims, and the claims of a dispute, a speaker or a side.

Feeds are public whoever asks: they read through the public view only (no preview), so a
draft, a claim in review or a retracted claim never appears in one. Each lists the latest
FEED_SIZE claims, newest publication first.
"""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims.models import Claim
from claims.views import claim_headline
from claims.visibility import actors_visible, claims_visible, not_found, topics_visible
from sources.models import Side

FEED_SIZE = 50


def _latest(claims: QuerySet[Claim]) -> list[Claim]:
    return list(
        claims.select_related("topic", "claimant", "side")
        .annotate(public_since=Coalesce("reviewed_at", "created_at"))
        .order_by("-public_since", "-pk")[:FEED_SIZE]
    )


class ClaimFeed(Feed):
    """What every claim feed shares: Atom, one entry per claim, linked to the claim's page."""

    feed_type = Atom1Feed

    def item_title(self, claim):
        return f"{claim.claimant.name} ({claim.side.name}): {claim_headline(claim)}"

    def item_description(self, claim):
        parts = [claim.statement, claim.quote, claim.translation and f"Translation: {claim.translation}",
                 f"Topic: {claim.topic.name}. Stated on {claim.stated_on.isoformat()}."]
        if claim.verdict != Claim.Verdict.UNRATED:
            parts.append(f"Rated {claim.get_verdict_display()}.")
        return "\n\n".join(p for p in parts if p)

    def item_link(self, claim):
        return claim.get_absolute_url()

    def item_pubdate(self, claim):
        return claim.public_since

    def item_updateddate(self, claim):
        return claim.updated_at

    def item_author_name(self, claim):
        return claim.claimant.name

    def item_categories(self, claim):
        return [claim.topic.name, claim.side.name]


class ContestedFeed(ClaimFeed):
    title = "Claim Tracker: new contested claims"
    description = "Published claims that another side's published claim contradicts, newest first."

    def link(self):
        return reverse("dispute-list")

    def items(self):
        return _latest(claims_visible(None).contested())


class DisputeFeed(ClaimFeed):
    def get_object(self, request, slug):
        topic = topics_visible(None).filter(slug=slug).first()
        if topic is None:
            raise not_found()
        return topic

    def title(self, topic):
        return f"Claim Tracker: {topic.name}"

    def description(self, topic):
        return f"New published claims on “{topic.name}”."

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        return _latest(claims_visible(None).filter(topic=topic))


class SpeakerFeed(ClaimFeed):
    def get_object(self, request, pk):
        actor = actors_visible(None).filter(pk=pk).first()
        if actor is None:
            raise not_found()
        return actor

    def title(self, actor):
        return f"Claim Tracker: {actor.name}"

    def description(self, actor):
        return f"New published claims by {actor.name}."

    def link(self, actor):
        return reverse("speaker-detail", args=[actor.pk])

    def items(self, actor):
        return _latest(claims_visible(None).filter(claimant=actor))


class SideFeed(ClaimFeed):
    def get_object(self, request, slug):
        side = Side.objects.filter(slug=slug).first()
        if side is None or not claims_visible(None).filter(side=side).exists():
            raise not_found()
        return side

    def title(self, side):
        return f"Claim Tracker: {side.name}"

    def description(self, side):
        return f"New published claims by voices of {side.name}."

    def link(self, side):
        return reverse("side-detail", args=[side.slug])

    def items(self, side):
        return _latest(claims_visible(None).filter(side=side))

