"""/api/outlets/: who publishes (read-only; the public sees publishers of public documents)."""

from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import data_queries
from tests.factories import OutletFactory

URL = "/api/outlets/"


def test_public_outlets(api, world):
    """The public sees the outlets of documents behind published claims, by name, in full."""
    OutletFactory(name="Unused Gazette")
    assert api.get(URL).json() == {
        "next": None,
        "previous": None,
        "results": [
            {"id": world.ministry.pk, "name": "Armenian MoD", "wikidata": "", "url": "https://mil.am/", "country": "",
             "kind": "government"},
            {"id": world.paper.pk, "name": "The Daily", "wikidata": "", "url": "https://daily.example.org/",
             "country": "", "kind": "newspaper"},
        ],
    }


def test_editors_see_every_outlet(editor_api, world):
    """Staff see all outlets."""
    unused = OutletFactory(name="Unused Gazette")
    assert unused.pk in [o["id"] for o in editor_api.get(URL).json()["results"]]
    assert editor_api.get(f"{URL}{unused.pk}/").status_code == HTTPStatus.OK


def test_detail(api, world):
    """One outlet; a hidden or unknown one is a 404."""
    unused = OutletFactory(name="Unused Gazette")
    assert api.get(f"{URL}{world.paper.pk}/").json()["name"] == "The Daily"
    assert api.get(f"{URL}{unused.pk}/").status_code == HTTPStatus.NOT_FOUND


def test_outlets_are_read_only(editor_api, world):
    """Outlets are entered in the admin: writes are a 405."""
    assert editor_api.post(URL, {"name": "Gazette"}).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_query_budget(api, world):
    """DESIGN §10: the list is one query."""
    with CaptureQueriesContext(connection) as captured:
        api.get(URL)
    assert len(data_queries(captured)) == 1
