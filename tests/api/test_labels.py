"""Choices by value or label, dates as people write them, in every API write and filter (issue #15).

The API reads choices and dates with the import's reader (`claims.choices`): a choice by its value
or the label the admin shows, in any case, with spaces, underscores or hyphens; a date in ISO or with
the month in words, never a numeric date that reads two ways.
"""

from http import HTTPStatus

import pytest

from claims.models import Claim
from sources.models import Actor, Document, Outlet
from tests.factories import ActorFactory, OutletFactory


@pytest.fixture
def payload(world):
    return {"topic": world.deaths.pk, "claimant": world.aliyev.pk, "stated_on": "2020-10-22",
            "statement": "At least 12 soldiers died.", "figure": "at least 12"}


@pytest.mark.parametrize(("field", "written", "stored"), [
    ("attribution", "Direct Quote", "direct_quote"),
    ("attribution", "ANONYMOUS SOURCE", "anonymous"),
    ("attribution", "unconfirmed-report", "unconfirmed_report"),
    ("stance", "Denies", "denies"),
    ("stated_on", "5 March 2024", "2024-03-05"),
    ("stated_on", "March 5, 2024", "2024-03-05"),
    ("stated_on", "5th of March, 2024", "2024-03-05"),
])
def test_claim_writes_take_labels_and_written_dates(editor_api, payload, field, written, stored):
    """A claim's choices are read by value or label, its dates in ISO or words."""
    body = editor_api.post("/api/claims/", {**payload, "quote": "at least 12 died", field: written},
                           format="json").json()
    assert body[field] == stored


def test_figure_parts_and_roles_take_labels(editor_api, reviewer_api, world, payload):
    """The qualifier, an appearance's role and (for reviewers) the verdict take labels too."""
    parts = {**payload, "qualifier": "At Least", "value": 12, "as_of": "October 22, 2020",
             "appearances": [{"document": world.az_doc.pk, "role": "REPORT (A RELAY)"}]}
    del parts["figure"]
    body = editor_api.post("/api/claims/", parts, format="json").json()
    assert (body["figure"]["qualifier"], body["figure"]["as_of"], body["provenance"][0]["role"]) == (
        "at_least", "2020-10-22", "report")
    rated = reviewer_api.post("/api/claims/", {**payload, "verdict": "Mostly Accurate"}, format="json").json()
    assert rated["verdict"] == "mostly_accurate"


@pytest.mark.parametrize("written", ["NGO", "ngo", "Ngo"])
def test_actor_kinds_by_label(editor_api, world, written):
    """An actor's kind is read by value or label: NGO is ngo."""
    body = editor_api.post("/api/actors/", {"name": f"Rights watch {written}", "kind": written,
                                            "side": world.armenia.pk}, format="json").json()
    assert body["kind"] == "ngo"


@pytest.mark.parametrize("written", ["unnamed group", "Unnamed group", "unnamed_group", "UNNAMED-GROUP"])
def test_claimant_kind_by_label(editor_api, payload, written):
    """A new claimant's kind is read as the import reads `claimant_kind`."""
    body = editor_api.post("/api/claims/", {**payload, "claimant": f"Officials {written}",
                                            "side": "Armenia", "claimant_kind": written}, format="json").json()
    assert body["claimant"]["kind"] == "unnamed_group"


def test_topic_kind_and_document_dates(editor_api, world):
    """A topic's kind by label; a document's date in words."""
    topic = editor_api.post("/api/topics/", {"name": "Ceasefire held", "kind": "Proposition"}, format="json")
    assert topic.json()["kind"] == "proposition"
    document = editor_api.post("/api/documents/", {"title": "Statement", "url": "https://example.org/st",
                                                   "published_on": "5 Mar 2024"}, format="json")
    assert document.json()["published_on"] == "2024-03-05"


@pytest.mark.parametrize(("address", "body", "field", "reason"), [
    ("/api/claims/", "claim", "stated_on",
     "Ambiguous date '05/03/2024': it may be 5 March 2024 or 3 May 2024; write 2024-03-05 or 2024-05-03 "
     "(YYYY-MM-DD), or the month in words"),
    ("/api/documents/", {"title": "Statement", "url": "https://example.org/st2"}, "published_on",
     "Ambiguous date '05/03/2024': it may be 5 March 2024 or 3 May 2024; write 2024-03-05 or 2024-05-03 "
     "(YYYY-MM-DD), or the month in words"),
])
def test_an_ambiguous_date_is_refused_saying_why(editor_api, payload, address, body, field, reason):
    """05/03/2024 reads as 5 March or 3 May: the error gives both and what to write, on the field."""
    data = {**(payload if body == "claim" else body), field: "05/03/2024"}
    before = (Claim.objects.count(), Document.objects.count())
    response = editor_api.post(address, data, format="json")
    assert (response.status_code, response.json()) == (HTTPStatus.BAD_REQUEST, {field: [reason]})
    assert (Claim.objects.count(), Document.objects.count()) == before


# -- filters ---------------------------------------------------------------------------------------------------


def ids(response) -> list:
    assert response.status_code == HTTPStatus.OK, response.json()
    return sorted(row["id"] for row in response.json()["results"])


@pytest.mark.parametrize("written", ["unnamed group", "Unnamed group", "unnamed_group", "UNNAMED-GROUP"])
def test_actor_kind_filter_takes_labels(editor_api, world, written):
    """`?kind=` on actors reads a label as it reads the value."""
    assert ids(editor_api.get("/api/actors/", {"kind": written})) == [world.draft_voice.pk]


@pytest.mark.parametrize("written", ["NGO", "ngo"])
def test_ngo_filter(api, world, written):
    """`?kind=NGO` finds NGOs (the public sees those with a published claim)."""
    ActorFactory(name="Hidden NGO", kind=Actor.Kind.NGO, side=world.armenia)
    assert ids(api.get("/api/actors/", {"kind": written})) == []
    ngo = ActorFactory(name="Rights NGO", kind=Actor.Kind.NGO, side=world.armenia)
    world.am.claimant = ngo
    world.am.save()
    assert ids(api.get("/api/actors/", {"kind": written})) == [ngo.pk]


@pytest.mark.parametrize("written", ["news agency", "News Agency", "news_agency", "NEWS-AGENCY"])
def test_outlet_kind_filter(reviewer_api, world, written):
    """Outlets filter by kind, by value or label."""
    agency = OutletFactory(name="Wire", kind=Outlet.Kind.NEWS_AGENCY)
    assert ids(reviewer_api.get("/api/outlets/", {"kind": written})) == [agency.pk]


@pytest.mark.parametrize(("address", "params", "expected"), [
    ("/api/topics/", {"kind": "PROPOSITION"}, lambda w: [w.shelling.pk]),
    ("/api/topics/", {"kind": "Figure"}, lambda w: [w.deaths.pk]),
    ("/api/claims/", {"kind": "Proposition"}, lambda w: sorted([w.accuse.pk, w.deny.pk])),
    ("/api/contradictions/", {"kind": "Figure Mismatch"}, lambda w: [w.mismatch.pk]),
    ("/api/contradictions/", {"kind": "denial", "status": "OPEN"}, lambda w: [w.denial.pk]),
])
def test_public_filters_take_labels(api, world, address, params, expected):
    """Every choice filter reads labels in any case."""
    assert ids(api.get(address, params)) == expected(world)


def test_status_filter_takes_labels_for_editors(editor_api, world):
    """`?status=In Review` is in_review."""
    assert ids(editor_api.get("/api/claims/", {"status": "In Review"})) == [world.in_review.pk]


def test_dispute_kind_filter_takes_labels(api, world):
    """The disputes list's `kind` reads labels too."""
    body = api.get("/api/disputes/", {"kind": "Figure mismatch"}).json()
    assert [dispute["topic"]["slug"] for dispute in body["results"]] == [world.deaths.slug]


@pytest.mark.parametrize(("address", "name"), [
    ("/api/topics/", "kind"), ("/api/actors/", "kind"), ("/api/outlets/", "kind"), ("/api/claims/", "kind"),
    ("/api/claims/", "status"), ("/api/contradictions/", "kind"), ("/api/contradictions/", "status"),
])
@pytest.mark.parametrize("value", ["robot", "\x00", "é" * 300, "figure\x00"])
def test_an_unknown_choice_is_a_400_naming_the_parameter(api, world, address, name, value):
    """A word that is no value or label (or a NUL, or a very long word) is a 400 on that parameter, never a 500."""
    response = api.get(address, {name: value})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == [name]
