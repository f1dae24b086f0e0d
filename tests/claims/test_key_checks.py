"""Foreign keys of a COPY checked for all its rows at once (claims.key_checks), as PostgreSQL's triggers would.

Inside `claims.bulk.sending()`, a role that may set session_replication_role writes each COPY with
the per-row key triggers off and then checks the COPY's keys itself: a missing key must still be
refused with nothing written, what the rows point to must stay locked until COMMIT, and no other
statement may ever run without its triggers. A role without that right keeps the triggers.
"""

import uuid

import psycopg
import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from claims.bulk import FEW, insert_rows, overtaking, sending, take_keys
from claims.interchange import import_claims
from claims.key_checks import may_check_per_copy
from claims.models import Appearance, Claim
from sources.models import Document
from tests.claims.test_bulk_sending import CITES, COLUMNS
from tests.claims.test_performance_paths import EXTRA, write_csv
from tests.factories import ClaimFactory, DocumentFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and its key checks are PostgreSQL's")

def _missing_document() -> int:
    return (Document.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


@pytest.mark.django_db
@pytest.mark.parametrize("checks", ["auto", "rows"])
def test_a_copy_that_points_at_a_missing_row_is_refused_and_nothing_is_written(pairs, checks):
    """One citation of a document that does not exist, among many good ones: refused, naming the column; none kept."""
    missing = _missing_document()
    with override_settings(IMPORT_KEY_CHECKS=checks):
        assert may_check_per_copy(connection) is (checks == "auto")  # the tests' role is a superuser
        with pytest.raises(IntegrityError, match=rf"to_document_id.*{missing}"), transaction.atomic(), sending():
            connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")  # as an import does
            insert_rows(CITES, COLUMNS, [*pairs[:20], (pairs[0][0], missing), *pairs[20:]])
    assert CITES.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("checks", ["auto", "rows"])
def test_an_import_writes_the_same_archive_whichever_way_its_keys_are_checked(editor, tmp_path, checks):
    with override_settings(IMPORT_KEY_CHECKS=checks):
        result = import_claims(write_csv(tmp_path / "claims.csv", EXTRA), user=editor, status="in_review")
    assert (result.created, Claim.objects.count()) == (len(EXTRA), len(EXTRA))
    assert Appearance.objects.filter(claim__in=Claim.objects.all()).count() >= len(EXTRA)
    assert {record.history_user_id for record in Claim.history.all()} == {editor.pk}


@pytest.mark.django_db
def test_every_key_column_of_a_copy_is_checked():
    """Appearances point at a claim and a document: a missing claim is refused as surely as a missing document."""
    claims = ClaimFactory.create_batch(3)
    documents = DocumentFactory.create_batch(FEW + 1)
    rows = [(claims[n % 3].pk, document.pk, "primary", "") for n, document in enumerate(documents)]
    missing_claim = max(claim.pk for claim in claims) + 1000
    rows[-1] = (missing_claim, documents[-1].pk, "primary", "")
    with pytest.raises(IntegrityError, match=rf"claim_id.*{missing_claim}"), transaction.atomic(), sending():
        insert_rows(Appearance, ["claim_id", "document_id", "role", "quote"], rows)
    assert not Appearance.objects.filter(document__in=documents).exists()


@pytest.mark.django_db
def test_the_rows_keys_are_kept_when_they_all_exist(pairs):
    with sending():
        insert_rows(CITES, COLUMNS, pairs)
    assert sorted(CITES.objects.values_list(*COLUMNS)) == sorted(pairs)


@pytest.mark.django_db
def test_no_other_statement_runs_without_its_triggers(pairs):
    """Look-ups let through between the COPYs (overtaking), and the statements after them, find the triggers on."""
    seen = set()
    with transaction.atomic(), sending():
        for start in range(0, 20):
            insert_rows(CITES, COLUMNS, [(source, via) for source, via in pairs if (source + start) % 2][: FEW + 1])
            with overtaking(), connection.cursor() as cursor:
                cursor.execute("SHOW session_replication_role")
                seen.add(cursor.fetchone()[0])
            CITES.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            seen.add(cursor.fetchone()[0])
    assert seen == {"origin"}


@pytest.mark.django_db
def test_a_role_without_the_right_keeps_the_per_row_checks():
    """Only a role that may set session_replication_role skips the triggers; granting it that right is enough."""
    role = f"ct_plain_{uuid.uuid4().hex[:12]}"
    with transaction.atomic(), connection.cursor() as cursor:  # roles made here go with the rollback
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"SET LOCAL ROLE {role}")
        assert may_check_per_copy(connection) is False
        cursor.execute("RESET ROLE")
        cursor.execute(f"GRANT SET ON PARAMETER session_replication_role TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
        assert may_check_per_copy(connection) is True
        cursor.execute("RESET ROLE")
        transaction.set_rollback(True)


@pytest.mark.django_db(transaction=True)
def test_what_the_rows_point_to_stays_locked_until_commit(pairs):
    """Another session cannot lock for deletion a document the uncommitted rows cite; one they do not cite, it can."""
    cited = pairs[0][1]
    uncited = DocumentFactory().pk
    db = connection.settings_dict
    other = psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
                            dbname=db["NAME"], autocommit=False)
    try:
        with transaction.atomic():
            with sending():
                insert_rows(CITES, COLUMNS, pairs)
            with pytest.raises(psycopg.errors.LockNotAvailable):
                other.execute("SELECT 1 FROM sources_document WHERE id = %s FOR UPDATE NOWAIT", [cited])
            other.rollback()
            assert other.execute("SELECT 1 FROM sources_document WHERE id = %s FOR UPDATE NOWAIT",
                                 [uncited]).fetchone() == (1,)
            other.rollback()
        assert other.execute("SELECT 1 FROM sources_document WHERE id = %s FOR UPDATE NOWAIT",
                             [cited]).fetchone() == (1,)
    finally:
        other.close()


@pytest.mark.django_db
def test_keys_taken_ahead_are_never_handed_out_twice():
    """Keys come from a pool inside sending(): distinct within the block, and the sequence has moved past them."""
    with sending():
        first, second = take_keys(Document, 3), take_keys(Document, 5)
    after = take_keys(Document, 1)
    assert len(set(first + second)) == 8
    assert after[0] > max(first + second)
