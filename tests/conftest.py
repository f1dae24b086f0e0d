"""Shared fixtures: users in each role, and the hypothesis profile."""

import os
import threading

import pytest
from hypothesis import HealthCheck, settings

from tests.factories import UserFactory

# CI machines are shared and noisy: no deadlines, and a fixed budget of examples.
settings.register_profile("ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def other_editor(db):
    return UserFactory(username="editor2", groups=["Editors"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", groups=["Reviewers"])


@pytest.fixture
def other_reviewer(db):
    return UserFactory(username="reviewer2", groups=["Reviewers"])


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "artifacts", "screenshots")


def pytest_report_header(config):
    if not os.path.exists(CHROMIUM):
        return f"browser tests: SKIPPED, no Chromium at {CHROMIUM} (apt-get install chromium)"
    return f"browser tests: Chromium at {CHROMIUM}"


class _OneRequestAtATime:
    """A WSGI application that lets one request run at a time, its body read whole inside the lock."""

    def __init__(self, application):
        self.application, self.lock = application, threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            result = self.application(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time_on_sqlite():
    """On SQLite the live server answers one request at a time.

    The test database is in memory there, one connection that Django shares between the test and the
    live server's threads; a browser asks for a page, its stylesheet and four framed pages at once, and
    two requests at once ran inside each other's transactions ("cannot start a transaction within a
    transaction", a 503 for the embedded chart). Production never shares a connection between threads,
    and on PostgreSQL each of the live server's threads has its own.
    """
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return
    server_class = LiveServerThread.server_class

    class SerialServer(server_class):
        def set_app(self, application):
            super().set_app(_OneRequestAtATime(application))

    LiveServerThread.server_class = SerialServer
    yield
    LiveServerThread.server_class = server_class


@pytest.fixture(scope="session")
def chromium():
    """Launch Debian's Chromium once per session; skip (or fail under CI) when it is missing."""
    if not os.path.exists(CHROMIUM):
        message = f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser tests: {message}")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # the test itself are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page; `page.base_url` is the live server's address."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    os.makedirs(SCREENSHOTS, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def demo(db):
    """Load the demo data set (claims/demo/claims.csv) through `manage.py load_demo`."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
