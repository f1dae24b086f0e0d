"""Search benchmark on PostgreSQL (issue #18): the search page at 100,000 claims, under 100 ms.

    python bench/search.py [--db NAME_OR_URL] [--claims 100000] [--runs 25]

Times `GET /search/?q=…` (anonymous, production settings, the WSGI application called in this
process as gunicorn calls it) for a handful of phrases: a speaker's name, a misspelt name (trigram
likeness), a phrase of a statement, a phrase with a filter, and the broadest phrase there is (a
word every synthetic claim holds, shown for reference: it ranks all 100,000). Runs are interleaved;
each phrase's median and 90th percentile are printed, and the target is the median of the named
phrases. The database is `--db` when given, else ct_bench_search_<N>, built from bench/generate.py
when it does not hold N claims yet.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api import HOST, SERVER_ENV, build, claim_count, database_url, log, manage, print_table  # noqa: E402

TARGET_MS = 100.0


def phrases() -> list[tuple[str, dict, bool]]:
    """Return (label, query, counts toward the target): names and phrases the synthetic data holds."""
    from sources.models import Actor

    actor = Actor.objects.order_by("pk").first()
    misspelt = actor.name[:-1] + ("x" if actor.name[-1] != "x" else "y")
    return [
        ("speaker name", {"q": actor.name}, True),
        ("misspelt name", {"q": misspelt}, True),
        ("statement phrase", {"q": "claim 4242"}, True),
        ("phrase + side + dates", {"q": "claim 4242", "side": actor.side.slug, "stated_after": "2000-01-01"}, True),
        ("every claim (reference)", {"q": "synthetic"}, False),
    ]


def measure(runs: int) -> list[tuple]:
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    cases = phrases()
    times = {label: [] for label, _, _ in cases}
    for label, query, _ in cases:  # warm up: plans cached, statements prepared
        for _ in range(3):
            assert client.get("/search/", query).status_code == 200, label
    for _ in range(runs):
        for label, query, _ in cases:
            started = time.perf_counter()
            response = client.get("/search/", query)
            times[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    rows = []
    counted = []
    for label, _, counts in cases:
        median = statistics.median(times[label])
        p90 = statistics.quantiles(times[label], n=10)[-1]
        rows.append((f"search: {label}", f"{median:.1f} ms median, {p90:.1f} ms p90", f"< {TARGET_MS:.0f} ms"
                     if counts else "-", median < TARGET_MS if counts else None))
        if counts:
            counted.append(median)
    worst = max(counted)
    rows.append(("search: slowest named phrase", f"{worst:.1f} ms ({worst / TARGET_MS:.2f} of the target)",
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
    return 1 if any(ok is False for *_, ok in table) else 0


if __name__ == "__main__":
    sys.exit(main())
