"""Back up and restore the whole database that DATABASE_URL names: `make backup` and `make restore`.

    python -m tracker.backup backup PATH     # PostgreSQL: pg_dump's custom format; SQLite: a copy
    python -m tracker.backup restore PATH    # replaces everything in the database with the backup

PostgreSQL goes through pg_dump/pg_restore (their major version at least the server's), so the
backup is consistent while the app keeps serving, and the restore runs in one transaction: it
applies completely or not at all. SQLite goes through SQLite's online backup API, which copies a
consistent snapshot even while the app writes. Either way the backup holds everything: claims,
history, users, tokens, dismissals - more than the interchange export carries.
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent


class BackupError(Exception):
    pass


def database() -> dict:
    """Return the default database's settings, read from DATABASE_URL exactly as the app reads them."""
    env = environ.Env()
    environ.Env.read_env(ROOT / ".env", overwrite=False)
    return env.db("DATABASE_URL", default=f"sqlite:///{ROOT / 'db.sqlite3'}")


def _pg_env(db: dict) -> dict[str, str]:
    # Credentials go through libpq's environment, never the command line (where `ps` shows them).
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _require(program: str) -> None:
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client)")


def _run(command: list[str], env: dict[str, str]) -> None:
    _require(command[0])
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _sqlite_path(db: dict) -> Path:
    path = Path(db["NAME"])
    if not path.is_absolute():
        path = ROOT / path
    return path


def backup(path: Path) -> str:
    """Write a backup of the whole database to `path`; return a line saying what was written."""
    db = database()
    path.parent.mkdir(parents=True, exist_ok=True)
    if db["ENGINE"] == "django.db.backends.postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"], _pg_env(db))
    elif db["ENGINE"] == "django.db.backends.sqlite3":
        source = _sqlite_path(db)
        if not source.exists():
            raise BackupError(f"no SQLite database at {source}")
        _sqlite_copy(source, path)
    else:
        raise BackupError(f"cannot back up a {db['ENGINE']} database")
    return f"Backed up {db['NAME']} to {path} ({path.stat().st_size:,} bytes)."


def restore(path: Path) -> str:
    """Replace the whole database with the backup at `path`; return a line saying what was restored."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    db = database()
    if db["ENGINE"] == "django.db.backends.postgresql":
        _pg_restore(path, _pg_env(db))
    elif db["ENGINE"] == "django.db.backends.sqlite3":
        _sqlite_check(path)
        _sqlite_copy(path, _sqlite_path(db))
    else:
        raise BackupError(f"cannot restore a {db['ENGINE']} database")
    return f"Restored {db['NAME']} from {path}."


def _pg_restore(path: Path, env: dict[str, str]) -> None:
    # Refuse a file that is not a pg_dump archive before anything is dropped.
    _run(["pg_restore", "--list", str(path)], env)
    # Empty the schema and load the archive in ONE transaction: tables the backup does not know (from a
    # later migration) go too, and any error leaves the database exactly as it was.
    _require("psql")
    script = subprocess.Popen(
        ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    load = subprocess.run(
        ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
         "--command=DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", "--file=-"],
        env=env, stdin=script.stdout, capture_output=True, text=True,
    )
    script.stdout.close()
    script_errors = script.stderr.read().decode(errors="replace")
    script.wait()
    if script.returncode or load.returncode:
        raise BackupError(f"restore failed, database unchanged: {(script_errors + load.stderr).strip()}")


def _sqlite_check(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
            tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'")
            has_migrations = tables.fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite backup: {error}") from error
    if result != "ok" or not has_migrations:
        raise BackupError(f"{path} is not a Claim Tracker backup (quick_check: {result})")


def _sqlite_copy(source: Path, target: Path) -> None:
    # SQLite's backup API copies page by page under the database's own locks: a consistent snapshot,
    # and the target is replaced in one go from the point of view of other connections.
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    try:
        print((backup if args.action == "backup" else restore)(args.path))
    except BackupError as error:
        print(f"{args.action} failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
