"""What the claims list is measured against (issue #7, P1 and P5): the same page built without the framework,
and the same page built the way most projects build it.

`raw_claims_page` reads `GET /api/claims/?contested=true&page_size=N` (the first page, anonymous) with
hand-written SQL on a DB-API cursor and builds the very body the endpoint sends: the same rows in the
same order, every field, the provenance chains and the flag ids. It runs the endpoint's three queries
(claims, provenance chains, flags) and the same domain helpers (figure wording and interval, the chain
algorithm), so the difference measured is what Django, DRF and the ORM add. bench/api.py
checks that both bodies are equal before it times anything.

`NaiveClaimList` is the reference most projects ship: a ListAPIView with nested ModelSerializers and
DRF's stock JSON renderer, loading the same rows (select_related) and the same chains and flag ids (no N+1).

The views here are mounted by bench/urls.py only, never by the product's URLconf.
"""

import base64
import math
from collections import defaultdict, namedtuple
from urllib.parse import urlencode

import orjson
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.renderers import JSONRenderer

from claims import selectors, visibility
from claims.api.filters import ClaimFilter
from claims.figures import format_figure
from claims.models import Claim, Topic
from claims.rules import interval_for
from claims.selectors.provenance import _provenance
from sources.models import Actor, Document, Outlet, Side

PUBLIC_KINDS = ("figure_mismatch", "denial", "counter_accusation")

CLAIMS_SQL = """
    SELECT c.id, c.external_id, t.id, t.slug, t.name, t.kind, a.id, a.name, a.kind, a.role,
           s.id, s.slug, s.name, x.id, x.slug, x.name, c.stated_on, c.statement, c.quote, c.language,
           c.translation, c.attribution, c.stance, c.qualifier, c.value, c.value_max, c.as_of, c.status,
           c.verdict, c.retraction_reason, c.contested, c.version, c.created_at, c.updated_at, c.figure_wording,
           a.wikidata, s.wikidata, x.wikidata
    FROM claims_claim c
    JOIN claims_topic t ON t.id = c.topic_id
    JOIN sources_actor a ON a.id = c.claimant_id
    JOIN sources_side s ON s.id = c.side_id
    LEFT JOIN sources_side x ON x.id = c.accused_side_id
    WHERE c.status = 'published' AND c.contested
    ORDER BY c.stated_on, c.id
    LIMIT %s
"""
# The claims' appearances and every citation reached from them, documents joined as the walk goes (as in
# claims.selectors, whose comments say why).
CHAINS_SQL = """
    WITH RECURSIVE seen AS (
        SELECT claim_id, role, quote, id, document_id FROM claims_appearance WHERE claim_id = ANY(%s)
    ), walk AS (
        SELECT c.from_document_id AS cited_by_id, d.id, d.title, d.url, d.author, d.published_on, d.language,
               o.id AS outlet_id, o.name AS outlet_name
        FROM sources_document_cites c
        JOIN sources_document d ON d.id = c.to_document_id
        LEFT JOIN sources_outlet o ON o.id = d.outlet_id
        WHERE c.from_document_id IN (SELECT document_id FROM seen)
        UNION
        SELECT c.from_document_id, d.id, d.title, d.url, d.author, d.published_on, d.language, o.id, o.name
        FROM walk w
        JOIN sources_document_cites c ON c.from_document_id = w.id
        JOIN sources_document d ON d.id = c.to_document_id
        LEFT JOIN sources_outlet o ON o.id = d.outlet_id
    )
    SELECT s.claim_id, s.role, s.quote, s.id, NULL::bigint, d.id, d.title, d.url, d.author, d.published_on,
           d.language, o.id, o.name
    FROM seen s JOIN sources_document d ON d.id = s.document_id LEFT JOIN sources_outlet o ON o.id = d.outlet_id
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, cited_by_id, id, title, url, author, published_on, language, outlet_id, outlet_name
    FROM walk
    ORDER BY 1, 2, 4, 5, 6
"""
# One branch per end of the pair (an OR across the two columns misleads the planner; see claims.selectors).
FLAGS_SQL = """
    SELECT f.id, f.claim_a_id, f.claim_b_id
    FROM claims_contradiction f
    JOIN claims_claim a ON a.id = f.claim_a_id
    JOIN claims_claim b ON b.id = f.claim_b_id
    WHERE f.claim_a_id = ANY(%(ids)s) AND f.status <> 'dismissed' AND f.kind = ANY(%(kinds)s)
      AND a.status = 'published' AND b.status = 'published'
    UNION
    SELECT f.id, f.claim_a_id, f.claim_b_id
    FROM claims_contradiction f
    JOIN claims_claim a ON a.id = f.claim_a_id
    JOIN claims_claim b ON b.id = f.claim_b_id
    WHERE f.claim_b_id = ANY(%(ids)s) AND f.status <> 'dismissed' AND f.kind = ANY(%(kinds)s)
      AND a.status = 'published' AND b.status = 'published'
    ORDER BY 1
"""

# What the chain algorithm reads of a document and an appearance (provenance._provenance is duck-typed).
Doc = namedtuple("Doc", "pk title url outlet author published_on language")
Ref = namedtuple("Ref", "pk name")
Seen = namedtuple("Seen", "document_id role quote")


def _side(side_id, slug, name, wikidata):
    return None if side_id is None else {"id": side_id, "slug": slug, "name": name, "wikidata": wikidata}


def _figure(qualifier, value, value_max, as_of, wording=""):
    if qualifier is None or value is None:
        return None
    interval = interval_for(qualifier, value, value_max, settings.FIGURE_TOLERANCE)
    reading = format_figure(qualifier, value, value_max)
    return {
        "wording": wording or reading,
        "reading": reading,
        "qualifier": qualifier,
        "value": value,
        "value_max": value_max,
        "as_of": as_of,
        "interval": {
            "low": interval.low,
            "high": None if math.isinf(interval.high) else interval.high,
            "low_open": interval.low_open,
            "high_open": interval.high_open,
        },
    }


def _document(doc: Doc) -> dict:
    return {
        "id": doc.pk, "title": doc.title, "url": doc.url,
        "outlet": None if doc.outlet is None else {"id": doc.outlet.pk, "name": doc.outlet.name},
        "author": doc.author, "published_on": doc.published_on, "language": doc.language,
    }


def _next_link(base: str, page_size: int, rows: list, following) -> str:
    """Return the link DRF's CursorPagination gives after the first page `rows`, `following` the next row."""
    # DRF's rule: the last position on the page that differs from the next row's, and how many rows come after it.
    compare, offset, position = following[16], 0, None
    for row in reversed(rows):
        if row[16] != compare:
            position = row[16]
            break
        compare = row[16]
        offset += 1
    tokens = {"o": offset} if offset else {}
    if position is not None:
        tokens["p"] = str(position)
    cursor = base64.b64encode(urlencode(tokens).encode()).decode()
    return f"{base}?{urlencode({'contested': 'true', 'cursor': cursor, 'page_size': page_size})}"


def raw_claims_page(cursor, page_size: int, base: str = "http://testserver/api/claims/") -> dict:
    """Return the first page of contested claims as the API shows it, from three hand-written queries."""
    cursor.execute(CLAIMS_SQL, [page_size + 1])
    rows = cursor.fetchall()
    following = rows[page_size] if len(rows) > page_size else None
    rows = rows[:page_size]
    ids = [row[0] for row in rows]

    cursor.execute(CHAINS_SQL, [ids])
    seen, edges, documents = defaultdict(list), defaultdict(list), {}
    for claim_id, role, quote, _, citing, doc_id, title, url, author, published_on, language, o_id, o_name in (
        cursor.fetchall()
    ):
        if doc_id not in documents:
            outlet = None if o_id is None else Ref(o_id, o_name)
            documents[doc_id] = Doc(doc_id, title, url, outlet, author, published_on, language)
        if claim_id is None:
            edges[citing].append(doc_id)
        else:
            seen[claim_id].append(Seen(doc_id, role, quote))

    cursor.execute(FLAGS_SQL, {"ids": ids, "kinds": list(PUBLIC_KINDS)})
    flags = {claim_id: [] for claim_id in ids}
    for flag_id, a_id, b_id in cursor.fetchall():
        for claim_id in (a_id, b_id):
            if claim_id in flags:
                flags[claim_id].append(flag_id)

    results = []
    for row in rows:
        chain = _provenance(seen[row[0]], edges, documents)
        results.append({
            "id": row[0], "external_id": row[1],
            "topic": {"id": row[2], "slug": row[3], "name": row[4], "kind": row[5]},
            "claimant": {"id": row[6], "name": row[7], "kind": row[8], "role": row[9], "wikidata": row[35]},
            "side": _side(row[10], row[11], row[12], row[36]),
            "accused_side": _side(row[13], row[14], row[15], row[37]),
            "stated_on": row[16], "statement": row[17], "quote": row[18], "language": row[19],
            "translation": row[20], "attribution": row[21], "stance": row[22],
            "figure": _figure(row[23], row[24], row[25], row[26], row[34]),
            "status": row[27], "verdict": row[28], "retraction_reason": row[29], "contested": row[30],
            "contradictions": flags[row[0]],
            "provenance": [
                {"document": _document(link.document), "depth": link.depth, "role": link.role, "quote": link.quote,
                 "also_relays": [doc.pk for doc in link.also_relays]}
                for link in chain.links
            ],
            "origin_count": chain.origin_count,
            "version": row[31], "created_at": row[32], "updated_at": row[33],
        })
    link = _next_link(base, page_size, rows, following) if following else None
    return {"next": link, "previous": None, "results": results}


# -- views served by the benchmark's URLconf (bench/urls.py) -------------------------------------------------


def bare_ok(request):
    """The floor: Django's whole stack (middleware, transaction) and a JsonResponse, no database."""
    return JsonResponse({"ok": True})


def bare_claims(request):
    """The same page as the endpoint from raw SQL, as a bare Django view answering orjson bytes."""
    page_size = int(request.GET.get("page_size", 100))
    with connection.cursor() as cursor:
        body = raw_claims_page(cursor, page_size, base=request.build_absolute_uri(request.path))
    return HttpResponse(orjson.dumps(body), content_type="application/json")


class NaiveSideSerializer(serializers.ModelSerializer):
    class Meta:
        model = Side
        fields = ["id", "slug", "name"]


class NaiveTopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name", "kind"]


class NaiveActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "name", "kind", "role"]


class NaiveOutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name"]


class NaiveDocumentSerializer(serializers.ModelSerializer):
    outlet = NaiveOutletSerializer(allow_null=True)

    class Meta:
        model = Document
        fields = ["id", "title", "url", "outlet", "author", "published_on", "language"]


class NaiveChainLinkSerializer(serializers.Serializer):
    document = NaiveDocumentSerializer()
    depth = serializers.IntegerField()
    role = serializers.CharField()
    quote = serializers.CharField()
    also_relays = serializers.SerializerMethodField()

    def get_also_relays(self, link):
        return [document.pk for document in link.also_relays]


class NaiveClaimSerializer(serializers.ModelSerializer):
    topic = NaiveTopicSerializer()
    claimant = NaiveActorSerializer()
    side = NaiveSideSerializer()
    accused_side = NaiveSideSerializer(allow_null=True)
    figure = serializers.SerializerMethodField()
    contradictions = serializers.SerializerMethodField()
    provenance = serializers.SerializerMethodField()
    origin_count = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id", "external_id", "topic", "claimant", "side", "accused_side", "stated_on", "statement", "quote",
            "language", "translation", "attribution", "stance", "figure", "status", "verdict", "retraction_reason",
            "contested", "contradictions", "provenance", "origin_count", "version", "created_at", "updated_at",
        ]

    def get_figure(self, claim):
        return _figure(claim.qualifier, claim.value, claim.value_max, claim.as_of, claim.figure_wording)

    def get_contradictions(self, claim):
        return claim.contradiction_ids

    def get_provenance(self, claim):
        return NaiveChainLinkSerializer(claim.provenance.links, many=True).data

    def get_origin_count(self, claim):
        return claim.provenance.origin_count


class NaiveClaimList(ListAPIView):
    """GET /api/claims/ as most projects would write it: the same rows, nested ModelSerializers, stock JSON."""

    serializer_class = NaiveClaimSerializer
    filterset_class = ClaimFilter
    ordering = ("stated_on",)
    renderer_classes = [JSONRenderer]

    def get_queryset(self):
        return visibility.claims_visible(self.request.user).select_related("topic", "claimant", "side", "accused_side")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        ids = [claim.pk for claim in page]
        chains, flags = selectors.provenances_of(ids), selectors.contradiction_ids(ids, request.user)
        for claim in page:
            claim.provenance, claim.contradiction_ids = chains[claim.pk], flags[claim.pk]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
