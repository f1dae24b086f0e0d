"""Writes with rules, one module per thing written; each service asks `claims.policy` before it writes."""

from claims.services.claims import (
    FIGURE_FIELDS,
    REFERENCE_FIELDS,
    UPDATED_FIELDS,
    StaleVersion,
    appearance_delete,
    appearance_save,
    claim_build,
    claim_bulk_create,
    claim_bulk_update,
    claim_change,
    claim_create,
    claim_publish,
    claim_rate,
    claim_retract,
    claim_set_appearances,
    claim_submit,
    claim_update,
)
from claims.services.references import (
    actor_create,
    actor_update,
    cites_reason,
    document_create,
    document_set_cites,
    document_update,
    outlet_create,
    outlet_update,
    side_create,
    side_update,
)
from claims.services.topics import TOPIC_RULE_FIELDS, topic_create, topic_update

__all__ = [
    "FIGURE_FIELDS", "REFERENCE_FIELDS", "TOPIC_RULE_FIELDS", "UPDATED_FIELDS", "StaleVersion", "actor_create",
    "actor_update", "appearance_delete", "appearance_save", "claim_build", "claim_bulk_create", "claim_bulk_update",
    "cites_reason", "claim_change", "claim_create", "claim_publish", "claim_rate", "claim_retract",
    "claim_set_appearances", "claim_submit", "claim_update", "document_create", "document_set_cites",
    "document_update", "outlet_create", "outlet_update", "side_create", "side_update", "topic_create",
    "topic_update",
]
