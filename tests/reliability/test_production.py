"""Production mode: settings from the environment, a clean `check --deploy`, and gunicorn serving it safely."""

import json
import subprocess
import sys
from http import HTTPStatus

import pytest
import requests

from tests.reliability.servers import ROOT, Gunicorn, manage, production_env

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def run_manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_check_deploy_is_clean(tmp_path):
    """`manage.py check --deploy` with production settings reports nothing, not even a warning."""
    env = production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "static")
    done = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert (done.returncode, done.stdout, done.stderr) == (0, "System check identified no issues (0 silenced).\n", "")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing, tmp_path):
    """Production mode stops at start-up, naming what is missing, when SECRET_KEY or ALLOWED_HOSTS is not set."""
    env = production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "static")
    del env[missing]
    done = run_manage(env, "check")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: Production needs SECRET_KEY and ALLOWED_HOSTS in the environment."
    )


def test_production_refuses_debug(tmp_path):
    """DEBUG=true is refused in production: the debug pages would show settings and code to anyone."""
    env = production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "static", DEBUG="true")
    done = run_manage(env, "check")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DEBUG must be off in production: it shows settings and code "
        "to visitors."
    )


@pytest.fixture(scope="module")
def production(production_static, tmp_path_factory):
    """gunicorn in production mode (HTTPS redirect on, as deployed) on a fresh SQLite database."""
    home = tmp_path_factory.mktemp("production")
    env = production_env(f"sqlite:///{home / 'db.sqlite3'}", production_static, LOGIN_THROTTLE_FAILURES="3",
                         CACHE_URL=f"filecache://{home / 'cache'}")  # One cache for both workers, as advised.
    manage(env, "migrate", "--noinput", "-v", "0")
    server = Gunicorn(env, log=home / "gunicorn.log")
    server.static_root = production_static
    yield server
    server.stop()


def test_plain_http_is_redirected_to_https(production):
    """A request that did not come over HTTPS (no X-Forwarded-Proto from the proxy) is sent to https://."""
    response = requests.get(f"{production.url}/disputes/x/?a=1", allow_redirects=False, timeout=10)
    assert (response.status_code, response.headers["Location"]) == (
        HTTPStatus.MOVED_PERMANENTLY, f"https://127.0.0.1:{production.port}/disputes/x/?a=1")


def test_healthz_answers_over_plain_http(production):
    """Load balancers probe /healthz over plain HTTP inside the network: it answers, not redirects."""
    response = requests.get(f"{production.url}/healthz", allow_redirects=False, timeout=10)
    assert (response.status_code, response.json()) == (HTTPStatus.OK, {"status": "ok", "database": "reachable"})


def test_pages_carry_the_security_headers(production):
    """Every page over HTTPS carries HSTS, the CSP, the referrer policy, nosniff and a frame ban."""
    response = production.get("/")
    assert response.status_code == HTTPStatus.OK
    headers = {name: response.headers.get(name) for name in (
        "Strict-Transport-Security", "Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
        "X-Frame-Options", "Cross-Origin-Opener-Policy")}
    assert headers == {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "Content-Security-Policy": CSP,
        "Referrer-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def test_api_carries_the_csp_too(production):
    """JSON answers carry the same policy, so nothing the API returns can run as a page."""
    response = production.get("/api/sides/")
    assert (response.status_code, response.headers["Content-Security-Policy"]) == (HTTPStatus.OK, CSP)


def test_cookies_are_secure(production):
    """The CSRF cookie of the admin login is Secure (and SameSite), so it never travels over plain HTTP."""
    response = production.get("/admin/login/")
    cookie = response.headers["Set-Cookie"]
    assert response.status_code == HTTPStatus.OK
    assert cookie.startswith("csrftoken=")
    assert "; Secure" in cookie
    assert "SameSite=Lax" in cookie


def test_static_files_are_served_hashed_and_cached_for_ever(production):
    """whitenoise serves the manifest's hashed files with a year-long immutable cache and a compressed copy."""
    manifest = json.loads((production.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    response = production.get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == HTTPStatus.OK
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.text == (ROOT / "static" / "css" / "site.css").read_text()


def test_favicon_ico_leads_to_the_icon(production):
    """Browsers and crawlers ask for /favicon.ico: they are sent to the site's icon, not given a 404."""
    redirect = production.get("/favicon.ico", allow_redirects=False)
    assert redirect.status_code == HTTPStatus.FOUND
    icon = production.get(redirect.headers["Location"])
    assert (icon.status_code, icon.headers["Content-Type"]) == (HTTPStatus.OK, "image/svg+xml")
    assert icon.text == (ROOT / "static" / "favicon.svg").read_text()


def test_unknown_page_is_a_plain_404_without_debug_details(production):
    """DEBUG is off: a missing page says 404 and shows no settings, URL patterns or traceback."""
    response = production.get("/no/such/page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "URLconf" not in response.text
    assert "SECRET_KEY" not in response.text


def test_forged_forwarded_for_does_not_escape_the_sign_in_throttle(production):
    """Each guess claiming another X-Forwarded-For still counts against the real address (NUM_PROXIES=0)."""
    answers = [
        requests.post(f"{production.url}/api/auth/token/", json={"username": f"nobody{n}", "password": "guess"},
                      headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": f"198.51.100.{n}"}, timeout=10)
        for n in range(4)
    ]
    assert [answer.status_code for answer in answers] == [HTTPStatus.BAD_REQUEST] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
