"""Reads shared by the public pages and the API: disputes, one dispute, one claim (DESIGN §3, §8, §10).

Every function takes the reading `user`. None (or an anonymous user) means the public view:
published claims only, and only live flags of public kinds between two published claims.
A signed-in editor or reviewer sees what `claims.visibility.claims_visible(user)` gives them, and
every live flag between two claims they may read (integrity flags included).

Query budget (DESIGN §10): `dispute_list` is one query and `dispute_sides` one more;
`dispute_detail` four after the topic (`dispute_topics`), for a page of at most DISPUTE_PAGE_SIZE
claims; `claim_detail` five; `provenances` one, for any number of claims. None grows with the data.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import DatabaseError, connection, connections
from django.db.models import Count, Exists, F, Lookup, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from claims.models import PUBLIC_KINDS, Appearance, Claim, Contradiction, Topic
from claims.visibility import claims_visible, contradictions_visible, is_public
from sources.models import Actor, Document, Outlet, Side

# The detail page lists this many flags at most, largest first: a topic of hundreds of
# claims can hold tens of thousands of flagged pairs, and nobody reads past the first few.
DETAIL_FLAG_LIMIT = 200
SEARCH_CONFIG = "english"


class _AnyOf(Lookup):
    """`column = ANY(%s)`: a list of ids as one array parameter (PostgreSQL)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, list(self.rhs))


def _one_of(field: str, ids: Sequence[int]):
    """Return a filter keeping rows whose `field` is one of `ids`.

    On PostgreSQL the ids go as one array parameter, so the statement reads the same for any number
    of ids and is prepared once; `__in` writes a placeholder per id, and psycopg parses such a statement
    afresh on every call while Django prepares every id on its own: milliseconds a page of claims.
    """
    if connection.vendor == "postgresql":
        return _AnyOf(F(field), ids)
    return Q(**{f"{field}__in": ids})


def contradiction_ids(claim_ids: Sequence[int], user=None) -> dict[int, list[int]]:
    """Return the ids of the live flags `user` may read on each of these claims, in id order, in one query."""
    flags = contradictions_visible(user).order_by()
    fields = ("pk", "claim_a_id", "claim_b_id")
    # One branch per end of the pair: with an OR across claim_a and claim_b, PostgreSQL misjudges the rows and
    # scans every flag (tens of milliseconds at 100,000 claims) where two index scans take one or two.
    rows = flags.filter(_one_of("claim_a_id", claim_ids)).values_list(*fields).union(
        flags.filter(_one_of("claim_b_id", claim_ids)).values_list(*fields)
    )
    by_claim = {pk: [] for pk in claim_ids}
    for pk, a_id, b_id in sorted(rows):
        for claim_id in (a_id, b_id):
            if claim_id in by_claim:
                by_claim[claim_id].append(pk)
    return by_claim


# -- the list of disputes -------------------------------------------------------------------------------


def search_claims(claims: QuerySet[Claim], q: str) -> QuerySet[Claim]:
    """Return the claims matching `q` in statement, quote, translation, claimant or topic."""
    if connections[claims.db].vendor == "postgresql":
        # English stemming finds "shelling" for "shelled"; the simple configuration keeps the words
        # English drops as stop words, which here are names too ("US", "IS").
        fields = ("statement", "quote", "translation", "claimant__name", "topic__name")
        return claims.annotate(
            stemmed=SearchVector(*fields, config=SEARCH_CONFIG), words=SearchVector(*fields, config="simple")
        ).filter(
            Q(stemmed=SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch"))
            | Q(words=SearchQuery(q, config="simple", search_type="websearch"))
        )
    # SQLite: every word must appear in one of the fields.
    for word in q.split():
        claims = claims.filter(
            Q(statement__icontains=word)
            | Q(quote__icontains=word)
            | Q(translation__icontains=word)
            | Q(claimant__name__icontains=word)
            | Q(topic__name__icontains=word)
        )
    return claims




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


# -- provenance ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ChainOutlet:
    """The outlet of a document in a chain, as chains show it."""

    pk: int
    name: str
    url: str


@dataclass(slots=True)
class ChainDocument:
    """A document in a chain, as chains show it: not its text, which may be a whole article."""

    pk: int
    title: str
    url: str | None
    author: str
    published_on: datetime.date | None
    language: str
    outlet: ChainOutlet | None


@dataclass
class ChainLink:
    """One document in a claim's provenance chain; `depth` 0 is an origin, deeper links relay shallower ones."""

    document: ChainDocument
    depth: int
    role: str  # "primary", "report" (both appearances of the claim) or "source" (cited on the way)
    quote: str = ""
    also_relays: list[ChainDocument] = field(default_factory=list)

    @property
    def is_origin(self) -> bool:
        return self.depth == 0

    @property
    def indent(self) -> int:
        """Return the depth as drawn: chains deeper than four steps stay at the fourth indent."""
        return min(self.depth, 4)


@dataclass
class Provenance:
    """Where a claim came from: the chain, origin first, and how many independent origins stand behind it."""

    links: list[ChainLink]
    origin_count: int


class _Seen(NamedTuple):
    """One appearance of a claim, as the chain reads it."""

    document_id: int
    role: str
    quote: str


def _chain_sql(claim_count: int) -> str:
    """Return the query for the chains of `claim_count` claims: their appearances, then every citation reached.

    Rows: claim_id, role, quote, appearance id (all null on citation rows), cited_by_id (null on appearance
    rows), then the document and its outlet. The walk fetches each citation with its cited document as it
    goes: joining the documents to the walk's result instead leaves PostgreSQL unable to guess its size (a
    recursive query's estimate is a blind multiple), so it scans every document for a few dozen rows.
    UNION (not UNION ALL) drops rows already reached, so a citation cycle ends the walk.
    """
    appearance, document, outlet = Appearance._meta.db_table, Document._meta.db_table, Outlet._meta.db_table
    through = Document.cites.through
    cites = through._meta.db_table
    citing = through._meta.get_field("from_document").column
    cited = through._meta.get_field("to_document").column
    shown = "d.id, d.title, d.url, d.author, d.published_on, d.language, o.id, o.name, o.url"
    step = f"JOIN {document} d ON d.id = c.{cited} LEFT JOIN {outlet} o ON o.id = d.outlet_id"
    # One array parameter on PostgreSQL (see _one_of); SQLite has no arrays.
    if connection.vendor == "postgresql":
        of_claims = "claim_id = ANY(%s)"
    else:
        of_claims = f"claim_id IN ({', '.join(['%s'] * claim_count)})"
    return f"""
        WITH RECURSIVE seen AS (
            SELECT claim_id, role, quote, id, document_id FROM {appearance} WHERE {of_claims}
        ), walk(cited_by_id, id, title, url, author, published_on, language, outlet_id, outlet_name, outlet_url) AS (
            SELECT c.{citing}, {shown} FROM {cites} c {step}
            WHERE c.{citing} IN (SELECT document_id FROM seen)
            UNION
            SELECT c.{citing}, {shown} FROM walk w JOIN {cites} c ON c.{citing} = w.id {step}
        )
        SELECT s.claim_id, s.role, s.quote, s.id, NULL, {shown}
        FROM seen s JOIN {document} d ON d.id = s.document_id LEFT JOIN {outlet} o ON o.id = d.outlet_id
        UNION ALL
        SELECT NULL, NULL, NULL, NULL, cited_by_id, id, title, url, author, published_on, language,
               outlet_id, outlet_name, outlet_url
        FROM walk
        ORDER BY 1, 2, 4, 5, 6
    """  # noqa: S608 -- table and column names come from the models; values are parameters


def _date(value) -> datetime.date | None:
    # SQLite hands a raw cursor its dates as text.
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _chains_data(claim_ids: list[int]) -> tuple[dict[int, list[_Seen]], dict[int, list[int]], dict[int, ChainDocument]]:
    """Return, in one query, each claim's appearances, the citations reached from them (citing id -> cited ids)
    and every document met on the way."""
    seen: dict[int, list[_Seen]] = defaultdict(list)
    edges: dict[int, list[int]] = defaultdict(list)
    documents: dict[int, ChainDocument] = {}
    if not claim_ids:
        return seen, edges, documents
    with connection.cursor() as cursor:
        params = [claim_ids] if connection.vendor == "postgresql" else claim_ids
        cursor.execute(_chain_sql(len(claim_ids)), params)
        rows = cursor.fetchall()
    for claim_id, role, quote, _, cited_by_id, doc_id, title, url, author, published_on, language, *outlet in rows:
        document = documents.get(doc_id)
        if document is None:
            outlet_id, outlet_name, outlet_url = outlet
            documents[doc_id] = document = ChainDocument(
                doc_id, title, url, author, _date(published_on), language,
                None if outlet_id is None else ChainOutlet(outlet_id, outlet_name, outlet_url or ""),
            )
        if claim_id is None:
            edges[cited_by_id].append(doc_id)
        else:
            seen[claim_id].append(_Seen(doc_id, role, quote))
    return seen, edges, documents


def _provenance(appearances: Iterable[_Seen], edges: dict[int, list[int]], documents: dict[int, ChainDocument]
                ) -> Provenance:
    """Build one claim's chain from its appearances and the citation graph around them.

    A primary document is an origin. A report hangs under the documents of this claim it
    relays, directly or through documents it cites on the way (shown as sources); a report
    that leads to no other document of this claim is an origin of its own. `documents` holds
    every document met, the claim's own and those cited.
    """
    role, quote = {}, {}
    for appearance in appearances:
        # A document that is primary for the claim stays primary even if also listed as a report.
        if role.get(appearance.document_id) != Appearance.Role.PRIMARY:
            role[appearance.document_id] = appearance.role
        quote.setdefault(appearance.document_id, appearance.quote)

    reaches: dict[int, bool] = {}

    def leads_to_claim(doc_id: int) -> bool:
        """Return whether citations lead from this document to a document of the claim."""
        if doc_id not in reaches:
            reaches[doc_id] = False  # guards against citation cycles
            reaches[doc_id] = any(p in role or leads_to_claim(p) for p in edges.get(doc_id, ()))
        return reaches[doc_id]

    parents: dict[int, list[int]] = {}
    stack = list(role)
    while stack:
        doc_id = stack.pop()
        if doc_id in parents:
            continue
        if role.get(doc_id) == Appearance.Role.PRIMARY:
            parents[doc_id] = []
        else:
            parents[doc_id] = [p for p in edges.get(doc_id, ()) if p in role or leads_to_claim(p)]
        stack.extend(parents[doc_id])

    relays = defaultdict(list)
    for doc_id, cited_ids in parents.items():
        for parent in cited_ids:
            relays[parent].append(doc_id)

    def order(doc_id: int) -> tuple:
        doc = documents[doc_id]
        return (role.get(doc_id) != Appearance.Role.PRIMARY, doc.published_on or datetime.date.max,
                doc.title.lower(), doc_id)

    links: list[ChainLink] = []
    placed: set[int] = set()

    def place(doc_id: int, depth: int, via: int | None) -> None:
        placed.add(doc_id)
        also = [documents[p] for p in parents[doc_id] if p != via]
        links.append(ChainLink(documents[doc_id], depth, role.get(doc_id, "source"), quote.get(doc_id, ""), also))
        for child in sorted(relays[doc_id], key=order):
            if child not in placed:
                place(child, depth + 1, doc_id)

    # Origins first; then anything left (reports relaying each other in a circle) starts a chain of its own.
    for doc_id in sorted(parents, key=lambda d: (bool(parents[d]), order(d))):
        if doc_id not in placed:
            place(doc_id, 0, None)
    return Provenance(links=links, origin_count=sum(1 for link in links if link.depth == 0))


def provenances(claims: Iterable[Claim]) -> dict[int, Provenance]:
    """Return each claim's provenance, in one query whatever the number of claims."""
    return provenances_of([claim.pk for claim in claims])


def provenances_of(claim_ids: list[int]) -> dict[int, Provenance]:
    """Return the provenance of each of these claims (by id), in one query."""
    seen, edges, documents = _chains_data(claim_ids)
    return {pk: _provenance(seen.get(pk, ()), edges, documents) for pk in claim_ids}


def provenance_chain(claim: Claim) -> Provenance:
    """Return one claim's provenance chain (origins first, relays beneath) and its origin count."""
    return provenances([claim])[claim.pk]


def origin_count(claim: Claim) -> int:
    """Return how many independent primary documents stand behind a claim (ten relays of one post count once)."""
    return provenance_chain(claim).origin_count


def appearances_prefetch() -> Prefetch:
    """Prefetch a claim's appearances with their documents and outlets (ClaimReview lists them)."""
    appearances = Appearance.objects.select_related("document__outlet").defer("document__text")
    return Prefetch("appearances", queryset=appearances)


# -- one dispute ------------------------------------------------------------------------------------------

# The side-by-side view shows at most this many claims at once (issue #8): a topic of hundreds of claims
# made a page of a megabyte that took a second to draw, and a reader could not find their way in it anyway.
# Fifty fill a few screens per column; a page of them costs about 75 ms to draw against 115 ms for a
# hundred, which under bench/load.py was the difference between meeting the 500 ms p99 and not.
# Earlier and later claims are a link away; the API's `/api/claims/?topic=` lists them all (CSV too).
DISPUTE_PAGE_SIZE = 50


def _listed_after(stated_on, pk, *, inclusive: bool = False) -> Q:
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
        return _listed_after(self.stated_on, self.pk, inclusive=inclusive)

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


def _readable(flags: QuerySet[Contradiction], visible: QuerySet[Claim], user=None) -> QuerySet[Contradiction]:
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
    flags = _readable(Contradiction.objects.filter(topic=OuterRef("pk")), visible, user)
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


def _window(topic: Topic, user, before: Position | None, after: Position | None, limit: int
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
        _readable(Contradiction.objects.filter(topic=topic), visible, user)
        .filter(Q(_one_of("claim_a_id", claim_ids)) | Q(_one_of("claim_b_id", claim_ids)))
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
    claims, earlier, later = _window(topic, user, before, after, limit)
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


# -- one claim ---------------------------------------------------------------------------------------------


@dataclass
class HistoryEvent:
    date: datetime.datetime
    text: str


@dataclass
class ClaimDetail:
    claim: Claim
    provenance: Provenance
    flags: list[Flag]
    history: list[HistoryEvent]


def claim_for_page(pk: int, user=None) -> Claim:
    """Return the claim `user` may read, with what its page shows; raise Claim.DoesNotExist otherwise."""
    return _claims_for_page(user).get(pk=pk)


def _claims_for_page(user) -> QuerySet:
    return (
        claims_visible(user)
        .select_related("topic", "claimant", "side", "accused_side")
        .prefetch_related(appearances_prefetch())
    )


def _on_earlier_page(user) -> Exists:
    """Whether a page's worth of claims `user` may read follows the outer claim in its topic.

    Then the topic's page, which shows the latest DISPUTE_PAGE_SIZE, does not hold the claim:
    an earlier page does. An EXISTS that stops at that many rows, in the claim's own query.
    """
    later = claims_visible(user).filter(_listed_after(OuterRef("stated_on"), OuterRef("pk")), topic=OuterRef("topic"))
    return Exists(later.order_by()[DISPUTE_PAGE_SIZE - 1 :])


def claim_flags(claim: Claim, user=None) -> list[Flag]:
    """Return the live flags `user` may read that involve `claim`, largest first, each with the other claim."""
    flags = (
        contradictions_visible(user)
        .involving(claim)
        .select_related("claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side")
        .ranked()
    )
    result = []
    for flag in flags:
        other = flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a
        if flag.claim_a_id == claim.pk:
            flag.claim_a = claim
        else:
            flag.claim_b = claim
        result.append(Flag(flag, other))
    return result


_STATUS_EVENTS = {
    Claim.Status.DRAFT: "Returned to draft",
    Claim.Status.IN_REVIEW: "Submitted for review",
    Claim.Status.PUBLISHED: "Published",
    Claim.Status.RETRACTED: "Retracted",
}
_TEXT_FIELDS = (("statement", "Statement"), ("quote", "Quote"), ("translation", "Translation"))


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _figure(record) -> str:
    if record.qualifier is None or record.value is None:
        return "no figure"
    return Claim(qualifier=record.qualifier, value=record.value, value_max=record.value_max).figure_text


def claim_history(claim: Claim, user=None) -> list[HistoryEvent]:
    """Summarise a claim's history, oldest first, in one query.

    The public view says when the claim was recorded and tells only what happened from its
    first publication on (status, verdict, figure, dates, wording); staff see every change.
    """
    public = is_public(user)
    records = list(claim.history.order_by("history_date", "history_id"))
    events = []
    previous = None
    published = False
    for record in records:
        if previous is None:
            events.append(HistoryEvent(record.history_date, "Recorded"))
            if record.status == Claim.Status.PUBLISHED:
                published = True
                events.append(HistoryEvent(record.history_date, "Published"))
            previous = record
            continue
        lines = []
        if record.status != previous.status:
            text = _STATUS_EVENTS.get(record.status, record.status)
            if record.status == Claim.Status.RETRACTED and record.retraction_reason:
                text = f"{text}: {record.retraction_reason}"
            lines.append(text)
        if record.verdict != previous.verdict:
            lines.append(f"Rated “{Claim.Verdict(record.verdict).label}”")
        if (record.qualifier, record.value, record.value_max) != (previous.qualifier, previous.value,
                                                                  previous.value_max):
            lines.append(f"Figure changed from {_figure(previous)} to {_figure(record)}")
        if record.as_of != previous.as_of and record.qualifier is not None and previous.qualifier is not None:
            lines.append(f"Counted as of {_day(record.as_of)} (was {_day(previous.as_of)})")
        if record.stated_on != previous.stated_on:
            lines.append(f"Date corrected to {_day(record.stated_on)} (was {_day(previous.stated_on)})")
        edited = [label for name, label in _TEXT_FIELDS if getattr(record, name) != getattr(previous, name)]
        if edited:
            lines.append(f"{' and '.join(edited) if len(edited) < 3 else 'Statement, quote and translation'} edited")
        if record.topic_id != previous.topic_id or record.side_id != previous.side_id \
                or record.claimant_id != previous.claimant_id:
            lines.append("Topic, side or claimant corrected")
        now_published = published or record.status == Claim.Status.PUBLISHED
        if (not public or now_published) and lines:
            events.extend(HistoryEvent(record.history_date, line) for line in lines)
        published = now_published
        previous = record
    return events


def claim_detail(pk: int, user=None) -> ClaimDetail:
    """Return one claim `user` may read with its provenance, flags and history; raise Claim.DoesNotExist."""
    claim = _claims_for_page(user).annotate(on_earlier_page=_on_earlier_page(user)).get(pk=pk)
    return ClaimDetail(
        claim=claim,
        provenance=provenance_chain(claim),
        flags=claim_flags(claim, user),
        history=claim_history(claim, user),
    )


def known_sides_and_actors() -> tuple[dict[str, str], dict[str, str]]:
    """Return the sides (name and slug → name) and actors (name → side name) the database knows."""
    try:
        sides = {}
        for side in Side.objects.all():
            sides[side.name.lower()] = side.name
            sides[side.slug.replace("-", " ").lower()] = side.name
        actors = {actor.name.lower(): actor.side.name for actor in Actor.objects.select_related("side")}
    except DatabaseError:
        return {}, {}  # no tables yet: the built-in table of sides is enough for a draft
    return sides, actors

