"""Reads for the pages of a speaker, an outlet and a side (issue #18).

Each page is a handful of queries whatever the numbers behind it: the thing itself, a page of
its claims, and one aggregate per table. Every read starts from the visibility functions, so a
page shows what its reader may see and nothing more; a speaker, outlet or side with nothing
the reader may see is absent (404).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from claims.models import Appearance, Claim, Topic
from claims.visibility import actors_visible, claims_visible, outlets_visible
from sources.models import Actor, Outlet, Side

PAGE_SIZE = 50
VOICES_SHOWN = 40
DISPUTES_SHOWN = 40
VERDICT_ORDER = [value for value, _ in Claim.Verdict.choices if value != Claim.Verdict.UNRATED]


@dataclass
class Tally:
    """How many claims, how many contested, and the verdicts given (label → count), over what the reader sees."""

    claims: int = 0
    contested: int = 0
    verdicts: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count), given ones only
    every_verdict: list[tuple[str, str, int]] = field(default_factory=list)  # the same, zeros included

    @property
    def contested_share(self) -> float:
        return self.contested / self.claims if self.claims else 0.0

    @property
    def rated(self) -> int:
        return sum(n for _, _, n in self.verdicts)


def _tally_rows(claims: QuerySet[Claim], by: str | None = None) -> dict:
    """Count claims, contested claims and each verdict in one query; per value of `by` when given."""
    aggregates = {
        "n": Count("pk"),
        "contested_n": Count("pk", filter=Q(contested=True, status=Claim.Status.PUBLISHED)),
        **{f"v_{value}": Count("pk", filter=Q(verdict=value)) for value in VERDICT_ORDER},
    }
    if by is None:
        return {None: claims.order_by().aggregate(**aggregates)}
    return {row[by]: row for row in claims.order_by().values(by).annotate(**aggregates)}


def _tally(row: dict | None) -> Tally:
    if not row:
        return Tally()
    labels = dict(Claim.Verdict.choices)
    return Tally(
        claims=row["n"] or 0,
        contested=row["contested_n"] or 0,
        verdicts=[(value, labels[value], row[f"v_{value}"]) for value in VERDICT_ORDER if row[f"v_{value}"]],
        every_verdict=[(value, labels[value], row[f"v_{value}"] or 0) for value in VERDICT_ORDER],
    )


@dataclass
class ClaimPage:
    """A page of claims in date order, latest first, and whether more follow."""

    claims: list[Claim]
    page: int
    has_next: bool


def _claim_page(claims: QuerySet[Claim], page: int, page_size: int = PAGE_SIZE) -> ClaimPage:
    start = (page - 1) * page_size
    rows = list(
        claims.select_related("topic", "claimant", "side").order_by("-stated_on", "-pk")[start : start + page_size + 1]
    )
    return ClaimPage(rows[:page_size], page, len(rows) > page_size)


# -- a speaker -----------------------------------------------------------------------------------------------


@dataclass
class WhereSaid:
    outlet: Outlet | None
    primary: int
    relayed: int


@dataclass
class SpeakerProfile:
    actor: Actor
    tally: Tally
    page: ClaimPage
    where: list[WhereSaid]


def speaker_claims(actor: Actor, user=None) -> QuerySet[Claim]:
    return claims_visible(user).filter(claimant=actor)


def speaker_profile(pk: int, user=None, *, page: int = 1) -> SpeakerProfile:
    """Return a speaker `user` may see with a page of their claims; raise Actor.DoesNotExist. Four queries."""
    actor = actors_visible(user).select_related("side").get(pk=pk)
    claims = speaker_claims(actor, user)
    where_rows = (
        Appearance.objects.filter(claim__in=claims)
        .order_by()
        .values("document__outlet_id", "document__outlet__name")
        .annotate(
            primary=Count("claim", distinct=True, filter=Q(role=Appearance.Role.PRIMARY)),
            relayed=Count("claim", distinct=True, filter=Q(role=Appearance.Role.REPORT)),
        )
        .order_by("-primary", "-relayed", "document__outlet__name")
    )
    where = [
        WhereSaid(
            Outlet(pk=row["document__outlet_id"], name=row["document__outlet__name"])
            if row["document__outlet_id"] else None,
            row["primary"], row["relayed"],
        )
        for row in where_rows[:30]
    ]
    return SpeakerProfile(actor, _tally(_tally_rows(claims)[None]), _claim_page(claims, page), where)


# -- an outlet ---------------------------------------------------------------------------------------------


@dataclass
class OutletProfile:
    outlet: Outlet
    published: ClaimPage
    relayed: ClaimPage
    published_count: int
    relayed_count: int
    document_count: int


def outlet_claims(outlet: Outlet, user=None, role: str | None = None) -> QuerySet[Claim]:
    """Return the claims `user` may read that appear in this outlet's documents (as `role`, when given)."""
    appearances = Appearance.objects.filter(claim=OuterRef("pk"), document__outlet=outlet)
    if role:
        appearances = appearances.filter(role=role)
    return claims_visible(user).filter(Exists(appearances))


def outlet_profile(pk: int, user=None, *, page: int = 1) -> OutletProfile:
    """Return an outlet `user` may see with what it published first and what it relayed; five queries."""
    outlet = outlets_visible(user).get(pk=pk)
    published = outlet_claims(outlet, user, Appearance.Role.PRIMARY)
    relayed = outlet_claims(outlet, user, Appearance.Role.REPORT)
    visible = claims_visible(user)
    counts = (
        Appearance.objects.filter(document__outlet=outlet, claim__in=visible)
        .order_by()
        .aggregate(
            published=Count("claim", distinct=True, filter=Q(role=Appearance.Role.PRIMARY)),
            relayed=Count("claim", distinct=True, filter=Q(role=Appearance.Role.REPORT)),
            documents=Count("document", distinct=True),
        )
    )
    return OutletProfile(
        outlet=outlet,
        published=_claim_page(published, page),
        relayed=_claim_page(relayed, page),
        published_count=counts["published"],
        relayed_count=counts["relayed"],
        document_count=counts["documents"],
    )


# -- a side ------------------------------------------------------------------------------------------------


@dataclass
class Voice:
    actor: Actor
    tally: Tally


@dataclass
class SideProfile:
    side: Side
    tally: Tally
    voices: list[Voice]
    more_voices: bool
    disputes: list[Topic]
    page: ClaimPage


def side_claims(side: Side, user=None) -> QuerySet[Claim]:
    return claims_visible(user).filter(side=side)


def side_profile(slug: str, user=None, *, page: int = 1) -> SideProfile:
    """Return a side with something `user` may read: its balance, voices, disputes and claims. Five queries."""
    side = Side.objects.filter(Exists(claims_visible(user).filter(side=OuterRef("pk")))).get(slug=slug)
    claims = side_claims(side, user)
    by_actor = _tally_rows(claims, by="claimant")
    # The side's balance is the sum of its voices' rows: no query of its own.
    keys = ("n", "contested_n", *(f"v_{value}" for value in VERDICT_ORDER))
    total = _tally({key: sum(row[key] for row in by_actor.values()) for key in keys})
    ranked = sorted(by_actor, key=lambda pk: (-by_actor[pk]["n"], pk))
    shown = ranked[:VOICES_SHOWN]
    actors = {actor.pk: actor for actor in Actor.objects.filter(pk__in=shown)}
    voices = [Voice(actors[pk], _tally(by_actor[pk])) for pk in shown if pk in actors]
    disputes = list(
        Topic.objects.filter(Exists(claims.contested().filter(topic=OuterRef("pk")))).order_by("name")[
            : DISPUTES_SHOWN
        ]
    )
    return SideProfile(side, total, voices, len(ranked) > VOICES_SHOWN, disputes, _claim_page(claims, page))
