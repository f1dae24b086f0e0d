"""A big dispute in headless Chromium at 1280 and 390 pixels (issue #19): six sides, 500 claims.

Nothing is cut off or scrolls sideways, the chart stands for every claim, no flag comes before the first
claim, and every side has a colour of its own. Screenshots go to artifacts/screenshots/ (big-dispute-*.png).
"""

import pytest

from claims.models import Claim
from tests.pages.big_dispute import make_big_dispute
from tests.pages.test_browser import DESKTOP, PHONE, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Everything a reader may need to see whole: nothing of it may reach past the viewport's edges.
BOXES = (".summary, .side-summary, .chart-panel, .chart-frame, .legend .chip, .column, .claim, .flag-group, "
         ".claims-pager")


@pytest.fixture
def big(db):
    return make_big_dispute(claims=500, sides=6, slug="big-dispute")


def overflow(page) -> dict:
    """Return how the page fits its viewport: its scroll width, the boxes past either edge, boxes scrolling sideways."""
    return page.evaluate(
        """(selector) => {
            const width = document.documentElement.clientWidth;
            const outside = [...document.querySelectorAll(selector)].filter((el) => {
                const box = el.getBoundingClientRect();
                return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
            }).map((el) => el.className);
            const sideways = [...document.querySelectorAll("main *")].filter((el) => {
                const style = getComputedStyle(el);
                return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
                    && el.offsetParent !== null && !el.closest("details:not([open])");
            }).map((el) => el.className);
            return {scrollWidth: document.documentElement.scrollWidth, width, outside, sideways};
        }""",
        BOXES,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_six_sides_fit_without_clipping(page, big, viewport):
    """No box reaches past the viewport and nothing scrolls sideways; a phone shows one column, a desktop rows of
    at most three when there are six sides."""
    page.set_viewport_size(viewport)
    page.goto(page.base_url + big.get_absolute_url())
    page.locator(".flag-group summary").first.click()  # an opened flag group must fit too
    fit = overflow(page)
    assert fit["scrollWidth"] <= fit["width"]
    assert fit["outside"] == [] and fit["sideways"] == []
    lefts = page.eval_on_selector_all(".column", "cols => cols.map((c) => Math.round(c.getBoundingClientRect().left))")
    assert len(lefts) == 6
    if viewport == PHONE:
        assert len(set(lefts)) == 1
    else:
        assert 2 <= len(set(lefts)) <= 3  # columns wrap onto a second row instead of squeezing or scrolling


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_chart_stands_for_every_claim(page, big, viewport):
    """The visible chart draws a band for each of the six sides, standing for all 500 figure claims, inside its plot,
    and marks the page's 50 claims."""
    page.set_viewport_size(viewport)
    page.goto(page.base_url + big.get_absolute_url())
    chart = page.locator(".chart-frame:visible svg")
    assert chart.count() == 1
    bands = chart.locator("g.band")
    assert bands.count() == 6
    assert sum(int(bands.nth(i).get_attribute("data-claims")) for i in range(6)) == 500 == Claim.objects.filter(
        topic=big, qualifier__isnull=False).count()
    plot = chart.bounding_box()
    for i in range(6):
        box = bands.nth(i).bounding_box()
        assert box["width"] > plot["width"] / 2  # six months of weeks, not a sliver
        assert plot["x"] <= box["x"] and box["x"] + box["width"] <= plot["x"] + plot["width"] + 0.5
    marks_here = chart.locator('a.chart-mark[href^="#claim-"]')
    assert marks_here.count() == page.locator("article.claim").count() == 50


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_no_flag_precedes_the_first_claim(page, big, viewport, screenshot_dir):
    """Every flag on the page stands in a claim card, below the first card, in document order and on screen."""
    page.set_viewport_size(viewport)
    page.goto(page.base_url + big.get_absolute_url())
    before = page.evaluate(
        """() => {
            const first = document.querySelector("article.claim");
            const top = first.getBoundingClientRect().top;
            const after = (flag) => first.compareDocumentPosition(flag) & Node.DOCUMENT_POSITION_FOLLOWING;
            return [...document.querySelectorAll(".flag-group, .flag-note, .flag, .flags-panel")].filter((flag) =>
                !(after(flag) && flag.closest("article.claim") && flag.getBoundingClientRect().top >= top)).length;
        }"""
    )
    assert page.locator(".flag-group").count() > 50 and before == 0
    if viewport == DESKTOP:
        shoot(page, screenshot_dir, "big-dispute")


def test_every_side_has_a_colour_of_its_own(page, big):
    """The six sides' column rules, legend swatches and chart bands each show six different colours, and the sides'
    names are written in a shade that reads on white."""
    page.goto(page.base_url + big.get_absolute_url())
    rules = page.eval_on_selector_all(".column-head", "els => els.map((e) => getComputedStyle(e).borderTopColor)")
    swatches = page.eval_on_selector_all(".legend .swatch",
                                         "els => els.map((e) => getComputedStyle(e).backgroundColor)")
    bands = page.eval_on_selector_all(".chart-wide g.band .band-area", "els => els.map((e) => e.getAttribute('fill'))")
    assert len(set(rules)) == len(set(swatches)) == len(set(bands)) == 6
    contrast = page.evaluate(
        """() => [...document.querySelectorAll(".side-summary-name")].map((el) => {
            const [r, g, b] = getComputedStyle(el).color.match(/\\d+/g).map(Number).map((c) => {
                c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
            return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
        })"""
    )
    assert len(contrast) == 6 and min(contrast) >= 4.5
