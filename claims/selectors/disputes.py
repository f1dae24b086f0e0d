"""The list of disputes and one dispute side by side (DESIGN §5, §8, §10)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from claims.models import PUBLIC_KINDS, Claim, Contradiction, Topic
from claims.selectors.common import DETAIL_FLAG_LIMIT, one_of, search_claims
from claims.selectors.provenance import provenances
from claims.visibility import claims_visible, contradictions_visible, is_public
from sources.models import Side


def dispute_list(user=None, q: str | None = None, side: str | None = None, kind: str | None = None) -> QuerySet[Topic]:
    """Return the disputes `user` may read, ranked by their largest gap score, annotated for listing.

    Each topic carries `max_gap_score` (`rules.gap_score`, the ranking figure; None for
    propositions, which rank after figure disputes), `max_severity` (the largest ratio),
    `top_flag_id`, `top_kind` and `top_explanation` (its largest flag), `claim_count` and
    `latest_claim_on` (over the claims `user` may read). Filters: `q` searches statement,
    quote, translation, claimant and topic (full-text on PostgreSQL, words on SQLite);
    `side` (a side slug) keeps disputes where that side's claim is flagged; `kind` keeps
    disputes with a flag of that kind. Call `dispute_sides` on the page you show.
    """
    claims = claims_visible(user)
    flags = contradictions_visible(user)
    if is_public(user):
        topics = Topic.objects.disputes()
    else:
        topics = Topic.objects.filter(Exists(flags.filter(topic=OuterRef("pk"))))

    if kind:
        topics = topics.filter(Exists(flags.filter(topic=OuterRef("pk"), kind=kind)))
    if side:
        topics = topics.filter(
            Exists(flags.filter(Q(claim_a__side__slug=side) | Q(claim_b__side__slug=side), topic=OuterRef("pk")))
        )
    if q and q.strip():
        topics = topics.filter(Exists(search_claims(claims.filter(topic=OuterRef("pk")), q.strip())))

    topic_flags = flags.filter(topic=OuterRef("pk"))
    top_flag = topic_flags.ranked()
    topic_claims = claims.filter(topic=OuterRef("pk")).order_by().values("topic")
    return topics.annotate(
        max_severity=Subquery(topic_flags.order_by(F("severity").desc(nulls_last=True)).values("severity")[:1]),
        max_gap_score=Subquery(top_flag.values("gap_score")[:1]),
        top_flag_id=Subquery(top_flag.values("pk")[:1]),
        top_kind=Subquery(top_flag.values("kind")[:1]),
        top_explanation=Subquery(top_flag.values("explanation")[:1]),
        claim_count=Coalesce(Subquery(topic_claims.annotate(n=Count("pk")).values("n")), 0),
        latest_claim_on=Subquery(topic_claims.annotate(latest=Max("stated_on")).values("latest")),
    ).order_by(
        F("max_gap_score").desc(nulls_last=True), F("latest_claim_on").desc(nulls_last=True), "name", "pk"
    )


def dispute_sides(topics: Iterable[Topic], user=None) -> list[Topic]:
    """Set `sides` (the sides with a claim `user` may read, by name) on each topic, in one query."""
    topics = list(topics)
    if not topics:
        return topics
    rows = (
        claims_visible(user)
        .filter(topic__in=[t.pk for t in topics])
        .order_by()
        .values_list("topic_id", "side_id", "side__name", "side__slug", "side__colour")
        .distinct()
    )
    by_topic = defaultdict(list)
    for topic_id, side_id, name, slug, colour in rows:
        by_topic[topic_id].append(Side(pk=side_id, name=name, slug=slug, colour=colour))
    for topic in topics:
        topic.sides = sorted(by_topic[topic.pk], key=lambda s: s.name.lower())
    return topics


def dispute_headlines(topics: Iterable[Topic]) -> list[Topic]:
    """Set `top_flag` (the flag named by `top_flag_id`, both claims loaded) on each topic, in one query."""
    topics = list(topics)
    ids = [t.top_flag_id for t in topics if getattr(t, "top_flag_id", None) is not None]
    flags = {}
    if ids:
        flags = Contradiction.objects.select_related(
            "claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side"
        ).in_bulk(ids)
    for topic in topics:
        topic.top_flag = flags.get(getattr(topic, "top_flag_id", None))
    return topics


def sides_in_disputes(user=None) -> QuerySet[Side]:
    """Return the sides that have a claim `user` may read in some topic (for the side filter)."""
    return Side.objects.filter(Exists(claims_visible(user).filter(side=OuterRef("pk")))).order_by("name")


# -- one dispute ------------------------------------------------------------------------------------------

# The side-by-side view shows at most this many claims at once (issue #8): a topic of hundreds of claims
# made a page of a megabyte that took a second to draw, and a reader could not find their way in it anyway.
# Fifty fill a few screens per column; a page of them costs about 75 ms to draw against 115 ms for a
# hundred, which under bench/load.py was the difference between meeting the 500 ms p99 and not.
# Earlier and later claims are a link away; the API's `/api/claims/?topic=` lists them all (CSV too).
DISPUTE_PAGE_SIZE = 50


def listed_after(stated_on, pk, *, inclusive: bool = False) -> Q:
    """Keep the claims a dispute page lists after (stated_on, pk): values, or OuterRefs to another claim's."""
    same_day = {"pk__gte" if inclusive else "pk__gt": pk}
    return Q(stated_on__gt=stated_on) | Q(stated_on=stated_on, **same_day)


class BadPosition(ValueError):
    """A page position that cannot be read; the message says what is expected."""


@dataclass(frozen=True)
class Position:
    """A place in a topic's claims in the order the page lists them: by date stated, then id.

    Written `2020-10-22.123` in page links (`?before=` and `?after=`): a date and an id both stay
    where they are when claims are added, so a page's links never skip or repeat a claim.
    """

    stated_on: datetime.date
    pk: int

    def __str__(self) -> str:
        return f"{self.stated_on.isoformat()}.{self.pk}"

    @classmethod
    def of(cls, claim: Claim) -> Position:
        return cls(claim.stated_on, claim.pk)

    @classmethod
    def just_after(cls, claim: Claim) -> Position:
        """The place between this claim and the next: the `?before=` page from it ends with the claim."""
        return cls(claim.stated_on, claim.pk + 1)

    @classmethod
    def parse(cls, text: str) -> Position:
        """Read `YYYY-MM-DD.ID`; raise BadPosition naming what is wrong."""
        day, dot, pk = text.partition(".")
        if not dot or not pk.isascii() or not pk.isdigit() or len(pk) > 18:
            raise BadPosition(f"Give a position as YYYY-MM-DD.ID, as the page's links do, not “{text[:40]}”.")
        try:
            stated_on = datetime.date.fromisoformat(day) if len(day) == 10 else None
        except ValueError:
            stated_on = None
        if stated_on is None:
            raise BadPosition(f"“{day[:20]}” is not a date written YYYY-MM-DD.")
        return cls(stated_on, int(pk))

    def later(self, *, inclusive: bool = False) -> Q:
        """Keep the claims listed after this position (and the one at it, if `inclusive`)."""
        return listed_after(self.stated_on, self.pk, inclusive=inclusive)

    def earlier(self, *, inclusive: bool = False) -> Q:
        """Keep the claims listed before this position (and the one at it, if `inclusive`)."""
        same_day = {"pk__lte" if inclusive else "pk__lt": self.pk}
        return Q(stated_on__lt=self.stated_on) | Q(stated_on=self.stated_on, **same_day)


@dataclass
class Flag:
    """A contradiction seen from one of its claims; `on_page` when the other claim is shown beside it."""

    contradiction: Contradiction
    other: Claim
    on_page: bool = False


@dataclass
class SideColumn:
    """One side's column: its claims on this page, and how many it has on the whole topic."""

    side: Side
    claims: list[Claim]
    claim_count: int


@dataclass
class DisputeDetail:
    """A page of one topic side by side: a column per side, the flags touching the claims shown, largest first.

    `claims` are the page's claims (at most the page size) in date order; `claim_count` counts
    every claim of the topic the reader may see. `earlier` and `later` are the positions to
    pass as `before=` and `after=` for the neighbouring pages (None at either end).
    """

    topic: Topic
    claims: list[Claim]
    columns: list[SideColumn]
    contradictions: list[Contradiction]
    more_contradictions: bool
    claim_count: int
    earlier: Position | None = None
    later: Position | None = None

    @property
    def max_severity(self) -> float | None:
        """The largest gap of the whole topic (annotated by `dispute_topics`), not only of this page."""
        return self.topic.max_severity

    @property
    def is_whole(self) -> bool:
        """Whether this page shows every claim of the topic."""
        return self.earlier is None and self.later is None

    @property
    def figure_claims(self) -> list[Claim]:
        return [c for c in self.claims if c.has_figure]

    @property
    def shown_ids(self) -> set[int]:
        return {claim.pk for claim in self.claims}

    @property
    def flags_among_shown(self) -> list[Contradiction]:
        """The flags both of whose claims are on this page (the chart shades the largest of them)."""
        shown = self.shown_ids
        return [f for f in self.contradictions if f.claim_a_id in shown and f.claim_b_id in shown]


def readable_flags(flags: QuerySet[Contradiction], visible: QuerySet[Claim], user=None) -> QuerySet[Contradiction]:
    """Keep the `flags` `user` may read, given the topic's claims they may read (`visible`, as ids).

    The same flags as `contradictions_visible`, but both ends are checked against the visible claims
    in subqueries rather than by conditions on the joined claims, which `_flags_touching` also loads:
    with conditions on them, PostgreSQL is apt to start from the claims and pair each with each
    (a fifth of a second for 500 claims on a table it has no statistics for yet, against a few
    milliseconds starting from the flags).
    """
    flags = flags.live().filter(claim_a__in=visible, claim_b__in=visible)
    return flags.filter(kind__in=PUBLIC_KINDS) if is_public(user) else flags


def dispute_topics(user=None) -> QuerySet[Topic]:
    """Return topics annotated with what `user` may read of their live flags: `max_severity` (the largest
    ratio), and of the largest gap (`ranked`), `max_gap_score` and its claims' ids `top_claim_a_id` and
    `top_claim_b_id` (None when there is no flag)."""
    visible = claims_visible(user).filter(topic=OuterRef(OuterRef("pk"))).values("pk")
    flags = readable_flags(Contradiction.objects.filter(topic=OuterRef("pk")), visible, user)
    top_flag = flags.ranked()
    return Topic.objects.select_related("counted_side").annotate(
        max_severity=Subquery(flags.order_by(F("severity").desc(nulls_last=True)).values("severity")[:1]),
        max_gap_score=Subquery(top_flag.values("gap_score")[:1]),
        top_claim_a_id=Subquery(top_flag.values("claim_a_id")[:1]),
        top_claim_b_id=Subquery(top_flag.values("claim_b_id")[:1]),
    )


def _side_columns(topic: Topic, user=None) -> dict[int, SideColumn]:
    """Return an empty column for every side with a claim `user` may read on the topic, with its count (one query)."""
    rows = (
        claims_visible(user)
        .filter(topic=topic)
        .order_by()
        .values_list("side_id", "side__name", "side__slug", "side__colour")
        .annotate(n=Count("pk"))
    )
    return {
        side_id: SideColumn(Side(pk=side_id, name=name, slug=slug, colour=colour), [], n)
        for side_id, name, slug, colour, n in rows
    }


def claims_page(topic: Topic, user, before: Position | None, after: Position | None, limit: int
            ) -> tuple[list[Claim], Position | None, Position | None]:
    """Return up to `limit` claims next to the position (the latest ones without one) in date order, and the
    positions for the earlier and later pages (None where nothing lies beyond), in one query.

    One row more than shown tells whether the page's own direction goes on; a constant EXISTS
    (evaluated once, not per row) tells whether anything lies on the other side of the position.
    """
    claims = claims_visible(user).filter(topic=topic).select_related("claimant", "side", "accused_side")
    if after is not None:
        window = claims.filter(after.later()).order_by("stated_on", "pk")
        window = window.annotate(beyond=Exists(claims.filter(after.earlier(inclusive=True))))
    elif before is not None:
        window = claims.filter(before.earlier()).order_by("-stated_on", "-pk")
        window = window.annotate(beyond=Exists(claims.filter(before.later(inclusive=True))))
    else:
        window = claims.order_by("-stated_on", "-pk").annotate(beyond=Value(False))
    rows = list(window[: limit + 1])
    goes_on, beyond = len(rows) > limit, bool(rows) and rows[0].beyond
    page = rows[:limit]
    if after is None:
        page.reverse()
    more_before, more_after = (beyond, goes_on) if after is not None else (goes_on, beyond)
    earlier = Position.of(page[0]) if page and more_before else None
    later = Position.of(page[-1]) if page and more_after else None
    return page, earlier, later


def _flags_touching(topic: Topic, claim_ids: list[int], user, limit: int) -> list[Contradiction]:
    """Return the `limit` + 1 largest flags `user` may read with at least one end among `claim_ids`,
    each with both claims (claimant and side) loaded: the other end may be on another page."""
    if not claim_ids:
        return []
    visible = claims_visible(user).filter(topic=topic).values("pk")
    return list(
        readable_flags(Contradiction.objects.filter(topic=topic), visible, user)
        .filter(Q(one_of("claim_a_id", claim_ids)) | Q(one_of("claim_b_id", claim_ids)))
        .select_related("claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side")
        .ranked()[: limit + 1]
    )


def dispute_detail(topic: Topic, user=None, *, before: Position | None = None, after: Position | None = None,
                   limit: int = DISPUTE_PAGE_SIZE, flag_limit: int = DETAIL_FLAG_LIMIT) -> DisputeDetail:
    """Return a page of one topic (from `dispute_topics`): its claims by side, each with `provenance` and `flags`.

    The page holds the `limit` claims just before `before`, or just after `after`, or else the
    latest ones; in date order (stated_on, then id). Columns come in side-name order, one for
    every side of the topic, so they stay put from page to page. Flags touching the claims shown
    are ranked by severity (propositions after figures) and capped at `flag_limit`. Four queries
    (the sides, the claims, their flags, their provenance chains), whatever the topic's size.
    """
    if before is not None and after is not None:
        raise BadPosition("before and after: give one of them, not both.")
    columns = _side_columns(topic, user)
    claims, earlier, later = claims_page(topic, user, before, after, limit)
    by_id = {claim.pk: claim for claim in claims}
    flags = _flags_touching(topic, list(by_id), user, flag_limit)
    more = len(flags) > flag_limit
    flags = flags[:flag_limit]

    chains = provenances(claims)
    for claim in claims:
        claim.topic = topic
        claim.provenance = chains[claim.pk]
        claim.flags = []
    for flag in flags:
        flag.topic = topic
        # The page's own objects, so that the flag and the card show one and the same claim.
        flag.claim_a = by_id.get(flag.claim_a_id, flag.claim_a)
        flag.claim_b = by_id.get(flag.claim_b_id, flag.claim_b)
        for this, other in ((flag.claim_a, flag.claim_b), (flag.claim_b, flag.claim_a)):
            if this.pk in by_id:
                this.flags.append(Flag(flag, other, on_page=other.pk in by_id))

    for claim in claims:
        column = columns.get(claim.side_id)
        if column is None:  # a claim stored between the two queries
            column = columns[claim.side_id] = SideColumn(claim.side, [], 0)
        column.claims.append(claim)
        column.claim_count = max(column.claim_count, len(column.claims))
    ordered = sorted(columns.values(), key=lambda col: col.side.name.lower())
    return DisputeDetail(
        topic=topic, claims=claims, columns=ordered, contradictions=flags, more_contradictions=more,
        claim_count=sum(col.claim_count for col in ordered), earlier=earlier, later=later,
    )
