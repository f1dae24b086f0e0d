"""The dispute page (issue #19): the sides at a glance, every claim of the topic on one timeline, then a
page of claims side by side, each with its flags grouped by the side they contradict.

Four queries after the topic, whatever the topic's size (DESIGN §10): the topic's overview (its sides,
their counts and latest figures, its largest gap and its timeline) in one windowed query; a page of
claims; their flags, grouped and counted in the database; their provenance chains. The API's dispute
endpoint keeps `disputes.dispute_detail`, whose flags are a flat list.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Count, F, Max, Min, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber, TruncWeek
from django.urls import reverse

from claims.figures import format_figure
from claims.models import RANKING, Claim, Contradiction, Topic
from claims.rules import Kind, gap_score, interval_for, severity
from claims.selectors.common import one_of
from claims.selectors.disputes import (
    DISPUTE_PAGE_SIZE,
    BadPosition,
    Position,
    SideColumn,
    claims_page,
    readable_flags,
)
from claims.selectors.provenance import provenances
from claims.visibility import claims_visible
from sources.models import Actor, Side

# From this many figure claims on, the timeline draws each side's band (its lowest to highest figure of
# each week) instead of every claim: 150 marks already crowd a 760-pixel plot, and the query then
# returns a row per side and week instead of a row per claim.
TIMELINE_BANDS_FROM = 150
# A card lists this many of its flags against each side, the largest first; the claim's own page has all.
FLAGS_SHOWN_PER_SIDE = 3

# What a card says of the claim at a flag's other end (FlagEnd's fields, in order), read through the flag.
_FLAG_END_FIELDS = {
    "pk": "id", "claimant_name": "claimant__name", "side_id": "side_id", "stated_on": "stated_on",
    "qualifier": "qualifier", "value": "value", "value_max": "value_max", "figure_wording": "figure_wording",
    "stance": "stance",
}
_CLAIM_FIELDS = (
    "pk", "side_id", "side__name", "side__slug", "side__colour", "claimant_id", "claimant__name", "stated_on",
    "as_of", "qualifier", "value", "value_max", "figure_wording", "stance", "accused_side_id",
    "accused_side__name", "statement", "status",
)


def _side(pk, name, slug, colour) -> Side:
    return Side(pk=pk, name=name, slug=slug, colour=colour)  # a colour given: the default would ask the database


def _claim(row: dict, topic: Topic, known: dict) -> Claim:
    """Return a claim built from a row of `_CLAIM_FIELDS` (named as there), for summaries and marks.

    `known` keeps the sides and speakers built so far, so that each is one object however many claims name it.
    """
    side = known.get(("side", row["side_id"]))
    if side is None:
        side = known["side", row["side_id"]] = _side(row["side_id"], row["side__name"], row["side__slug"],
                                                     row["side__colour"])
    claimant = known.get(("actor", row["claimant_id"]))
    if claimant is None:
        claimant = known["actor", row["claimant_id"]] = Actor(pk=row["claimant_id"], name=row["claimant__name"])
    accused = None
    if row["accused_side_id"] is not None:
        accused = Side(pk=row["accused_side_id"], name=row["accused_side__name"], colour="")
    return Claim(
        pk=row["pk"], topic=topic, side=side, claimant=claimant,
        stated_on=row["stated_on"], as_of=row["as_of"], qualifier=row["qualifier"], value=row["value"],
        value_max=row["value_max"], figure_wording=row["figure_wording"], stance=row["stance"],
        accused_side=accused, statement=row["statement"], status=row["status"],
    )


@dataclass
class SideSummary:
    """One side of the topic: how many of its claims the reader may see, and its latest (figure) claim."""

    side: Side
    claim_count: int
    latest: Claim


@dataclass
class Band:
    """One side's figures over one week: the lowest and highest number stated, and how many claims."""

    side: Side
    week: datetime.date  # its Monday
    low: int
    high: int
    claims: int

    @property
    def last_day(self) -> datetime.date:
        return self.week + datetime.timedelta(days=6)


@dataclass
class TopGap:
    """The topic's largest gap: the claims of its highest-ranked flag the reader may see (`RANKING`)."""

    claim_a: Claim
    claim_b: Claim

    @property
    def claims(self) -> tuple[Claim, Claim]:
        return self.claim_a, self.claim_b

    @property
    def claim_a_id(self) -> int:
        return self.claim_a.pk

    @property
    def claim_b_id(self) -> int:
        return self.claim_b.pk

    @property
    def is_figure(self) -> bool:
        return self.claim_a.has_figure and self.claim_b.has_figure

    def _intervals(self):
        tolerance = settings.FIGURE_TOLERANCE
        return [interval_for(c.qualifier, c.value, c.value_max, tolerance) for c in (self.claim_a, self.claim_b)]

    @property
    def severity(self) -> float | None:
        """How many times apart (the flag's severity, from the same rule); None for propositions."""
        return severity(*self._intervals()) if self.is_figure else None

    @property
    def gap_score(self) -> float | None:
        return gap_score(*self._intervals()) if self.is_figure else None


@dataclass
class Overview:
    """The whole topic as the reader may see it, whatever page they are on.

    `points` holds every figure claim when there are fewer than TIMELINE_BANDS_FROM, else it is
    empty and `bands` holds each side's weeks.
    """

    sides: list[SideSummary]
    figure_count: int
    points: list[Claim]
    bands: list[Band]
    top: TopGap | None

    @property
    def claim_count(self) -> int:
        return sum(summary.claim_count for summary in self.sides)

    @property
    def banded(self) -> bool:
        return self.figure_count >= TIMELINE_BANDS_FROM


@dataclass
class FlagEnd:
    """The other claim of a flag, as a card names it: plain values, not a model instance (a page lists hundreds)."""

    pk: int
    claimant_name: str
    side_id: int
    stated_on: datetime.date
    qualifier: str | None
    value: int | None
    value_max: int | None
    figure_wording: str
    stance: str

    @property
    def has_figure(self) -> bool:
        return self.qualifier is not None and self.value is not None

    @property
    def figure_as_worded(self) -> str:
        """The figure as printed, else its canonical wording (as `Claim.figure_as_worded`)."""
        if not self.has_figure:
            return ""
        return self.figure_wording or format_figure(self.qualifier, self.value, self.value_max)

    def get_absolute_url(self) -> str:
        return reverse("claim-detail", args=[self.pk])


@dataclass
class GroupedFlag:
    """One flag of a card's group: what kind, how far apart, and the claim on its other end."""

    pk: int
    kind: str
    severity: float | None
    gap_score: float | None
    status: str
    other: FlagEnd
    on_page: bool  # whether the other claim's card is on this page

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    def ranking(self) -> tuple:
        """Sort as `RANKING` does: the largest gap score first, then severity, propositions last, then id."""
        return (self.gap_score is None, -(self.gap_score or 0), self.severity is None, -(self.severity or 0), self.pk)


@dataclass
class FlagGroup:
    """A claim's flags against the claims of one side: how many, and the largest few."""

    side: Side
    count: int
    flags: list[GroupedFlag] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.flags)

    @property
    def largest(self) -> GroupedFlag:
        return self.flags[0]


@dataclass
class DisputePage:
    """A page of one topic: the overview of the whole topic, and a page of its claims in a column per side.

    `claims` are the page's claims (at most DISPUTE_PAGE_SIZE) in date order, each with `provenance`,
    `flag_groups` (largest first) and `flag_count`. `earlier` and `later` are the positions to pass as
    `before=` and `after=` for the neighbouring pages (None at either end).
    """

    topic: Topic
    overview: Overview
    claims: list[Claim]
    columns: list[SideColumn]
    earlier: Position | None = None
    later: Position | None = None

    @property
    def claim_count(self) -> int:
        return self.overview.claim_count

    @property
    def is_whole(self) -> bool:
        return self.earlier is None and self.later is None

    @property
    def shown_ids(self) -> set[int]:
        return {claim.pk for claim in self.claims}


def topic_overview(topic: Topic, user=None) -> Overview:
    """Return the sides, counts, latest figures, largest gap and timeline of a topic `user` may read, in one query.

    One row per claim would be 500 rows for a topic of 500 claims; window functions count and
    band the claims in the database and keep only the rows the page needs: a row per side and
    week (carrying the week's band), each side's latest claim (its latest figure on a figure
    topic), the two claims of the largest gap, and every figure claim when there are fewer than
    TIMELINE_BANDS_FROM of them.
    """
    claims = claims_visible(user).filter(topic=topic).order_by()
    top = readable_flags(Contradiction.objects.filter(topic=topic), claims.values("pk"), user).order_by(*RANKING)
    side, week = [F("side_id")], [F("side_id"), TruncWeek("as_of")]
    rows = (
        claims.annotate(
            week=TruncWeek("as_of"),
            figures=Window(Count("value")),
            band_low=Window(Min("value"), partition_by=week),
            band_high=Window(Max(Coalesce("value_max", "value")), partition_by=week),
            band_claims=Window(Count("value"), partition_by=week),
            band_rank=Window(RowNumber(), partition_by=week, order_by=F("pk").asc()),
            side_claims=Window(Count("pk"), partition_by=side),
            side_rank=Window(RowNumber(), partition_by=side, order_by=[
                Case(When(value__isnull=True, then=Value(1)), default=Value(0)).asc(),
                F("as_of").desc(nulls_last=True), F("stated_on").desc(), F("pk").desc(),
            ]),
            # Uncorrelated: PostgreSQL reads each once, the first row of index contradiction_topic_ranked.
            top_a=Subquery(top.values("claim_a_id")[:1]),
            top_b=Subquery(top.values("claim_b_id")[:1]),
        )
        .filter(
            Q(band_rank=1) | Q(side_rank=1) | Q(pk=F("top_a")) | Q(pk=F("top_b"))
            | Q(figures__lt=TIMELINE_BANDS_FROM, value__isnull=False)
        )
        .values(*_CLAIM_FIELDS, "week", "figures", "band_low", "band_high", "band_claims", "band_rank",
                "side_claims", "side_rank", "top_a", "top_b")
    )
    sides, points, bands, pair, figures, known = {}, [], [], {}, 0, {}
    for row in rows:
        claim = _claim(row, topic, known)
        figures = row["figures"]
        if row["side_rank"] == 1:
            sides[row["side_id"]] = SideSummary(claim.side, row["side_claims"], claim)
        if row["band_rank"] == 1 and row["week"] is not None:
            bands.append(Band(claim.side, row["week"], row["band_low"], row["band_high"], row["band_claims"]))
        if row["pk"] in (row["top_a"], row["top_b"]):
            pair[row["pk"] == row["top_b"]] = claim
        if figures < TIMELINE_BANDS_FROM and claim.has_figure:
            points.append(claim)
    summaries = sorted(sides.values(), key=lambda s: (s.side.name.lower(), s.side.pk))
    bands.sort(key=lambda b: (b.side.name.lower(), b.side.pk, b.week))
    points.sort(key=lambda c: (c.as_of, c.side.name.lower(), c.pk))
    top = TopGap(pair[False], pair[True]) if len(pair) == 2 else None
    banded = figures >= TIMELINE_BANDS_FROM
    return Overview(sides=summaries, figure_count=figures, points=points, bands=bands if banded else [], top=top)


def _flag_groups(topic: Topic, claim_ids: list[int], user) -> dict[int, list[FlagGroup]]:
    """Return, for each of these claims, its flags `user` may read grouped by the other claim's side, in one query.

    The database counts each group and keeps its FLAGS_SHOWN_PER_SIDE largest (window functions),
    one branch for each end of the pair a claim may be: a claim of 500 may hold hundreds of flags,
    and a card shows a line per side.
    """
    if not claim_ids:
        return {}
    visible = claims_visible(user).filter(topic=topic).values("pk")
    flags = readable_flags(Contradiction.objects.filter(topic=topic), visible, user).order_by()

    def branch(this: str, other: str):
        group = [F(f"{this}_id"), F(f"{other}__side_id")]
        return (
            flags.filter(one_of(f"{this}_id", claim_ids))
            .annotate(
                this_id=F(f"{this}_id"),
                **{f"other_{name}": F(f"{other}__{path}") for name, path in _FLAG_END_FIELDS.items()},
                side_name=F(f"{other}__side__name"), side_slug=F(f"{other}__side__slug"),
                side_colour=F(f"{other}__side__colour"),
                rank=Window(RowNumber(), partition_by=group, order_by=list(RANKING)),
                group_size=Window(Count("pk"), partition_by=group),
            )
            .filter(rank__lte=FLAGS_SHOWN_PER_SIDE)
            .values_list("pk", "kind", "severity", "gap_score", "status", "this_id", "claim_a_id",
                         *(f"other_{name}" for name in _FLAG_END_FIELDS), "side_name", "side_slug", "side_colour",
                         "rank", "group_size")
        )

    on_page = set(claim_ids)
    groups: dict[tuple[int, int], FlagGroup] = {}
    sizes: dict[tuple[int, int, bool], int] = {}  # a group's flags in each branch (the claim as claim_a, as claim_b)
    rows = branch("claim_a", "claim_b").union(branch("claim_b", "claim_a"), all=True)
    for pk, kind, sev, score, status, this_id, a_id, *end, name, slug, colour, _rank, size in rows:
        other = FlagEnd(*end)
        group = groups.get((this_id, other.side_id))
        if group is None:
            group = groups[this_id, other.side_id] = FlagGroup(_side(other.side_id, name, slug, colour), 0)
        group.flags.append(GroupedFlag(pk, kind, sev, score, status, other, on_page=other.pk in on_page))
        sizes[this_id, other.side_id, this_id == a_id] = size

    by_claim: dict[int, list[FlagGroup]] = defaultdict(list)
    for (this_id, side_id), group in groups.items():
        group.count = sizes.get((this_id, side_id, True), 0) + sizes.get((this_id, side_id, False), 0)
        # Each branch kept its largest few: the largest few of the two together are among them.
        group.flags = sorted(group.flags, key=GroupedFlag.ranking)[:FLAGS_SHOWN_PER_SIDE]
        by_claim[this_id].append(group)
    for claim_groups in by_claim.values():
        claim_groups.sort(key=lambda g: (g.largest.ranking(), g.side.name.lower()))
    return by_claim


def dispute_page(topic: Topic, user=None, *, before: Position | None = None, after: Position | None = None,
                 limit: int = DISPUTE_PAGE_SIZE) -> DisputePage:
    """Return a page of one topic: its overview, and the `limit` claims just before `before`, or just after
    `after`, or else the latest ones, in a column per side (every side of the topic, by name).

    Four queries: the overview, the claims, their flags, their provenance chains.
    """
    if before is not None and after is not None:
        raise BadPosition("before and after: give one of them, not both.")
    overview = topic_overview(topic, user)
    columns = {s.side.pk: SideColumn(s.side, [], s.claim_count) for s in overview.sides}
    claims, earlier, later = claims_page(topic, user, before, after, limit)
    groups = _flag_groups(topic, [claim.pk for claim in claims], user)
    chains = provenances(claims)
    for claim in claims:
        claim.topic = topic
        claim.provenance = chains[claim.pk]
        claim.flag_groups = groups.get(claim.pk, [])
        claim.flag_count = sum(group.count for group in claim.flag_groups)
        column = columns.get(claim.side_id)
        if column is None:  # a claim stored between the two queries
            column = columns[claim.side_id] = SideColumn(claim.side, [], 0)
        claim.side = column.side
        column.claims.append(claim)
        column.claim_count = max(column.claim_count, len(column.claims))
    ordered = sorted(columns.values(), key=lambda col: (col.side.name.lower(), col.side.pk))
    return DisputePage(topic=topic, overview=overview, claims=claims, columns=ordered, earlier=earlier, later=later)
