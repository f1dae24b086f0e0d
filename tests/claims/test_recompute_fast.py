"""The recompute's fast paths write the flags it always wrote: digests of the same form, new flags open.

Stored digests decide whether a reviewer's ruling survives a recompute, so the digest must stay
the MD5 of `repr((conflict.a, conflict.b, conflict.kind))` that earlier versions stored.
"""

import datetime
import hashlib

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.bulk import FEW
from claims.contradictions import (
    FACT_FIELDS,
    _digest_of,
    contradiction_dismiss,
    contradictions_recompute_all,
    contradictions_recompute_topic,
)
from claims.models import Claim, Contradiction
from claims.rules import ASSERTS, DENIES, ClaimFacts, Conflict
from tests.factories import ActorFactory, ClaimFactory, SideFactory, TopicFactory


def stored_digest(conflict: Conflict) -> str:
    """The digest as every earlier version computed and stored it."""
    return hashlib.md5(repr((conflict.a, conflict.b, conflict.kind)).encode(), usedforsecurity=False).hexdigest()


_optional_int = st.one_of(st.none(), st.integers(0, 10**12))
_dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
_facts = st.builds(
    ClaimFacts,
    id=st.one_of(st.integers(1, 10**9), st.text(max_size=12)),  # str ids: rows of a file not yet stored
    claimant_id=st.integers(1, 10**6),
    side_id=st.integers(1, 10**6),
    stated_on=_dates,
    stance=st.sampled_from([ASSERTS, DENIES]),
    accused_side_id=st.one_of(st.none(), st.integers(1, 10**6)),
    qualifier=st.one_of(st.none(), st.sampled_from(["exact", "about", "at_least", "between"])),
    value=_optional_int,
    value_max=_optional_int,
    as_of=st.one_of(st.none(), _dates),
)


@settings(max_examples=500, deadline=None)
@given(_facts, _facts, st.sampled_from(list(Contradiction.Kind.values)), st.one_of(st.none(), st.floats()))
def test_digest_from_cached_reprs_is_the_stored_form(a, b, kind, severity):
    conflict = Conflict(a, b, kind, severity)
    assert _digest_of(repr(a), repr(b), kind) == stored_digest(conflict)


def test_digest_of_fixed_inputs_does_not_move():
    """A digest stored by an earlier version: if ClaimFacts' repr changes, rulings would silently reopen."""
    day = datetime.date(2020, 10, 22)
    a = ClaimFacts(1, 2, 3, day, ASSERTS, None, "exact", 874, None, day)
    b = ClaimFacts(4, 5, 6, day, ASSERTS, None, "at_least", 2000, None, day)
    assert _digest_of(repr(a), repr(b), "figure_mismatch") == "51c8f63d08ea0f45966642c211003df6"


@pytest.fixture
def clashing_topic(db):
    """A figure topic whose claims all disagree on one day: a flag for every pair, more than claims.bulk.FEW."""
    topic = TopicFactory()
    sides = [SideFactory(), SideFactory()]
    for n in range(12):
        side = sides[n % 2]
        ClaimFactory(topic=topic, side=side, claimant=ActorFactory(side=side), value=10 ** (n % 6) * (n + 1))
    return topic


def facts_of(claim: Claim) -> ClaimFacts:
    return ClaimFacts(*(getattr(claim, field) for field in FACT_FIELDS))


def test_new_flags_are_open_dated_and_carry_the_stored_digest(clashing_topic):
    before = timezone.now()
    contradictions_recompute_all(topics=[clashing_topic])
    flags = list(Contradiction.objects.select_related("claim_a", "claim_b"))
    assert len(flags) > FEW  # written by COPY on PostgreSQL
    for flag in flags:
        assert (flag.status, flag.note, flag.reviewed_by_id, flag.reviewed_at) == ("open", "", None, None)
        assert flag.topic_id == clashing_topic.pk
        assert flag.created_at >= before and flag.updated_at >= before
        conflict = Conflict(facts_of(flag.claim_a), facts_of(flag.claim_b), flag.kind, flag.severity)
        assert flag.inputs_digest == stored_digest(conflict)


def test_a_ruling_survives_recompute_until_its_claims_inputs_change(clashing_topic, reviewer):
    contradictions_recompute_topic(topic=clashing_topic)
    dismissed, other = Contradiction.objects.order_by("pk")[:2]
    contradiction_dismiss(contradiction=dismissed, user=reviewer, note="Different counts.")
    contradictions_recompute_all(topics=[clashing_topic])
    dismissed.refresh_from_db()
    ruling = (dismissed.status, dismissed.reviewed_by_id, dismissed.note)
    assert ruling == ("dismissed", reviewer.pk, "Different counts.")

    Claim.objects.filter(pk=dismissed.claim_a_id).update(value=999_999)
    contradictions_recompute_all(topics=[clashing_topic])
    dismissed.refresh_from_db()
    assert (dismissed.status, dismissed.reviewed_by_id) == ("open", None)
    assert Contradiction.objects.get(pk=other.pk).status == "open"
