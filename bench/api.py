"""API benchmarks on PostgreSQL (issue #7): the claims list against raw SQL and naive DRF, the query budget at
scale, and throughput under gunicorn.

    python bench/api.py [--claims 100000] [--db NAME_OR_URL] [--runs 30] [--seconds 3] [--rounds 5] [--rebuild]

P1  In one process, `GET /api/claims/?contested=true&page_size=100` (anonymous, production settings, called
    as gunicorn calls it: the WSGI application) against the same page from raw SQL on psycopg serialised
    with orjson (bench/reference.py, checked equal to the endpoint's body first), and against a naive DRF
    ModelSerializer list of the same rows. Runs are interleaved so that drift hits all three alike. Both
    sides have their statements prepared after a few runs: psycopg does by default, Django with the
    project's settings (DB_PREPARED_STATEMENTS).
P2  The queries of every API endpoint and public page (anonymous), lists at page sizes 1 and 500, on this
    database; transaction control is not counted (DESIGN §10).
P5  gunicorn, production settings, 2 workers: the claims list against a bare Django view answering the same
    page from raw SQL, and the floor (a JsonResponse without the database), load from wrk on loopback
    (a small threaded client when wrk is missing), rounds interleaved.

The database is `--db` when given, used as it is; otherwise ct_bench_api_<N> on $BENCH_PG, built from
bench/generate.py (import, recompute) when it does not hold N claims yet, and reused after.
"""

import argparse
import contextlib
import http.client
import io
import json
import logging
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
HOST = "127.0.0.1"
PAGE = "contested=true&page_size=100"
LIST_URL = f"/api/claims/?{PAGE}"
BARE_URL = f"/bench/bare/claims/?{PAGE}"
FLOOR_URL = "/bench/bare/"
NAIVE_URL = f"/bench/naive/claims/?{PAGE}"
P1_TARGET, P2_TARGET, P5_TARGET = 2.0, 5, 0.5
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")  # not queries for data (DESIGN §10)

Row = tuple[str, str, str, bool | None]  # measure, figure, target, passed (None: shown for reference)

# Production mode, as `make serve` runs it, except: plain HTTP on loopback, no throttling in the way of the load,
# and no public cache (tracker.cache), which would answer every timed request from memory after the first.
SERVER_ENV = {
    "PUBLIC_CACHE_SECONDS": "0",
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_ENV": "production",
    "SECRET_KEY": "bench",
    "ALLOWED_HOSTS": HOST,
    "SECURE_SSL_REDIRECT": "false",
    "THROTTLE_ANON": "1000000000/minute",
    "THROTTLE_USER": "1000000000/minute",
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the database ------------------------------------------------------------------------------------------


def database_url(name_or_url: str) -> str:
    return name_or_url if "://" in name_or_url else f"{PG}/{name_or_url}"


def claim_count(url: str) -> int | None:
    """Return how many claims the database holds, or None when it (or its tables) do not exist."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
    except psycopg.Error:
        return None


def manage(args: list[str], url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tracker.settings"}
    for key in ("DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS"):
        env.pop(key, None)
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def build(n: int, name: str) -> str:
    """Create database `name` afresh with n synthetic published claims and their contradictions."""
    from bench.generate import generate

    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)
    url = database_url(name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            generate(n, out, seed=1)
        manage(["migrate", "--noinput", "-v", "0"], url)
        started = time.perf_counter()
        manage(["import_claims", str(path), "--status", "published"], url)
        manage(["recompute_contradictions"], url)
        log(f"built {name}: {n} claims imported and flagged in {time.perf_counter() - started:.0f} s")
    return url


def prepare(n: int, db: str | None, rebuild: bool = False) -> str:
    """Return the URL of the database to measure, built when needed, with migrations applied."""
    if db:
        url = database_url(db)
        if claim_count(url) is None:
            raise SystemExit(f"--db {db}: no Claim Tracker database there")
    else:
        name = f"ct_bench_api_{n}"
        url = database_url(name)
        if rebuild or claim_count(url) != n:
            log(f"building {name} ({n} claims; a few minutes at 100k)")
            url = build(n, name)
    manage(["migrate", "--noinput", "-v", "0"], url)
    subprocess.run(["psql", url, "-qc", "VACUUM ANALYZE"], check=True, capture_output=True)
    return url


# -- P1: in one process ----------------------------------------------------------------------------------------


def wsgi_get(application, url: str) -> tuple[int, bytes]:
    """GET `url` through the WSGI application as a server would, returning the status and the whole body."""
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": HOST, "SERVER_PORT": "80", "HTTP_HOST": HOST, "REMOTE_ADDR": HOST,
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.version": (1, 0), "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    status = []
    result = application(environ, lambda s, headers, exc_info=None: status.append(int(s.split()[0])))
    try:
        body = b"".join(result)
    finally:
        result.close()  # request_finished: Django's end-of-request connection handling, as under gunicorn
    return status[0], body


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def measure_p1(url: str, runs: int) -> list[Row]:
    import orjson
    import psycopg
    from django.core.wsgi import get_wsgi_application

    from bench.reference import raw_claims_page

    application = get_wsgi_application()
    conn = psycopg.connect(url, options="-c timezone=UTC")

    def endpoint():
        status, body = wsgi_get(application, LIST_URL)
        assert status == 200, (status, body[:300])
        return body

    def raw():
        with conn.transaction(), conn.cursor() as cursor:  # the endpoint's page runs in a transaction too
            return orjson.dumps(raw_claims_page(cursor, 100, base=f"http://{HOST}/api/claims/"))

    def naive():
        status, body = wsgi_get(application, NAIVE_URL)
        assert status == 200, (status, body[:300])
        return body

    ours, reference, drf = orjson.loads(endpoint()), orjson.loads(raw()), orjson.loads(naive())
    if ours != reference:
        raise SystemExit("P1: the raw SQL page differs from the endpoint's; fix bench/reference.py first")
    if [c["id"] for c in drf["results"]] != [c["id"] for c in ours["results"]] or len(ours["results"]) != 100:
        raise SystemExit("P1: the naive DRF list returns other rows than the endpoint")

    candidates = {"endpoint": endpoint, "raw": raw, "naive": naive}
    times = {name: [] for name in candidates}
    for _ in range(3):  # warm caches, connections and imports
        for run in candidates.values():
            run()
    order = list(candidates)
    for _ in range(runs):
        random.shuffle(order)  # interleaved, in a fresh order each round, so drift and caches hit all alike
        for name in order:
            started = time.perf_counter()
            candidates[name]()
            times[name].append(time.perf_counter() - started)
    conn.close()

    ms = {name: median_ms(values) for name, values in times.items()}
    ratio, naive_ratio = ms["endpoint"] / ms["raw"], ms["naive"] / ms["raw"]
    return [
        ("P1 list/raw median ratio", f"{ratio:.2f}x", f"<= {P1_TARGET:.1f}x", ratio <= P1_TARGET),
        ("P1 list median (100 contested)", f"{ms['endpoint']:.1f} ms", "-", None),
        ("P1 raw SQL + orjson median", f"{ms['raw']:.1f} ms", "-", None),
        ("P1 naive DRF median / raw", f"{ms['naive']:.1f} ms / {naive_ratio:.2f}x", "-", None),
    ]


# -- P2: queries per request at scale ----------------------------------------------------------------------


def measure_p2() -> list[Row]:
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from claims.models import Claim, Contradiction, Topic
    from sources.models import Document

    claim = Claim.objects.published().filter(contested=True).order_by("id").first()
    topic = Topic.objects.disputes().order_by("-id").first()
    largest = Topic.objects.disputes().alias(n=Count("claims")).order_by("-n").first()
    flag = Contradiction.objects.public().order_by("id").first()
    document = Document.objects.filter(appearances__claim=claim).first()
    urls = [
        f"/api/claims/{claim.pk}/", f"/api/claims/{claim.pk}/claimreview/", f"/api/disputes/{topic.slug}/",
        f"/api/disputes/{largest.slug}/", f"/api/contradictions/{flag.pk}/", f"/api/topics/{topic.pk}/",
        f"/api/sides/{claim.side_id}/", f"/api/actors/{claim.claimant_id}/",
        f"/api/documents/{document.pk}/", "/", f"/disputes/{largest.slug}/", f"/claims/{claim.pk}/",
    ]
    if document.outlet_id:
        urls.append(f"/api/outlets/{document.outlet_id}/")
    lists = ["/api/claims/?", f"/api/claims/?{PAGE}&", "/api/disputes/?", "/api/contradictions/?", "/api/topics/?",
             "/api/sides/?", "/api/actors/?", "/api/outlets/?", "/api/documents/?"]
    urls += [f"{base}page_size={size}" for base in lists for size in (1, 500)]

    client = Client(HTTP_HOST=HOST)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # ClaimReview of an unrated claim is a 404
    counts = {}
    # Pages render {% static %}: plain storage here, so no collectstatic manifest is needed to count queries.
    plain = {**settings.STORAGES,
             "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain):
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            if response.status_code not in (200, 404):
                raise SystemExit(f"P2: {url} answered {response.status_code}")
            counts[url] = sum(1 for query in captured if not query["sql"].startswith(TRANSACTION_CONTROL))
    worst = max(counts, key=counts.get)
    return [(f"P2 most queries of {len(counts)} requests", f"{counts[worst]} ({worst})", f"<= {P2_TARGET}",
             counts[worst] <= P2_TARGET)]


# -- P5: under gunicorn ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(url: str, workers: int):
    """Run gunicorn (production settings, the benchmark's URLconf) on a loopback port; yield its host and port."""
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": url}
    command = [str(Path(sys.executable).with_name("gunicorn")), "tracker.wsgi", "--bind", f"{HOST}:{port}",
               "--workers", str(workers), "--log-level", "warning"]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        try:
            deadline = time.monotonic() + 30
            while True:
                with contextlib.suppress(OSError):
                    if http_get(HOST, port, "/healthz")[0] == 200:
                        break
                if process.poll() is not None or time.monotonic() > deadline:
                    errors.seek(0)
                    raise SystemExit(f"gunicorn did not start:\n{errors.read().decode()[-2000:]}")
                time.sleep(0.2)
            yield HOST, port
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def http_get(host: str, port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def load_wrk(host: str, port: int, path: str, seconds: int, connections: int) -> float:
    """Return requests/s over `seconds` from wrk; any error or non-2xx answer stops the benchmark."""
    done = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", f"http://{host}:{port}{path}"],
        capture_output=True, text=True, check=True,
    )
    if "Non-2xx" in done.stdout or re.search(r"Socket errors: .*(read|write|timeout) [1-9]", done.stdout):
        raise SystemExit(f"P5: errors under load on {path}:\n{done.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))


def load_threads(host: str, port: int, path: str, seconds: float, connections: int) -> float:
    """Return requests/s over `seconds` from `connections` threads, each a client sending one request at a time."""
    counts, failures = [0] * connections, []
    stop = time.perf_counter() + seconds

    def client(k: int) -> None:
        while time.perf_counter() < stop:
            try:
                status, _ = http_get(host, port, path)
            except OSError as exc:
                status = exc
            if status != 200:
                failures.append(status)
                return
            counts[k] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"P5: {path} answered {failures[0]} under load")
    return sum(counts) / (time.perf_counter() - started)


def measure_p5(url: str, seconds: int, workers: int, rounds: int) -> list[Row]:
    load = load_wrk if shutil.which("wrk") else load_threads
    tool = "wrk" if load is load_wrk else "Python threads"
    connections = 2 * workers
    paths = {"list": LIST_URL, "bare": BARE_URL, "floor": FLOOR_URL}
    rates = {name: [] for name in paths}
    with gunicorn(url, workers) as (host, port):
        for path in paths.values():
            status, body = http_get(host, port, path)
            if status != 200:
                raise SystemExit(f"P5: {path} answered {status}: {body[:300]!r}")
            load(host, port, path, 1, connections)  # warm every worker
        for _ in range(rounds):
            for name, path in paths.items():
                rates[name].append(load(host, port, path, seconds, connections))
    rate = {name: statistics.median(values) for name, values in rates.items()}
    share = rate["list"] / rate["bare"]
    return [
        ("P5 list/bare throughput", f"{share:.0%} ({rate['list']:.0f} vs {rate['bare']:.0f} req/s)",
         f">= {P5_TARGET:.0%}", share >= P5_TARGET),
        (f"P5 floor: JsonResponse, no database ({tool})", f"{rate['floor']:.0f} req/s", "-", None),
    ]


# -- the table ----------------------------------------------------------------------------------------------


def rows(claims: int = 100_000, db: str | None = None, runs: int = 30, seconds: int = 3, rounds: int = 5,
         workers: int = 2, rebuild: bool = False) -> list[Row]:
    """Build (or reuse) the database, run P1, P2 and P5, and return the table's rows."""
    url = prepare(claims, db, rebuild)
    os.environ.update({**SERVER_ENV, "DATABASE_URL": url})
    import django

    django.setup()
    n = claim_count(url)
    log(f"measuring on {urlsplit(url).path.lstrip('/')} ({n} claims)")
    table = [("API database", f"{n} claims", "-", None)]
    table += measure_p1(url, runs)
    table += measure_p2()
    table += measure_p5(url, seconds, workers, rounds)
    return table


def print_table(table: list[Row]) -> None:
    shown = [(measure, figure, target, "" if ok is None else "PASS" if ok else "FAIL")
             for measure, figure, target, ok in table]
    widths = [max(len(row[i]) for row in shown) for i in range(3)]
    for row in shown:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + f" | {row[3]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000, help="size of the database to build (default 100000)")
    parser.add_argument("--db", help="measure this database (name on $BENCH_PG, or a URL) instead; not rebuilt")
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each P1 candidate (default 30)")
    parser.add_argument("--seconds", type=int, default=3, help="seconds per P5 load round (default 3)")
    parser.add_argument("--rounds", type=int, default=5, help="P5 rounds, each URL in turn (default 5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for P5 (default 2)")
    parser.add_argument("--rebuild", action="store_true", help="build ct_bench_api_<N> afresh even if it exists")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for bench/run.py's table)")
    args = parser.parse_args(argv)
    table = rows(args.claims, args.db, args.runs, args.seconds, args.rounds, args.workers, args.rebuild)
    if args.json:
        print("ROWS " + json.dumps(table))
    else:
        print_table(table)
    return 0 if all(ok is not False for *_, ok in table) else 1


if __name__ == "__main__":
    sys.exit(main())
