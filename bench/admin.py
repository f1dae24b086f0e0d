"""Workspace benchmarks on PostgreSQL (issue #17): the admin's lists and home, and matching a candidate.

    python bench/admin.py [--claims 100000] [--db NAME_OR_URL] [--runs 15] [--rebuild]

A1  Every admin list (claims, contradictions, topics, documents, actors, outlets, sides, external reviews)
    and the home page's queue, as a reviewer and as an editor, through Django's test client (the whole
    request: session, admin, template); then the lists as editors use them: a queue, a filter, a search
    for a speaker's name, a word of a statement and a word nothing holds. For each: the median time of
    `--runs` requests after two warm-ups, this process's CPU time for them (Python: admin, template), the
    server's time for the queries of one request (EXPLAIN ANALYZE, planning and execution, summed), and
    the queries it made. Targets: under 200 ms and at most 12 queries (a changelist's session, user,
    permissions, count, rows and filter choices: a constant, whatever the number of rows). On a shared
    machine the wall time follows the load (printed at the end); CPU plus server time is the figure to
    compare across runs.
A2  Matching one extraction candidate's speaker (`claims.matching.match_actor`) against the actors
    of the database: the median over candidate names made from the stored actors (other case,
    possessive, word order, without the side given) and names that match nothing. Target: under
    20 ms. Repeats and topic suggestions for the same candidates are shown beside it.

The database is `--db` when given, used as it is; otherwise ct_admin_bench_<N> on $BENCH_PG, built like
bench/api.py's (generate, import, recompute) when it does not hold N claims yet, and reused after.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api import (  # noqa: E402
    TRANSACTION_CONTROL,
    Row,
    build,
    claim_count,
    database_url,
    log,
    manage,
    print_table,
)

LIST_TARGET_MS, LIST_QUERIES, MATCH_TARGET_MS = 200.0, 12, 20.0
LISTS = ["claims/claim", "claims/contradiction", "claims/topic", "sources/document", "sources/actor",
         "sources/outlet", "sources/side", "claims/externalreview"]


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


def _timed(call, runs: int) -> tuple[float, float, list[dict]]:
    """Return the median wall and CPU milliseconds of `runs` calls after two warm-ups, and the last call's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        call()
    walls, cpus = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            call()
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), queries.captured_queries


def server_ms(queries: list[dict]) -> float:
    """Return the server's time for these queries: EXPLAIN ANALYZE's planning and execution (TIMING OFF), summed."""
    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        for query in queries:
            if query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + query["sql"])
                plan = cursor.fetchone()[0]
                plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
                total += plan["Planning Time"] + plan["Execution Time"]
    return total


def _user(group: str, username: str):
    from django.contrib.auth.models import Group

    user, _ = Group.objects.get(name=group).user_set.get_or_create(username=username, defaults={"is_staff": True})
    return user


def _searches() -> list[tuple[str, str]]:
    """Return (label, query string) of the lists as editors use them, with words the database holds."""
    from claims.models import Claim
    from sources.models import Actor, Side

    side = Side.objects.order_by("pk").values_list("pk", flat=True).first()
    speaker = Actor.objects.order_by("pk").values_list("name", flat=True).first() or "Ministry"
    statement = Claim.objects.exclude(statement="").order_by("pk").values_list("statement", flat=True).first() or ""
    word = max(statement.split(), key=len, default="killed").strip(".,;:")
    return [
        ("claims: my review queue", "claims/claim/?queue=review"),
        ("claims: with open flags", "claims/claim/?open_flags=yes"),
        ("claims: published, one side", f"claims/claim/?status__exact=published&side__id__exact={side}"),
        ("claims: search a speaker", f"claims/claim/?q={quote(speaker)}"),
        ("claims: search a word", f"claims/claim/?q={quote(word)}"),
        ("claims: search a word no claim holds", "claims/claim/?q=zzqx"),
        ("flags: open on published", "claims/contradiction/?queue=flags"),
        ("flags: search a speaker", f"claims/contradiction/?q={quote(speaker)}"),
        ("flags: search a word nothing holds", "claims/contradiction/?q=zzqx"),
        ("documents: search a word", f"sources/document/?q={quote(word)}"),
        ("documents: one language", "sources/document/?language=en"),
    ]


def admin_rows(runs: int) -> list[Row]:
    from django.test import Client

    from claims.roles import EDITORS_GROUP, REVIEWERS_GROUP, review_groups_ensure

    review_groups_ensure()
    pages = [("home (queue)", "/admin/"), *((name, f"/admin/{name}/") for name in LISTS)]
    plan = [("reviewer", pages), ("editor", pages), ("reviewer", [(label, f"/admin/{url}")
                                                                  for label, url in _searches()])]
    rows = []
    for role, urls in plan:
        client = Client()
        client.force_login(_user(REVIEWERS_GROUP if role == "reviewer" else EDITORS_GROUP, f"bench-{role}"))
        for label, url in urls:
            def get(url=url, client=client):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            ms, cpu, queries = _timed(get, runs)
            server = server_ms(queries)
            counted = len([q for q in queries if not q["sql"].startswith(TRANSACTION_CONTROL)])
            rows.append((f"A1 {role}: {label}", f"{ms:.0f} ms (cpu {cpu:.0f} + server {server:.0f}), {counted} queries",
                         f"< {LIST_TARGET_MS:.0f} ms, <= {LIST_QUERIES} queries",
                         ms < LIST_TARGET_MS and counted <= LIST_QUERIES))
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

    ms, _cpu, _queries = _timed(match_all, max(3, runs // 5))
    per_name = ms / len(names)
    rows = [("A2 match a candidate's speaker", f"{per_name:.2f} ms", f"< {MATCH_TARGET_MS:.0f} ms",
             per_name < MATCH_TARGET_MS)]
    candidates = [Candidate(claimant=a.name, side=a.side.name, stance="asserts", accused_side=None, figure="120",
                            qualifier="exact", value=120, value_max=None, quote=f"{a.name} said 120 were killed.",
                            start=0, end=10, confidence=0.9) for a in actors[:20]]
    ms, _cpu, _queries = _timed(lambda: candidate_matches(candidates), max(3, runs // 5))
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
    print(f"load average {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cores")
    return 0 if all(passed is not False for *_rest, passed in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
