"""Two app servers, a worker, one PostgreSQL and one Redis: the servers share everything through them (#20).

Real processes: gunicorn in production mode on two ports, `manage.py worker`, a throwaway
PostgreSQL cluster and the Redis at REDIS_TEST_URL (db 9 by default). Every key this test
writes carries a prefix of its own (REDIS_KEY_PREFIX), deleted at the end; nothing else in
that Redis is touched.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from http import HTTPStatus

import pytest
import redis
import requests

from tests.reliability.servers import ROOT, Gunicorn, manage, production_env

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/9")
HOST = "localhost"  # the public name a load balancer passes on to every server
LIFETIME = 3  # PUBLIC_CACHE_SECONDS
PASSWORD = "a long enough password 42"


def require_redis() -> redis.Redis:
    """Skip where no Redis answers, saying so; under CI (which starts Redis) that is a failure instead."""
    conn = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        conn.ping()
    except redis.RedisError as exc:
        message = f"needs Redis at {REDIS_TEST_URL} (apt-get install redis-server; redis-server --daemonize yes): {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI starts Redis, so it runs this test: {message}")
        pytest.skip(message)
    return conn


class Deployment:
    """Two servers and what they share; workers are started by the tests that need one."""

    def __init__(self, pg_cluster, static, tmp_path):
        self.redis = require_redis()
        self.prefix = f"ct-test-{uuid.uuid4().hex[:10]}:"
        name = f"several_{uuid.uuid4().hex[:8]}"
        self.env = production_env(
            pg_cluster.create_database(name), static, REDIS_URL=REDIS_TEST_URL, REDIS_KEY_PREFIX=self.prefix,
            PUBLIC_CACHE_SECONDS=str(LIFETIME), NUM_PROXIES="1",
            JOB_HEARTBEAT_SECONDS="0.5", JOB_STALE_SECONDS="3",
        )
        manage(self.env, "migrate", "--noinput", "-v", "0")
        manage(self.env, "load_demo")
        self.token = self.shell(
            "from django.contrib.auth import get_user_model;"
            "from rest_framework.authtoken.models import Token;"
            f"user = get_user_model().objects.create_superuser('chief', 'chief@example.org', {PASSWORD!r});"
            f"get_user_model().objects.create_user('stringer', password={PASSWORD!r});"
            "print(Token.objects.create(user=user).key)"
        )
        self.tmp = tmp_path
        self.a = Gunicorn(self.env, workers=1, log=tmp_path / "a.log")
        self.b = Gunicorn(self.env, workers=1, log=tmp_path / "b.log")
        self.workers = []

    def worker(self) -> subprocess.Popen:
        """Start `manage.py worker` in a process group of its own (so a test can kill it and its job's process)."""
        log = open(self.tmp / f"worker-{len(self.workers)}.log", "wb")  # noqa: SIM115 -- closed with the test
        process = subprocess.Popen([sys.executable, "manage.py", "worker"], cwd=ROOT, env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.workers.append((process, log))
        return process

    def shell(self, code: str) -> str:
        """Run Python in a process of the deployment's own; return the last line it printed."""
        return manage(self.env, "shell", "-v", "0", "-c", code).strip().splitlines()[-1]

    def claims(self) -> int:
        return int(self.shell("from claims.models import Claim; print(Claim.objects.count())"))

    def jobs(self, *args: str) -> str:
        return manage(self.env, "jobs", *args)

    def stop(self) -> None:
        for process, log in self.workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            log.close()
        self.a.stop()
        self.b.stop()
        keys = list(self.redis.scan_iter(match=f"{self.prefix}*", count=1000))
        keys += list(self.redis.scan_iter(match=f"rq:*{self.prefix.rstrip(':')}*", count=1000))
        if keys:
            self.redis.delete(*keys)


@pytest.fixture(scope="module")
def deployment(pg_cluster, production_static, tmp_path_factory):
    deployment = Deployment(pg_cluster, production_static, tmp_path_factory.mktemp("several"))
    yield deployment
    deployment.stop()


def call(server: Gunicorn, method: str, path: str, **kwargs) -> requests.Response:
    """A request as the load balancer forwards it: HTTPS, the public host name, the client's address."""
    headers = {"X-Forwarded-Proto": "https", "Host": HOST, **kwargs.pop("headers", {})}
    return requests.request(method, f"{server.url}{path}", headers=headers, timeout=30, allow_redirects=False,
                            **kwargs)


class Browser:
    """A signed-in editor's browser, whichever server the load balancer picks (cookies kept by hand: HTTPS only)."""

    def __init__(self):
        self.cookies = {}

    def go(self, server: Gunicorn, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Referer": f"https://{HOST}{path}", **kwargs.pop("headers", {})}
        response = call(server, method, path, headers=headers, cookies=self.cookies, **kwargs)
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, server: Gunicorn, path: str, data: dict, **kwargs) -> requests.Response:
        if "csrftoken" not in self.cookies:
            self.go(server, "GET", "/admin/login/")
        return self.go(server, "POST", path, data={"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}, **kwargs)


def topic_names(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.text
    return [topic["name"] for topic in response.json()["results"]]


def job_state(page: requests.Response) -> str:
    assert page.status_code == HTTPStatus.OK, page.text[-3000:]
    return re.search(r'<div class="readonly">(Queued|Running|Finished|Failed)</div>', page.text)[1]


def csv_of(rows: int, prefix: str) -> str:
    lines = ["external_id,topic,claimant,side,stated_on,figure,source_title"]
    lines += [f"{prefix}-{n},Shelling {n % 7},Speaker {n % 13},Side {n % 2},2024-03-{n % 28 + 1:02},"
              f"{100 + n},Report {n}" for n in range(rows)]
    return "\n".join(lines) + "\n"


def test_a_change_through_a_is_served_by_b_within_the_cache_lifetime(deployment):
    """B answers from the cache A filled (one shared cache), and serves A's change once the lifetime is over."""
    a, b = deployment.a, deployment.b
    token = {"Authorization": f"Token {deployment.token}"}
    listed = call(a, "GET", "/api/topics/")  # the demo's public topics
    assert listed.status_code == HTTPStatus.OK, listed.text
    topic, name = listed.json()["results"][0]["id"], listed.json()["results"][0]["name"]
    before = call(a, "GET", f"/api/topics/{topic}/")
    assert before.status_code == HTTPStatus.OK and before.json()["name"] == name, before.text

    changed = call(a, "PATCH", f"/api/topics/{topic}/", json={"name": f"{name} (renamed)"}, headers=token)
    assert changed.status_code == HTTPStatus.OK, changed.text
    saved_at = time.monotonic()

    assert call(b, "GET", f"/api/topics/{topic}/").json()["name"] == name  # A's cached answer, from B
    while call(b, "GET", f"/api/topics/{topic}/").json()["name"] != f"{name} (renamed)":
        assert time.monotonic() - saved_at < LIFETIME + 2, "B still serves the old name after the cache lifetime"
        time.sleep(0.2)


def test_ten_failed_sign_ins_over_both_servers_lock_the_username_on_both(deployment):
    """Failures counted in the shared Redis: five on each server lock the username everywhere, right password too."""
    a, b = deployment.a, deployment.b
    for n in range(10):
        server = a if n % 2 else b
        answer = call(server, "POST", "/api/auth/token/", json={"username": "stringer", "password": "guess"},
                      headers={"X-Forwarded-For": f"198.51.100.{n}"})
        assert answer.status_code == HTTPStatus.BAD_REQUEST, answer.text

    for server in (a, b):
        answer = call(server, "POST", "/api/auth/token/", json={"username": "stringer", "password": PASSWORD},
                      headers={"X-Forwarded-For": "203.0.113.7"})
        assert answer.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_an_import_submitted_on_a_is_visible_on_b_when_done(deployment):
    """The import page on A queues the file; the worker imports it; B shows the job finished and the claims."""
    a, b = deployment.a, deployment.b
    worker = deployment.worker()
    browser = Browser()
    signed_in = browser.form(a, "/admin/login/?next=/admin/", {"username": "chief", "password": PASSWORD})
    assert signed_in.status_code == HTTPStatus.FOUND, signed_in.text[-2000:]

    checked = browser.form(a, "/admin/claims/claim/import/", {"status": "draft", "check": "Check file"},
                           files={"file": ("shelling.csv", csv_of(40, "sh"), "text/csv")})
    token = re.search(r'name="token" value="(\w+)"', checked.text)
    assert token, checked.text[-3000:]
    confirmed = browser.form(a, "/admin/claims/claim/import/", {"confirm": "1", "token": token[1]})
    assert confirmed.status_code == HTTPStatus.FOUND
    job_page = confirmed.headers["Location"]
    job_id = int(re.fullmatch(r"/admin/jobs/job/(\d+)/change/", job_page)[1])

    deadline = time.monotonic() + 60
    while (state := job_state(page := browser.go(b, "GET", job_page))) != "Finished":  # B, with A's session
        assert state in ("Queued", "Running"), page.text[-3000:]
        assert time.monotonic() < deadline, deployment.jobs(str(job_id))
        time.sleep(0.3)
    assert "40 of 40" in page.text
    claims = call(b, "GET", "/api/claims/?status=draft", headers={"Authorization": f"Token {deployment.token}"})
    assert claims.status_code == HTTPStatus.OK
    assert len(claims.json()["results"]) == 40
    os.killpg(worker.pid, signal.SIGTERM)  # RQ's warm shutdown: the test after this one starts its own
    worker.wait(timeout=20)


def test_killing_the_worker_mid_import_writes_nothing_and_fails_the_job(deployment, tmp_path):
    """kill -9 of the worker and its job's process mid-import: no claim written, the job failed, never half done."""
    big = tmp_path / "big.csv"
    big.write_text(csv_of(30_000, "big"))
    out = manage(deployment.env, "import_claims", str(big), "--background")
    job_id = re.match(r"Job (\d+) queued", out)[1]
    claims_before = deployment.claims()
    worker = deployment.worker()

    deadline = time.monotonic() + 120
    while True:  # until rows are being written
        shown = deployment.jobs(job_id)
        progress = re.search(r'"progress": "([\d,]+) of', shown)
        if '"state": "running"' in shown and progress and int(progress[1].replace(",", "")) > 0:
            break
        assert time.monotonic() < deadline and '"finished"' not in shown, shown
        time.sleep(0.2)
    # The machine is lost: the worker and its job's process (RQ runs each job in a session of its own).
    horse = int(re.search(r'"runner": "[^"]*:(\d+)"', shown)[1])
    os.killpg(worker.pid, signal.SIGKILL)
    os.kill(horse, signal.SIGKILL)
    worker.wait()

    deadline = time.monotonic() + 30
    while '"state": "failed"' not in (shown := deployment.jobs(job_id)):
        assert time.monotonic() < deadline, shown
        time.sleep(0.5)
    assert "nothing it was writing was kept" in shown
    assert deployment.claims() == claims_before

    deployment.worker()  # a new worker does not pick the failed job up again
    time.sleep(2)
    assert '"state": "failed"' in deployment.jobs(job_id)
