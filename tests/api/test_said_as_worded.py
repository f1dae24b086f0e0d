"""Charts and explanations say what was said (issue #15): the figure as printed, its reading beside it.

"dozens" is read as at least 12 and compared as such, but nobody said "at least 12": a chart's
marks, its text alternative, the headline of the largest gap and every flag's explanation quote
the wording as printed and add the reading in brackets where it says something else.
"""

import datetime
from http import HTTPStatus

import pytest

from claims.contradictions import contradictions_recompute_all
from claims.models import Claim, Contradiction
from claims.services import claim_create, claim_update
from tests.factories import ActorFactory, SideFactory, TopicFactory
from tests.pages.html import parse

DOZENS = "dozens (read as at least 12)"
HALF = "half a dozen (read as 6)"


@pytest.fixture
def worded(db):
    """Two published claims on one figure topic, each worded otherwise than it is read: "dozens" against "half a
    dozen", at least 2× apart."""
    topic = TopicFactory(name="Wounded in the shelling", slug="wounded", metric="wounded", cumulative=False)
    locals_side, army_side = SideFactory(name="Residents"), SideFactory(name="Army")
    residents = ActorFactory(name="Local residents", side=locals_side)
    army = ActorFactory(name="Army spokesman", side=army_side)
    day = datetime.date(2024, 3, 5)
    low = claim_create(user=None, topic=topic, claimant=residents, side=locals_side, stated_on=day, figure="dozens",
                       statement="Dozens were wounded.", status=Claim.Status.PUBLISHED)
    high = claim_create(user=None, topic=topic, claimant=army, side=army_side, stated_on=day, figure="half a dozen",
                        statement="Half a dozen were wounded.", status=Claim.Status.PUBLISHED)
    return topic, low, high


def test_the_explanation_quotes_the_wording(api, worded):
    """A flag's explanation, in the API as stored, says "dozens" and "half a dozen", each with its reading."""
    topic, low, high = worded
    [flag] = api.get("/api/contradictions/", {"topic": topic.slug}).json()["results"]
    assert flag["explanation"] == (
        f"Residents (Local residents, 5 Mar 2024): {DOZENS} — Army (Army spokesman, 5 Mar 2024): {HALF}"
        " — at least 2.0× apart."
    )


def test_a_new_wording_rewords_the_explanation(worded):
    """Changing only the wording (same reading) rewrites the stored explanation, and reopens nothing."""
    _, low, _ = worded
    Contradiction.objects.update(status=Contradiction.Status.CONFIRMED, note="Checked.")
    claim_update(claim=low, user=None, figure="dozens of")
    flag = Contradiction.objects.get()
    assert "dozens of (read as at least 12)" in flag.explanation
    assert (flag.status, flag.note) == (Contradiction.Status.CONFIRMED, "Checked.")


def test_a_wording_that_is_its_reading_stands_alone(worded):
    """A figure printed as it is read is not repeated: "2,300", not "2,300 (read as 2,300)"."""
    topic, low, _ = worded
    claim_update(claim=low, user=None, figure="2,300")
    assert "(Local residents, 5 Mar 2024): 2,300 — Army" in Contradiction.objects.get().explanation


def test_the_chart_labels_each_mark_with_the_wording(client, worded):
    """On the dispute page, every mark's title and the chart's text alternative give the wording and its reading."""
    topic, low, high = worded
    response = client.get(f"/disputes/{topic.slug}/")
    assert response.status_code == HTTPStatus.OK
    chart = parse(response.content.decode()).find("div", class_="chart-wide")
    titles = sorted(mark.find("title").children[0] for mark in chart.find_all("a", class_="chart-mark"))
    assert titles == [f"Army spokesman (Army), 5 Mar 2024: {HALF}",
                      f"Local residents (Residents), 5 Mar 2024: {DOZENS}"]
    described = " ".join(response.content.decode().split())
    assert f"Lowest: {HALF} (Army spokesman, Army); highest: {DOZENS} (Local residents, Residents)." in described


def test_the_largest_gap_in_words(client, worded):
    """The list of disputes says who says what, as printed (the higher figure first), under the explanation that
    gives the readings."""
    page = parse(client.get("/").content.decode())
    words = page.find("p", class_="dispute-words").text
    assert words == "Residents (Local residents) says dozens; Army (Army spokesman) says half a dozen."
    assert f"{DOZENS} — Army" in page.find("p", class_="dispute-explanation").text


def test_a_ruling_on_worded_claims_survives_a_recompute(worded):
    """A flag between claims entered by their wording keeps its reviewer's ruling through a recompute: its digest
    is written from the same plain values the recompute reads (it was once written from the qualifier's enum)."""
    Contradiction.objects.update(status=Contradiction.Status.CONFIRMED, note="Checked.")
    contradictions_recompute_all()
    flag = Contradiction.objects.get()
    assert (flag.status, flag.note) == (Contradiction.Status.CONFIRMED, "Checked.")


def test_the_workspace_shows_and_keeps_the_wording(worded, reviewer):
    """The admin's "Figure as worded" field shows "dozens", not its reading, and a save that changes the statement
    keeps the wording as printed."""
    from django.test import Client

    from tests.admin.helpers import change_form_data

    _, low, _ = worded
    browser = Client()
    browser.force_login(reviewer)
    url = f"/admin/claims/claim/{low.pk}/change/"
    form = browser.get(url)
    assert form.context["adminform"].form["figure"].value() == "dozens"
    data = {**change_form_data(form), "statement": "Dozens were wounded, residents said."}
    assert browser.post(url, data).status_code == HTTPStatus.FOUND
    low.refresh_from_db()
    assert (low.figure_wording, low.statement) == ("dozens", "Dozens were wounded, residents said.")
