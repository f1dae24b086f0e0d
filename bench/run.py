"""Benchmarks on PostgreSQL: import and recompute throughput as the archive grows.

Each size gets a fresh database; every command runs as its own process, so its
peak memory is its own. Rates are measured within one run so that sizes compare
on the same machine state; quote medians of several runs, not one figure.

    python bench/run.py --sizes 10000 100000
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str


def run(args: list[str], env: dict) -> Run:
    """Run one manage.py command, returning its wall time and its own peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{output}")
    return Run(seconds, usage.ru_maxrss / 1024, output)


def fresh_database(name: str) -> str:
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)
    return f"{PG}/{name}"


def bench_size(n: int, workdir: Path) -> dict:
    path = workdir / f"claims-{n}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        generate(n, out, seed=1)
    env = {**os.environ, "DATABASE_URL": fresh_database(f"ct_bench_{n}"), "DJANGO_SETTINGS_MODULE": "tracker.settings"}
    run(["migrate", "--noinput", "-v", "0"], env)
    imported = run(["import_claims", str(path), "--status", "published"], env)
    recomputed = run(["recompute_contradictions"], env)
    return {
        "n": n,
        "import_rate": n / imported.seconds,
        "import_mb": imported.peak_mb,
        "recompute_rate": n / recomputed.seconds,
        "recompute_mb": recomputed.peak_mb,
        "recompute_output": recomputed.output.strip().splitlines()[-1:],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        results = [bench_size(n, Path(tmp)) for n in args.sizes]
    print(f"{'claims':>9} {'import/s':>10} {'import MB':>10} {'recompute/s':>12} {'recompute MB':>13}")
    for r in results:
        print(
            f"{r['n']:>9} {r['import_rate']:>10.0f} {r['import_mb']:>10.0f} "
            f"{r['recompute_rate']:>12.0f} {r['recompute_mb']:>13.0f}"
        )
    first, last = results[0], results[-1]
    if len(results) > 1:
        growth = first["recompute_rate"] / last["recompute_rate"]
        print(f"recompute per-claim cost grows {growth:.2f}x from {first['n']} to {last['n']} claims (target <= 1.3x)")
    target = min(r["recompute_rate"] for r in results)
    print(f"slowest recompute: {target:.0f} claims/s (target >= 20000): {'PASS' if target >= 20000 else 'FAIL'}")


if __name__ == "__main__":
    main()
