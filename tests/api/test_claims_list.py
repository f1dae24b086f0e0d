"""GET /api/claims/: visibility, every filter, ordering, cursor pagination, CSV and the query budget."""

import base64
import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims.contradictions import contradictions_recompute_all
from claims.models import Appearance
from tests.api.conftest import accuse_body, am_body, az_body, data_queries, deny_body
from tests.factories import AppearanceFactory, ClaimFactory, DocumentFactory, SideFactory, TopicFactory

URL = "/api/claims/"


def ids(response) -> list[int]:
    return [claim["id"] for claim in response.json()["results"]]


def test_anonymous_list_is_the_published_claims_in_full(api, world):
    """The public gets every published claim, in date order, each with figure, provenance and flags."""
    response = api.get(URL)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "next": None,
        "previous": None,
        "results": [am_body(world), az_body(world), accuse_body(world), deny_body(world)],
    }


def test_editor_sees_own_drafts_and_everything_in_review_but_not_others_drafts(editor_api, world):
    """An editor reads their own draft, the claims in review and retracted ones; another editor's draft stays hidden."""
    response = editor_api.get(URL)
    w = world
    assert ids(response) == [w.retracted.pk, w.am.pk, w.az.pk, w.draft.pk, w.in_review.pk, w.accuse.pk, w.deny.pk]


def test_editor_sees_flags_between_unpublished_claims(editor_api, world):
    """For an editor, a claim's contradictions include the flags against drafts; the public sees none of them."""
    body = {claim["id"]: claim for claim in editor_api.get(URL).json()["results"]}
    assert body[world.az.pk]["contradictions"] == [world.mismatch.pk, world.draft_vs_az.pk]
    assert body[world.draft.pk]["contradictions"] == [world.draft_vs_az.pk, world.draft_vs_review.pk]
    assert body[world.draft.pk]["contested"] is False


def test_reviewer_sees_every_claim(reviewer_api, world):
    """Reviewers read all claims, other editors' drafts included."""
    assert len(reviewer_api.get(URL).json()["results"]) == 8


def test_signed_in_user_without_editor_rights_reads_like_the_public(reader_api, world):
    """Being signed in is not enough to see unpublished claims."""
    assert ids(reader_api.get(URL)) == [world.am.pk, world.az.pk, world.accuse.pk, world.deny.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=military-deaths-armenia", ["am", "az"]),
        ("topic=no-such-topic", []),
        ("side=armenia", ["am", "deny"]),
        ("side=azerbaijan", ["az", "accuse"]),
        ("kind=figure", ["am", "az"]),
        ("kind=proposition", ["accuse", "deny"]),
        ("contested=true", ["am", "az", "accuse", "deny"]),
        ("contested=false", []),
        ("status=published", ["am", "az", "accuse", "deny"]),
        ("status=draft", []),
        ("stated_after=2020-10-23", ["accuse", "deny"]),
        ("stated_after=2020-10-27", ["accuse", "deny"]),
        ("stated_before=2020-10-22", ["am", "az"]),
        ("stated_after=2020-10-22&stated_before=2020-10-22", ["am", "az"]),
        ("q=shell", ["accuse", "deny"]),
        ("q=Aliyev", ["accuse"]),
        ("q=soldiers dead", ["az"]),
        ("q=nothing-matches-this", []),
        ("topic=", ["am", "az", "accuse", "deny"]),
    ],
)
def test_filters_for_the_public(api, world, query, expected):
    """Each filter narrows the public list; status=draft finds nothing for the public; empty values are ignored."""
    assert ids(api.get(f"{URL}?{query}")) == [getattr(world, name).pk for name in expected]


def test_claimant_filter(api, world):
    """`claimant` takes an actor id."""
    assert ids(api.get(f"{URL}?claimant={world.mod_am.pk}")) == [world.am.pk, world.deny.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=draft", ["draft"]),
        ("status=in_review", ["in_review"]),
        ("status=retracted", ["retracted"]),
        ("contested=false", ["retracted", "draft", "in_review"]),
        ("q=6,000", ["in_review"]),
    ],
)
def test_filters_for_an_editor(editor_api, world, query, expected):
    """Editors filter by any status, within what they may read."""
    assert ids(editor_api.get(f"{URL}?{query}")) == [getattr(world, name).pk for name in expected]


@pytest.mark.parametrize(
    ("query", "field", "reason"),
    [
        ("status=bogus", "status", "Unknown value 'bogus'; expected one of draft, in_review, published, retracted "
                                   "(value or label, any case)"),
        ("kind=opinion", "kind", "Unknown value 'opinion'; expected one of figure, proposition (value or label, "
                                 "any case)"),
        ("stated_after=yesterday", "stated_after", "Enter a valid date."),
        ("stated_before=2020-13-01", "stated_before", "Enter a valid date."),
        ("claimant=abc", "claimant", "Enter a whole number."),
        ("claimant=0", "claimant", "Ensure this value is greater than or equal to 1."),
        ("contested=maybe", "contested", "Select a valid choice. maybe is not one of the available choices."),
        ("q=" + "x" * 201, "q", "Ensure this value has at most 200 characters (it has 201)."),
        ("ordering=colour", "ordering", "Unknown ordering “colour”; choose one of id, stated_on, updated_at."),
        ("page_size=0", "page_size", "Give a whole number from 1 to 500."),
        ("page_size=501", "page_size", "Give a whole number from 1 to 500."),
        ("page_size=ten", "page_size", "Give a whole number from 1 to 500."),
    ],
)
def test_unreadable_parameters_are_a_400_naming_them(api, world, query, field, reason):
    """A value that cannot be read is a 400 with the parameter and the reason, in JSON."""
    response = api.get(f"{URL}?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {field: [reason]}


def test_ordering(api, world):
    """`ordering` sorts by one field, descending with a minus; ties fall back to the id."""
    w = world
    assert ids(api.get(f"{URL}?ordering=-stated_on")) == [w.deny.pk, w.accuse.pk, w.az.pk, w.am.pk]
    assert ids(api.get(f"{URL}?ordering=-id")) == [w.deny.pk, w.accuse.pk, w.az.pk, w.am.pk]
    assert ids(api.get(f"{URL}?ordering=id")) == [w.am.pk, w.az.pk, w.accuse.pk, w.deny.pk]


def test_cursor_pages_follow_next_and_previous(api, world):
    """Pages of two: `next` leads to the rest, `previous` back; the pages never overlap."""
    first = api.get(f"{URL}?page_size=2").json()
    assert [c["id"] for c in first["results"]] == [world.am.pk, world.az.pk]
    assert first["previous"] is None
    second = api.get(first["next"]).json()
    assert [c["id"] for c in second["results"]] == [world.accuse.pk, world.deny.pk]
    assert second["next"] is None
    back = api.get(second["previous"]).json()
    assert [c["id"] for c in back["results"]] == [world.am.pk, world.az.pk]


def test_a_forged_cursor_is_a_404(api, world):
    """A cursor that cannot be decoded is a JSON 404."""
    response = api.get(f"{URL}?cursor=not-a-cursor")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "Invalid cursor"}


def test_csv(api, world):
    """?format=csv writes one row per claim with the documented columns; the next page goes in a Link header."""
    response = api.get(f"{URL}?format=csv&page_size=3")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    assert response["Link"].startswith("<http://testserver/api/claims/?cursor=")
    assert response["Link"].endswith('>; rel="next"')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    w = world
    assert rows == [
        ["id", "external_id", "topic", "topic_slug", "topic_kind", "claimant", "claimant_id", "side",
         "accused_side", "stated_on", "statement", "quote", "language", "translation", "attribution", "stance",
         "figure", "qualifier", "value", "value_max", "as_of", "status", "verdict", "contested", "contradictions",
         "source_url", "source_title", "origin_count", "version"],
        [str(w.am.pk), "am-2300", "Military deaths, Armenia", "military-deaths-armenia", "figure",
         "Armenian Ministry of Defence", str(w.mod_am.pk), "Armenia",
         "", "2020-10-22", "Armenia: 2,300 dead.", "2300 զոհ", "hy", "2300 dead", "direct_quote", "asserts",
         "2,300", "exact", "2300", "", "2020-10-22", "published", "mostly_accurate", "true", str(w.mismatch.pk),
         "https://mil.am/post-1", "Casualty update", "1", "1"],
        [str(w.az.pk), "az-5000", "Military deaths, Armenia", "military-deaths-armenia", "figure",
         "Azerbaijani Ministry of Defence", str(w.mod_az.pk), "Azerbaijan",
         "", "2020-10-22", "Azerbaijan: more than 5,000 Armenian soldiers dead.", "", "en", "", "paraphrase",
         "asserts",
         "more than 5,000", "more_than", "5000", "", "2020-10-22", "published", "unrated", "true", str(w.mismatch.pk),
         "https://mod.gov.az/s1", "Azerbaijani MoD statement", "1", "1"],
        [str(w.accuse.pk), "az-terter", "Shelling of Terter", "shelling-of-terter", "proposition",
         "Ilham Aliyev", str(w.aliyev.pk), "Azerbaijan",
         "Armenia", "2020-10-27", "Armenia shelled Terter.", "", "en", "", "paraphrase", "asserts",
         "", "", "", "", "", "published", "unrated", "true", str(w.denial.pk),
         "", "", "0", "1"],
    ]


def test_csv_for_the_public_has_no_unpublished_rows(api, world):
    """CSV obeys the same visibility as JSON."""
    rows = list(csv.DictReader(io.StringIO(api.get(f"{URL}?format=csv").content.decode())))
    assert [row["external_id"] for row in rows] == ["am-2300", "az-5000", "az-terter", "am-terter"]


def test_csv_errors_are_json(api, world):
    """A bad parameter on a CSV request is still a JSON 400."""
    response = api.get(f"{URL}?format=csv&status=bogus")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": ["Unknown value 'bogus'; expected one of draft, in_review, published, "
                                          "retracted (value or label, any case)"]}


@pytest.fixture
def many_claims(db):
    """Forty published claims over four topics, each with a primary document and a relay, flagged against each other."""
    armenia, azerbaijan = SideFactory(name="Armenia"), SideFactory(name="Azerbaijan")
    for t in range(4):
        topic = TopicFactory()
        for i in range(10):
            claim = ClaimFactory(topic=topic, side=armenia if i % 2 else azerbaijan, value=100 * (i + 1),
                                 stated_on=datetime.date(2020, 10, 1 + t))
            primary = DocumentFactory()
            relay = DocumentFactory()
            relay.cites.add(primary)
            AppearanceFactory(claim=claim, document=primary, role=Appearance.Role.PRIMARY)
            AppearanceFactory(claim=claim, document=relay, role=Appearance.Role.REPORT)
    contradictions_recompute_all()


@pytest.mark.parametrize("page_size", [1, 40])
def test_query_budget_for_the_public(api, many_claims, page_size):
    """DESIGN §10: 3 queries whatever the page size (claims, provenance chains, flags), and no COUNT(*)."""
    with CaptureQueriesContext(connection) as captured:
        response = api.get(f"{URL}?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
    queries = data_queries(captured)
    assert len(queries) == 3
    assert not any("COUNT(" in sql.upper() for sql in queries)


@pytest.mark.parametrize("page_size", [1, 40])
def test_query_budget_for_an_editor_with_filters(editor, many_claims, page_size):
    """DESIGN §10: an editor's filtered list is 3 queries too, once the user's permissions are loaded."""
    client = APIClient()
    client.force_authenticate(editor)
    client.get(URL)  # the user's permissions are looked up once and cached on the user
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{URL}?page_size={page_size}&contested=true&kind=figure&ordering=-stated_on")
    assert len(response.json()["results"]) == page_size
    assert len(data_queries(captured)) == 3


@pytest.mark.parametrize("url", ["/api/claims/", "/api/claims/?ordering=id", "/api/contradictions/", "/api/disputes/"])
@pytest.mark.parametrize("position", ["abc", "2020-99-99", ""])
def test_a_cursor_with_a_forged_position_is_a_404(api, world, url, position):
    """A cursor that decodes but holds a position of the wrong type is a JSON 404, never a 500."""
    cursor = base64.b64encode(f"o=0&r=0&p={position}".encode()).decode()
    response = api.get(f"{url}{'&' if '?' in url else '?'}cursor={cursor}")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "Invalid cursor"}
