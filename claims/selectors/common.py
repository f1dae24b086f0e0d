"""Reads the other selectors share: ids of flags per claim, claim search, ids as one array parameter."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, connections
from django.db.models import BooleanField, F, Func, Lookup, Q, QuerySet, Subquery

from claims.arrays import ELEMENT_TYPES, array_literal
from claims.models import Claim, Topic
from claims.search import stored_vector
from claims.visibility import contradictions_visible
from sources.models import Actor

# The detail page lists this many flags at most, largest first: a topic of hundreds of
# claims can hold tens of thousands of flagged pairs, and nobody reads past the first few.
DETAIL_FLAG_LIMIT = 200
SEARCH_CONFIG = "english"


class _AnyOf(Lookup):
    """`column = ANY(%s)`: a list of ids as one array parameter (PostgreSQL).

    Texts and integers go as one array literal with its type (claims.arrays): an import's look-ups
    of a chunk name thousands, and the database waits for them.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        column = (self.lhs.output_field.db_type(connection) or "").split("(")[0]
        literal = array_literal(values, ELEMENT_TYPES.get(column))
        if literal is None:
            return f"{lhs} = ANY(%s)", (*params, values)
        return f"{lhs} = ANY(%s::{ELEMENT_TYPES[column]}[])", (*params, literal)


def one_of(field: str, ids: Sequence[int]):
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
    rows = flags.filter(one_of("claim_a_id", claim_ids)).values_list(*fields).union(
        flags.filter(one_of("claim_b_id", claim_ids)).values_list(*fields)
    )
    by_claim = {pk: [] for pk in claim_ids}
    for pk, a_id, b_id in sorted(rows):
        for claim_id in (a_id, b_id):
            if claim_id in by_claim:
                by_claim[claim_id].append(pk)
    return by_claim


class _InArray(Func):
    """`column = ANY(ARRAY(subquery))`: ids from a small table as an index condition on the claims.

    Beside the stored search document's GIN index, the claimant's and the topic's indexes: a phrase
    no claim holds is then a few index look-ups (a BitmapOr), not every claim read and tested.
    (`column IN (subquery)` in an OR can only be tested claim by claim.)
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, ids: QuerySet):
        super().__init__(F(column), Subquery(ids))

    def as_sql(self, compiler, connection, **extra_context):
        column, ids = (compiler.compile(expression) for expression in self.get_source_expressions())
        return f"{column[0]} = ANY(ARRAY{ids[0]})", (*column[1], *ids[1])


def search_claims(claims: QuerySet[Claim], q: str) -> QuerySet[Claim]:
    """Return the claims matching `q` in statement, quote, translation, claimant or topic."""
    if connections[claims.db].vendor == "postgresql":
        # The claim's words through its stored search document (claims.search: English stemming, GIN-indexed),
        # a speaker's or a topic's name through theirs (small tables, read once): never the text of every claim
        # turned into a vector again (two seconds at 100,000 claims). Names are matched in English and word for
        # word too, which keeps the names English drops as stop words ("US", "IS").
        english = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        simple = SearchQuery(q, config="simple", search_type="websearch")

        def named(model):
            names = model.objects.annotate(stemmed=SearchVector("name", config=SEARCH_CONFIG),
                                           words=SearchVector("name", config="simple"))
            return names.filter(Q(stemmed=english) | Q(words=simple)).order_by().values("pk")

        return claims.alias(document=stored_vector()).filter(
            Q(document=english) | Q(_InArray("claimant_id", named(Actor))) | Q(_InArray("topic_id", named(Topic))))
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
