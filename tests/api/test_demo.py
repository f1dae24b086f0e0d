"""The API over the demo data set (`manage.py load_demo`): whole bodies of the key endpoints."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Contradiction, Topic
from sources.models import Actor, Document, Side
from tests.api.conftest import data_queries

TERTER = "armenian-forces-shelled-terter-after-the-26-oct-2020-ceasefire-took-effect"
CEASEFIRE = "violation-of-the-26-oct-2020-ceasefire"
CLASHES_2021 = "triggering-the-november-2021-clashes-on-armenias-eastern-border"


def side(name, colour=None) -> dict:
    found = Side.objects.get(name=name)
    body = {"id": found.pk, "slug": found.slug, "name": name, "wikidata": found.wikidata}
    return {**body, "colour": colour} if colour else body


def topic(slug) -> dict:
    found = Topic.objects.get(slug=slug)
    return {"id": found.pk, "slug": slug, "name": found.name, "kind": found.kind}


def claim(external_id) -> Claim:
    return Claim.objects.get(external_id=external_id)


def summary(external_id, *, claimant, side_name, statement, stance="asserts", stated_on="2020-10-26") -> dict:
    return {"id": claim(external_id).pk, "claimant": {"id": Actor.objects.get(name=claimant).pk, "name": claimant},
            "side": side(side_name), "stated_on": stated_on, "statement": statement, "stance": stance, "figure": None,
            "status": "published"}


def flag(external_a, external_b) -> int:
    return Contradiction.objects.get(claim_a=claim(external_a), claim_b=claim(external_b)).pk


def test_disputes(api, demo):
    """The demo's three disputes are propositions; the most recent ranks first."""
    both = [side("Armenia", "#e69f00"), side("Azerbaijan", "#56b4e9")]
    assert api.get("/api/disputes/").json() == {
        "next": None,
        "previous": None,
        "results": [
            {"topic": topic(CLASHES_2021), "severity": None, "severity_label": None,
             "gap_score": None, "top_kind": "counter_accusation",
             "top_explanation": "Armenia (Government of Armenia, 16 Nov 2021) blames Azerbaijan; Azerbaijan "
             "(Government of Azerbaijan, 16 Nov 2021) blames Armenia.", "claim_count": 2,
             "latest_claim_on": "2021-11-16", "sides": both},
            {"topic": topic(TERTER), "severity": None, "severity_label": None,
             "gap_score": None, "top_kind": "denial",
             "top_explanation": "Azerbaijan (Azeri officials, 26 Oct 2020) accuses Armenia; Armenia (Armenian "
             "officials, 26 Oct 2020) denies it.", "claim_count": 2, "latest_claim_on": "2020-10-26", "sides": both},
            {"topic": topic(CEASEFIRE), "severity": None, "severity_label": None,
             "gap_score": None, "top_kind": "counter_accusation",
             "top_explanation": "Azerbaijan (Azeri officials, 26 Oct 2020) blames Armenia; Armenia (Armenian "
             "officials, 26 Oct 2020) blames Azerbaijan.", "claim_count": 2, "latest_claim_on": "2020-10-26",
             "sides": both},
        ],
    }


def test_contradictions(api, demo):
    """The demo's flags, each with both claims in summary."""
    assert api.get("/api/contradictions/?ordering=-id").json() == {
        "next": None,
        "previous": None,
        "results": [
            {"id": flag("demo-2021-armenia-blames-azerbaijan", "demo-2021-azerbaijan-blames-armenia"),
             "topic": topic(CLASHES_2021), "kind": "counter_accusation", "severity": None, "severity_label": None,
             "gap_score": None,
             "explanation": "Armenia (Government of Armenia, 16 Nov 2021) blames Azerbaijan; Azerbaijan (Government "
             "of Azerbaijan, 16 Nov 2021) blames Armenia.", "status": "open",
             "claim_a": summary("demo-2021-armenia-blames-azerbaijan", claimant="Government of Armenia",
                                side_name="Armenia", stated_on="2021-11-16",
                                statement="Azerbaijan triggered the new round of tension on Armenia's eastern border."),
             "claim_b": summary("demo-2021-azerbaijan-blames-armenia", claimant="Government of Azerbaijan",
                                side_name="Azerbaijan", stated_on="2021-11-16",
                                statement="Armenia triggered the new round of tension on the border.")},
            {"id": flag("demo-ceasefire-azerbaijan-accuses-armenia", "demo-ceasefire-armenia-accuses-azerbaijan"),
             "topic": topic(CEASEFIRE), "kind": "counter_accusation", "severity": None, "severity_label": None,
             "gap_score": None,
             "explanation": "Azerbaijan (Azeri officials, 26 Oct 2020) blames Armenia; Armenia (Armenian officials, "
             "26 Oct 2020) blames Azerbaijan.", "status": "open",
             "claim_a": summary("demo-ceasefire-azerbaijan-accuses-armenia", claimant="Azeri officials",
                                side_name="Azerbaijan", statement="Armenia broke the ceasefire only minutes after it "
                                "took effect, by shelling Terter."),
             "claim_b": summary("demo-ceasefire-armenia-accuses-azerbaijan", claimant="Armenian officials",
                                side_name="Armenia", statement="Azeri artillery fired on Armenian troops after the "
                                "ceasefire took effect.")},
            {"id": flag("demo-terter-azerbaijan-accuses", "demo-terter-armenia-denies"),
             "topic": topic(TERTER), "kind": "denial", "severity": None, "severity_label": None,
             "gap_score": None,
             "explanation": "Azerbaijan (Azeri officials, 26 Oct 2020) accuses Armenia; Armenia (Armenian officials, "
             "26 Oct 2020) denies it.", "status": "open",
             "claim_a": summary("demo-terter-azerbaijan-accuses", claimant="Azeri officials", side_name="Azerbaijan",
                                statement="Armenian forces shelled the town of Terter only minutes after the "
                                "ceasefire took effect, in gross violation of it."),
             "claim_b": summary("demo-terter-armenia-denies", claimant="Armenian officials", side_name="Armenia",
                                stance="denies",
                                statement="Armenian forces did not shell Terter after the ceasefire took effect.")},
        ],
    }


def test_one_demo_claim(api, demo):
    """Azerbaijan's Terter accusation, in full, relayed by the WSWS article."""
    accusation = claim("demo-terter-azerbaijan-accuses")
    wsws = Document.objects.get(title="Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses")
    assert api.get(f"/api/claims/{accusation.pk}/").json() == {
        "id": accusation.pk,
        "external_id": "demo-terter-azerbaijan-accuses",
        "topic": topic(TERTER),
        "claimant": {"id": Actor.objects.get(name="Azeri officials").pk, "name": "Azeri officials",
                     "kind": "unnamed_group", "role": "", "wikidata": ""},
        "side": side("Azerbaijan"),
        "accused_side": side("Armenia"),
        "stated_on": "2020-10-26",
        "statement": "Armenian forces shelled the town of Terter only minutes after the ceasefire took effect, in "
        "gross violation of it.",
        "quote": "gross violation",
        "language": "en",
        "translation": "",
        "attribution": "paraphrase",
        "stance": "asserts",
        "figure": None,
        "status": "published",
        "verdict": "unrated",
        "retraction_reason": "",
        "contested": True,
        "contradictions": [flag("demo-terter-azerbaijan-accuses", "demo-terter-armenia-denies")],
        "provenance": [
            {"document": {"id": wsws.pk, "title": wsws.title, "url": None,
                          "outlet": {"id": wsws.outlet_id, "name": "World Socialist Web Site"},
                          "author": "Alex Lantier", "published_on": "2020-10-30", "language": "en"},
             "depth": 0, "role": "report", "quote": "", "also_relays": []},
        ],
        "origin_count": 1,
        "version": accusation.version,
        "created_at": accusation.created_at.isoformat(),
        "updated_at": accusation.updated_at.isoformat(),
        "actions": [],  # an anonymous reader makes no moves
    }


def test_contested_claims(api, demo):
    """contested=true lists the six claims of the three disputes, in date order."""
    body = api.get("/api/claims/?contested=true").json()
    assert [c["external_id"] for c in body["results"]] == [
        "demo-terter-azerbaijan-accuses", "demo-ceasefire-azerbaijan-accuses-armenia", "demo-terter-armenia-denies",
        "demo-ceasefire-armenia-accuses-azerbaijan", "demo-2021-armenia-blames-azerbaijan",
        "demo-2021-azerbaijan-blames-armenia",
    ]


def test_every_published_claim_pages_through(api, demo):
    """Following `next` pages of ten yields every published claim once, in (stated_on, id) order."""
    seen, page = [], "/api/claims/?page_size=10"
    while page:
        body = api.get(page).json()
        seen += [c["id"] for c in body["results"]]
        page = body["next"]
    assert seen == list(Claim.objects.published().order_by("stated_on", "id").values_list("pk", flat=True))


def test_csv_has_a_row_per_published_claim(api, demo):
    """The CSV of the whole demo has a header and a row per published claim."""
    rows = list(csv.DictReader(io.StringIO(api.get("/api/claims/?format=csv&page_size=500").content.decode())))
    assert [row["external_id"] for row in rows] == list(
        Claim.objects.published().order_by("stated_on", "id").values_list("external_id", flat=True))


def test_query_budget_over_the_demo(api, demo):
    """DESIGN §10: the whole demo in one page is still 3 queries, one dispute 5, the disputes 2."""
    for url, expected in [("/api/claims/?page_size=500", 3), (f"/api/disputes/{TERTER}/", 5), ("/api/disputes/", 2),
                          ("/api/contradictions/", 1), ("/api/documents/?page_size=500", 2)]:
        with CaptureQueriesContext(connection) as captured:
            api.get(url)
        assert len(data_queries(captured)) == expected, url
