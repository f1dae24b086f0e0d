"""The workspace lists' search boxes on PostgreSQL: every word found through an index (issue #17).

Django's admin search tests each row for `ILIKE '%word%'` on every search field, joins included:
on the claims list that is 100,000 claims joined to their appearances and documents, then made
DISTINCT, a second or more per search. Here a row matches when every word does (as in Django's
search), and each word is found where an index finds it:

- claims: the word (or a word it begins: "minist" finds "Ministry") in the statement, quote or
  translation, through the stored search document (`search_vector`, English stemming, as the
  public search); or in the speaker's name or an alias; or in the title of a document the claim
  appears in (index `document_search`); or in a document's URL (a word with a "/" or a dot);
  or the claim's number or external id. A word English search ignores ("the", "each") is
  ignored here too, where the text is concerned;
- documents: the title (full text), the outlet's name, the author, the URL;
- flags: the topic's name, either speaker's name or alias, either claim's number (not the
  explanation: see `flag_search`).

Each part is a set of ids read from an index, or a test of the row's own columns, so the list
still reads its rows in its own order and stops at a page: a word most claims hold costs no more
than a rare one. SQLite keeps Django's own search (substring matching), fine at its sizes.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import BooleanField, F, Func, IntegerField, Q, QuerySet, Subquery
from django.db.models.lookups import Exact
from django.utils.text import smart_split, unescape_string_literal

from claims.models import Appearance, Claim, Topic
from claims.search import CONFIG, document_vector, stored_vector
from sources.models import Actor, Document, Outlet

TOKEN = re.compile(r"[^\W_]+")
FEW_SPEAKERS = 20  # flag search: up to this many speakers holding a word, their claims are collected (see flag_search)


def indexed(queryset: QuerySet) -> bool:
    """Whether this list's search runs here (PostgreSQL) rather than as Django's substring search."""
    return connections[queryset.db].vendor == "postgresql"


def words(term: str) -> list[str]:
    """Split a search as Django's admin does: by spaces, "quoted phrases" kept whole."""
    found = []
    for bit in smart_split(term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit.strip():
            found.append(bit.strip())
    return found


def prefix_query(word: str) -> SearchQuery | None:
    """Return a full-text query for a word or phrase as typed, its last token a prefix ("minist" finds "Ministry")."""
    tokens = TOKEN.findall(word)
    if not tokens:
        return None
    raw = " <-> ".join(tokens[:-1] + [f"{tokens[-1]}:*"])
    return SearchQuery(raw, config=CONFIG, search_type="raw")


class AmongIds(Func):
    """`column = ANY(ARRAY(subquery))`: the column among a subquery's ids, as an index condition.

    `column IN (subquery)` inside an OR can only be tested row by row (a hashed subplan), so a list
    searched for a rare word read every row; an array's ids are looked up in the column's index,
    and the OR becomes a union of index scans (a BitmapOr).
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, ids: QuerySet):
        super().__init__(F(column), Subquery(ids.order_by()))

    def as_sql(self, compiler, connection, **extra_context):
        column, ids = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        ids_sql, ids_params = compiler.compile(ids)
        return f"{column_sql} = ANY(ARRAY{ids_sql})", (*column_params, *ids_params)


def _ignored(query: SearchQuery) -> Q:
    """The condition, true for every row, that English search drops all of the word (a stop word: "the")."""
    return Q(Exact(Func(query, function="numnode", output_field=IntegerField()), 0))


def _url_like(word: str) -> bool:
    return "/" in word or ("." in word and " " not in word and not word.replace(".", "").isdigit())


def _documents_of(word: str) -> QuerySet:
    """Return the ids of documents whose title holds `word` (full text), or whose URL does (a URL-like word)."""
    query = prefix_query(word)
    parts = []
    if query is not None:
        parts.append(Document.objects.annotate(title_vector=document_vector()).filter(title_vector=query).values("pk"))
    if _url_like(word):
        parts.append(Document.objects.filter(url__icontains=word).values("pk"))
    if not parts:
        return Document.objects.none().values("pk")
    first, *rest = [part.order_by() for part in parts]
    return first.union(*rest, all=True) if rest else first


def _speakers(word: str) -> QuerySet:
    """Return the ids of the actors whose name or an alias holds `word` (a table of hundreds: read whole)."""
    return Actor.objects.filter(Q(name__icontains=word) | Q(aliases__name__icontains=word)).values("pk")


def _claim_holds(word: str) -> Q:
    """Return the condition that a claim holds `word` anywhere a claim is searched."""
    speakers = _speakers(word)
    documents = Appearance.objects.filter(document__in=_documents_of(word)).values("claim_id")
    found = Q(AmongIds("claimant_id", speakers)) | Q(AmongIds("pk", documents)) | Q(external_id=word)
    query = prefix_query(word)
    if query is not None:
        found |= Q(search_document=query) | _ignored(query)
    number = word.lstrip("#")
    if number.isdigit() and len(number) < 12:
        found |= Q(pk=int(number))
    return found


def claim_search(claims: QuerySet[Claim], term: str) -> QuerySet[Claim]:
    """Return the claims of `claims` that hold every word of `term` (see the module's docstring)."""
    claims = claims.alias(search_document=stored_vector())
    for word in words(term):
        claims = claims.filter(_claim_holds(word))
    return claims


def document_search(documents: QuerySet[Document], term: str) -> QuerySet[Document]:
    """Return the documents that hold every word of `term` in their title, outlet, author or URL."""
    for word in words(term):
        outlets = Outlet.objects.filter(name__icontains=word).values("pk")
        found = Q(pk__in=_documents_of(word)) | Q(outlet__in=outlets) | Q(author__icontains=word)
        if not _url_like(word):
            found |= Q(url=word)
        documents = documents.filter(found)
    return documents


def flag_search(flags: QuerySet, term: str) -> QuerySet:
    """Return the flags whose topic's name, or either of whose speakers' names, holds every word of `term`.

    The explanation is not searched: a flag's text has no index (one would slow every recompute of the
    flags), and reading 90,000 explanations costs a tenth of a second a search. It names the speakers
    and the topic, which are searched here through theirs; a claim's number finds its flags too.

    A word few speakers hold finds the flags of their claims, and a topic's its flags, through the
    flags' indexes (a rare word reads a few rows). A word many speakers hold (a common word) is
    tested on each flag's two claims as the list reads flags in its order, stopping at a page: its
    matches are dense, and collecting all of their claims would cost more than the page.
    """
    for word in words(term):
        topics = Topic.objects.filter(name__icontains=word).values("pk")
        speaker_ids = list(_speakers(word).distinct()[: FEW_SPEAKERS + 1].values_list("pk", flat=True))
        if len(speaker_ids) > FEW_SPEAKERS:
            speakers = _speakers(word)
            found = Q(claim_a__claimant__in=speakers) | Q(claim_b__claimant__in=speakers)
        else:
            claims = Claim.objects.filter(claimant_id__in=speaker_ids).values("pk")
            found = Q(AmongIds("claim_a_id", claims)) | Q(AmongIds("claim_b_id", claims))
        found |= Q(AmongIds("topic_id", topics))
        number = word.lstrip("#")
        if number.isdigit() and len(number) < 12:
            found |= Q(claim_a=int(number)) | Q(claim_b=int(number))
        flags = flags.filter(found)
    return flags
