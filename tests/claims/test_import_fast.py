"""The import's fast paths keep its records whole: history rows written as tuples, claims built on checked fields."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from simple_history.utils import get_history_manager_for_model

from claims.interchange import import_claims
from claims.models import Appearance, Claim
from claims.services import claim_build
from sources.models import Document
from tests.claims.test_performance_paths import EXTRA, EXTRA_CHANGES, write_csv
from tests.factories import ActorFactory, PropositionTopicFactory, TopicFactory

pytestmark = pytest.mark.django_db


def tracked(model, instance) -> dict:
    """The values a history record of `instance` must repeat: every field the history tracks."""
    history = get_history_manager_for_model(model).model
    return {field.attname: getattr(instance, field.attname) for field in history.tracked_fields}


def test_each_imported_claim_has_one_creation_record_repeating_all_its_fields(editor, tmp_path):
    """More rows than claims.bulk.FEW, so PostgreSQL writes them, and their history, with COPY."""
    import_claims(write_csv(tmp_path / "claims.csv", EXTRA), user=editor, status="in_review")
    claims = list(Claim.objects.order_by("pk"))
    assert len(claims) == len(EXTRA)
    for claim in claims:
        [record] = claim.history.all()
        assert (record.history_type, record.history_user_id, record.history_change_reason) == ("+", editor.pk, None)
        assert tracked(Claim, record) == tracked(Claim, claim)
    documents = list(Document.objects.all())
    assert documents
    for document in documents:
        [record] = document.history.all()
        assert (record.history_type, record.history_user_id) == ("+", editor.pk)
        assert tracked(Document, record) == tracked(Document, document)


def test_reimported_claims_get_a_change_record_with_their_new_values(editor, tmp_path):
    import_claims(write_csv(tmp_path / "claims.csv", EXTRA), user=editor, status="in_review")
    import_claims(write_csv(tmp_path / "changes.csv", EXTRA_CHANGES), user=editor, status="in_review")
    for claim in Claim.objects.all():
        created, changed = claim.history.order_by("history_id")
        assert (created.history_type, changed.history_type, changed.history_user_id) == ("+", "~", editor.pk)
        assert (changed.version, changed.statement) == (2, "Checked against the ministry's list.")
        assert tracked(Claim, changed) == tracked(Claim, claim)


def test_every_imported_claim_appears_in_its_documents(editor, tmp_path):
    import_claims(write_csv(tmp_path / "claims.csv", EXTRA), user=editor, status="in_review")
    for row in EXTRA:
        appearances = Appearance.objects.filter(claim__external_id=row["external_id"])
        roles = dict(appearances.values_list("document__title", "role"))
        if "via_url" in row:
            assert roles == {row["via_title"]: "primary", row["source_title"]: "report"}
        else:
            assert roles == {row["source_title"]: "primary"}
        assert set(appearances.values_list("quote", flat=True)) == {""}


def _fields(topic, **extra) -> dict:
    actor = ActorFactory()
    return {
        "topic": topic,
        "claimant_id": actor.pk,
        "side_id": actor.side_id,
        "stated_on": datetime.date(2020, 10, 1),
        **extra,
    }


def test_a_claim_built_on_checked_fields_still_keeps_the_rules_across_fields():
    """fields_checked skips each field's own validation, not the rules that tie the fields together."""
    with pytest.raises(ValidationError) as refused:
        claim_build(user=None, fields_checked=True, **_fields(PropositionTopicFactory(), figure="about 300"))
    assert "figure" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        claim_build(user=None, fields_checked=True,
                    **_fields(TopicFactory(), qualifier="approximately", value=300, value_max=400))
    assert "qualifier" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        claim_build(user=None, fields_checked=True, **_fields(TopicFactory(), as_of=datetime.date(2020, 10, 2)))
    assert "as_of" in refused.value.message_dict
    claim = claim_build(user=None, fields_checked=True, **_fields(TopicFactory(), figure="260-280"))
    assert (claim.qualifier, claim.value, claim.value_max, claim.as_of) == ("between", 260, 280, claim.stated_on)
