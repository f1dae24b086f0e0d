"""Where a claim comes from: the documents that carry it and what they cite (DESIGN §3, §10)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import Prefetch

from claims.models import Appearance, Claim
from claims.visibility import CITATION_STEPS
from sources.models import Document, Outlet

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
    """Return the query for the chains of `claim_count` claims: their appearances, then the citations reached
    within CITATION_STEPS of them.

    Rows: claim_id, role, quote, appearance id (all null on citation rows), cited_by_id (null on appearance
    rows), then the document and its outlet. The walk fetches each citation with its cited document as it
    goes: joining the documents to the walk's result instead leaves PostgreSQL unable to guess its size (a
    recursive query's estimate is a blind multiple), so it scans every document for a few dozen rows.
    The walk stops CITATION_STEPS back (`depth`), as the reading rules do: a document further back is one
    the public may not open (`visibility.documents_visible`), so no chain may show it.
    UNION (not UNION ALL) drops rows already reached, and the depth ends any citation cycle.
    """
    appearance, document, outlet = Appearance._meta.db_table, Document._meta.db_table, Outlet._meta.db_table
    through = Document.cites.through
    cites = through._meta.db_table
    citing = through._meta.get_field("from_document").column
    cited = through._meta.get_field("to_document").column
    shown = "d.id, d.title, d.url, d.author, d.published_on, d.language, o.id, o.name, o.url"
    step = f"JOIN {document} d ON d.id = c.{cited} LEFT JOIN {outlet} o ON o.id = d.outlet_id"
    # One array parameter on PostgreSQL (see one_of); SQLite has no arrays.
    if connection.vendor == "postgresql":
        of_claims = "claim_id = ANY(%s)"
    else:
        of_claims = f"claim_id IN ({', '.join(['%s'] * claim_count)})"
    return f"""
        WITH RECURSIVE seen AS (
            SELECT claim_id, role, quote, id, document_id FROM {appearance} WHERE {of_claims}
        ), walk(depth, cited_by_id, id, title, url, author, published_on, language, outlet_id, outlet_name,
                outlet_url) AS (
            SELECT 1, c.{citing}, {shown} FROM {cites} c {step}
            WHERE c.{citing} IN (SELECT document_id FROM seen)
            UNION
            SELECT w.depth + 1, c.{citing}, {shown} FROM walk w JOIN {cites} c ON c.{citing} = w.id {step}
            WHERE w.depth < {int(CITATION_STEPS)}
        )
        SELECT s.claim_id, s.role, s.quote, s.id, NULL, {shown}
        FROM seen s JOIN {document} d ON d.id = s.document_id LEFT JOIN {outlet} o ON o.id = d.outlet_id
        UNION ALL
        SELECT NULL, NULL, NULL, NULL, cited_by_id, id, title, url, author, published_on, language,
               outlet_id, outlet_name, outlet_url
        FROM (SELECT DISTINCT cited_by_id, id, title, url, author, published_on, language, outlet_id, outlet_name,
                              outlet_url FROM walk) reached
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

    Citations are followed at most CITATION_STEPS back from this claim's own documents, whatever
    `edges` holds (the walk is shared by a page of claims, and a document deep in one claim's chain
    may be near another's): further back lie documents the public may not open. A report whose
    only way to another of the claim's documents runs further back is an origin of its own.
    """
    role, quote = {}, {}
    for appearance in appearances:
        # A document that is primary for the claim stays primary even if also listed as a report.
        if role.get(appearance.document_id) != Appearance.Role.PRIMARY:
            role[appearance.document_id] = appearance.role
        quote.setdefault(appearance.document_id, appearance.quote)
    edges = _within_steps(role, edges)

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


def _within_steps(start: Iterable[int], edges: dict[int, list[int]]) -> dict[int, list[int]]:
    """Return the citations met walking at most CITATION_STEPS back from the `start` documents (citing -> cited)."""
    near: dict[int, list[int]] = {}
    reached = set(start)
    frontier = list(reached)
    for _ in range(CITATION_STEPS):
        following = []
        for doc_id in frontier:
            cited = list(dict.fromkeys(edges.get(doc_id, ())))
            if cited:
                near[doc_id] = cited
            for cited_id in cited:
                if cited_id not in reached:
                    reached.add(cited_id)
                    following.append(cited_id)
        frontier = following
    return near


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
