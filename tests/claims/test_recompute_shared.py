"""A recompute shared with forked processes (claims.contradictions._recompute_shared) leaves what one process leaves.

Outside a transaction, on PostgreSQL and Linux, recompute_contradictions hands batches of topics to a
process on each other core. These tests commit their data (transaction=True), as the forked processes
read it through connections of their own.
"""

import io
import sys
import time
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from claims import contradictions
from claims.contradictions import contradictions_recompute_all
from claims.models import Claim, Contradiction, Topic
from tests.factories import ActorFactory, ClaimFactory, SideFactory, TopicFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql" or sys.platform != "linux",
                       reason="processes share a recompute on PostgreSQL and Linux only"),
]


@pytest.fixture
def topics():
    """Six figure topics whose claims disagree across two sides, a few published."""
    made = []
    for t in range(6):
        topic = TopicFactory()
        sides = [SideFactory(), SideFactory()]
        for n in range(8):
            side = sides[n % 2]
            ClaimFactory(topic=topic, side=side, claimant=ActorFactory(side=side), value=10 ** (n % 4) * (n + t + 1),
                         status="published" if n % 3 else "draft")
        made.append(topic)
    return made


def state() -> tuple[list[tuple], list[int]]:
    flags = sorted(Contradiction.objects.values_list("topic_id", "claim_a_id", "claim_b_id", "kind", "severity",
                                                     "gap_score", "explanation", "inputs_digest", "status"))
    return flags, sorted(Claim.objects.filter(contested=True).values_list("pk", flat=True))


def test_processes_sharing_a_recompute_leave_the_flags_and_marks_of_one(topics, monkeypatch):
    """Batches of one topic each, shared by two processes: the same flags, marks and counts as one process."""
    monkeypatch.setattr(contradictions, "_SHARE_CLAIMS", 1)
    monkeypatch.setattr(contradictions, "_SHARED_FROM", 0)
    monkeypatch.setattr(contradictions, "_workers", lambda: 1)
    alone = contradictions_recompute_all()
    expected = state()
    Contradiction.objects.all().delete()
    Claim.objects.update(contested=False)

    monkeypatch.setattr(contradictions, "_workers", lambda: 2)
    seen: list[int] = []
    shared = contradictions_recompute_all(progress=lambda topic: seen.append(topic.pk))

    assert state() == expected
    assert expected[0] and expected[1]
    assert shared == alone == Counter(kind for _, _, _, kind, *_ in expected[0])
    assert sorted(seen) == sorted(topic.pk for topic in topics)


def test_the_command_counts_what_the_processes_found(topics, monkeypatch):
    """recompute_contradictions prints the counts of every batch, whichever process recomputed it."""
    monkeypatch.setattr(contradictions, "_SHARE_CLAIMS", 1)
    monkeypatch.setattr(contradictions, "_SHARED_FROM", 0)
    monkeypatch.setattr(contradictions, "_workers", lambda: 2)
    out = io.StringIO()
    call_command("recompute_contradictions", "--no-progress", stdout=out)

    assert out.getvalue().startswith(f"Recomputed {Topic.objects.count()} topics; contradictions: "
                                     f"{Contradiction.objects.count()} (")


def test_a_failure_in_a_forked_process_is_raised(topics, monkeypatch):
    """A batch that fails in the other process is an error here, not a silent gap."""
    monkeypatch.setattr(contradictions, "_SHARE_CLAIMS", 1)
    monkeypatch.setattr(contradictions, "_SHARED_FROM", 0)
    monkeypatch.setattr(contradictions, "_workers", lambda: 2)
    real = contradictions._recompute

    def fails_in_a_child(batch):
        if contradictions.os.getpid() != parent:
            raise ValueError("no such luck")
        time.sleep(0.2)  # so that the other process surely takes a batch
        return real(batch)

    parent = contradictions.os.getpid()
    monkeypatch.setattr(contradictions, "_recompute", fails_in_a_child)
    with pytest.raises(RuntimeError, match="ValueError: no such luck"):
        contradictions_recompute_all()
