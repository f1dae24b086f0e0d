"""Build the claim graph of some claims as a user may read them: a constant number of queries for any number."""

import math

from django.db.models import Q

from claims.graph.context import KIND_CLASSES
from claims.models import Appearance
from claims.selectors import provenances_of
from claims.visibility import contradictions_visible
from sources.models import Actor, Outlet
from sources.wikidata import entity_url


class Addresses:
    """Absolute IRIs for the graph's nodes, on the site's own addresses."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def claim(self, pk):
        return f"{self.base}/claims/{pk}/"

    def api(self, resource: str, pk) -> str:
        return f"{self.base}/api/{resource}/{pk}/"


def _drop_empty(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def _same_as(qid: str) -> str | None:
    return entity_url(qid) or None


def _actor(actor: Actor, at: Addresses) -> dict:
    return _drop_empty({
        "id": at.api("actors", actor.pk),
        "type": "Person" if actor.kind == Actor.Kind.PERSON else "Organization",
        "name": actor.name,
        "jobTitle": actor.role if actor.kind == Actor.Kind.PERSON else None,
        "side": at.api("sides", actor.side_id),
        "sameAs": _same_as(actor.wikidata),
    })


def _side(side, at: Addresses) -> dict:
    return _drop_empty({"id": at.api("sides", side.pk), "type": "Side", "name": side.name,
                        "sameAs": _same_as(side.wikidata)})


def _claim_text(claim) -> str:
    return claim.statement or claim.translation or claim.quote or claim.figure_as_worded


def _chain(claim_id, provenance, at: Addresses, documents: dict, outlets: dict) -> tuple[list, list, list]:
    """Add the claim's documents to `documents`; return its appearances, primary sources and first appearance."""
    appearances, primary = [], []
    parents: list = []  # the chain's links by depth: the last link seen at each depth
    for link in provenance.links:
        doc = link.document
        node_id = at.api("documents", doc.pk)
        del parents[link.depth:]
        quoted = [at.api("documents", parents[-1].pk)] if parents else []
        quoted += [at.api("documents", other.pk) for other in link.also_relays]
        parents.append(doc)
        node = documents.get(node_id)
        if node is None:
            node = documents[node_id] = _drop_empty({
                "id": node_id,
                "type": "CreativeWork",
                "headline": doc.title,
                "url": doc.url,
                "datePublished": doc.published_on.isoformat() if doc.published_on else None,
                "inLanguage": doc.language,
                "publisher": at.api("outlets", doc.outlet.pk) if doc.outlet else None,
            })
            if doc.outlet is not None:
                outlets[doc.outlet.pk] = doc.outlet
        if quoted:
            known = node.setdefault("wasQuotedFrom", [])
            known.extend(q for q in quoted if q not in known)
        if link.role == Appearance.Role.PRIMARY:
            primary.append(node_id)
        if link.role in (Appearance.Role.PRIMARY, Appearance.Role.REPORT):
            appearances.append(node_id)
    first = primary[0] if primary else (appearances[0] if appearances else None)
    return appearances, primary, first


def _severity(value):
    if value is None:
        return None
    return "INF" if math.isinf(value) else value


def claim_graph(claims, *, user, base: str) -> dict:
    """Return the JSON-LD graph of these claims (a list, read through claims_visible) for `user`.

    Queries: the chains of all the claims (one), their visible contradictions with both claims
    (one), the outlets' Wikidata ids (one). Contradictions bring the other claim of each pair.
    """
    at = Addresses(base)
    claims = list(claims)
    by_id = {claim.pk: claim for claim in claims}
    flags = list(
        contradictions_visible(user)
        .filter(Q(claim_a__in=list(by_id)) | Q(claim_b__in=list(by_id)))
        .select_related("claim_a__claimant__side", "claim_a__side", "claim_b__claimant__side", "claim_b__side")
        .order_by("id")
    ) if by_id else []
    for flag in flags:
        for other in (flag.claim_a, flag.claim_b):
            by_id.setdefault(other.pk, other)
    chains = provenances_of(list(by_id))
    nodes, documents, outlets, actors, sides = [], {}, {}, {}, {}
    for claim in by_id.values():
        appearances, primary, first = _chain(claim.pk, chains[claim.pk], at, documents, outlets)
        actors.setdefault(claim.claimant_id, claim.claimant)
        for side in (claim.side, claim.claimant.side, claim.accused_side):
            if side is not None:
                sides.setdefault(side.pk, side)
        nodes.append(_drop_empty({
            "id": at.claim(claim.pk),
            "type": "Claim",
            "text": _claim_text(claim),
            "author": at.api("actors", claim.claimant_id),
            "side": at.api("sides", claim.side_id),
            "accusedSide": at.api("sides", claim.accused_side_id) if claim.accused_side_id else None,
            "stance": claim.stance,
            "figure": getattr(claim, "figure_wording", "") or claim.figure_text or None,
            "datePublished": claim.stated_on.isoformat(),
            "inLanguage": claim.language if claim.quote else None,
            "status": claim.status,
            "appearance": appearances,
            "firstAppearance": first,
            "hadPrimarySource": primary,
        }))
    wikidata = dict(Outlet.objects.filter(pk__in=list(outlets)).values_list("pk", "wikidata")) if outlets else {}
    for pk, outlet in outlets.items():
        nodes.append(_drop_empty({"id": at.api("outlets", pk), "type": "Organization", "name": outlet.name,
                                  "url": outlet.url, "sameAs": _same_as(wikidata.get(pk, ""))}))
    nodes.extend(documents.values())
    nodes.extend(_actor(actor, at) for actor in actors.values())
    nodes.extend(_side(side, at) for side in sides.values())
    for flag in flags:
        nodes.append(_drop_empty({
            "id": at.api("contradictions", flag.pk),
            "type": ["Contradiction", KIND_CLASSES[flag.kind]],
            "between": [at.claim(flag.claim_a_id), at.claim(flag.claim_b_id)],
            "severity": _severity(flag.severity),
            "explanation": flag.explanation,
            "reviewStatus": flag.status,
        }))
    return {"@graph": nodes}
