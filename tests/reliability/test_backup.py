"""`make backup` / `make restore` (tracker.backup): a backup brings back everything, a bad file changes nothing."""

import os
import subprocess
import sys

import pytest

from tests.reliability.servers import ROOT
from tracker.backup import BackupError, backup, restore

CALL = "from django.core.management import call_command as c; "
POPULATE = "c('migrate', verbosity=0); c('load_demo', '--with-users', verbosity=0); "
WIPE = "c('flush', interactive=False, verbosity=0); "


def dump(path) -> str:
    return f"c('dumpdata', indent=1, output='{path}'); "


def shell(database_url: str, code: str) -> None:
    """Run management commands in a process of their own, on the database under test."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="tracker.settings")
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", CALL + code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def round_trip(database_url: str, name: str, tmp_path, monkeypatch) -> None:
    """Back up a populated database, fail to restore a bad file, wipe it, restore the backup: all as before."""
    before, untouched, wiped, after = (tmp_path / f"{step}.json" for step in ("before", "untouched", "wiped", "after"))
    shell(database_url, POPULATE + dump(before))
    assert '"model": "claims.claim"' in before.read_text()
    assert '"model": "auth.user"' in before.read_text()

    monkeypatch.setenv("DATABASE_URL", database_url)
    archive = tmp_path / "backups" / "claimtracker.backup"
    assert backup(archive) == f"Backed up {name} to {archive} ({archive.stat().st_size:,} bytes)."

    garbage = tmp_path / "not-a-backup"
    garbage.write_bytes(b"PGDMP but not really\x00" * 10)
    with pytest.raises(BackupError):
        restore(garbage)

    shell(database_url, dump(untouched) + WIPE + dump(wiped))
    assert untouched.read_text() == before.read_text()  # The bad file changed nothing.
    assert '"model": "claims.claim"' not in wiped.read_text()

    assert restore(archive) == f"Restored {name} from {archive}."
    shell(database_url, dump(after))
    assert after.read_text() == before.read_text()


def test_sqlite_backup_and_restore(tmp_path, monkeypatch):
    """On SQLite, a backup restores every table (claims, history, users) byte for byte in dumpdata."""
    path = tmp_path / "db.sqlite3"
    round_trip(f"sqlite:///{path}", str(path), tmp_path, monkeypatch)


@pytest.mark.postgres
def test_postgres_backup_and_restore(pg_cluster, tmp_path, monkeypatch):
    """On PostgreSQL (a throwaway cluster), pg_dump and pg_restore bring back every table as it was."""
    round_trip(pg_cluster.create_database("backup"), "backup", tmp_path, monkeypatch)


def test_cli_reports_a_missing_backup(tmp_path):
    """`make restore` with a path that holds nothing fails with a clear message and exit status 1."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run([sys.executable, "-m", "tracker.backup", "restore", str(tmp_path / "nothing")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"restore failed: no backup at {tmp_path}/nothing\n")
