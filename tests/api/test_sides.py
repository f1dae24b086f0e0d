"""/api/sides/: the parties to disputes (public, read-only)."""

from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.visibility import NOT_FOUND
from tests.api.conftest import data_queries

URL = "/api/sides/"


def test_sides(api, world):
    """Every side a published claim stands on, by name, with its chart colour (the public view)."""
    w = world
    assert api.get(URL).json() == {
        "next": None,
        "previous": None,
        "results": [
            {"id": w.armenia.pk, "slug": "armenia", "name": "Armenia", "wikidata": "", "colour": "#d90012"},
            {"id": w.azerbaijan.pk, "slug": "azerbaijan", "name": "Azerbaijan", "wikidata": "", "colour": "#00b5e2"},
        ],  # Russia: no published claim stands on it yet, so the public does not see it
    }


def test_detail_and_404(api, world):
    """One side; an unknown id is a JSON 404."""
    assert api.get(f"{URL}{world.armenia.pk}/").json() == {
        "id": world.armenia.pk, "slug": "armenia", "name": "Armenia", "wikidata": "", "colour": "#d90012"}
    assert api.get(f"{URL}999999/").json() == {"detail": NOT_FOUND}


def test_sides_are_read_only(editor_api, world):
    """Sides are configured by staff in the admin: writes are a 405."""
    assert editor_api.post(URL, {"name": "Georgia"}).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert editor_api.patch(f"{URL}{world.armenia.pk}/", {"name": "X"}).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_query_budget(api, world):
    """DESIGN §10: the list is one query."""
    with CaptureQueriesContext(connection) as captured:
        api.get(URL)
    assert len(data_queries(captured)) == 1
