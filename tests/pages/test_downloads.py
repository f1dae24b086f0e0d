"""Downloads of every matching claim, streamed in the interchange columns (issue #18)."""

import csv
import io
import json
from http import HTTPStatus

from claims.interchange import COLUMNS
from tests.pages.conftest import make_big_topic


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_big_topic_download_holds_every_row(client, sides):
    """A 468-claim topic's download holds 468 rows, as CSV and as JSON Lines, and none of its drafts."""
    topic = make_big_topic(sides, claims=468, drafts=7, slug="toll-468")
    response = client.get("/downloads/claims.csv", {"topic": topic.slug})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert len(rows) == 468
    assert list(rows[0]) == COLUMNS
    assert {row["status"] for row in rows} == {"published"}
    lines = body(client.get("/downloads/claims.jsonl", {"topic": topic.slug})).splitlines()
    assert len(lines) == 468
    assert {json.loads(line)["topic"] for line in lines} == {"Big toll"}


def test_download_follows_the_page_filters(client, dispute):
    """A speaker's download holds their published claims; a search's download the claims it found."""
    rows = list(csv.DictReader(io.StringIO(body(client.get("/downloads/claims.csv", {"claimant": dispute.mod.pk})))))
    assert [int(row["id"]) for row in rows] == [dispute.armenia_count.pk]
    rows = list(csv.DictReader(io.StringIO(body(client.get("/downloads/claims.csv", {"q": "Putin"})))))
    assert [int(row["id"]) for row in rows] == [dispute.putin_count.pk]
    relayed = client.get("/downloads/claims.csv", {"outlet": dispute.wire.outlet_id})
    rows = list(csv.DictReader(io.StringIO(body(relayed))))
    assert [int(row["id"]) for row in rows] == [dispute.putin_count.pk]
    lines = body(client.get("/downloads/claims.jsonl", {"side": "armenia", "contested": "true"})).splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted([dispute.armenia_count.pk, dispute.denial.pk])


def test_download_refuses_bad_filters_by_name(client, dispute):
    """A filter that cannot be read is a 400 naming it; an unknown format is a 404."""
    response = client.get("/downloads/claims.csv", {"claimant": "putin", "stated_after": "soon"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert set(response.json()["errors"]) == {"claimant", "stated_after"}
    assert client.get("/downloads/claims.xlsx").status_code == HTTPStatus.NOT_FOUND


def test_pages_offer_the_download(client, dispute):
    """The speaker, side, outlet, topic list and search pages link to the download of what they list."""
    for path, query in ((f"/speakers/{dispute.putin.pk}/", f"claimant={dispute.putin.pk}"),
                        ("/sides/armenia/", "side=armenia"), ("/search/?q=Putin", "q=Putin")):
        html = client.get(path).content.decode()
        assert f'href="/downloads/claims.csv?{query}"' in html, path
        assert f'href="/downloads/claims.jsonl?{query}"' in html, path


def test_csv_cells_are_safe_in_a_spreadsheet(client, dispute):
    """A statement that starts like a formula is written with the apostrophe that stops a spreadsheet running it."""
    from claims.services import claim_update

    claim_update(claim=dispute.putin_count, user=None, statement='=HYPERLINK("http://evil.example","x")')
    response = client.get("/downloads/claims.csv", {"claimant": dispute.putin.pk})
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert rows[0]["statement"] == '\'=HYPERLINK("http://evil.example","x")'

