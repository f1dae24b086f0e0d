"""Benchmarks on PostgreSQL: import and recompute throughput as the archive grows (issue #2, #7).

For each size it writes a synthetic file (bench/generate.py), makes a fresh database, and runs
`import_claims` and then `recompute_contradictions`, each as its own process so that its peak
memory is its own. Rates use the command's own wall time (bench/timed.py leaves out start-up);
rates per CPU-second use the command's own CPU time, which a busy machine inflates far less.
Import and recompute run three times each (the import into a fresh database each time, up to
100,000 rows) and the median counts: on a shared machine one run is a sample of its speed at
that moment. Then it times saving one claim in a topic of 1,000 claims (bench/save_claim.py),
and runs the API measures (bench/api.py) on the database of --api-claims claims. Prints one
table: measure, figure, target, PASS or FAIL; exits 1 if any fails.
See bench/README.md.

    python bench/run.py --sizes 10000 100000 [--api-claims 100000]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api import Row, print_table  # noqa: E402
from bench.generate import generate  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Databases are named <prefix>_<n>, <prefix>_news_<n> and <prefix>_save: on a shared server, give your own prefix.
PREFIX = os.environ.get("BENCH_DB_PREFIX", "ct_bench")
TARGETS = {"import_rate": 5_000, "import_mb": 300, "growth": 1.3, "save_ms": 20}
# On news-shaped data (bench/generate.py --profile news, issue #20): at every size, on two cores.
NEWS_TARGETS = {"import_rate": 6_000, "recompute_rate": 30_000, "import_mb": 300}


@dataclass
class Run:
    seconds: float  # the command's own wall time, start-up left out
    cpu: float  # the command's own CPU time, its child processes' included (the database server's is not)
    peak_mb: float  # peak RSS: the process's, plus its children's when it had any
    output: str
    db_cpu: float | None = None  # the CPU time of the database server's process serving the command, if known
    seen: list[float] | None = None  # the wall times of every run this one is the median of


def run(script: str, args: list[str], env: dict) -> Run:
    """Run a bench script in its own process; return its timings and its own peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{script} {' '.join(args)} failed:\n{output}")
    seconds = _reported(output, "seconds") or time.perf_counter() - started
    cpu = _reported(output, "cpu") or usage.ru_utime + usage.ru_stime
    peak_mb = _reported(output, "peak_mb") or usage.ru_maxrss / 1024
    return Run(seconds, cpu, peak_mb, output, _reported(output, "db_cpu"))


def _reported(output: str, name: str) -> float | None:
    found = re.search(rf"^{name}: ([0-9.]+)$", output, re.MULTILINE)
    return float(found.group(1)) if found else None


def fresh_database(name: str) -> str:
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)
    return f"{PG}/{name}"


def drop_database(name: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)


def environment(database_url: str) -> dict:
    # DEBUG off, as in production: with it on, Django keeps the SQL of recent queries in memory.
    return {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "tracker.settings", "DEBUG": "false"}


def last_line(output: str, prefix: str) -> str:
    return next((line for line in reversed(output.splitlines()) if line.startswith(prefix)), "")


def _import_fresh(name: str, path: Path, status: list[str], env: dict) -> Run:
    fresh_database(name)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    return run("timed.py", ["import_claims", str(path), *status, "--no-progress"], env)


def bench_size(n: int, workdir: Path, keep: bool, repeat: int, profile: str = "bench", imports: int = 1) -> dict:
    path = workdir / f"claims-{profile}-{n}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        generate(n, out, seed=1, profile=profile)
    name = f"{PREFIX}_{n}" if profile == "bench" else f"{PREFIX}_{profile}_{n}"
    # The benchmark's own data are imported as published; news-shaped rows keep their mixed statuses.
    status = ["--status", "published"] if profile == "bench" else []
    # Each import goes into a fresh database of that name (the last one stays, for recompute). The median's time
    # counts; the peak memory is the largest of them all, as the ceiling is a ceiling.
    env = environment(f"{PG}/{name}")
    runs = sorted((_import_fresh(name, path, status, env) for _ in range(imports)), key=lambda r: r.seconds)
    imported = replace(runs[len(runs) // 2], seen=[r.seconds for r in runs], peak_mb=max(r.peak_mb for r in runs))
    # Recomputing is idempotent, so it is cheap to repeat: the median run smooths a busy machine.
    runs = sorted((run("timed.py", ["recompute_contradictions", "--no-progress"], env) for _ in range(repeat)),
                  key=lambda r: r.seconds)
    recomputed = runs[len(runs) // 2]
    if not keep:
        drop_database(name)
    print(f"{n:,} claims ({profile}): {last_line(imported.output, 'Created')}", flush=True)
    return {"n": n, "import": imported, "recompute": recomputed, "profile": profile}


def bench_save(workdir: Path, keep: bool) -> Run:
    name = f"{PREFIX}_save"
    env = environment(fresh_database(name))
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    saved = run("save_claim.py", [str(workdir / "topic-1000.csv")], env)
    if not keep:
        drop_database(name)
    return saved


def details(results: list[dict]) -> None:
    """Print each size's import and recompute figures, the detail behind the table's rates."""
    print()
    print(f"{'':>17} {'import_claims':^38}   {'recompute_contradictions':^40}")
    print(
        f"{'profile':>6} {'claims':>10} {'seconds':>8} {'rows/s':>7} {'rows/cpu-s':>10} {'peak MB':>8}   "
        f"{'seconds':>8} {'claims/s':>9} {'claims/cpu-s':>12} {'peak MB':>8}   {'rows/db-cpu-s':>13}"
    )
    for r in results:
        n, imported, recomputed = r["n"], r["import"], r["recompute"]
        print(
            f"{r['profile']:>6} {n:>10,} {imported.seconds:>8.1f} {n / imported.seconds:>7,.0f} "
            f"{n / imported.cpu:>10,.0f} "
            f"{imported.peak_mb:>8.0f}   {recomputed.seconds:>8.2f} {n / recomputed.seconds:>9,.0f} "
            f"{n / recomputed.cpu:>12,.0f} {recomputed.peak_mb:>8.0f}   {_per(n, imported.db_cpu):>13}"
        )
    print("rows/db-cpu-s: rows imported per second of the database server's own CPU (its backend's, from /proc)")
    print()
    print("Each import, fastest first (the median is the figure above):")
    for r in results:
        runs = ", ".join(f"{r['n'] / seconds:,.0f}" for seconds in r["import"].seen or [r["import"].seconds])
        print(f"  {r['profile']:>6} {r['n']:>10,}: {runs} rows/s")
    print()


def _per(n: int, seconds: float | None) -> str:
    return f"{n / seconds:,.0f}" if seconds else "-"


def news_rows(results: list[dict]) -> list[Row]:
    """The import and recompute rates on news-shaped data (issue #20) as table rows."""
    table: list[Row] = []
    for r in results:
        n, imported, recomputed = r["n"], r["import"], r["recompute"]
        rate = n / imported.seconds
        table.append((f"news import {n:,} rows", f"{rate:,.0f} rows/s ({n / imported.cpu:,.0f} per CPU-s)",
                      f">= {NEWS_TARGETS['import_rate']:,} rows/s", rate >= NEWS_TARGETS["import_rate"]))
        rate = n / recomputed.seconds
        table.append((f"news recompute {n:,} claims", f"{rate:,.0f} claims/s ({n / recomputed.cpu:,.0f} per CPU-s)",
                      f">= {NEWS_TARGETS['recompute_rate']:,} claims/s", rate >= NEWS_TARGETS["recompute_rate"]))
    if results:
        peak = max(r["import"].peak_mb for r in results)
        table.append(("news import peak RSS", f"{peak:.0f} MB", f"<= {NEWS_TARGETS['import_mb']} MB",
                      peak <= NEWS_TARGETS["import_mb"]))
    return table


def engine_rows(results: list[dict], saved: Run | None) -> list[Row]:
    """The import, recompute and save measures (P3, P4) as table rows."""
    table: list[Row] = []
    for r in results:
        n, imported = r["n"], r["import"]
        rate = n / imported.seconds
        table.append((f"P4 import {n:,} rows", f"{rate:,.0f} rows/s ({n / imported.cpu:,.0f} per CPU-s)",
                      f">= {TARGETS['import_rate']:,} rows/s", rate >= TARGETS["import_rate"]))
    peak = max(r["import"].peak_mb for r in results)
    largest = max(r["n"] for r in results)
    table.append((f"P4 import peak RSS (up to {largest:,} rows)", f"{peak:.0f} MB", f"<= {TARGETS['import_mb']} MB",
                  peak <= TARGETS["import_mb"]))
    for r in results:
        n, recomputed = r["n"], r["recompute"]
        table.append((f"P3 recompute {n:,} claims", f"{recomputed.seconds:.1f} s ({n / recomputed.seconds:,.0f}/s)",
                      "<= 60 s at 1M" if n >= 1_000_000 else "-", recomputed.seconds <= 60 if n >= 1_000_000 else None))
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = (last["recompute"].seconds / last["n"]) / (first["recompute"].seconds / first["n"])
        cpu_growth = (last["recompute"].cpu / last["n"]) / (first["recompute"].cpu / first["n"])
        table.append((f"P3 recompute time per claim, {first['n']:,} -> {last['n']:,}",
                      f"{growth:.2f}x (CPU {cpu_growth:.2f}x)", f"<= {TARGETS['growth']}x",
                      growth <= TARGETS["growth"]))
    if saved is not None:
        median = float(last_line(saved.output, "refresh median ms:").split(":")[1].split()[0])
        whole, _, slowest = last_line(saved.output, "claim_update median ms:").split(":")[1].strip().partition(" ")
        table.append(("P3 save: flags refreshed, topic of 1,000", f"{median:.1f} ms median",
                      f"<= {TARGETS['save_ms']} ms", median <= TARGETS["save_ms"]))
        table.append(("P3 save: the whole claim_update", f"{whole} ms median {slowest}", "-", None))
    return table


def api_rows(claims: int, database: str | None) -> list[Row]:
    """Run bench/api.py (P1, P2, P5) in its own process, on `database` when given, and return its rows."""
    args = ["--claims", str(claims), "--json"] + (["--db", database] if database else [])
    process = subprocess.run([sys.executable, str(ROOT / "bench" / "api.py"), *args], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    found = re.search(r"^ROWS (.*)$", process.stdout, re.MULTILINE)
    if found is None:
        raise SystemExit(f"bench/api.py failed (status {process.returncode}):\n{process.stdout}")
    return [tuple(row) for row in json.loads(found.group(1))]


def _imports(n: int, imports: int) -> int:
    return max(1, imports) if n <= 100_000 else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", action="store_true", help="keep the databases (<BENCH_DB_PREFIX>_<n>) for inspection")
    parser.add_argument("--no-save", action="store_true", help="skip timing a save in a topic of 1,000 claims")
    parser.add_argument("--repeat", type=int, default=3, help="recompute runs per size; the median is reported")
    parser.add_argument("--imports", type=int, default=3,
                        help="imports per size up to 100,000 rows, each into a fresh database; the median is reported"
                             " (larger sizes are imported once: a million rows take minutes)")
    parser.add_argument("--profiles", nargs="+", choices=("bench", "news"), default=["bench", "news"],
                        help="data profiles to measure (bench/generate.py): the benchmark's own, news-shaped, or both")
    parser.add_argument("--api-claims", type=int, default=100_000,
                        help="database size for the API measures (P1, P2, P5); 0 skips them")
    args = parser.parse_args(argv)
    # The API measures reuse the import's database of the same size rather than importing it again.
    shared = args.api_claims if args.api_claims in args.sizes and "bench" in args.profiles else None
    with tempfile.TemporaryDirectory() as tmp:
        results = [bench_size(n, Path(tmp), args.keep or n == shared, args.repeat, imports=_imports(n, args.imports))
                   for n in args.sizes if "bench" in args.profiles]
        news = [bench_size(n, Path(tmp), args.keep, args.repeat, profile="news", imports=_imports(n, args.imports))
                for n in args.sizes if "news" in args.profiles]
        saved = None if args.no_save else bench_save(Path(tmp), args.keep)
    details(results + news)
    table = (engine_rows(results, saved) if results else []) + news_rows(news)
    if args.api_claims:
        print(f"API measures on {args.api_claims:,} claims (bench/api.py) ...", flush=True)
        table += api_rows(args.api_claims, f"{PREFIX}_{shared}" if shared else None)
        if shared and not args.keep:
            drop_database(f"{PREFIX}_{shared}")
    print_table(table)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; compare rates within one run")
    return 0 if all(ok is not False for *_, ok in table) else 1


if __name__ == "__main__":
    sys.exit(main())
