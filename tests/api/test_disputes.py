"""GET /api/disputes/ (ranked) and /api/disputes/<slug>/ (side by side)."""

import csv
import io
from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.contradictions import contradictions_recompute_topic
from claims.selectors import DISPUTE_PAGE_SIZE
from claims.visibility import NOT_FOUND
from tests.api.conftest import am_body, az_body, data_queries, denial_body, mismatch_body, topic_ref
from tests.factories import ClaimFactory, SideFactory, TopicFactory
from tests.pages.conftest import claim_order, make_big_topic

URL = "/api/disputes/"


def sides(w):
    return [
        {"id": w.armenia.pk, "slug": "armenia", "name": "Armenia", "wikidata": "", "colour": "#d90012"},
        {"id": w.azerbaijan.pk, "slug": "azerbaijan", "name": "Azerbaijan", "wikidata": "", "colour": "#00b5e2"},
    ]


@pytest.fixture
def infinite(world):
    """A topic where Armenia says no one died and Azerbaijan says twelve: infinitely far apart."""
    topic = TopicFactory(name="Civilian deaths, Shusha", slug="civilian-deaths-shusha")
    ClaimFactory(topic=topic, claimant=world.mod_am, side=world.armenia, value=0, statement="No one died.")
    ClaimFactory(topic=topic, claimant=world.mod_az, side=world.azerbaijan, value=12, statement="Twelve died.")
    contradictions_recompute_topic(topic=topic)
    return topic


def test_disputes_ranked_for_the_public(api, world):
    """Disputes come largest gap score first, propositions after figures, each with its sides and largest flag."""
    response = api.get(URL)
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {
        "next": None,
        "previous": None,
        "results": [
            {
                "topic": topic_ref(world.deaths),
                "severity": 5000 / 2300,
                "severity_label": "2.2×",
                "gap_score": 1.157,
                "top_kind": "figure_mismatch",
                "top_explanation": mismatch_body(world)["explanation"],
                "claim_count": 2,
                "latest_claim_on": "2020-10-22",
                "sides": sides(world),
            },
            {
                "topic": topic_ref(world.shelling),
                "severity": None,
                "severity_label": None,
                "gap_score": None,
                "top_kind": "denial",
                "top_explanation": denial_body(world)["explanation"],
                "claim_count": 2,
                "latest_claim_on": "2020-10-27",
                "sides": sides(world),
            },
        ],
    }


def test_infinite_severity_ranks_first_as_null_with_its_label(api, world, infinite):
    """DESIGN §10: an infinite severity is null in JSON with the label "∞"; "0 vs 12" (gap score 1.241) ranks above
    "2,300 vs more than 5,000" (1.157) by the gap score beside it."""
    results = api.get(URL).json()["results"]
    assert [d["topic"]["slug"] for d in results] == [
        "civilian-deaths-shusha", "military-deaths-armenia", "shelling-of-terter"]
    assert [(d["severity_label"], d["gap_score"]) for d in results] == [("∞", 1.241), ("2.2×", 1.157), (None, None)]
    assert (results[0]["severity"], results[0]["severity_label"]) == (None, "∞")


def test_pages_of_one_keep_the_ranking(api, world, infinite):
    """The cursor walks the ranking (infinite, finite, proposition) one dispute at a time."""
    slugs, page = [], f"{URL}?page_size=1"
    while page:
        body = api.get(page).json()
        slugs += [d["topic"]["slug"] for d in body["results"]]
        page = body["next"]
    assert slugs == ["civilian-deaths-shusha", "military-deaths-armenia", "shelling-of-terter"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=Terter", ["shelling-of-terter"]),
        ("q=soldiers", ["military-deaths-armenia"]),
        ("side=azerbaijan", ["military-deaths-armenia", "shelling-of-terter"]),
        ("side=russia", []),
        ("kind=denial", ["shelling-of-terter"]),
        ("kind=downward_revision", []),
        ("q=&side=&kind=", ["military-deaths-armenia", "shelling-of-terter"]),
    ],
)
def test_filters(api, world, query, expected):
    """`q`, `side` and `kind` narrow the disputes; empty values are ignored."""
    assert [d["topic"]["slug"] for d in api.get(f"{URL}?{query}").json()["results"]] == expected


@pytest.mark.parametrize(("query", "field", "reason"), [
    ("kind=quarrel", "kind", "Unknown kind 'quarrel'; expected one of figure_mismatch, internal_inconsistency, "
                             "conflicting_reports, downward_revision, denial, counter_accusation (value or label, "
                             "any case)"),
    ("side=not a slug", "side", 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
])
def test_bad_filters_are_a_400(api, world, query, field, reason):
    """An unreadable filter is a 400 naming it."""
    response = api.get(f"{URL}?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {field: [reason]}


def test_editor_sees_disputes_among_drafts(editor_api, world):
    """For an editor the death toll's largest gap is the one between a draft and a claim in review."""
    first = editor_api.get(URL).json()["results"][0]
    assert (first["severity_label"], first["claim_count"]) == ("2.3×", 5)


def test_csv(api, world, infinite):
    """CSV writes "inf" for an infinite severity and leaves propositions' severity empty."""
    response = api.get(f"{URL}?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["topic", "topic_slug", "topic_kind", "severity", "severity_label", "gap_score", "top_kind",
                       "top_explanation",
                       "claim_count", "latest_claim_on", "sides"]
    assert [row[:7] + row[8:] for row in rows[1:]] == [
        ["Civilian deaths, Shusha", "civilian-deaths-shusha", "figure", "inf", "∞", "1.241", "figure_mismatch", "2",
         "2020-10-22", "Armenia; Azerbaijan"],
        ["Military deaths, Armenia", "military-deaths-armenia", "figure", str(5000 / 2300), "2.2×", "1.157",
         "figure_mismatch", "2", "2020-10-22", "Armenia; Azerbaijan"],
        ["Shelling of Terter", "shelling-of-terter", "proposition", "", "", "", "denial", "2", "2020-10-27",
         "Armenia; Azerbaijan"],
    ]


def test_list_query_budget(api, world, infinite):
    """DESIGN §10: the disputes list is 2 queries (ranked topics, their sides)."""
    with CaptureQueriesContext(connection) as captured:
        api.get(URL)
    assert len(data_queries(captured)) == 2


def test_one_dispute_side_by_side(api, world):
    """A dispute is its topic, a column of claims per side, and its flags, largest first."""
    response = api.get(f"{URL}military-deaths-armenia/")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {
        "topic": {
            **topic_ref(world.deaths),
            "description": "",
            "metric": "military deaths",
            "counted_side": {"id": world.armenia.pk, "slug": "armenia", "name": "Armenia", "wikidata": ""},
            "cumulative": True,
            "window_days": 2,
        },
        "severity": 5000 / 2300,
        "severity_label": "2.2×",
        "gap_score": 1.157,
        "claim_count": 2,
        "earlier": None,
        "later": None,
        "sides": [
            {"side": sides(world)[0], "claim_count": 1, "claims": [am_body(world)]},
            {"side": sides(world)[1], "claim_count": 1, "claims": [az_body(world)]},
        ],
        "contradictions": [mismatch_body(world)],
        "more_contradictions": False,
    }


def test_one_dispute_for_an_editor_has_the_drafts(editor_api, world):
    """An editor's side-by-side view holds the claims they may read and the flags between them."""
    body = editor_api.get(f"{URL}military-deaths-armenia/").json()
    columns = {column["side"]["slug"]: [c["external_id"] for c in column["claims"]] for column in body["sides"]}
    assert columns == {"armenia": ["retracted", "am-2300", "draft"], "azerbaijan": ["az-5000", "review"]}
    assert [flag["id"] for flag in body["contradictions"]] == [
        world.draft_vs_review.pk, world.mismatch.pk, world.draft_vs_az.pk]


@pytest.mark.parametrize("slug", ["no-such-topic", "drones-lost"])
def test_missing_or_unpublished_dispute_is_404(api, world, slug):
    """An unknown topic, or one with no published claim, is the same JSON 404 for the public."""
    response = api.get(f"{URL}{slug}/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": NOT_FOUND}


def test_reviewer_reads_a_topic_of_drafts(reviewer_api, world):
    """Reviewers see the side-by-side view of a topic that has only drafts."""
    assert reviewer_api.get(f"{URL}drones-lost/").status_code == HTTPStatus.OK


def test_detail_query_budget(api, world):
    """DESIGN §10: one dispute is 5 queries (topic, its sides, a page of claims, their flags, provenance chains)."""
    with CaptureQueriesContext(connection) as captured:
        api.get(f"{URL}military-deaths-armenia/")
    assert len(data_queries(captured)) == 5


# -- a topic too long for one response (issue #8) -----------------------------------------------------------


@pytest.fixture
def big(db):
    """A topic of 520 published claims by three sides (and five drafts), with flags across its pages."""
    three = SimpleNamespace(armenia=SideFactory(name="Armenia"), azerbaijan=SideFactory(name="Azerbaijan"),
                            russia=SideFactory(name="Russia"))
    return make_big_topic(three)


def claim_ids(body) -> list[int]:
    return [claim["id"] for column in body["sides"] for claim in column["claims"]]


def test_a_long_dispute_comes_a_page_at_a_time(api, big):
    """The latest page of claims, every side's column with its count, the topic's count and a link to earlier claims."""
    order = claim_order(big)
    with CaptureQueriesContext(connection) as captured:
        body = api.get(f"{URL}big-toll/").json()
    assert len(data_queries(captured)) == 5
    assert sorted(claim_ids(body), key=order.index) == order[-DISPUTE_PAGE_SIZE:]
    assert body["claim_count"] == 520
    assert [column["claim_count"] for column in body["sides"]] == [
        big.claims.filter(status="published", side__name=name).count() for name in ("Armenia", "Azerbaijan", "Russia")]
    assert body["later"] is None
    assert body["earlier"].startswith("http://testserver/api/disputes/big-toll/?before=")
    shown = set(claim_ids(body))
    assert body["contradictions"]
    assert all(flag["claim_a"]["id"] in shown or flag["claim_b"]["id"] in shown for flag in body["contradictions"])


def test_earlier_and_later_reach_every_claim_exactly_once(api, big):
    """Following `earlier` to the first page and `later` back, every public claim comes once, in order."""
    order = claim_order(big)
    pages, url = [], f"{URL}big-toll/"
    while url:
        body = api.get(url).json()
        pages.append(sorted(claim_ids(body), key=order.index))
        url = body["earlier"]
    full, rest = divmod(520, DISPUTE_PAGE_SIZE)
    assert [len(ids) for ids in pages] == [DISPUTE_PAGE_SIZE] * full + ([rest] if rest else [])
    assert [pk for ids in reversed(pages) for pk in ids] == order
    forwards, url = [pages[-1]], body["later"]
    while url:
        assert "before=" not in url
        body = api.get(url).json()
        forwards.append(sorted(claim_ids(body), key=order.index))
        url = body["later"]
    assert [pk for ids in forwards for pk in ids] == order


@pytest.mark.parametrize(("query", "field"), [
    ("before=abc", "before"),
    ("after=2020-02-30.4", "after"),
    ("after=2020-10-22.x", "after"),
    ("before=2020-10-22.1&after=2020-10-22.2", "after"),
])
def test_bad_positions_are_a_400_naming_the_parameter(api, big, query, field):
    response = api.get(f"{URL}big-toll/?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == [field]


def test_a_position_beyond_the_last_claim_is_404(api, big):
    response = api.get(f"{URL}big-toll/?after=2100-01-01.1")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "No claims on “big-toll” that you may read lie beyond that position."}
