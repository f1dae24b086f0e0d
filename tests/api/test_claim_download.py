"""/api/claims/download.csv and .jsonl: every matching claim, streamed, for the token's reader (issue #18)."""

import csv
import io
import json
from http import HTTPStatus

from claims.interchange import COLUMNS
from claims.models import Claim


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_anonymous_download_holds_every_published_row(api, world):
    """Anonymous: every published claim, in the interchange columns, past any page size."""
    response = api.get("/api/claims/download.csv")
    assert response.status_code == HTTPStatus.OK
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert list(rows[0]) == COLUMNS
    assert sorted(int(r["id"]) for r in rows) == sorted(Claim.objects.published().values_list("pk", flat=True))


def test_editor_download_holds_what_the_editor_may_read(editor_api, world):
    """An editor's token downloads the claims in review too, as the list endpoint shows them."""
    lines = body(editor_api.get("/api/claims/download.jsonl", {"topic": world.deaths.slug})).splitlines()
    listed = editor_api.get("/api/claims/", {"topic": world.deaths.slug, "page_size": 500}).json()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(c["id"] for c in listed["results"])
    assert {json.loads(line)["status"] for line in lines} > {"published"}


def test_bad_filter_is_a_400_naming_it(api, world):
    """A filter that cannot be read is a JSON 400 naming the field; an unknown format is a JSON 404."""
    response = api.get("/api/claims/download.csv", {"stated_before": "tomorrow"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["stated_before"]
    assert api.get("/api/claims/download.xml").status_code == HTTPStatus.NOT_FOUND
