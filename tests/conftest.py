"""Shared fixtures: users in each role, and the hypothesis profile."""

import os

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
