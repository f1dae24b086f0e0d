"""What the claims table is indexed by on PostgreSQL: every index is written on every imported row."""

import pytest
from django.db import connection

from claims.admin.claims import ClaimAdmin
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: its indexes")


def claim_indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'claims_claim'")
        return dict(cursor.fetchall())


@pytest.mark.django_db
def test_external_id_has_its_unique_index_and_no_pattern_ops_copy():
    """Migration 0005 dropped the LIKE-prefix copy Django adds; nothing queries external_id by prefix."""
    external_id = [definition for definition in claim_indexes().values() if "(external_id" in definition]
    assert len(external_id) == 1
    assert "UNIQUE" in external_id[0] and "pattern_ops" not in external_id[0]
    assert not any("external_id" in field for field in ClaimAdmin.search_fields)


@pytest.mark.django_db
def test_external_id_lookups_use_the_unique_index():
    ClaimFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a three-row table would be scanned otherwise
        plan = Claim.objects.filter(external_id__in=["a", "b"]).explain()
    assert "claims_claim_external_id_key" in plan
