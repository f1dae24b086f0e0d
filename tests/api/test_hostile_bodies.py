"""Bodies no client should send (nested beyond reason, over the limit) are a 4xx naming the problem, everywhere."""

from http import HTTPStatus

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.api.conftest import token_client
from tests.factories import ClaimFactory, DocumentFactory

DEEP = b"[" * 100_000
DEEP_DETAIL = {"detail": "JSON parse error - arrays and objects nested more than 32 levels deep."}


def json_writes() -> list[tuple[str, str]]:
    """Every (path template, method) of the API that reads a JSON body, from the OpenAPI document."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (path, method) for path, operations in document["paths"].items() for method, operation in operations.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    )


JSON_WRITES = json_writes()


@pytest.fixture
def objects(db):
    claim = ClaimFactory()
    return {"claims": claim, "topics": claim.topic, "actors": claim.claimant, "sides": claim.side,
            "documents": DocumentFactory(), "outlets": None}


def fill(path: str, objects) -> str:
    resource = path.split("/")[2]
    return path.replace("{id}", str(objects[resource].pk)) if "{id}" in path else path


def test_every_json_write_is_listed():
    """The enumeration finds the token endpoint, the claim writes and workflow, and the reference writes."""
    assert {("/api/auth/token/", "post"), ("/api/claims/", "post"), ("/api/claims/{id}/", "patch"),
            ("/api/claims/{id}/publish/", "post"), ("/api/topics/{id}/", "patch"),
            ("/api/documents/", "post")} <= set(JSON_WRITES)


@pytest.mark.parametrize(("path", "method"), JSON_WRITES)
def test_deeply_nested_json_is_a_400(path, method, objects, reviewer):
    """`[` 100,000 times (a RecursionError in Python's JSON reader) is a 400 saying so, not a 500."""
    client = token_client(reviewer)
    response = client.generic(method.upper(), fill(path, objects), DEEP, content_type="application/json")
    assert (response.status_code, response.json()) == (HTTPStatus.BAD_REQUEST, DEEP_DETAIL)


@pytest.mark.parametrize(("path", "method"), JSON_WRITES)
def test_json_nested_33_levels_is_a_400(path, method, objects, reviewer):
    """Nesting that Python reads but nothing here needs is refused before any serializer walks it."""
    client = token_client(reviewer)
    body = b'{"name": ' + b"[" * 33 + b"]" * 33 + b"}"
    response = client.generic(method.upper(), fill(path, objects), body, content_type="application/json")
    assert (response.status_code, response.json()) == (HTTPStatus.BAD_REQUEST, DEEP_DETAIL)


@pytest.mark.parametrize(("path", "method"), JSON_WRITES)
def test_a_body_over_the_limit_is_a_413(path, method, objects, reviewer, settings):
    """JSON longer than DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is parsed."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = token_client(reviewer)
    body = b'{"statement": "' + b"x" * 1000 + b'"}'
    response = client.generic(method.upper(), fill(path, objects), body, content_type="application/json")
    assert (response.status_code, response.json()) == (
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        {"detail": "The request body is over 1,000 bytes, the most this address takes."},
    )
