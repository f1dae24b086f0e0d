"""How the app talks to PostgreSQL in every environment (tracker/settings.py)."""

import pytest
from django.db import connection


@pytest.mark.postgres
def test_postgres_runs_without_jit(db):
    """JIT stays off: compiling the provenance query took ~0.5 s a page for a plan that runs in milliseconds."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
