"""The API over the demo data set (`manage.py load_demo`): whole bodies of the key endpoints."""

import csv
import io

import pytest
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


DEATHS_2020 = "deaths-in-the-2020-nagorno-karabakh-war"
AZERBAIJANI_DEATHS = "azerbaijani-military-deaths-in-the-2020-nagorno-karabakh-war"


def test_disputes(api, demo):
    """The demo's disputes: the three figure gaps first, the largest on top, then the accusations, latest first."""
    body = api.get("/api/disputes/").json()
    assert [(d["topic"]["slug"], d["severity_label"], d["top_kind"], d["claim_count"]) for d in body["results"]] == [
        (DEATHS_2020, "4.5×", "figure_mismatch", 7),
        (AZERBAIJANI_DEATHS, "2.0×", "figure_mismatch", 6),
        ("deaths-in-the-missile-strike-on-barda-28-oct-2020", "1.2×", "figure_mismatch", 2),
        (CLASHES_2021, None, "counter_accusation", 2),
        ("azerbaijani-forces-struck-residential-areas-of-stepanakert-octnov-2020", None, "denial", 3),
        ("armenian-forces-fired-smerch-cluster-missiles-at-barda-on-28-oct-2020", None, "denial", 4),
        ("foreign-islamist-fighters-were-sent-to-fight-for-azerbaijan-in-2020", None, "denial", 3),
        (TERTER, None, "denial", 3),
        (CEASEFIRE, None, "counter_accusation", 5),
        ("violation-of-the-18-oct-2020-humanitarian-ceasefire", None, "counter_accusation", 2),
        ("armenian-forces-fired-a-missile-at-ganja-on-17-oct-2020", None, "denial", 2),
        ("violation-of-the-10-oct-2020-humanitarian-ceasefire", None, "counter_accusation", 3),
        ("armenian-forces-fired-missiles-at-mingachevir-and-aghjabadi-oct-2020", None, "denial", 2),
        ("missiles-were-fired-at-ganja-from-armenia-on-4-oct-2020", None, "denial", 3),
        ("nagorno-karabakh-forces-struck-a-military-airfield-in-ganja-on-4-oct-2020", None, "denial", 2),
        ("a-turkish-f-16-shot-down-an-armenian-su-25-over-armenia-on-29-sep-2020", None, "denial", 3),
        ("starting-the-fighting-on-27-sep-2020", None, "counter_accusation", 2),
    ]
    assert body["next"] is None
    assert body["results"][1] == {
        "topic": topic(AZERBAIJANI_DEATHS), "severity": pytest.approx(6109 * 0.9 / 2783),  # "some 6,109" from 5,498.1
        "severity_label": "2.0×",
        "gap_score": body["results"][1]["gap_score"], "top_kind": "figure_mismatch",
        "top_explanation": "Armenia (Armenian military sources, 19 Oct 2020): some 6,109 (read as about 6,109) — "
        "Azerbaijan (Azerbaijani Ministry of Defence, 3 Dec 2020): 2,783 — at least 2.0× apart.",
        "claim_count": 6, "latest_claim_on": "2021-06-02",
        "sides": [side("Armenia", "#e69f00"), side("Azerbaijan", "#56b4e9")],
    }


def test_contradictions(api, demo):
    """Putin's "nearing 5,000" against the confirmed toll of the same day, the flag with both claims in summary."""
    putin, app = claim("demo-putin-deaths-total"), claim("nk2020-total-app-below-1000-oct22")
    assert api.get(f"/api/contradictions/?topic={DEATHS_2020}").json() == {
        "next": None,
        "previous": None,
        "results": [
            {"id": flag("demo-putin-deaths-total", "nk2020-total-app-below-1000-oct22"), "topic": topic(DEATHS_2020),
             "kind": "figure_mismatch", "severity": 4.5, "severity_label": "4.5×", "gap_score": 2.314,
             "explanation": "Russia (Vladimir Putin, 22 Oct 2020): nearing 5,000 (read as nearly 5,000) — Independent "
             "(Associated Press of Pakistan, 22 Oct 2020): below one thousand (read as less than 1,000) — at least "
             "4.5× apart.", "status": "open",
             "claim_a": {**summary("demo-putin-deaths-total", claimant="Vladimir Putin", side_name="Russia",
                                   stated_on="2020-10-22", statement=putin.statement), "figure": "nearly 5,000"},
             "claim_b": {**summary("nk2020-total-app-below-1000-oct22", claimant="Associated Press of Pakistan",
                                   side_name="Independent", stated_on="2020-10-22", statement=app.statement),
                         "figure": "less than 1,000"}},
        ],
    }


def test_seed_contradictions(api, demo):
    """The seed's flag on the November 2021 clashes, with both claims in summary."""
    assert api.get(f"/api/contradictions/?topic={CLASHES_2021}").json() == {
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
        ],
    }


def test_integrity_flags_and_rulings_are_for_the_newsroom(api, reviewer_api, demo):
    """Anonymous readers see no integrity flag; a reviewer sees them with the demo reviewer's rulings and notes."""
    integrity = "/api/contradictions/?kind={kind}&ordering=id"
    for kind in ("conflicting_reports", "internal_inconsistency"):
        assert api.get(integrity.format(kind=kind)).json()["results"] == []
    ruled = [(c["kind"], c["status"], c["claim_a"]["id"], c["claim_b"]["id"])
             for kind in ("conflicting_reports", "internal_inconsistency")
             for c in reviewer_api.get(integrity.format(kind=kind)).json()["results"] if c["status"] != "open"]
    assert ruled == [
        ("conflicting_reports", "confirmed", claim("nk2020-aze-mil-hovhannisyan-3000-oct3").pk,
         claim("nk2020-aze-mil-hovhannisyan-2300-oct3").pk),
        ("internal_inconsistency", "dismissed", claim("nk2020-ganja17-deaths-pgo-12").pk,
         claim("nk2020-ganja17-deaths-emergency-13").pk),
    ]


def test_claimreview_of_a_rated_demo_claim(api, demo):
    """A rated claim's ClaimReview carries the reviewer's verdict, reasons and fact-check address; unrated is a 404."""
    rated = claim("nk2020-aze-mil-arka-6109-oct19")
    review = api.get(f"/api/claims/{rated.pk}/claimreview/").json()
    assert review["url"] == rated.verdict_url == (
        "https://www.anews.com.tr/world/2021/06/02/azerbaijan-lost-2900-soldiers-in-karabakh-war-defense-ministry/amp")
    assert review["reviewRating"] == {
        "@type": "Rating", "alternateName": "False", "ratingExplanation": rated.verdict_rationale,
        "ratingValue": 1, "bestRating": 5, "worstRating": 1,
    }
    assert review["itemReviewed"]["appearance"][0]["url"] == (
        "https://www.yerepouni-news.com/2020/10/19/artsrun-hovhannisyan-azerbaijani-troops-defeated-in-the-southern-"
        "direction-nine-uavs-downed/")
    unrated = claim("nk2020-arm-mil-58-sep28")
    assert api.get(f"/api/claims/{unrated.pk}/claimreview/").status_code == 404


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
    """contested=true lists the published claims in an open or confirmed dispute flag, in date order, and no other."""
    body = api.get("/api/claims/?contested=true&page_size=100").json()
    ids = [c["external_id"] for c in body["results"]]
    assert ids == list(Claim.objects.published().contested().order_by("stated_on", "id").values_list(
        "external_id", flat=True))
    assert len(ids) == 46
    assert {"demo-terter-azerbaijan-accuses", "demo-putin-deaths-total", "nk2020-aze-mil-2783-dec3",
            "nk2020-barda-armenia-denies"} <= set(ids)
    # Integrity flags alone (two relays, two voices of one side) make no claim contested; nor do claims in review.
    assert not {"nk2020-aze-mil-hovhannisyan-2300-oct3", "nk2020-arm-mil-2317-nov14",
                "nk2020-tochka-azerbaijan-accuses"} & set(ids)


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
