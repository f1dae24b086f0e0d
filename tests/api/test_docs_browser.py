"""/api/docs/ in a real browser: Swagger UI renders every operation from local files, under the site's CSP."""

import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_offline(page, db, screenshot_dir):
    """Every request the page makes stays on this server, no script is blocked, and the operations appear."""
    foreign, problems = [], []
    page.on("request", lambda request: None if request.url.startswith(page.base_url) else foreign.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{page.base_url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    page.screenshot(path=f"{screenshot_dir}/api-docs.png", full_page=False)
    assert "/api/claims/" in {path.strip() for path in paths}
    assert len(paths) == 32  # with the claim graph, its @context and the claims download
    assert foreign == []
    assert problems == []
