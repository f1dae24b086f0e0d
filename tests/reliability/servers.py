"""Real processes for the reliability tests: gunicorn in production mode, and throwaway PostgreSQL clusters.

Nothing here touches the shared PostgreSQL server on 5432: a cluster is made with Debian's
`pg_createcluster` on a free port (DESIGN §10: initdb refuses root) and dropped afterwards.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PG_VERSION = os.environ.get("PG_TEST_VERSION", "15")
HTTPS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """Return the environment of a production deployment on loopback, with its own database and static files."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="tracker.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    """Run manage.py in its own process; fail the test with its output when it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Gunicorn:
    """gunicorn serving the app on a free loopback port, as `make serve` does."""

    def __init__(self, env: dict[str, str], workers: int = 2, log: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 -- closed in stop()
        self._out = out
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tracker.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "2"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.process.returncode}: {self.output()}")
            try:
                requests.get(f"{self.url}/healthz", timeout=5)
                return
            except requests.RequestException:
                time.sleep(0.1)
        pytest.fail(f"gunicorn did not answer within {timeout} s: {self.output()}")

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 10)
        kwargs.setdefault("allow_redirects", False)
        kwargs["headers"] = {**HTTPS, **kwargs.get("headers", {})}
        return requests.get(f"{self.url}{path}", **kwargs)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log and self.log.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self._out is not subprocess.DEVNULL:
            self._out.close()


def pg_clusters_available() -> bool:
    return shutil.which("pg_createcluster") is not None and Path(f"/usr/lib/postgresql/{PG_VERSION}/bin").is_dir()


def require_pg_clusters() -> None:
    """Skip where throwaway clusters cannot be made; under CI with PostgreSQL, that is a failure instead."""
    if os.environ.get("CI") == "true" and not os.environ.get("DATABASE_URL"):
        pytest.skip("CI runs the throwaway-cluster tests once, in its PostgreSQL pass")
    if pg_clusters_available():
        return
    message = f"needs Debian's pg_createcluster and PostgreSQL {PG_VERSION} (apt-get install postgresql-{PG_VERSION})"
    if os.environ.get("CI") == "true" and os.environ.get("DATABASE_URL"):
        pytest.fail(f"CI runs the suite on PostgreSQL, so it needs this test: {message}")
    pytest.skip(message)


class PostgresCluster:
    """A throwaway PostgreSQL cluster on a free port, trusting local connections; never the shared server."""

    def __init__(self):
        self.name = f"ct_test_{uuid.uuid4().hex[:10]}"
        self.port = free_port()
        # Durability is no concern for a cluster that lives one test: skipping fsync halves its start-up.
        self._run("pg_createcluster", PG_VERSION, self.name, "-p", str(self.port), "-o", "fsync=off",
                  "-o", "full_page_writes=off", "--start", "--", "--auth=trust", "--no-sync")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def _run(*command: str) -> None:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode:
            pytest.fail(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc", f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def stop(self) -> None:
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, "stop", "-m", "fast")

    def start(self) -> None:
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, "start")

    def running(self) -> bool:
        done = subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, "status"],
                              capture_output=True, timeout=30)
        return done.returncode == 0

    def drop(self) -> None:
        subprocess.run(["pg_dropcluster", "--stop", PG_VERSION, self.name], capture_output=True, timeout=60)
