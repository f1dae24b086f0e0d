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
- documents: the title (full text), the outlet's name, the URL (not the author: no index holds it);
- flags: the topic's name, either speaker's name or alias, either claim's number (not the
  explanation: see `flag_search`).

What a word finds in the small tables (speakers, topics, outlets) and through the documents'
index is read first, one query each. A few ids (up to `FEW_IDS`) go into the list's query as
a literal list: PostgreSQL then knows how many, looks them up in the list's indexes, and the
list reads a handful of rows for a rare word. Many ids (a common word) go in as a subquery,
hashed once and tested on each row as the list reads its rows in its own order, stopping at a
page, since the matches are then dense. Either way no search reads the archive whole.
A search costs the list's queries and two more, however many words it has.

SQLite keeps Django's own search (substring matching), fine at its sizes.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Func, IntegerField, Q, QuerySet, Value
from django.db.models.lookups import Exact
from django.utils.text import smart_split, unescape_string_literal

from claims.models import Appearance, Claim, Topic
from claims.search import CONFIG, document_vector, stored_vector
from sources.models import Actor, Document, Outlet

TOKEN = re.compile(r"[^\W_]+")
FEW_IDS = 300  # ids a word finds that go into a list's query as a literal list (see the module docstring)


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


def _ids_each(parts: list[tuple[QuerySet, str]]) -> list[list | None]:
    """Return, for each (query, id column), the ids it finds when few (up to FEW_IDS), else None: one query for all.

    Every word's look-ups of one kind go to the database together, so a search costs the same few
    queries however many words it has.
    """
    if not parts:
        return []
    tagged = [query.order_by().values_list(Value(i, output_field=IntegerField()), column)[: FEW_IDS + 1]
              for i, (query, column) in enumerate(parts)]
    first, *rest = tagged
    found = [[] for _ in parts]
    for i, pk in first.union(*rest, all=True) if rest else first:
        found[i].append(pk)
    return [ids if len(ids) <= FEW_IDS else None for ids in found]


def _among(column: str, found: list | None, query: QuerySet, id_column: str) -> Q:
    """Return `column IN` the ids: the literal list when they are few, else the query itself (hashed)."""
    if found is None:
        return Q(**{f"{column}__in": query.order_by().values(id_column)})
    return Q(**{f"{column}__in": found}) if found else Q(pk__in=[])


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
        titled = Document.objects.annotate(title_vector=document_vector()).filter(title_vector=query)
        parts.append(titled.values_list("pk", flat=True))
    if _url_like(word):
        parts.append(Document.objects.filter(url__icontains=word).values_list("pk", flat=True))
    if not parts:
        return Document.objects.none().values_list("pk", flat=True)
    first, *rest = [part.order_by() for part in parts]
    return first.union(*rest, all=True) if rest else first


def _speakers(word: str) -> QuerySet:
    """Return the actors whose name or an alias holds `word` (a table of hundreds: read whole)."""
    return Actor.objects.filter(Q(name__icontains=word) | Q(aliases__name__icontains=word)).distinct()


def _numbered(word: str) -> int | None:
    number = word.lstrip("#")
    return int(number) if number.isdigit() and len(number) < 12 else None


def claim_search(claims: QuerySet[Claim], term: str) -> QuerySet[Claim]:
    """Return the claims of `claims` that hold every word of `term` (see the module's docstring)."""
    searched = words(term)
    speakers = [(_speakers(word), "pk") for word in searched]
    carried = [(Appearance.objects.filter(document__in=_documents_of(word)), "claim_id") for word in searched]
    found = _ids_each([*speakers, *carried])
    claims = claims.alias(search_document=stored_vector())
    for i, word in enumerate(searched):
        holds = (_among("claimant_id", found[i], *speakers[i]) | Q(external_id=word)
                 | _among("pk", found[len(searched) + i], *carried[i]))
        query = prefix_query(word)
        if query is not None:
            holds |= Q(search_document=query) | _ignored(query)
        if (number := _numbered(word)) is not None:
            holds |= Q(pk=number)
        claims = claims.filter(holds)
    return claims


def document_search(documents: QuerySet[Document], term: str) -> QuerySet[Document]:
    """Return the documents that hold every word of `term` in their title, outlet's name or URL.

    Not the author: a name no index holds would be read from every document, for a search editors
    make by title or outlet.
    """
    searched = words(term)
    titled = [(Document.objects.filter(pk__in=_documents_of(word)), "pk") for word in searched]
    outlets = [(Outlet.objects.filter(name__icontains=word), "pk") for word in searched]
    found = _ids_each([*titled, *outlets])
    for i, word in enumerate(searched):
        holds = _among("pk", found[i], *titled[i]) | _among("outlet_id", found[len(searched) + i], *outlets[i])
        if not _url_like(word):
            holds |= Q(url=word)
        documents = documents.filter(holds)
    return documents


def flag_search(flags: QuerySet, term: str) -> QuerySet:
    """Return the flags whose topic's name, or either of whose speakers' names, holds every word of `term`.

    The explanation is not searched: a flag's text has no index (one would slow every recompute of the
    flags), and reading 200,000 explanations costs a fifth of a second a search. It names the speakers
    and the topic, which are searched here through theirs; a claim's number finds its flags too. A
    word whose speakers made few claims finds those claims' flags through the flags' indexes; a word
    whose speakers made many is tested on each flag's two claims as the list reads flags in order.
    """
    searched = words(term)
    topics = [(Topic.objects.filter(name__icontains=word), "pk") for word in searched]
    said = [(Claim.objects.filter(claimant__in=_speakers(word).values("pk")), "pk") for word in searched]
    found = _ids_each([*topics, *said])
    for i, word in enumerate(searched):
        holds = _among("topic_id", found[i], *topics[i])
        claims = found[len(searched) + i]
        if claims is None:  # a common word: test each flag's speakers as the list reads it
            speakers = _speakers(word).values("pk")
            holds |= Q(claim_a__claimant__in=speakers) | Q(claim_b__claimant__in=speakers)
        elif claims:
            holds |= Q(claim_a__in=claims) | Q(claim_b__in=claims)
        if (number := _numbered(word)) is not None:
            holds |= Q(claim_a=number) | Q(claim_b=number)
        flags = flags.filter(holds)
    return flags
