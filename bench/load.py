"""Load test: wrk against gunicorn in production mode on loopback, with a mix of read endpoints.

Builds a PostgreSQL database of the demo plus N synthetic published claims, starts gunicorn
(DJANGO_ENV=production, whitenoise, DEBUG off) on a free port, and drives it with wrk: 64
connections for 60 s by default, each request a random pick among the public pages and the API's
read endpoints. Passes with no errors (no socket errors, no status >= 400) and p99 <= 500 ms.

Needs wrk (Debian: `apt-get install wrk`); without it the script says so and exits with status 2.
The anonymous API throttle is raised for the run: it measures the app, not the throttle.

    python bench/load.py [--claims 10000] [--duration 60] [--connections 64] [--workers 3] [--gunicorn-threads 4]
                         [--reuse] [--cache-seconds 30]
"""

import argparse
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
TARGET_P99_MS = 500

LUA = """
local paths = {PATHS}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.0f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict, name: str, claims: int, reuse: bool, workdir: Path) -> None:
    """Create the database `name` with the demo and `claims` synthetic published claims (unless reusing it)."""
    exists = subprocess.run(["psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
                            capture_output=True, text=True, check=True).stdout.strip() == "1"
    if reuse and exists:
        print(f"reusing database {name}")
        return
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    if claims:
        path = workdir / "claims.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            generate(claims, out, seed=1)
        manage(env, "import_claims", str(path), "--status", "published")


def read_paths(base: str, sample: int = 40) -> list[str]:
    """Pick the addresses to request: every list endpoint, and pages and details for a sample of what exists."""
    disputes = requests.get(f"{base}/api/disputes/", timeout=30).json()["results"]
    claims = requests.get(f"{base}/api/claims/?contested=true", timeout=30).json()["results"]
    claims += requests.get(f"{base}/api/claims/", timeout=30).json()["results"]
    rng = random.Random(1)
    slugs = [d["topic"]["slug"] for d in rng.sample(disputes, min(sample, len(disputes)))]
    ids = [c["id"] for c in rng.sample(claims, min(sample, len(claims)))]
    side = requests.get(f"{base}/api/sides/", timeout=30).json()["results"][0]["slug"]
    paths = ["/", f"/?side={side}", "/?q=deaths", "/healthz"]
    paths += ["/api/claims/", "/api/claims/?contested=true", f"/api/claims/?side={side}", "/api/disputes/",
              "/api/contradictions/", "/api/topics/", "/api/sides/", "/api/actors/", "/api/outlets/",
              "/api/documents/", "/api/claims/?format=csv"]
    paths += [f"/disputes/{slug}/" for slug in slugs] + [f"/api/disputes/{slug}/" for slug in slugs[:10]]
    # Long disputes come a page at a time: readers follow "Earlier claims" too.
    for slug in slugs[:10]:
        earlier = requests.get(f"{base}/api/disputes/{slug}/", timeout=30).json()["earlier"]
        if earlier:
            query = earlier[earlier.index("?"):]
            paths += [f"/disputes/{slug}/{query}", f"/api/disputes/{slug}/{query}"]
    paths += [f"/claims/{pk}/" for pk in ids] + [f"/api/claims/{pk}/" for pk in ids[:10]]
    rated = [c["id"] for c in claims if c.get("verdict") not in (None, "unrated")]  # ClaimReview needs a verdict
    paths += [f"/api/claims/{pk}/claimreview/" for pk in rated[:5]]
    return paths


def check_paths(base: str, paths: list[str]) -> None:
    """Fail before the run if any address is not a 200: the load test is about speed, not broken links."""
    broken = [(path, status) for path in paths if (status := requests.get(base + path, timeout=30).status_code) != 200]
    if broken:
        raise SystemExit(f"addresses that do not answer 200: {broken}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000, help="synthetic published claims besides the demo")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--gunicorn-threads", type=int, default=4,
                        help="threads per worker (more than 1: gunicorn's gthread workers, as `make serve` runs)")
    parser.add_argument("--database", default="ct_load", help="PostgreSQL database name on BENCH_PG")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database instead of rebuilding it")
    parser.add_argument("--cache-seconds", type=int, default=30,
                        help="PUBLIC_CACHE_SECONDS for the run (production's default 30; 0 renders every request)")
    args = parser.parse_args(argv)

    if shutil.which("wrk") is None:
        print("SKIPPED: wrk is not installed. On Debian: apt-get install wrk", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tracker.settings", "DATABASE_URL": f"{PG}/{args.database}"}
        prepare(env, args.database, args.claims, args.reuse, workdir)
        port = free_port()
        serve_env = {
            **env, "DJANGO_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false", "STATIC_ROOT": str(workdir / "static"),
            "THROTTLE_ANON": "100000000/minute", "THROTTLE_USER": "100000000/minute",
            # One cache for all workers, as the README recommends for production.
            "PUBLIC_CACHE_SECONDS": str(args.cache_seconds), "CACHE_URL": f"filecache://{workdir / 'cache'}",
        }
        manage(serve_env, "collectstatic", "--noinput", "-v", "0")
        log = (workdir / "gunicorn.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tracker.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--threads", str(args.gunicorn_threads)],
            cwd=ROOT, env=serve_env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    requests.get(f"{base}/healthz", timeout=2)
                    break
                except requests.RequestException:
                    time.sleep(0.2)
            paths = read_paths(base)
            check_paths(base, paths)
            script = workdir / "mix.lua"
            script.write_text(LUA.replace("{PATHS}", "{" + ", ".join(json.dumps(p) for p in paths) + "}"))
            wrk = ["wrk", f"-t{args.threads}", f"-c{args.connections}", "--timeout", "5s", "-s", str(script)]
            subprocess.run([*wrk, "-d5s", base], check=True, capture_output=True)  # warm-up: connections, caches
            load_before = os.getloadavg()[0]
            done = subprocess.run([*wrk, f"-d{args.duration}s", "--latency", base], check=True, capture_output=True,
                                  text=True)
            load_during = os.getloadavg()[0]  # the 1-minute average, taken as the run ends
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        gunicorn_errors = [line for line in (workdir / "gunicorn.log").read_text(errors="replace").splitlines()
                           if "Traceback" in line or "[CRITICAL]" in line or "Internal Server Error" in line]

    result = json.loads(done.stdout.split("RESULT ", 1)[1])
    seconds = result["duration_us"] / 1e6
    errors = sum(result[key] for key in ("connect", "read", "write", "status", "timeout"))
    p99_ms = result["p99_us"] / 1000
    print(done.stdout.split("RESULT ", 1)[0].rstrip())
    print()
    print(f"{len(paths)} addresses, {args.connections} connections, {args.workers} gunicorn workers "
          f"x {args.gunicorn_threads} threads, "
          f"public cache {args.cache_seconds} s, {args.duration} s on {os.cpu_count()} CPUs "
          f"(load average before: {load_before:.1f}, at the end: {load_during:.1f})")
    print(f"requests: {result['requests']:,} ({result['requests'] / seconds:,.0f}/s)")
    print(f"latency ms: p50 {result['p50_us'] / 1000:.0f}, p90 {result['p90_us'] / 1000:.0f}, p99 {p99_ms:.0f}, "
          f"max {result['max_us'] / 1000:.0f}")
    print(f"errors: {errors} (connect {result['connect']}, read {result['read']}, write {result['write']}, "
          f"status >= 400 {result['status']}, timeout {result['timeout']}); server errors logged: "
          f"{len(gunicorn_errors)}")
    ok = errors == 0 and not gunicorn_errors and p99_ms <= TARGET_P99_MS
    print(f"{'PASS' if ok else 'FAIL'}: 0 errors and p99 <= {TARGET_P99_MS} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
