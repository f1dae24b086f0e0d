"""A recompute shared with forked processes (claims.contradictions._recompute_shared) leaves what one process leaves.

Outside a transaction, on PostgreSQL and Linux, in a process of one thread, recompute_contradictions
hands batches of topics to a process on each other core. These tests commit their data
(transaction=True), as the forked processes read it through connections of their own, and share the
recompute from a fresh process (tests/claims/recompute_process.py): this one runs threads.
"""

import json
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from claims import contradictions
from claims.contradictions import contradictions_recompute_all
from claims.models import Claim, Contradiction, Topic
from tests.factories import ActorFactory, ClaimFactory, SideFactory, TopicFactory

ROOT = Path(__file__).resolve().parents[2]

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


def recompute_elsewhere(mode: str) -> dict:
    """Run the recompute in a fresh process of one thread (tests/claims/recompute_process.py says why)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.claims.recompute_process", connection.settings_dict["NAME"], mode],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_processes_sharing_a_recompute_leave_the_flags_and_marks_of_one(topics, monkeypatch):
    """Batches of one topic each, shared by two processes: the same flags, marks and counts as one process."""
    monkeypatch.setattr(contradictions, "_workers", lambda: 1)
    alone = contradictions_recompute_all()
    expected = state()
    Contradiction.objects.all().delete()
    Claim.objects.update(contested=False)

    shared = recompute_elsewhere("shared")

    assert state() == expected
    assert expected[0] and expected[1]
    assert Counter(shared["counts"]) == alone == Counter(kind for _, _, _, kind, *_ in expected[0])
    assert sorted(shared["seen"]) == sorted(topic.pk for topic in topics)


def test_the_command_counts_what_the_processes_found(topics):
    """recompute_contradictions prints the counts of every batch, whichever process recomputed it."""
    output = recompute_elsewhere("command")["output"]

    assert output.startswith(f"Recomputed {Topic.objects.count()} topics; contradictions: "
                             f"{Contradiction.objects.count()} (")


def test_a_failure_in_a_forked_process_is_raised(topics):
    """A batch that fails in the other process is an error here, not a silent gap."""
    assert "ValueError: no such luck" in recompute_elsewhere("fails")["error"]


def test_a_process_running_threads_never_forks(topics):
    """A web server's threads (or a test's live server) make forking unsafe: the recompute stays in one process."""
    started, release = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (started.set(), release.wait(30)), daemon=True)
    other.start()
    started.wait()
    try:
        assert contradictions._workers() == 1
    finally:
        release.set()
        other.join()
