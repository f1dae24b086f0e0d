"""The extraction queue in headless Chromium (#17): a repeated statement is one candidate, reported in a click."""

import datetime
import os

import pytest

from claims.models import Appearance, Claim
from tests.admin.test_browser_admin import log_in
from tests.factories import ActorFactory, ClaimFactory, DocumentFactory, OutletFactory, SideFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = ("Armenia's defence ministry said on Tuesday that 710 servicemen had been killed since the fighting began. "
        "“We have lost 710 servicemen,” the ministry said in a statement.")


def test_an_editor_adds_a_relayed_statement_as_a_report_of_the_stored_claim(page, editor, screenshot_dir):
    """The lead and the quote are one candidate, shown as claim #N already; one click adds this article to it."""
    armenia = SideFactory(name="Armenia", slug="armenia", colour="#e69f00")
    mod = ActorFactory(name="Armenian Ministry of Defence", kind="government", side=armenia)
    topic = TopicFactory(name="Military deaths, Armenia", metric="military deaths")
    stored = ClaimFactory(topic=topic, claimant=mod, side=armenia, stated_on=datetime.date(2020, 10, 20), value=710,
                          status=Claim.Status.IN_REVIEW, statement="710 servicemen killed.")
    article = DocumentFactory(title="Ministry update", outlet=OutletFactory(name="Wire"),
                              published_on=datetime.date(2020, 10, 21), text=TEXT)

    log_in(page, "editor")
    page.goto(page.base_url + f"/admin/sources/document/{article.pk}/extract/")
    candidates = page.locator("li.candidate")
    assert candidates.count() == 1
    repeat = candidates.first.locator(".candidate-repeat")
    assert f"Already recorded as claim #{stored.pk}" in repeat.inner_text()
    assert "Printed 2 times in this article, one claim" in candidates.first.inner_text()
    assert candidates.first.locator("button.accept-button").count() == 0
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=os.path.join(screenshot_dir, f"admin-extraction-repeat-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    repeat.locator("button.report-button").click()
    page.wait_for_selector(".messagelist .success")

    assert f"report of claim #{stored.pk}" in page.locator(".messagelist .success").inner_text()
    assert "✓ accepted" in page.locator("li.candidate").first.inner_text()
    appearance = Appearance.objects.get(document=article)
    assert (appearance.claim_id, appearance.role) == (stored.pk, Appearance.Role.REPORT)
    assert Claim.objects.count() == 1
