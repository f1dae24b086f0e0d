"""GET /api/contradictions/ and /api/contradictions/<id>/."""

import csv
import io
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.contradictions import contradiction_dismiss, contradictions_recompute_topic
from claims.visibility import NOT_FOUND
from tests.api.conftest import data_queries, denial_body, mismatch_body
from tests.factories import ClaimFactory, TopicFactory

URL = "/api/contradictions/"


def ids(response) -> list[int]:
    return [flag["id"] for flag in response.json()["results"]]


def test_public_flags_ranked(api, world):
    """The public sees the live flags of public kinds between published claims, largest first, in full."""
    response = api.get(URL)
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"next": None, "previous": None, "results": [mismatch_body(world), denial_body(world)]}


def test_editor_sees_flags_on_drafts(editor_api, world):
    """Editors see every flag between claims they may read."""
    w = world
    assert ids(editor_api.get(URL)) == [w.draft_vs_review.pk, w.mismatch.pk, w.draft_vs_az.pk, w.denial.pk]


def test_dismissed_flags_are_for_staff_only(api, reviewer_api, reviewer, world):
    """A dismissed flag leaves the public list; reviewers still find it, with its status."""
    contradiction_dismiss(contradiction=world.mismatch, user=reviewer, note="Different counts.")
    assert ids(api.get(URL)) == [world.denial.pk]
    assert api.get(f"{URL}{world.mismatch.pk}/").status_code == HTTPStatus.NOT_FOUND
    body = reviewer_api.get(f"{URL}?status=dismissed").json()["results"]
    assert [(flag["id"], flag["status"]) for flag in body] == [(world.mismatch.pk, "dismissed")]


def test_integrity_flags_are_not_public(api, editor_api, world):
    """Internal inconsistencies are for editors, even between published claims."""
    ClaimFactory(topic=world.deaths, claimant=world.aliyev, side=world.azerbaijan, value=100, statement="100.")
    contradictions_recompute_topic(topic=world.deaths)
    assert "internal_inconsistency" not in {flag["kind"] for flag in api.get(URL).json()["results"]}
    assert "internal_inconsistency" in {flag["kind"] for flag in editor_api.get(URL).json()["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=shelling-of-terter", ["denial"]),
        ("kind=figure_mismatch", ["mismatch"]),
        ("kind=downward_revision", []),
        ("status=open", ["mismatch", "denial"]),
        ("status=confirmed", []),
        ("side=armenia", ["mismatch", "denial"]),
        ("side=russia", []),
        ("ordering=id", ["mismatch", "denial"]),
        ("ordering=-id", ["denial", "mismatch"]),
        ("ordering=severity", ["denial", "mismatch"]),
    ],
)
def test_filters_and_ordering(api, world, query, expected):
    """Each filter narrows the list; `ordering=severity` puts propositions (no severity) first."""
    assert ids(api.get(f"{URL}?{query}")) == [getattr(world, name).pk for name in expected]


def test_claim_filter(api, world):
    """`claim` lists the flags involving one claim."""
    assert ids(api.get(f"{URL}?claim={world.deny.pk}")) == [world.denial.pk]


@pytest.mark.parametrize(("query", "field"), [("kind=spat", "kind"), ("status=closed", "status"), ("claim=x", "claim"),
                                              ("ordering=kind", "ordering")])
def test_bad_filters(api, world, query, field):
    """An unreadable filter is a 400 naming it."""
    response = api.get(f"{URL}?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == [field]


@pytest.fixture
def infinite(world):
    topic = TopicFactory(name="Civilian deaths, Shusha", slug="civilian-deaths-shusha")
    ClaimFactory(topic=topic, claimant=world.mod_am, side=world.armenia, value=0, statement="No one died.")
    ClaimFactory(topic=topic, claimant=world.mod_az, side=world.azerbaijan, value=12, statement="Twelve died.")
    contradictions_recompute_topic(topic=topic)
    return topic


def test_infinite_severity(api, world, infinite):
    """DESIGN §10: infinite is null with "∞" in JSON, "inf" in CSV; propositions have neither."""
    first = api.get(URL).json()["results"][0]
    assert (first["topic"]["slug"], first["severity"], first["severity_label"]) == ("civilian-deaths-shusha", None, "∞")
    rows = list(csv.DictReader(io.StringIO(api.get(f"{URL}?format=csv").content.decode())))
    assert [(row["topic_slug"], row["severity"], row["severity_label"]) for row in rows] == [
        ("civilian-deaths-shusha", "inf", "∞"),
        ("military-deaths-armenia", str(5000 / 2300), "2.2×"),
        ("shelling-of-terter", "", ""),
    ]


def test_infinite_severity_survives_cursor_pages(api, world, infinite):
    """Paging one flag at a time walks infinite, finite, then propositions."""
    kinds, page = [], f"{URL}?page_size=1"
    while page:
        body = api.get(page).json()
        kinds += [(flag["topic"]["slug"], flag["severity_label"]) for flag in body["results"]]
        page = body["next"]
    assert kinds == [("civilian-deaths-shusha", "∞"), ("military-deaths-armenia", "2.2×"), ("shelling-of-terter", None)]


def test_csv(api, world):
    """The CSV columns of the contradictions list."""
    rows = list(csv.reader(io.StringIO(api.get(f"{URL}?format=csv").content.decode())))
    w = world
    assert rows == [
        ["id", "topic", "topic_slug", "kind", "severity", "severity_label", "gap_score", "explanation", "status",
         "claim_a", "claim_a_side", "claim_a_claimant", "claim_a_figure",
         "claim_b", "claim_b_side", "claim_b_claimant", "claim_b_figure"],
        [str(w.mismatch.pk), "Military deaths, Armenia", "military-deaths-armenia", "figure_mismatch",
         str(5000 / 2300), "2.2×", "1.157", mismatch_body(w)["explanation"], "open",
         str(w.am.pk), "Armenia", "Armenian Ministry of Defence", "2,300",
         str(w.az.pk), "Azerbaijan", "Azerbaijani Ministry of Defence", "more than 5,000"],
        [str(w.denial.pk), "Shelling of Terter", "shelling-of-terter", "denial",
         "", "", "", denial_body(w)["explanation"], "open",
         str(w.accuse.pk), "Azerbaijan", "Ilham Aliyev", "",
         str(w.deny.pk), "Armenia", "Armenian Ministry of Defence", ""],
    ]


def test_detail(api, world):
    """One flag, in full."""
    response = api.get(f"{URL}{world.denial.pk}/")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == denial_body(world)


def test_a_flag_on_a_draft_is_404_for_the_public(api, editor_api, world):
    """The public cannot see a flag touching an unpublished claim; its editor can."""
    assert api.get(f"{URL}{world.draft_vs_az.pk}/").json() == {"detail": NOT_FOUND}
    assert editor_api.get(f"{URL}{world.draft_vs_az.pk}/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("page_size", [1, 50])
def test_query_budget(api, world, infinite, page_size):
    """DESIGN §10: the list is one query whatever the page size, and so is one flag."""
    with CaptureQueriesContext(connection) as captured:
        api.get(f"{URL}?page_size={page_size}")
        api.get(f"{URL}{world.mismatch.pk}/")
    assert len(data_queries(captured)) == 2
