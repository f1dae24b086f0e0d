"""Random and hostile values in every API write: a valid record or a clear 4xx naming the field, never a 500.

And nothing is half-written: a refused write leaves every table as it was. (Schemathesis walks the
whole schema in tests/api/test_schema_fuzz.py; these aim hostile values at each writable field.)
"""

import datetime
import os
from http import HTTPStatus

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.figures import Qualifier
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side
from tests.factories import ActorFactory, ClaimFactory, DocumentFactory, SideFactory, TopicFactory
from tests.reliability.hostile import hostile_date, hostile_number, hostile_text

# 40 bodies per write path keeps the suite quick (five paths); HOSTILE_EXAMPLES=1500 runs a soak.
API_SETTINGS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", 40)),
)
MODELS = (Side, Actor, Outlet, Document, Topic, Claim, Appearance, Contradiction, Claim.history.model)
CLEAR = {HTTPStatus.BAD_REQUEST, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND, HTTPStatus.CONFLICT}
ERROR_KEYS = {"non_field_errors", "detail", "current_version"}

JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),  # NaN: see the raw bodies
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=5,
)


def hostile_value():
    return st.one_of(hostile_text(60), hostile_number(), hostile_date(), JSON_ANY)


@pytest.fixture
def ids(db, editor):
    """What the writes may point at: two sides, a figure topic, an actor, a document, the editor's draft."""
    armenia, azerbaijan = SideFactory(name="Armenia", slug="armenia"), SideFactory(name="Azerbaijan", slug="azerbaijan")
    topic = TopicFactory(name="Deaths", slug="deaths", counted_side=armenia)
    actor = ActorFactory(name="Ministry of Defence", side=azerbaijan)
    document = DocumentFactory(url="https://example.org/a")
    draft = ClaimFactory(topic=topic, claimant=actor, side=azerbaijan, status=Claim.Status.DRAFT, created_by=editor,
                         value=5000, statement="Draft.")
    return {"side": [armenia.pk, azerbaijan.pk], "topic": [topic.pk], "actor": [actor.pk],
            "document": [document.pk], "draft": draft.pk}


@pytest.fixture
def api(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client


def plausible(ids):
    """Values each writable field accepts, so that whole bodies sometimes succeed."""
    days = st.dates(datetime.date(2019, 1, 1), datetime.date(2023, 12, 31)).map(datetime.date.isoformat)
    return {
        "topic": st.sampled_from(ids["topic"]), "claimant": st.sampled_from(ids["actor"]),
        "side": st.sampled_from(ids["side"]), "accused_side": st.sampled_from([*ids["side"], None]),
        "counted_side": st.sampled_from([*ids["side"], None]), "outlet": st.none(),
        "stated_on": days, "as_of": days, "published_on": days,
        "statement": st.text(max_size=40), "quote": st.text(max_size=40), "translation": st.text(max_size=20),
        "language": st.sampled_from(["en", "hy", "az"]), "attribution": st.sampled_from(Claim.Attribution.values),
        "stance": st.sampled_from(Claim.Stance.values), "verdict": st.sampled_from(Claim.Verdict.values),
        "figure": st.sampled_from(["2,300", "about 5,000", "260-280", "more than 2,000"]),
        "qualifier": st.sampled_from(Qualifier.values), "value": st.integers(0, 10_000),
        "value_max": st.integers(0, 10_000), "external_id": st.text(min_size=1, max_size=20),
        "appearances": st.just([{"document": ids["document"][0], "role": "report", "quote": "q"}]),
        "version": st.just(1), "name": st.text(min_size=1, max_size=30),
        "slug": st.from_regex(r"[a-z]{3,12}", fullmatch=True),
        "kind": st.sampled_from([*Topic.Kind.values, *Actor.Kind.values]), "description": st.text(max_size=30),
        "metric": st.sampled_from(["", "deaths"]), "cumulative": st.booleans(), "window_days": st.integers(0, 30),
        "role": st.text(max_size=20), "title": st.text(min_size=1, max_size=30),
        "url": st.sampled_from(["https://example.org/b", "https://example.org/c", None]),
        "author": st.text(max_size=20), "cites": st.just(ids["document"]),
    }


WRITES = {
    "claim create": ("post", "/api/claims/", ["topic", "claimant", "stated_on"],
                     ["side", "statement", "quote", "language", "translation", "attribution", "stance",
                      "accused_side", "figure", "qualifier", "value", "value_max", "as_of", "verdict", "external_id",
                      "appearances"]),
    "claim change": ("patch", "/api/claims/{draft}/", ["version"],
                     ["topic", "claimant", "side", "stated_on", "statement", "quote", "language", "translation",
                      "attribution", "stance", "accused_side", "figure", "qualifier", "value", "value_max", "as_of",
                      "external_id", "appearances"]),
    "topic create": ("post", "/api/topics/", ["name"],
                     ["slug", "kind", "description", "metric", "counted_side", "cumulative", "window_days"]),
    "actor create": ("post", "/api/actors/", ["name", "side"], ["kind", "role"]),
    "document create": ("post", "/api/documents/", ["title"],
                        ["outlet", "url", "author", "published_on", "language", "cites"]),
}


@st.composite
def bodies(draw, ids, required, optional):
    """A body with the required fields and some optional ones; each value plausible or hostile, some fields left out."""
    fields = [f for f in required if draw(st.integers(0, 9))] + draw(st.lists(st.sampled_from(optional), unique=True))
    good = plausible(ids)
    hostile_share = draw(st.sampled_from([0, 1, 3]))  # None, some, or many hostile values.
    return {field: draw(hostile_value() if draw(st.integers(0, 9)) < hostile_share else good[field])
            for field in fields}


def snapshot() -> dict:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def error_messages(value) -> bool:
    """True when an error body's value is messages: a list of strings, or such lists keyed by item or field."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value) and all(error_messages(item) for item in value)
    if isinstance(value, dict):
        return bool(value) and all(error_messages(item) for item in value.values())
    return isinstance(value, int)  # current_version


@pytest.mark.parametrize("write", WRITES)
def test_hostile_writes_are_refused_clearly_or_stored_valid(write, ids, api):
    """Each writable field fed random strings, numbers, dates and JSON: a valid record, or a clear 4xx, no change."""
    method, path, required, optional = WRITES[write]
    path = path.format(draft=ids["draft"])

    @API_SETTINGS
    @given(body=bodies(ids, required, optional))
    def check(body):
        with transaction.atomic():
            before = snapshot()
            response = getattr(api, method)(path, body, format="json")
            data = response.json()
            assert isinstance(data, dict), (response.status_code, data)
            if response.status_code in (HTTPStatus.OK, HTTPStatus.CREATED):
                event("stored")
                for model in MODELS[:-1]:
                    for obj in model.objects.all():
                        obj.full_clean()
            else:
                event(f"refused {response.status_code}")
                assert response.status_code in CLEAR, (response.status_code, body, data)
                assert set(data) <= {*required, *optional} | ERROR_KEYS, (body, data)  # Fields it knows.
                assert all(error_messages(value) for value in data.values()), data
                assert snapshot() == before
            transaction.set_rollback(True)

    check()


@pytest.mark.parametrize("raw", [b"", b"{", b"[]", b"null", b'"text"', b"\xff\xfe", b'{"topic": 1' * 1000,
                                 b'{"stated_on": "2020-01-01"}' + b" " * 100, b'{"value": NaN}',
                                 b'{"value": Infinity, "topic": 1}', b'{"topic": 1, "topic": "x"}'])
def test_bodies_that_are_not_an_object_are_a_400(raw, ids, api):
    """Broken or non-object JSON is a JSON 400 saying so, and writes nothing."""
    before = snapshot()
    response = api.generic("POST", "/api/claims/", raw, content_type="application/json")
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    assert isinstance(response.json(), dict)
    assert snapshot() == before
