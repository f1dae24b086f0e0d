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


@pytest.mark.django_db
def test_people_and_the_accused_side_are_indexed_only_where_a_claim_names_them():
    """A draft from the command line names nobody: its row adds no entry to those four indexes (issue #20)."""
    indexes = claim_indexes()
    for column in ("accused_side_id", "created_by_id", "reviewed_by_id", "edited_by_id"):
        named = [definition for definition in indexes.values() if f"({column})" in definition]
        assert named == [definition for definition in named if f"WHERE ({column} IS NOT NULL)" in definition]
        assert len(named) == 1, column


@pytest.mark.django_db
def test_an_editors_drafts_are_found_through_the_partial_index():
    """The workspace's "my drafts" look-up (created_by = me) can use the partial index."""
    claim = ClaimFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Claim.objects.filter(created_by_id=claim.created_by_id or 1).explain()
    assert "claim_created_by" in plan


@pytest.mark.django_db
def test_a_flags_topic_has_no_constraint_and_cannot_be_deleted_under_it():
    """A flag's topic is unchecked on PostgreSQL (a look-up per flag written); its claims' keys hold it instead."""
    from django.db.models import ProtectedError

    from claims.contradictions import contradictions_recompute_topic
    from claims.models import Contradiction
    from tests.factories import SideFactory, TopicFactory

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'claims_contradiction'::regclass AND contype = 'f' "
            "AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = 'claims_contradiction'::regclass "
            "AND attname = 'topic_id')]"
        )
        assert cursor.fetchone() == (0,)
    topic = TopicFactory()
    ClaimFactory(topic=topic, side=SideFactory(), value=100)
    ClaimFactory(topic=topic, side=SideFactory(), value=5000)
    contradictions_recompute_topic(topic=topic)
    assert Contradiction.objects.filter(topic=topic).exists()

    with pytest.raises(ProtectedError):
        topic.delete()
    assert Contradiction.objects.filter(topic=topic).exists()
