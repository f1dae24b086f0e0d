"""Search, speaker, side, outlet and topic pages in headless Chromium (issue #18), screenshotted to look at."""

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
