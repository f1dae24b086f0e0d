"""Search benchmark on PostgreSQL (issue #18): the search page and the API's ?q= at 100,000 claims, under 100 ms.

    python bench/search.py [--db NAME_OR_URL] [--claims 100000] [--runs 25]

Times `GET /search/?q=…` and `GET /api/claims/?q=…` (anonymous, production settings, the WSGI
application called in this process as gunicorn calls it) for a handful of phrases: a speaker's
name, a misspelt name (trigram likeness), a phrase of a statement, a phrase with a filter, a
word no claim holds (the worst case for an index: nothing to stop early on), and the broadest
phrase there is (a word every synthetic claim holds: shown for reference, it is ranked among its
newest 2,000 matches). Runs are interleaved; each phrase's median and 90th percentile are
printed, with this process's CPU time (Python: view, template, serialiser) and the server's time
for the queries of one request (EXPLAIN ANALYZE with TIMING OFF, planning and execution summed):
on a shared machine the wall time follows the load (printed at the end), CPU plus server time
much less. The target is the median of the named phrases; the queries are counted too (≤ 5,
transaction control aside). The database is `--db` when given, else ct_bench_search_<N>, built
from bench/generate.py when it does not hold N claims yet.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api import (  # noqa: E402
    HOST,
    SERVER_ENV,
    TRANSACTION_CONTROL,
    build,
    claim_count,
    database_url,
    log,
    manage,
    print_table,
)

TARGET_MS = 100.0


def phrases() -> list[tuple[str, str, dict, bool]]:
    """Return (label, path, query, counts toward the target): names and phrases the synthetic data holds."""
    from sources.models import Actor

    actor = Actor.objects.order_by("pk").first()
    misspelt = actor.name[:-1] + ("x" if actor.name[-1] != "x" else "y")
    return [
        ("search: speaker name", "/search/", {"q": actor.name}, True),
        ("search: misspelt name", "/search/", {"q": misspelt}, True),
        ("search: statement phrase", "/search/", {"q": "claim 4242"}, True),
        ("search: phrase + side + dates", "/search/",
         {"q": "claim 4242", "side": actor.side.slug, "stated_after": "2000-01-01"}, True),
        ("search: a word no claim holds", "/search/", {"q": "zzqx"}, True),
        ("search: every claim (reference)", "/search/", {"q": "synthetic"}, False),
        ("API: speaker name", "/api/claims/", {"q": actor.name}, True),
        ("API: statement phrase", "/api/claims/", {"q": "claim 4242"}, True),
        ("API: a word no claim holds", "/api/claims/", {"q": "zzqx"}, True),
        ("API: every claim (reference)", "/api/claims/", {"q": "synthetic"}, False),
    ]


def server_ms(queries: list[dict]) -> float:
    """Return the server's time for these queries: EXPLAIN ANALYZE's planning and execution (TIMING OFF), summed."""
    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        for query in queries:
            if query["sql"].lstrip().upper().startswith(("SELECT", "WITH", "(SELECT")):
                cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + query["sql"], query.get("params"))
                plan = cursor.fetchone()[0]
                plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
                total += plan["Planning Time"] + plan["Execution Time"]
    return total


def measure(runs: int) -> list[tuple]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    cases = phrases()
    times = {label: [] for label, *_ in cases}
    cpus = {label: [] for label, *_ in cases}
    last = {}
    for label, path, query, _ in cases:  # warm up: plans cached, statements prepared
        for _ in range(3):
            assert client.get(path, query).status_code == 200, label
    for _ in range(runs):
        for label, path, query, _ in cases:
            with CaptureQueriesContext(connection) as queries:
                started, cpu = time.perf_counter(), time.process_time()
                response = client.get(path, query)
                times[label].append((time.perf_counter() - started) * 1000)
                cpus[label].append((time.process_time() - cpu) * 1000)
            assert response.status_code == 200
            last[label] = queries.captured_queries
    rows = []
    counted = []
    for label, _, _, counts in cases:
        median = statistics.median(times[label])
        p90 = statistics.quantiles(times[label], n=10)[-1]
        queries = [q for q in last[label] if not q["sql"].startswith(TRANSACTION_CONTROL)]
        figure = (f"{median:.1f} ms median, {p90:.1f} ms p90 (cpu {statistics.median(cpus[label]):.0f} + server "
                  f"{server_ms(queries):.0f}), {len(queries)} queries")
        rows.append((label, figure, f"< {TARGET_MS:.0f} ms, <= 5 queries" if counts else "-",
                     median < TARGET_MS and len(queries) <= 5 if counts else None))
        if counts:
            counted.append(median)
    worst = max(counted)
    rows.append(("slowest named phrase", f"{worst:.1f} ms ({worst / TARGET_MS:.2f} of the target)",
                 f"< {TARGET_MS:.0f} ms", worst < TARGET_MS))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database name on $BENCH_PG, or a URL, used as it is")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args(argv)
    if args.db:
        url = database_url(args.db)
    else:
        url = database_url(f"ct_bench_search_{args.claims}")
        if claim_count(url) != args.claims:
            url = build(args.claims, f"ct_bench_search_{args.claims}")
    manage(["migrate", "--noinput", "-v", "0"], url)
    os.environ.update({**SERVER_ENV, "DATABASE_URL": url})
    import django

    django.setup()
    from django.conf import settings
    from django.test import override_settings

    log(f"measuring search on {claim_count(url)} claims")
    # Pages render {% static %}: plain storage here, so no collectstatic manifest is needed (as bench/api.py P2).
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain):
        table = measure(args.runs)
    print_table(table)
    print(f"load average {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cores")
    return 1 if any(ok is False for *_, ok in table) else 0


if __name__ == "__main__":
    sys.exit(main())
