"""The dispute page over a big topic (issue #19): its overview, timeline and grouped flags against the stored rows."""

import datetime
from collections import Counter, defaultdict
from http import HTTPStatus

import pytest

from claims.models import Claim, Contradiction
from claims.selectors import FLAGS_SHOWN_PER_SIDE, TIMELINE_BANDS_FROM, dispute_page, topic_overview
from tests.factories import ActorFactory, TopicFactory
from tests.pages.big_dispute import make_big_dispute
from tests.pages.conftest import OCT_22, make_claim
from tests.pages.html import parse
from tests.pages.test_dispute_detail import TRANSACTION, first_flag_after_first_claim, shown, summary


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@pytest.fixture
def big(db):
    """200 published claims from six sides over six months: past TIMELINE_BANDS_FROM, so the timeline is banded."""
    return make_big_dispute(claims=200, slug="big")


def test_overview_counts_bands_and_latest_figures_match_the_stored_claims(big):
    """Every side's count and latest figure, every side's weekly band and the largest gap are the stored rows'."""
    claims = list(Claim.objects.filter(topic=big, status="published").select_related("side"))
    overview = topic_overview(big)
    assert overview.figure_count == len(claims) == 200 and overview.banded and not overview.points

    assert [(s.side.name, s.claim_count) for s in overview.sides] == sorted(
        Counter(c.side.name for c in claims).items(), key=lambda pair: pair[0].lower())
    for summary_ in overview.sides:
        own = [c for c in claims if c.side_id == summary_.side.pk]
        latest = max(own, key=lambda c: (c.as_of, c.stated_on, c.pk))
        assert (summary_.latest.pk, summary_.latest.figure_as_worded) == (latest.pk, latest.figure_as_worded)

    weeks = defaultdict(list)
    for claim in claims:
        weeks[claim.side_id, monday(claim.as_of)].append(claim)
    assert {(b.side.pk, b.week): (b.low, b.high, b.claims) for b in overview.bands} == {
        key: (min(c.value for c in group), max(c.value_max or c.value for c in group), len(group))
        for key, group in weeks.items()
    }
    assert sum(band.claims for band in overview.bands) == 200

    top = Contradiction.objects.public().filter(topic=big).ranked().first()
    assert (overview.top.claim_a.pk, overview.top.claim_b.pk) == (top.claim_a_id, top.claim_b_id)
    assert overview.top.severity == pytest.approx(top.severity)


def test_a_topic_below_the_threshold_charts_every_claim_one_by_one(sides):
    """Fewer than TIMELINE_BANDS_FROM figure claims: the overview carries each of them, in date order."""
    topic = TopicFactory(slug="small")
    voices = [ActorFactory(side=side) for side in (sides.armenia, sides.azerbaijan)]
    for n in range(12):
        make_claim(topic=topic, claimant=voices[n % 2], stated_on=OCT_22 + datetime.timedelta(days=n),
                   figure=f"{100 * (n + 1) * (1 + n % 2)}")
    overview = topic_overview(topic)
    assert not overview.banded and overview.bands == [] and TIMELINE_BANDS_FROM > 12
    assert [c.pk for c in overview.points] == list(topic.claims.order_by("as_of", "pk").values_list("pk", flat=True))


def test_flag_groups_count_every_flag_and_show_the_largest(big):
    """Each card's groups count all its public flags against each side and list the largest few, largest first."""
    page = dispute_page(big)
    flags = list(Contradiction.objects.public().filter(topic=big).ranked()
                 .select_related("claim_a", "claim_b"))
    on_page = {claim.pk for claim in page.claims}
    for claim in page.claims:
        expected = defaultdict(list)
        for flag in flags:
            if claim.pk in (flag.claim_a_id, flag.claim_b_id):
                other = flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a
                expected[other.side_id].append((flag.pk, other.pk))
        assert {g.side.pk: g.count for g in claim.flag_groups} == {side: len(v) for side, v in expected.items()}
        assert claim.flag_count == sum(len(v) for v in expected.values())
        for group in claim.flag_groups:
            largest = expected[group.side.pk][:FLAGS_SHOWN_PER_SIDE]
            assert [(f.pk, f.other.pk) for f in group.flags] == largest
            assert [f.on_page for f in group.flags] == [other in on_page for _, other in largest]
        scores = [g.largest.gap_score for g in claim.flag_groups]
        assert scores == sorted(scores, reverse=True)


def test_six_sides_and_500_claims_in_five_queries(db, client, django_assert_num_queries):
    """A 500-claim, six-side dispute takes five queries on its latest page and on an earlier one, and no flag
    comes before its first claim."""
    make_big_dispute(claims=500, slug="big-six")
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get("/disputes/big-six/")
    page = parse(response.content)
    assert len(page.find_all("section", class_="column")) == 6
    assert summary(page)["count"] == "500 claims from 6 sides; this page lists 50 of them, the chart every one."
    bands = page.find("div", class_="chart-wide").find_all("g", class_="band")
    assert len(bands) == 6 and sum(int(band.attrs["data-claims"]) for band in bands) == 500
    assert first_flag_after_first_claim(response.content)
    earlier = page.find_all(class_="claims-pager-links")[0].find("a").attrs["href"]
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get("/disputes/big-six/" + earlier)
    assert response.status_code == HTTPStatus.OK and len(shown(parse(response.content))) == 50


def test_a_count_against_none_reads_in_words(client, sides):
    """A zero against a count is said in words on the whole page (summary, cards, chart), never as "∞"."""
    topic = TopicFactory(slug="zero")
    zero = make_claim(topic=topic, claimant=ActorFactory(name="Ministry", side=sides.armenia), stated_on=OCT_22,
                      figure="0")
    make_claim(topic=topic, claimant=ActorFactory(name="Monitor", side=sides.azerbaijan), stated_on=OCT_22,
               figure="at least 11")
    response = client.get("/disputes/zero/")
    assert "∞".encode() not in response.content
    page = parse(response.content)
    assert summary(page)["gap"] == ("Largest gap",
                                    "Azerbaijan (Monitor) says at least 11; Armenia (Ministry) says none.")
    card = page.find("article", id=f"claim-{zero.pk}")
    assert card.find("summary").text == "Contradicts 1 claim of Azerbaijan none against a count"
    assert page.find("div", class_="chart-wide").find("g", class_="gap").text == "none against a count"


def test_a_middling_topic_charts_every_claim_and_links_the_others_to_their_pages(client, sides):
    """120 figure claims: the chart draws all 120, this page's 50 linked to their cards, the rest to their pages."""
    topic = TopicFactory(slug="middling", cumulative=False)
    voices = [ActorFactory(side=side) for side in (sides.armenia, sides.azerbaijan, sides.russia)]
    for n in range(120):
        make_claim(topic=topic, claimant=voices[n % 3], stated_on=OCT_22 + datetime.timedelta(days=n // 4),
                   figure=f"about {1000 + 10 * (n % 3)}" if n != 7 else "at least 90,000")
    page = parse(client.get("/disputes/middling/").content)
    here = set(shown(page))
    marks = page.find("div", class_="chart-wide").find_all("a", class_="chart-mark")
    assert len(marks) == 120
    for mark in marks:
        pk = int(mark.attrs["data-claim"])
        assert mark.attrs["href"] == (f"#claim-{pk}" if pk in here else f"/claims/{pk}/")
    faded = {int(mark.attrs["data-claim"]) for mark in marks if "chart-mark-off" in mark.classes}
    top = Contradiction.objects.public().filter(topic=topic).ranked().first()
    assert topic.claims.get(value=90000).pk in (top.claim_a_id, top.claim_b_id)
    # Marks of other pages are faded, but the two ends of the largest gap stand out wherever they are.
    drawn = {int(mark.attrs["data-claim"]) for mark in marks}
    assert faded == drawn - here - {top.claim_a_id, top.claim_b_id}


def test_a_reviewers_preview_counts_drafts_and_shows_integrity_flags(client, sides, reviewer):
    """With ?preview=1 a reviewer's summary counts the drafts, and a card groups its flags against its own side."""
    topic = TopicFactory(slug="preview")
    ministry, spokesman = ActorFactory(side=sides.armenia), ActorFactory(side=sides.armenia)
    published = make_claim(topic=topic, claimant=ministry, stated_on=OCT_22, figure="100")
    make_claim(topic=topic, claimant=ActorFactory(side=sides.azerbaijan), stated_on=OCT_22, figure="900")
    make_claim(topic=topic, claimant=spokesman, stated_on=OCT_22, figure="400", status=Claim.Status.DRAFT)
    assert summary(parse(client.get("/disputes/preview/").content))["count"] == "2 claims from 2 sides."
    client.force_login(reviewer)
    page = parse(client.get("/disputes/preview/", {"preview": "1"}).content)
    assert summary(page)["count"] == "3 claims from 2 sides."
    card = page.find("article", id=f"claim-{published.pk}")
    assert card.texts("summary") == ["Contradicts 1 claim of Azerbaijan 9.0× apart",
                                     "Disagrees with 1 claim of Armenia (its own side) 4.0× apart"]


def test_the_summary_says_figures_as_printed_and_a_side_without_one(client, sides):
    """The summary quotes each figure as printed, with its reading, in the latest figures and the largest gap; a side
    whose claims carry no figure shows its latest statement."""
    topic = TopicFactory(slug="printed")
    make_claim(topic=topic, claimant=ActorFactory(name="Ministry", side=sides.armenia), stated_on=OCT_22,
               figure="dozens")
    make_claim(topic=topic, claimant=ActorFactory(name="Monitor", side=sides.azerbaijan), stated_on=OCT_22,
               figure="fewer than 10")
    make_claim(topic=topic, claimant=ActorFactory(name="Kremlin", side=sides.russia), stated_on=OCT_22, figure=None,
               statement="The losses are heavy on both sides.")
    page = parse(client.get("/disputes/printed/").content)
    assert summary(page) == {
        "count": "3 claims from 3 sides.",
        "gap": ("Largest gap 1.2× apart", "Armenia (Ministry) says dozens; Azerbaijan (Monitor) says fewer than 10."),
        "sides": [("Armenia 1 claim", "Latest figure dozens read as at least 12", "Ministry, 22 Oct 2020"),
                  ("Azerbaijan 1 claim", "Latest figure fewer than 10 read as less than 10", "Monitor, 22 Oct 2020"),
                  ("Russia 1 claim", "Latest, without a figure The losses are heavy on both sides.",
                   "Kremlin, 22 Oct 2020")],
    }
