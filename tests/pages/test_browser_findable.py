"""Search, speaker, side, outlet and topic pages in headless Chromium (issue #18), screenshotted to look at."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from claims.models import Claim
from tests.pages.test_browser import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_putin_finds_his_claims_and_page(page, demo, screenshot_dir):
    """Typing "Putin" in the masthead's box finds his published claims and his page, which lists them."""
    published = set(Claim.objects.published().filter(claimant__name__icontains="Putin").values_list("pk", flat=True))
    assert published
    page.goto(page.base_url + "/")
    page.fill("#site-q", "Putin")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search/?q=Putin")
    # His own claims first; after them, claims that mention him.
    found = [int(pk) for pk in page.locator(".hit-claim").evaluate_all("els => els.map(e => e.dataset.claim)")]
    assert set(found[: len(published)]) == published
    assert Claim.objects.filter(pk__in=found).exclude(status=Claim.Status.PUBLISHED).count() == 0
    shoot(page, screenshot_dir, "search")
    page.locator(".hit-speaker-row a").first.click()
    page.wait_for_url("**/speakers/*/")
    assert "Putin" in page.locator("h1").inner_text()
    listed = {int(pk) for pk in page.locator(".hit-claim").evaluate_all("els => els.map(e => e.dataset.claim)")}
    assert listed == published
    shoot(page, screenshot_dir, "speaker")


def test_speaker_page_lists_every_published_claim_and_nothing_unpublished(page, dispute, screenshot_dir):
    """The ministry's page lists its published claim; its draft appears nowhere on the page."""
    page.goto(page.base_url + f"/speakers/{dispute.mod.pk}/")
    listed = [int(pk) for pk in page.locator(".hit-claim").evaluate_all("els => els.map(e => e.dataset.claim)")]
    assert listed == list(Claim.objects.published().filter(claimant=dispute.mod).values_list("pk", flat=True))
    assert "DRAFT-ONLY" not in page.content()


def test_side_outlet_and_topic_pages(page, dispute, screenshot_dir):
    """The side, outlet and topic-list pages draw, and link on to speakers and topics."""
    page.goto(page.base_url + "/sides/armenia/")
    assert page.locator(".balance-table tbody td").first.inner_text() == "2"
    shoot(page, screenshot_dir, "side")
    page.goto(page.base_url + f"/outlets/{dispute.transcript.outlet_id}/")
    assert page.locator(".hit-claim").count() == 1
    shoot(page, screenshot_dir, "outlet")
    page.goto(page.base_url + "/topics/")
    assert page.locator(".topic-index li").count() == 2
    shoot(page, screenshot_dir, "topics")


@pytest.fixture
def newsroom():
    """Another origin serving an article: a server of its own on loopback, on another port.

    A real server, not a page Playwright fulfils: Chromium blocks a page with no address of its own
    from framing a loopback one (Local Network Access), whatever the headers say.
    """
    article = {"html": b""}

    class Article(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(article["html"])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(origin=f"http://127.0.0.1:{server.server_address[1]}", article=article)
    server.shutdown()


def test_embeds_frame_in_another_origin_while_pages_refuse(page, dispute, settings, newsroom, screenshot_dir):
    """A newsroom's article (another origin) frames the claim card and the chart; the claim page and the
    search page refuse to be framed there."""
    settings.EMBED_FRAME_ANCESTORS = [newsroom.origin]
    base = page.base_url
    frames = {
        "card": f"{base}/embed/claims/{dispute.putin_count.pk}/",
        "chart": f"{base}/embed/disputes/{dispute.deaths.slug}/chart/",
        "claim": f"{base}{dispute.putin_count.get_absolute_url()}",
        "search": f"{base}/search/?q=Putin",
    }
    newsroom.article["html"] = ("<!doctype html><title>Article</title><h1>Our story</h1>" + "".join(
        f'<iframe id="{name}" name="{name}" src="{url}" width="600" height="420"></iframe>'
        for name, url in frames.items())).encode()
    page.goto(f"{newsroom.origin}/article")
    page.frame_locator("#card").locator("article.claim").wait_for()
    page.frame_locator("#chart").locator("svg.chart-svg").first.wait_for()
    page.wait_for_load_state("load")
    loaded = {frame.name: frame.url for frame in page.frames if frame.name}
    assert loaded["card"] == frames["card"] and loaded["chart"] == frames["chart"]
    for refused in ("claim", "search"):
        assert page.frame_locator(f"#{refused}").locator(".masthead").count() == 0, refused
        assert loaded[refused] != frames[refused], refused
    shoot(page, screenshot_dir, "embed-in-article")
