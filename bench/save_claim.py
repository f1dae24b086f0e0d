"""Time saving one claim in a topic of 1,000 claims: how long its contradictions take to update (P3).

    python bench/save_claim.py /tmp/topic-1000.csv

Imports a generated figure topic of 1,000 claims (written to the path given), then, for 50 of
its claims, times contradictions_refresh_claim (the flag update a save runs) and, for 20,
a whole claim_update that changes the figure. Prints the medians and the query counts.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPIC_SIZE = 1_000


def main(path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.generate import generate_topic
    from claims.contradictions import contradictions_refresh_claim
    from claims.interchange import import_claims
    from claims.models import Claim
    from claims.services import claim_update

    with open(path, "w", newline="", encoding="utf-8") as out:
        generate_topic(TOPIC_SIZE, out, seed=7)
    result = import_claims(path, status="published")
    print(f"topic of {result.created:,} claims, {sum(result.contradictions.values()):,} flags")

    claims = list(Claim.objects.select_related("topic").order_by("pk"))[:: TOPIC_SIZE // 50]
    refresh, queries = [], set()
    for claim in claims:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            contradictions_refresh_claim(claim=claim)
            refresh.append((time.perf_counter() - started) * 1000)
        queries.add(len(captured.captured_queries))
    saves = []
    for claim in claims[:20]:
        started = time.perf_counter()
        claim_update(claim=claim, user=None, figure=f"{claim.value * 2:,}")
        saves.append((time.perf_counter() - started) * 1000)
    print(f"refresh median ms: {statistics.median(refresh):.1f} (slowest {max(refresh):.1f}; "
          f"{'/'.join(map(str, sorted(queries)))} queries)")
    print(f"claim_update median ms: {statistics.median(saves):.1f} (slowest {max(saves):.1f})")


if __name__ == "__main__":
    main(sys.argv[1])
