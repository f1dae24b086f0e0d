"""The claim graph out (#21): /api/claims/<id>/graph/, /api/context.jsonld and export_graph, read with pyld."""

import datetime
import json
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pyld import jsonld

from claims.contradictions import contradictions_recompute_all
from claims.models import Claim, Contradiction
from claims.visibility import NOT_FOUND
from tests.api.conftest import data_queries
from tests.factories import AppearanceFactory, ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
CONTEXT_FILE = Path(__file__).resolve().parents[2] / "docs" / "claim-graph.context.jsonld"
SCHEMA, PROV, CT = "https://schema.org/", "http://www.w3.org/ns/prov#", "urn:claim-tracker:vocab:"


def claim_iri(claim):
    return f"{BASE}/claims/{claim.pk}/"


def api_iri(resource, obj):
    return f"{BASE}/api/{resource}/{obj.pk}/"


def nodes_of(body) -> dict:
    return {node["id"]: node for node in body["@graph"]}


def loader_for(client):
    """A pyld document loader that fetches the published @context through the test client, never the network."""
    def load(url, options=None):
        assert url == f"{BASE}/api/context.jsonld", url
        response = client.get("/api/context.jsonld")
        assert response.status_code == HTTPStatus.OK
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": json.loads(response.content)}
    return load


def test_the_public_graph_of_a_claim_carries_its_provenance_and_public_contradictions(api, world):
    """Armenia's published 2,300: the claim, its primary post and the relay quoting it, the mismatch with Azerbaijan."""
    w = world
    response = api.get(reverse("api:claim-graph", args=[w.am.pk]))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/ld+json")
    body = response.json()
    assert body["@context"] == f"{BASE}/api/context.jsonld"
    nodes = nodes_of(body)
    post, relay = api_iri("documents", w.post), api_iri("documents", w.relay)
    assert nodes[claim_iri(w.am)] == {
        "id": claim_iri(w.am), "type": "Claim", "text": "Armenia: 2,300 dead.",
        "author": api_iri("actors", w.mod_am), "side": api_iri("sides", w.armenia), "stance": "asserts",
        "figure": "2,300", "datePublished": "2020-10-22", "inLanguage": "hy", "status": "published",
        "appearance": [post, relay], "firstAppearance": post, "hadPrimarySource": [post],
    }
    assert nodes[post] == {"id": post, "type": "CreativeWork", "headline": "Casualty update",
                           "url": "https://mil.am/post-1", "datePublished": "2020-10-22", "inLanguage": "en",
                           "publisher": api_iri("outlets", w.ministry)}
    assert nodes[relay]["wasQuotedFrom"] == [post]
    assert nodes[api_iri("outlets", w.paper)] == {"id": api_iri("outlets", w.paper), "type": "Organization",
                                                  "name": "The Daily", "url": "https://daily.example.org/"}
    assert nodes[api_iri("actors", w.mod_am)] == {"id": api_iri("actors", w.mod_am), "type": "Organization",
                                                  "name": "Armenian Ministry of Defence",
                                                  "side": api_iri("sides", w.armenia)}
    flag = nodes[api_iri("contradictions", w.mismatch)]
    assert flag == {"id": api_iri("contradictions", w.mismatch), "type": ["Contradiction", "FigureMismatch"],
                    "between": [claim_iri(w.am), claim_iri(w.az)], "severity": w.mismatch.severity,
                    "explanation": w.mismatch.explanation, "reviewStatus": "open"}
    assert nodes[claim_iri(w.az)]["hadPrimarySource"] == [api_iri("documents", w.az_doc)]
    assert claim_iri(w.draft) not in nodes and api_iri("contradictions", w.draft_vs_az) not in nodes
    assert {n["type"] if isinstance(n["type"], str) else "flag" for n in nodes.values()} == {
        "Claim", "CreativeWork", "Organization", "Side", "flag"}


def test_the_graph_parses_expands_and_round_trips_with_pyld(api, world):
    """A standard JSON-LD processor reads it: expand gives schema.org and PROV-O IRIs; compact gives it back."""
    w = world
    body = api.get(reverse("api:claim-graph", args=[w.am.pk])).json()
    options = {"documentLoader": loader_for(api)}
    expanded = jsonld.expand(body, options)
    by_id = {node["@id"]: node for node in expanded}
    claim = by_id[claim_iri(w.am)]
    assert claim["@type"] == [f"{SCHEMA}Claim"]
    assert claim[f"{SCHEMA}text"] == [{"@value": "Armenia: 2,300 dead."}]
    assert claim[f"{PROV}hadPrimarySource"] == [{"@id": api_iri("documents", w.post)}]
    assert claim[f"{SCHEMA}datePublished"] == [{"@type": "http://www.w3.org/2001/XMLSchema#date",
                                                "@value": "2020-10-22"}]
    assert by_id[api_iri("documents", w.relay)][f"{PROV}wasQuotedFrom"] == [{"@id": api_iri("documents", w.post)}]
    flag = by_id[api_iri("contradictions", w.mismatch)]
    assert set(flag["@type"]) == {f"{CT}Contradiction", f"{CT}FigureMismatch"}
    assert flag[f"{CT}between"] == [{"@id": claim_iri(w.am)}, {"@id": claim_iri(w.az)}]
    compacted = jsonld.compact(expanded, body["@context"], options)
    assert sorted(compacted["@graph"], key=lambda n: n["id"]) == sorted(body["@graph"], key=lambda n: n["id"])


def test_the_published_context_is_the_one_in_docs(api):
    """/api/context.jsonld serves exactly docs/claim-graph.context.jsonld, to anyone."""
    response = api.get("/api/context.jsonld")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == json.loads(CONTEXT_FILE.read_text())


def test_unpublished_claims_are_the_same_404_as_missing_ones(api, editor_api, world):
    """The public cannot read a draft's graph; its editor can."""
    w = world
    missing = api.get(reverse("api:claim-graph", args=[999999]))
    draft = api.get(reverse("api:claim-graph", args=[w.draft.pk]))
    assert (missing.status_code, draft.status_code) == (HTTPStatus.NOT_FOUND, HTTPStatus.NOT_FOUND)
    assert draft.json()["detail"] == NOT_FOUND
    assert editor_api.get(reverse("api:claim-graph", args=[w.draft.pk])).status_code == HTTPStatus.OK


def _downward_revision(w):
    """The Armenian ministry lowers its own running toll: a downward revision, an integrity kind."""
    lower = ClaimFactory(topic=w.deaths, claimant=w.mod_am, side=w.armenia, stated_on=datetime.date(2020, 10, 26),
                         statement="Armenia: 2,000 dead.", qualifier="exact", value=2000, external_id="am-2000")
    contradictions_recompute_all()
    return lower, Contradiction.objects.get(kind="downward_revision")


def test_integrity_kinds_are_for_staff_only(api, reviewer_api, world):
    """A downward revision between two published claims shows to a reviewer, never to the public."""
    w = world
    lower, revision = _downward_revision(w)
    public = nodes_of(api.get(reverse("api:claim-graph", args=[lower.pk])).json())
    staff = nodes_of(reviewer_api.get(reverse("api:claim-graph", args=[lower.pk])).json())
    assert api_iri("contradictions", revision) not in public
    assert staff[api_iri("contradictions", revision)]["type"] == ["Contradiction", "DownwardRevision"]


def test_wikidata_ids_become_sameas_links(api, world):
    """An actor's, side's and outlet's QIDs are written as their Wikidata pages."""
    w = world
    for obj, qid in ((w.mod_am, "Q2862571"), (w.armenia, "Q399"), (w.ministry, "Q2862571")):
        obj.wikidata = qid
        obj.save(update_fields=["wikidata"])
    nodes = nodes_of(api.get(reverse("api:claim-graph", args=[w.am.pk])).json())
    assert nodes[api_iri("actors", w.mod_am)]["sameAs"] == "https://www.wikidata.org/wiki/Q2862571"
    assert nodes[api_iri("sides", w.armenia)]["sameAs"] == "https://www.wikidata.org/wiki/Q399"
    assert nodes[api_iri("outlets", w.ministry)]["sameAs"] == "https://www.wikidata.org/wiki/Q2862571"


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(data_queries(captured))


def test_query_count_does_not_grow_with_relays_or_contradictions(api, world):
    """Four queries whatever the number of relays and flags: claim, flags with their claims, chains, outlets' ids."""
    w = world
    url = reverse("api:claim-graph", args=[w.am.pk])
    assert queries_for(api, url) == 4
    for n in range(5):
        relay = DocumentFactory(title=f"Relay {n}", url=f"https://relay.example.org/{n}")
        relay.cites.add(w.post)
        AppearanceFactory(claim=w.am, document=relay, role="report")
        ClaimFactory(topic=w.deaths, claimant=w.mod_az, side=w.azerbaijan, stated_on=w.am.stated_on,
                     qualifier="more_than", value=6000 + n, external_id=f"az-more-{n}")
    contradictions_recompute_all()
    assert queries_for(api, url) == 4
    body = api.get(url).json()
    assert len([n for n in body["@graph"] if n.get("wasQuotedFrom") == [api_iri("documents", w.post)]]) == 6
    assert sum(1 for n in body["@graph"] if n["type"] == ["Contradiction", "FigureMismatch"]) == 6


def test_export_graph_writes_the_public_graph_that_pyld_reads_offline(tmp_path, world, reviewer):
    """The file carries its @context inline; the public export has no drafts; --user writes what that user sees."""
    public, staff = tmp_path / "public.jsonld", tmp_path / "staff.jsonld"
    out = StringIO()
    call_command("export_graph", str(public), "--base-url", "https://claims.example.org", stdout=out)
    document = json.loads(public.read_text())
    expanded = jsonld.expand(document)  # no loader: nothing to fetch
    claims = {node["@id"] for node in expanded if f"{SCHEMA}Claim" in node.get("@type", [])}
    published = Claim.objects.filter(status="published").values_list("pk", flat=True)
    assert claims == {f"https://claims.example.org/claims/{pk}/" for pk in published}
    assert "Wrote 4 claims and 2 contradictions" in out.getvalue()
    call_command("export_graph", str(staff), "--user", reviewer.username, stdout=StringIO())
    staff_claims = [n for n in json.loads(staff.read_text())["@graph"] if n["type"] == "Claim"]
    assert len(staff_claims) == Claim.objects.count()
