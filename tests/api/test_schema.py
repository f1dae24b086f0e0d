"""/api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI served from our own static files)."""

import json
import re
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

ERRORS_EVERYWHERE = {"400", "401", "404", "406", "429", "503"}


@pytest.fixture
def document(api, db):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == HTTPStatus.OK
    return json.loads(response.content)


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_schema_is_valid_openapi_3_and_is_what_the_fuzz_tests_use(document):
    """The served document validates as OpenAPI 3 and equals the generated one test_schema_fuzz.py loads."""
    validate_schema(document)
    assert document["openapi"].startswith("3.")
    assert document == json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


def test_yaml_by_default(api, db):
    """Without ?format the schema is YAML."""
    response = api.get("/api/schema/")
    assert response["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    assert response.content.startswith(b"openapi: 3")


def test_every_endpoint_is_described(document):
    """Every endpoint of DESIGN §8 is in the schema with its methods."""
    assert {(path, method) for path, method, _ in operations(document)} == {
        ("/api/actors/", "get"), ("/api/actors/", "post"), ("/api/actors/{id}/", "get"), ("/api/actors/{id}/", "patch"),
        ("/api/auth/token/", "post"),
        ("/api/claims/", "get"), ("/api/claims/", "post"), ("/api/claims/{id}/", "get"),
        ("/api/claims/{id}/", "patch"), ("/api/claims/{id}/claimreview/", "get"), ("/api/claims/{id}/graph/", "get"),
        ("/api/context.jsonld", "get"), ("/api/claims/download.{fmt}", "get"),
        ("/api/claims/{id}/publish/", "post"), ("/api/claims/{id}/retract/", "post"),
        ("/api/claims/{id}/submit/", "post"),
        ("/api/contradictions/", "get"), ("/api/contradictions/{id}/", "get"),
        ("/api/disputes/", "get"), ("/api/disputes/{slug}/", "get"),
        ("/api/documents/", "get"), ("/api/documents/", "post"), ("/api/documents/{id}/", "get"),
        ("/api/documents/{id}/", "patch"),
        ("/api/outlets/", "get"), ("/api/outlets/{id}/", "get"),
        ("/api/sides/", "get"), ("/api/sides/{id}/", "get"),
        ("/api/topics/", "get"), ("/api/topics/", "post"), ("/api/topics/{id}/", "get"), ("/api/topics/{id}/", "patch"),
    }


def test_every_operation_documents_its_errors(document):
    """Each operation lists the JSON errors it can answer with: writes add 403 and 415, claim changes 409."""
    for path, method, operation in operations(document):
        codes = set(operation["responses"])
        assert codes >= ERRORS_EVERYWHERE, (path, method)
        if method in ("post", "patch", "delete"):
            assert {"403", "415"} <= codes, (path, method)
        if path.startswith("/api/claims/{id}/") and method in ("post", "patch"):
            assert "409" in codes, (path, method)
        assert operation["responses"]["503"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"}


def test_claim_list_parameters(document):
    """The claims list documents every filter, ordering, cursor, page size and the CSV format."""
    operation = document["paths"]["/api/claims/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == [
        "claimant", "contested", "cursor", "format", "kind", "ordering", "page_size", "q", "side", "stated_after",
        "stated_before", "status", "topic"]
    formats = next(p for p in operation["parameters"] if p["name"] == "format")
    assert formats["schema"]["enum"] == ["csv", "json"]
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}


def test_reads_are_open_and_writes_need_a_token(document):
    """Reads allow no authentication; writes require the token (or a session)."""
    for _path, method, operation in operations(document):
        if method == "get":
            assert {} in operation["security"]
        elif _path != "/api/auth/token/":
            assert {} not in operation["security"]
            assert {"tokenAuth": []} in operation["security"]


def test_docs_work_offline(api, db):
    """/api/docs/ loads Swagger UI from our own static files (drf-spectacular-sidecar), from no CDN."""
    response = api.get("/api/docs/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/api/docs/?script=" in assets
    static = [asset for asset in assets if asset != "/api/docs/?script="]
    assert len(static) == 4  # favicon, stylesheet, bundle, preset
    for asset in static:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "cdn" not in html.lower()


def test_docs_run_no_inline_script(api, db):
    """The start-up script is a file of its own, so the strict Content-Security-Policy holds for scripts."""
    response = api.get("/api/docs/")
    assert re.findall(r"<script>", response.content.decode()) == []
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self' 'unsafe-inline'" in policy
    script = api.get("/api/docs/?script=")
    assert script.status_code == HTTPStatus.OK
    assert script["Content-Type"].startswith("application/javascript")
    assert b"/api/schema/" in script.content
