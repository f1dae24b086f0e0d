"""The public pages in headless Chromium: they draw, they respond, and they read well on a desktop and a phone.

Screenshots go to artifacts/screenshots/ (<page>-desktop.png, <page>-phone.png) for a person to look at.
"""

import os

import pytest

from claims.models import Claim
from tests.pages.test_demo_pages import DEATHS_2020, TERTER

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, screenshot_dir, name):
    """Save full-page screenshots at desktop and phone widths, then return to the desktop width."""
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=os.path.join(screenshot_dir, f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_home(page, demo, screenshot_dir):
    """The home page lists the demo disputes, and choosing a kind filters them without pressing a button."""
    page.goto(page.base_url + "/")
    assert page.locator(".dispute-title").count() == 17
    shoot(page, screenshot_dir, "home")
    page.select_option("#id_kind", "counter_accusation")
    page.wait_for_url("**/?*kind=counter_accusation*")
    assert page.locator(".dispute-title").all_inner_texts() == [
        "Triggering the November 2021 clashes on Armenia's eastern border",
        "Violation of the 26 Oct 2020 ceasefire",
        "Violation of the 18 Oct 2020 humanitarian ceasefire",
        "Violation of the 10 Oct 2020 humanitarian ceasefire",
        "Starting the fighting on 27 Sep 2020",
    ]


def test_dispute_chart(page, demo, screenshot_dir):
    """The 2020 death toll draws one visible mark per figure claim, in the wide chart and in the phone chart."""
    figures = Claim.objects.published().filter(topic__slug="deaths-in-the-2020-nagorno-karabakh-war",
                                               qualifier__isnull=False).count()
    page.goto(page.base_url + DEATHS_2020)
    assert page.locator(".chart-mark:visible").count() == figures == 5
    assert page.locator(".chart-wide").is_visible() and not page.locator(".chart-compact").is_visible()
    shoot(page, screenshot_dir, "dispute")
    page.set_viewport_size(PHONE)
    assert page.locator(".chart-mark:visible").count() == figures
    assert page.locator(".chart-compact").is_visible() and not page.locator(".chart-wide").is_visible()


def test_dispute_columns(page, demo, screenshot_dir):
    """The Terter denial shows a column per side, and each claim its flags against the other side."""
    page.goto(page.base_url + TERTER)
    heads = [" ".join(text.split()) for text in page.locator(".column-head").all_text_contents()]
    assert heads == ["Armenia 1 claim", "Azerbaijan 2 claims"]
    # The denial's two flags, grouped as one against Azerbaijan; each accusation's flag against Armenia.
    assert page.locator(".claim .flag-group").count() == 3
    shoot(page, screenshot_dir, "dispute-denial")


def test_figure_dispute_gap(page, dispute, screenshot_dir):
    """The figure dispute shades its largest gap, and pointing at a mark lights up that claim's card."""
    page.goto(page.base_url + dispute.deaths.get_absolute_url())
    assert page.locator(".chart-mark:visible").count() == 3
    assert page.locator(".chart-wide .gap text").text_content() == "6.9× apart"
    page.locator(f'.chart-wide .chart-mark[data-claim="{dispute.putin_count.pk}"]').hover()
    assert page.locator(f"#claim-{dispute.putin_count.pk}").get_attribute("class").split() == [
        "claim", "claim-flagged", "is-active",
    ]
    page.mouse.move(0, 0)
    shoot(page, screenshot_dir, "figure-dispute")


def test_claim_page(page, demo, screenshot_dir):
    """Putin's claim page shows its chain from his televised meeting to the relaying article."""
    claim = Claim.objects.get(external_id="demo-putin-casualties-armenia")
    page.goto(page.base_url + claim.get_absolute_url())
    assert page.locator(".chain-link").count() == 2
    shoot(page, screenshot_dir, "claim")
