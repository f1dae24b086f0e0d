"""Wikidata item ids (QIDs) for actors, sides and outlets: validated offline, linked, never fetched."""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

QID_PATTERN = r"^Q[1-9][0-9]*$"
QID_RE = re.compile(QID_PATTERN)
ENTITY_URL = "https://www.wikidata.org/wiki/{}"

validate_qid = RegexValidator(
    QID_PATTERN,
    'Enter a Wikidata item id: "Q" and its number without leading zeros, e.g. Q42 '
    "(the last part of https://www.wikidata.org/wiki/Q42).",
    code="invalid_wikidata",
)


def wikidata_field():
    """Return the optional QID field an actor, side or outlet carries."""
    return models.CharField(
        "Wikidata id",
        # Room for a pasted URL, so the mistake gets the QID's own message rather than a length one.
        max_length=64,
        blank=True,
        default="",
        validators=[validate_qid],
        help_text='The Wikidata item, e.g. Q42: ties this name to one real person or body so others can '
        "link to it. Optional; nothing is fetched from Wikidata.",
    )


def wikidata_constraint(prefix: str) -> models.CheckConstraint:
    """Return the check that keeps a stored QID well formed (empty means none)."""
    return models.CheckConstraint(
        condition=Q(wikidata="") | Q(wikidata__regex=QID_PATTERN), name=f"{prefix}_wikidata_qid"
    )


def entity_url(qid: str) -> str:
    """Return the Wikidata page of a QID, or '' when there is none (or it is malformed)."""
    return ENTITY_URL.format(qid) if qid and QID_RE.match(qid) else ""
