"""Workspace benchmarks on PostgreSQL (issue #17): the admin's lists and home, and matching a candidate.

    python bench/admin.py [--claims 100000] [--db NAME_OR_URL] [--runs 15] [--rebuild]

A1  Every admin list (claims, contradictions, topics, documents, actors, outlets, sides) and the home
    page's queue, as a reviewer, through Django's test client (the whole request: session, admin,
    template): the median time of `--runs` requests after two warm-ups, and the queries each made.
    Targets: under 200 ms and at most 12 queries (a changelist's session, user, count, rows and
    filter choices: a constant, whatever the number of rows).
A2  Matching one extraction candidate's speaker (`claims.matching.match_actor`) against the actors
    of the database: the median over candidate names made from the stored actors (other case,
    possessive, word order, without the side given) and names that match nothing. Target: under
    20 ms. Repeats and topic suggestions for the same candidates are shown beside it.

The database is `--db` when given, used as it is; otherwise ct_admin_bench_<N> on $BENCH_PG, built like
bench/api.py's (generate, import, recompute) when it does not hold N claims yet, and reused after.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api import Row, build, claim_count, database_url, log, manage, print_table  # noqa: E402

LIST_TARGET_MS, LIST_QUERIES, MATCH_TARGET_MS = 200.0, 12, 20.0
LISTS = ["claims/claim", "claims/contradiction", "claims/topic", "sources/document", "sources/actor",
         "sources/outlet", "sources/side"]


def prepare(n: int, db: str | None, rebuild: bool) -> str:
    if db:
        url = database_url(db)
        if claim_count(url) is None:
            raise SystemExit(f"--db {db}: no Claim Tracker database there")
        return url
    name = f"ct_admin_bench_{n}"
    url = database_url(name)
    if rebuild or claim_count(url) != n:
        log(f"building {name} ({n} claims; a few minutes at 100k)")
        url = build(n, name)
    manage(["migrate", "--noinput", "-v", "0"], url)
    return url


def _timed(call, runs: int) -> tuple[float, int]:
    """Return the median milliseconds of `runs` calls after two warm-ups, and the queries of the last call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        call()
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries.captured_queries)


def admin_rows(runs: int) -> list[Row]:
    from django.contrib.auth.models import Group
    from django.test import Client

    from claims.roles import REVIEWERS_GROUP, review_groups_ensure

    review_groups_ensure()
    user, _ = Group.objects.get(name=REVIEWERS_GROUP).user_set.get_or_create(
        username="bench-reviewer", defaults={"is_staff": True})
    client = Client()
    client.force_login(user)
    rows = []
    for label, url in [("home (queue)", "/admin/"), *((name, f"/admin/{name}/") for name in LISTS)]:
        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        ms, queries = _timed(get, runs)
        rows.append((f"A1 admin {label}", f"{ms:.0f} ms, {queries} queries", f"< {LIST_TARGET_MS:.0f} ms, "
                     f"<= {LIST_QUERIES} queries", ms < LIST_TARGET_MS and queries <= LIST_QUERIES))
    return rows


def matching_rows(runs: int) -> list[Row]:
    from claims.extraction import Candidate
    from claims.matching import candidate_matches, match_actor
    from sources.models import Actor

    actors = list(Actor.objects.select_related("side").order_by("pk")[:100])
    names = []
    for actor in actors:
        names += [(actor.name.upper(), actor.side.name), (f"the {actor.name}", None),
                  (" ".join(reversed(actor.name.split())), actor.side.name)]
    names += [("Organisation nobody has heard of", None), ("Ministry of Unknown Affairs", "Nowhere")] * 20

    def match_all():
        for name, side in names:
            match_actor(name, side=side)

    ms, _queries = _timed(match_all, max(3, runs // 5))
    per_name = ms / len(names)
    rows = [("A2 match a candidate's speaker", f"{per_name:.2f} ms", f"< {MATCH_TARGET_MS:.0f} ms",
             per_name < MATCH_TARGET_MS)]
    candidates = [Candidate(claimant=a.name, side=a.side.name, stance="asserts", accused_side=None, figure="120",
                            qualifier="exact", value=120, value_max=None, quote=f"{a.name} said 120 were killed.",
                            start=0, end=10, confidence=0.9) for a in actors[:20]]
    ms, _queries = _timed(lambda: candidate_matches(candidates), max(3, runs // 5))
    rows.append(("A2 actor, repeats and topics per candidate", f"{ms / len(candidates):.1f} ms", "", None))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", help="measure this database (name on $BENCH_PG, or a URL) as it is")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    url = prepare(args.claims, args.db, args.rebuild)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    for key in ("DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS"):
        os.environ.pop(key, None)
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's ALLOWED_HOSTS ("testserver")
    rows = admin_rows(args.runs) + matching_rows(args.runs)
    print_table(rows)
    return 0 if all(passed is not False for *_rest, passed in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
