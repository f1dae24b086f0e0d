"""The workspace home in headless Chromium (#17): a reviewer opens their queue and follows it to the list."""

import os

import pytest

from claims.models import Claim
from claims.services import claim_submit
from tests.admin.helpers import figure_claim
from tests.admin.test_browser_admin import log_in
from tests.factories import ActorFactory, SideFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_follows_the_queue_to_the_claims_awaiting_review(page, chromium, live_server, editor, reviewer,
                                                                    screenshot_dir):
    """The home page says how many claims await review; its link opens the list of exactly those claims."""
    armenia = SideFactory(name="Armenia", slug="armenia")
    topic = TopicFactory(name="Military deaths, Armenia")
    mod = ActorFactory(name="Armenian Ministry of Defence", side=armenia)
    waiting = [figure_claim(topic=topic, side=armenia, claimant=mod, figure=str(n), user=editor,
                            stated_on=f"2020-10-{10 + 5 * n}") for n in (1, 2, 3)]
    for claim in waiting[:2]:
        claim_submit(claim=claim, user=editor)

    log_in(page, "reviewer")
    row = page.locator("#work-queue tr.queue-review")
    assert row.locator("th").inner_text() == "Claims awaiting your review"
    assert row.locator(".queue-count").inner_text() == "2"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=os.path.join(screenshot_dir, f"admin-home-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    row.locator("th a").click()
    page.wait_for_url("**/admin/claims/claim/?queue=review")
    links = page.locator("#result_list tbody tr th a")
    assert links.count() == 2
    hrefs = {links.nth(i).get_attribute("href") for i in range(2)}
    assert hrefs == {f"/admin/claims/claim/{c.pk}/change/?_changelist_filters=queue%3Dreview" for c in waiting[:2]}
    assert Claim.objects.filter(status="in_review").count() == 2
