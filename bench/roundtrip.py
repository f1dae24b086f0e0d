"""Data safety at scale: export -> import into a fresh database -> export is identical but for `id` (DESIGN §10).

Generates N synthetic claims (default 100,000), imports them into a fresh PostgreSQL database A,
exports A, imports that export into a fresh database B, exports B, and compares the two exports
row by row with `id` left out. Also checks that `export_contradictions` agrees between A and B.
Prints the time of each step and exits non-zero on any difference.

    python bench/roundtrip.py [--claims 100000] [--format csv|jsonl] [--keep]
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)


def fresh_database(name: str) -> dict:
    psql(f'DROP DATABASE IF EXISTS "{name}"')
    psql(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tracker.settings", "DATABASE_URL": f"{PG}/{name}"}
    manage(env, "migrate", "--noinput", "-v", "0")
    return env


def manage(env: dict, *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started


def rows(path: Path, fmt: str) -> list[dict]:
    """Return the file's rows without `id`, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle)) if fmt == "csv" else [json.loads(line) for line in handle]
    for record in records:
        record.pop("id", None)
    return records


def compare(a: Path, b: Path, fmt: str, what: str) -> int:
    """Print whether two exports hold the same rows (id aside); return the number of differing rows."""
    first, second = rows(a, fmt), rows(b, fmt)
    if len(first) != len(second):
        print(f"{what}: {len(first):,} rows against {len(second):,}")
        return abs(len(first) - len(second)) or 1
    differing = [(n, x, y) for n, (x, y) in enumerate(zip(first, second, strict=True), start=2) if x != y]
    for n, x, y in differing[:3]:
        changed = {key: (x.get(key), y.get(key)) for key in x.keys() | y.keys() if x.get(key) != y.get(key)}
        print(f"{what}: row {n} differs: {changed}")
    print(f"{what}: {len(first):,} rows, {len(differing):,} differing")
    return len(differing)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    parser.add_argument("--keep", action="store_true", help="keep the databases ct_roundtrip_a and _b")
    args = parser.parse_args(argv)
    ext = args.format
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "generated.csv"
        with source.open("w", newline="", encoding="utf-8") as out:
            generate(args.claims, out, seed=1)
        a, b = fresh_database("ct_roundtrip_a"), fresh_database("ct_roundtrip_b")
        steps = {
            "import generated into A": manage(a, "import_claims", str(source), "--no-progress"),
            "export A": manage(a, "export_claims", str(work / f"a.{ext}")),
            "export A's contradictions": manage(a, "export_contradictions", str(work / f"a-flags.{ext}")),
            "import A's export into B": manage(b, "import_claims", str(work / f"a.{ext}"), "--no-progress"),
            "export B": manage(b, "export_claims", str(work / f"b.{ext}")),
            "export B's contradictions": manage(b, "export_contradictions", str(work / f"b-flags.{ext}")),
        }
        for step, seconds in steps.items():
            print(f"{step}: {seconds:.1f} s")
        differences = compare(work / f"a.{ext}", work / f"b.{ext}", ext, "claims")
        differences += compare(work / f"a-flags.{ext}", work / f"b-flags.{ext}", ext, "contradictions")
    if not args.keep:
        psql('DROP DATABASE IF EXISTS "ct_roundtrip_a"')
        psql('DROP DATABASE IF EXISTS "ct_roundtrip_b"')
    print("PASS: identical but for id" if not differences else "FAIL: the round trip changed the data")
    return 0 if not differences else 1


if __name__ == "__main__":
    sys.exit(main())
