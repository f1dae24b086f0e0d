"""Fixtures for the reliability tests: production static files and a throwaway PostgreSQL cluster, once a session."""

import pytest

from tests.reliability.servers import PostgresCluster, manage, production_env, require_pg_clusters


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """Run collectstatic with production settings (whitenoise's manifest) into a directory of the session's own."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    manage(production_env("sqlite:///unused.sqlite3", static_root), "collectstatic", "--noinput", "-v", "0")
    return static_root


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster of the tests' own on a free port (never the shared server), dropped at the end."""
    require_pg_clusters()
    cluster = PostgresCluster()
    yield cluster
    cluster.drop()
