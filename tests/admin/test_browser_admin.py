"""The editors' workspace in headless Chromium: enter a document and its claim, submit, publish, see the flag."""

import os
import re

import pytest

from claims.models import Claim, Contradiction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory
TOPIC = "Armenian deaths in the November 2021 border clashes"


def log_in(page, username):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def autocomplete(page, select_id, term, choice):
    """Pick `choice` in a select2 autocomplete by typing `term`, as an editor does."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.locator(".select2-results__option", has_text=choice).first.click()


def test_editor_enters_a_claim_and_a_reviewer_publishes_it(page, chromium, live_server, demo, editor, reviewer,
                                                           screenshot_dir):
    """The whole desk in a browser: document and claim entered, submitted, published, and the new flag shown."""
    log_in(page, "editor")
    page.goto(page.base_url + "/admin/sources/document/add/")
    page.fill("#id_title", "Azerbaijani Defence Ministry statement on the border clashes")
    page.fill("#id_url", "https://mod.gov.az/en/news/border-clashes-2021-11-17")
    page.fill("#id_published_on", "2021-11-17")  # dates are typed and shown as ISO
    autocomplete(page, "id_outlet", "Defence", "Defence Redefined")
    row = "id_appearances-0"
    autocomplete(page, f"{row}-topic", "November 2021", TOPIC)
    autocomplete(page, f"{row}-claimant", "Azeri", "Azeri officials")
    page.fill(f"#{row}-stated_on", "2021-11-17")  # dates are typed and shown as ISO
    page.fill(f"#{row}-figure", "more than 2,000")
    preview = page.locator(f"#{row}-figure + .figure-preview")
    preview.wait_for(state="visible")
    assert preview.inner_text() == (
        "Reads as more than 2,000 — qualifier: more than, value: 2,000, interval: (2,000, ∞)")
    page.fill(f"#{row}-quote", "More than 2,000 Armenian servicemen were killed.")
    page.select_option(f"#{row}-role", "primary")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")

    claim = Claim.objects.get(created_by=editor)
    assert (claim.topic.name, claim.qualifier, claim.value, claim.status) == (TOPIC, "more_than", 2000, "draft")
    warning = page.locator(".messagelist .warning").inner_text()
    assert warning.startswith("This would contradict 2 published claims:")
    page.screenshot(path=os.path.join(screenshot_dir, "admin-document.png"), full_page=True)

    page.click(f'a[href="/admin/claims/claim/{claim.pk}/change/"]')
    page.click("text=Submit for review")
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert claim.status == "in_review"

    reviewing = chromium.new_context(viewport={"width": 1280, "height": 900})
    desk = reviewing.new_page()
    desk.base_url = page.base_url
    log_in(desk, "reviewer")
    desk.goto(f"{desk.base_url}/admin/claims/claim/{claim.pk}/change/")
    desk.click("button:has-text('Publish')")
    desk.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by, claim.contested) == ("published", reviewer, True)

    flags = Contradiction.objects.involving(claim)
    assert sorted(flags.values_list("kind", flat=True)) == ["figure_mismatch", "figure_mismatch"]
    rows = desk.locator("#contradictions tbody tr")
    assert rows.count() == 2
    assert "Figure mismatch" in rows.first.inner_text()
    opposing = desk.locator("#contradictions .flag-other a").first.get_attribute("href")
    assert re.fullmatch(r"/admin/claims/claim/\d+/change/", opposing)
    assert desk.locator("#workflow .status-badge").inner_text() == "published"
    desk.screenshot(path=os.path.join(screenshot_dir, "admin-claim.png"), full_page=True)

    desk.goto(f"{desk.base_url}/admin/claims/claim/?contested__exact=1")
    assert desk.locator("#result_list tbody tr").count() == Claim.objects.contested().count()
    desk.screenshot(path=os.path.join(screenshot_dir, "admin-claim-list.png"), full_page=True)
    reviewing.close()
