"""While PostgreSQL is down the app says so quickly (503), and it heals by itself when the database returns.

Runs gunicorn in production mode against a throwaway cluster that the test creates, stops, starts
and drops (DESIGN §10) - never the shared server.
"""

import time
from http import HTTPStatus

import pytest

from tests.reliability.servers import Gunicorn, manage, production_env
from tracker.middleware import DATABASE_DOWN_DETAIL, DATABASE_DOWN_PAGE

pytestmark = pytest.mark.postgres

WITHIN_SECONDS = 2.0
UP = {"status": "ok", "database": "reachable"}
DOWN = {"status": "unavailable", "database": "unreachable", "detail": DATABASE_DOWN_DETAIL}


@pytest.fixture
def cluster(pg_cluster):
    yield pg_cluster
    if not pg_cluster.running():
        pg_cluster.start()


@pytest.fixture
def server(cluster, production_static, tmp_path):
    # One cache for both workers (as the README recommends), so what was cached before the outage is known.
    env = production_env(cluster.create_database("outage"), production_static,
                         CACHE_URL=f"filecache://{tmp_path / 'cache'}")
    manage(env, "migrate", "--noinput", "-v", "0")
    server = Gunicorn(env, log=tmp_path / "gunicorn.log")
    yield server
    server.stop()


def timed_get(server, path):
    started = time.monotonic()
    response = server.get(path)
    return response, time.monotonic() - started


def wait_for_health(server, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = server.get("/healthz")
        if response.status_code == HTTPStatus.OK:
            return response
        time.sleep(0.2)
    pytest.fail(f"/healthz did not recover within {timeout} s: {response.status_code} {response.text}")


def test_outage_answers_503_fast_and_recovers(cluster, server):
    """Stopping PostgreSQL turns /healthz, the API and the pages into 503s within 2 s; restarting it heals them.

    Anonymous pages cached just before the outage are still served from the cache meanwhile.
    """
    assert server.get("/healthz").json() == UP
    assert server.get("/").status_code == HTTPStatus.OK  # Now cached for anonymous readers.
    assert server.get("/api/claims/").status_code == HTTPStatus.OK

    cluster.stop()
    for attempt in range(2):  # Twice, so that both gunicorn workers have met the dead connection.
        health, seconds = timed_get(server, "/healthz")
        assert (health.status_code, health.json(), seconds < WITHIN_SECONDS) == (HTTPStatus.SERVICE_UNAVAILABLE,
                                                                                 DOWN, True)
        api, seconds = timed_get(server, f"/api/claims/?attempt={attempt}")
        assert (api.status_code, api.headers["Content-Type"], seconds < WITHIN_SECONDS) == (
            HTTPStatus.SERVICE_UNAVAILABLE, "application/json", True)
        assert api.json()["detail"] == DATABASE_DOWN_DETAIL
        assert api.headers["Retry-After"] == "30"
        page, seconds = timed_get(server, f"/?attempt={attempt}")
        assert (page.status_code, page.text, seconds < WITHIN_SECONDS) == (HTTPStatus.SERVICE_UNAVAILABLE,
                                                                           DATABASE_DOWN_PAGE, True)
        detail, seconds = timed_get(server, "/disputes/anything/")
        assert (detail.status_code, seconds < WITHIN_SECONDS) == (HTTPStatus.SERVICE_UNAVAILABLE, True)
        assert server.get("/").status_code == HTTPStatus.OK  # From the cache: readers still get the front page.

    cluster.start()
    assert wait_for_health(server).json() == UP
    for attempt in range(4):
        assert server.get("/healthz").json() == UP
        assert server.get(f"/?after={attempt}").status_code == HTTPStatus.OK
        assert server.get(f"/api/claims/?after={attempt}").status_code == HTTPStatus.OK
    assert "Internal Server Error" not in server.output()
