"""The site's search: claims, speakers, topics and documents for one phrase, ranked (issue #18).

PostgreSQL ranks claims by weighted full text (statement A, quote and translation B), stored in
each claim's row as `search_vector` with a GIN index on it (migration 0015), and finds names by
trigram similarity (pg_trgm), so "Pashinian" finds "Pashinyan" and "Ministry of Defense" finds
"Ministry of Defence". A claim whose speaker's name matches ranks with the best. Ranking reads
at most the newest `RANK_WINDOW` matching claims: a phrase that half the archive holds is ranked
among its newest 2,000 matches, not all 50,000 (the page then says so). SQLite keeps a plain
fallback: every word somewhere in the text or the speaker's name, latest first.

Every read goes through the visibility functions: what the reader may see, nothing more.
Queries: the speakers, the page of claims, the topics and the documents (four; later pages
skip the last three's lists and the speakers are needed for the claims' ranking).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    Expression,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest

from claims.models import Appearance, Claim, Topic
from claims.visibility import actors_visible, claims_visible, topics_visible
from sources.models import Actor, ActorAlias, Document

CONFIG = "english"
PAGE_SIZE = 20
OTHER_HITS = 8  # speakers, topics and documents shown above the claims
# word_similarity("Pashinian", "Nikol Pashinyan") is 0.64, ("Ministry of Defense", "…Ministry of Defence") 0.84;
# unrelated names of similar length stay under 0.3.
NAME_SIMILARITY = 0.45
CLAIM_TEXT_FIELDS = ("statement", "quote", "translation", "figure_wording")
# Field and weight of each part of a claim's searched text: the column search_vector is generated from exactly this.
CLAIM_VECTOR = (("statement", "A"), ("quote", "B"), ("translation", "B"))
RANK_WINDOW = 2000  # the newest matching claims a search ranks; beyond them a phrase is too broad to rank usefully


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def _vector(fields: tuple[tuple[str, str], ...]) -> SearchVector:
    vector = None
    for name, weight in fields:
        part = SearchVector(name, weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    return vector


def claim_vector() -> SearchVector:
    """The weighted document of a claim as an expression: what the column search_vector holds (migration 0015)."""
    return _vector(CLAIM_VECTOR)


class StoredVector(Expression):
    """A claim's stored search document, the column `search_vector` (PostgreSQL; not a model field).

    Named on the query's own claims table, whatever alias it has there (a subquery's "U0").
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('search_vector')}", []


def stored_vector() -> StoredVector:
    """Return the claim's stored search document, read from its row (a query on claims, PostgreSQL only)."""
    return StoredVector()


def topic_vector() -> SearchVector:
    return SearchVector("name", weight="A", config=CONFIG) + SearchVector("description", weight="C", config=CONFIG)


def document_vector() -> SearchVector:
    """The searched text of a document: the expression of the index `document_search` (migration 0011)."""
    return _vector((("title", "A"),))


@dataclass
class Filters:
    """What narrows the claims: a side (slug), a topic kind, a date range, a verdict."""

    side: str = ""
    kind: str = ""
    stated_after: datetime.date | None = None
    stated_before: datetime.date | None = None
    verdict: str = ""

    def apply(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.side:
            claims = claims.filter(side__slug=self.side)
        if self.kind:
            claims = claims.filter(topic__kind=self.kind)
        if self.stated_after:
            claims = claims.filter(stated_on__gte=self.stated_after)
        if self.stated_before:
            claims = claims.filter(stated_on__lte=self.stated_before)
        if self.verdict:
            claims = claims.filter(verdict=self.verdict)
        return claims

    @property
    def any(self) -> bool:
        return bool(self.side or self.kind or self.stated_after or self.stated_before or self.verdict)


@dataclass
class Results:
    """One page of search results; `speakers`, `topics` and `documents` are filled on the first page only."""

    q: str
    claims: list[Claim] = field(default_factory=list)
    speakers: list[Actor] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    page: int = 1
    has_next: bool = False
    window_end: bool = False  # the last of the RANK_WINDOW newest matches ranked: older ones exist, unranked

    @property
    def empty(self) -> bool:
        return not (self.claims or self.speakers or self.topics or self.documents)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _words(q: str) -> list[str]:
    return [word for word in q.split() if word]


def speakers_matching(q: str, user=None, *, side: str = "", limit: int = OTHER_HITS) -> list[Actor]:
    """Return the speakers `user` may see whose name or one of whose aliases is like `q`, the closest first."""
    actors = actors_visible(user).select_related("side")
    if side:
        actors = actors.filter(side__slug=side)
    aliases = ActorAlias.objects.filter(actor=OuterRef("pk"))
    if _postgres():
        best_alias = aliases.annotate(
            score=Greatest(TrigramWordSimilarity(q, "name"), TrigramSimilarity("name", q))
        ).order_by("-score").values("score")[:1]
        actors = actors.annotate(
            score=Greatest(TrigramWordSimilarity(q, "name"), TrigramSimilarity("name", q),
                           Coalesce(Subquery(best_alias), Value(0.0)))
        ).filter(score__gte=NAME_SIMILARITY).order_by("-score", "name", "pk")
    else:
        for word in _words(q):
            actors = actors.filter(Q(name__icontains=word) | Exists(aliases.filter(name__icontains=word)))
        actors = actors.order_by("name", "pk")
    return list(actors[:limit])


def claims_matching(q: str, user=None, *, speakers: list[Actor] = (), filters: Filters | None = None
                    ) -> QuerySet[Claim]:
    """Return every claim `user` may read that matches `q` (or is by one of `speakers`), newest first, unranked."""
    claims = (filters or Filters()).apply(claims_visible(user))
    speaker_ids = [actor.pk for actor in speakers]
    by_speaker = Q(claimant_id__in=speaker_ids)
    if _postgres():
        query = SearchQuery(q, config=CONFIG, search_type="websearch")
        text = Q(document=query)
        claims = claims.annotate(document=stored_vector())
    else:
        text = Q()
        for word in _words(q):
            word_q = Q(claimant__name__icontains=word)
            for name in CLAIM_TEXT_FIELDS:
                if _has_field(Claim, name):
                    word_q |= Q(**{f"{name}__icontains": word})
            text &= word_q
    return claims.filter(text | by_speaker if speaker_ids else text).order_by("-stated_on", "-pk")


def ranked_claims(q: str, user=None, *, speakers: list[Actor] = (), filters: Filters | None = None,
                  start: int = 0, stop: int = PAGE_SIZE) -> QuerySet[Claim]:
    """Return claims `start` to `stop` of those matching `q`, best first: a speaker's own, then by text rank.

    On PostgreSQL the newest `RANK_WINDOW` matches are ranked (read newest first, from the GIN index or
    the date's), in one query: the window's ids, ranked on their stored documents alone, and only the
    page's rows read whole. SQLite puts a speaker's claims first, then the newest.
    """
    speaker_ids = [actor.pk for actor in speakers]
    by_speaker = Q(claimant_id__in=speaker_ids)
    if not _postgres():
        rank = Case(When(by_speaker, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        matching = claims_matching(q, user, speakers=speakers, filters=filters)
        return matching.annotate(rank=rank).order_by("-rank", "-stated_on", "-pk")[start:stop]
    window = claims_matching(q, user, speakers=speakers, filters=filters).values(
        "pk", "stated_on", "claimant_id", "document")[:RANK_WINDOW]
    inner, params = window.query.sql_with_params()
    # The ORM has no subquery in FROM: the window is ranked in SQL around the ORM's own query of it. A
    # speaker's claims rank above every text match (a rank is at most 1) and are not ranked themselves.
    page = RawSQL(
        f"SELECT w.pk FROM ({inner}) w ORDER BY CASE WHEN w.claimant_id = ANY(%s) THEN 2.0 "
        f"ELSE ts_rank(w.document, websearch_to_tsquery(%s::regconfig, %s)) END DESC, w.stated_on DESC, "
        f"w.pk DESC LIMIT %s OFFSET %s",
        (*params, speaker_ids, CONFIG, q, stop - start, start),
    )
    query = SearchQuery(q, config=CONFIG, search_type="websearch")
    rank = Case(When(by_speaker, then=Value(2.0)), default=SearchRank(F("document"), query), output_field=FloatField())
    return (Claim.objects.filter(pk__in=page).annotate(document=stored_vector(), rank=rank)
            .order_by("-rank", "-stated_on", "-pk"))


def topics_matching(q: str, user=None, *, kind: str = "", limit: int = OTHER_HITS) -> list[Topic]:
    """Return the topics `user` may see whose name or description matches `q`, best first."""
    topics = topics_visible(user)
    if kind:
        topics = topics.filter(kind=kind)
    if _postgres():
        query = SearchQuery(q, config=CONFIG, search_type="websearch")
        topics = topics.annotate(
            document=topic_vector(), similarity=TrigramWordSimilarity(q, "name")
        ).filter(Q(document=query) | Q(similarity__gte=NAME_SIMILARITY)).annotate(
            score=Greatest(SearchRank(F("document"), query), F("similarity"))
        ).order_by("-score", "name", "pk")
    else:
        for word in _words(q):
            topics = topics.filter(Q(name__icontains=word) | Q(description__icontains=word))
        topics = topics.order_by("name", "pk")
    return list(topics[:limit])


def documents_matching(q: str, user=None, *, limit: int = OTHER_HITS) -> list[Document]:
    """Return the documents carrying a claim `user` may read whose title matches `q`, best first.

    A subset of `documents_visible`, which also counts the documents those cite up to two steps
    back: that union costs half a second at 100,000 claims, where asking of each matching title
    whether a readable claim appears in it costs a few milliseconds. A document is found here by
    the claims it carries, and the cited ones through the claims' pages.
    """
    carries = Appearance.objects.filter(document=OuterRef("pk"), claim__in=claims_visible(user))
    documents = Document.objects.filter(Exists(carries)).select_related("outlet").defer("text")
    if _postgres():
        query = SearchQuery(q, config=CONFIG, search_type="websearch")
        documents = documents.annotate(document=document_vector()).filter(document=query).annotate(
            score=SearchRank(F("document"), query)
        ).order_by("-score", "-published_on", "pk")
    else:
        for word in _words(q):
            documents = documents.filter(title__icontains=word)
        documents = documents.order_by("-published_on", "pk")
    return list(documents[:limit])


def search(q: str, user=None, *, filters: Filters | None = None, page: int = 1, page_size: int = PAGE_SIZE
           ) -> Results:
    """Return one page of what matches `q` for `user`: claims ranked, and on page 1 speakers, topics, documents."""
    q = q.strip()
    filters = filters or Filters()
    results = Results(q=q, page=page)
    if not q:
        return results
    speakers = speakers_matching(q, user, side=filters.side)
    start = (page - 1) * page_size
    rows = list(ranked_claims(q, user, speakers=speakers, filters=filters, start=start, stop=start + page_size + 1)
                .select_related("topic", "claimant", "side"))
    results.has_next = len(rows) > page_size
    results.claims = rows[:page_size]
    results.window_end = _postgres() and not results.has_next and start + len(rows) >= RANK_WINDOW
    if page == 1:
        results.speakers = speakers
        results.topics = topics_matching(q, user, kind=filters.kind)
        results.documents = [] if filters.any else documents_matching(q, user)
    return results
