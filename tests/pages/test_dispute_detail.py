"""`/disputes/<slug>/`: one topic at a glance, every claim on one axis, then side by side with its flags (DESIGN §8,
issue #19)."""

from http import HTTPStatus

import pytest

from claims.models import Appearance, Claim
from claims.selectors import DISPUTE_PAGE_SIZE
from tests.factories import ActorFactory, DocumentFactory, TopicFactory
from tests.pages.conftest import OCT_22, claim_order, make_big_topic, make_claim
from tests.pages.html import parse

TRANSACTION = 2  # the request's ATOMIC_REQUESTS savepoint: SAVEPOINT and RELEASE


def columns(page):
    """Return each column as (heading, [(claimant, date, figure or stance, {flag group: its flag lines})])."""
    result = []
    for column in page.find_all("section", class_="column"):
        cards = [
            (
                card.find(class_="claimant").text,
                card.find(class_="claim-date").text,
                (card.find_all(class_="figure") or card.find_all(class_="stance"))[0].text,
                {group.find("summary").text: group.texts(class_="flag-note")
                 for group in card.find_all("details", class_="flag-group")},
            )
            for card in column.find_all("article", class_="claim")
        ]
        result.append((column.find("h3").text, cards))
    return result


def summary(page):
    """Return what the summary says: its count, the largest gap (label, words) and each side's line."""
    section = page.find("section", class_="summary")
    gaps = section.find_all(class_="summary-gap")
    return {
        "count": section.find(class_="summary-count").text,
        "gap": (gaps[0].find(class_="summary-label").text, gaps[0].find(class_="summary-gap-words").text)
        if gaps else None,
        "sides": [(side.find(class_="side-summary-head").text, side.find(class_="side-summary-latest").text,
                   side.find(class_="side-summary-who").text)
                  for side in section.find_all("li", class_="side-summary")],
    }


def first_flag_after_first_claim(content: bytes) -> bool:
    """Whether, in document order, no flag of any kind comes before the first claim card."""
    text = content.decode()
    first_claim = text.index('<article class="claim')
    flags = [text.find(marker) for marker in ('class="flag-group', 'class="flag-note', 'class="flag"', "flags-panel")]
    return all(position == -1 or position > first_claim for position in flags)


def test_figure_dispute_side_by_side(client, dispute):
    """The summary names the sides, their latest figures and the largest gap in words; each side has its column of
    public claims, each card with its flags grouped by the side they contradict; no flag comes before a claim."""
    response = client.get("/disputes/military-deaths-armenia/")
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    assert page.find("h1").text == "Military deaths, Armenia"
    assert page.find(class_="kicker").text == "Figure dispute · military deaths · Armenia’s losses"
    assert summary(page) == {
        "count": "3 claims from 3 sides.",
        "gap": ("Largest gap 6.9× apart",
                "Azerbaijan (Ilham Aliyev) says at least 5,000; Armenia (Armenian Ministry of Defence) says 729."),
        "sides": [
            ("Armenia 1 claim", "Latest figure 729", "Armenian Ministry of Defence, 22 Oct 2020"),
            ("Azerbaijan 1 claim", "Latest figure at least 5,000", "Ilham Aliyev, 22 Oct 2020"),
            ("Russia 1 claim", "Latest figure more than 2,000", "Vladimir Putin, 22 Oct 2020"),
        ],
    }
    assert columns(page) == [
        ("Armenia 1 claim", [(
            "Armenian Ministry of Defence", "22 Oct 2020", "729", {
                "Contradicts 1 claim of Azerbaijan 6.9× apart":
                    ["Figure mismatch · 6.9× apart against Ilham Aliyev: at least 5,000"],
                "Contradicts 1 claim of Russia 2.7× apart":
                    ["Figure mismatch · 2.7× apart against Vladimir Putin: more than 2,000"],
            },
        )]),
        ("Azerbaijan 1 claim", [(
            "Ilham Aliyev President of Azerbaijan", "22 Oct 2020", "at least 5,000", {
                "Contradicts 1 claim of Armenia 6.9× apart":
                    ["Figure mismatch · 6.9× apart against Armenian Ministry of Defence: 729"],
            },
        )]),
        ("Russia 1 claim", [(
            "Vladimir Putin President of Russia", "22 Oct 2020", "more than 2,000", {
                "Contradicts 1 claim of Armenia 2.7× apart":
                    ["Figure mismatch · 2.7× apart against Armenian Ministry of Defence: 729"],
            },
        )]),
    ]
    assert not page.find_all(class_="flags-panel")
    assert first_flag_after_first_claim(response.content)
    links = page.find(class_="summary-gap-links").find_all("a")
    assert [a.attrs["href"] for a in links] == [f"#claim-{dispute.armenia_count.pk}",
                                                 f"#claim-{dispute.azerbaijan_count.pk}"]


def test_card_shows_quote_translation_attribution_verdict_and_sources(client, dispute):
    """A card carries the quote in its language, the translation, attribution, verdict and provenance chain."""
    page = parse(client.get("/disputes/military-deaths-armenia/").content)
    armenia = page.find("article", id=f"claim-{dispute.armenia_count.pk}")
    assert armenia.find("blockquote").attrs["lang"] == "hy"
    assert armenia.find("blockquote").text == "Զոհվել է 729 զինծառայող"
    assert armenia.find(class_="translation").text == "Translation 729 servicemen have been killed"
    assert armenia.find(class_="claim-meta").text == "direct quote Not rated"
    assert armenia.find(class_="claim-sources").text == (
        "Sources Said in Ministry of Defence daily update, 22 Oct 2020 1 independent origin"
    )
    putin = page.find("article", id=f"claim-{dispute.putin_count.pk}")
    assert putin.find(class_="claim-meta").text == "direct quote Rated misleading"
    assert putin.texts("li", class_="chain-link") == [
        "Said in Kremlin: Meeting with the Valdai Club, 22 Oct 2020",
        "Relayed by Reuters: Putin says Karabakh death toll nearing 5,000, 22 Oct 2020",
        "Relayed by World Socialist Web Site: Casualties mount in Armenian-Azeri war, 30 Oct 2020",
    ]
    assert [li.classes for li in putin.find_all("li", class_="chain-link")] == [
        ["chain-link", "indent-0", "role-primary"],
        ["chain-link", "indent-1", "role-report"],
        ["chain-link", "indent-2", "role-report"],
    ]
    assert [a.attrs["href"] for a in putin.find("ol", class_="chain").find_all("a")] == [
        "http://en.kremlin.ru/", "http://en.kremlin.ru/64261",
        "https://www.reuters.com/", "https://www.reuters.com/article/putin-karabakh",
        "https://www.wsws.org/", "https://www.wsws.org/en/articles/2020/10/30/arme-o30.html",
    ]
    assert putin.find(class_="origins").text == "1 independent origin · 3 documents"


def test_chart_draws_one_mark_per_public_figure_claim(client, dispute):
    """The chart has one mark per published figure claim (the draft is left out) in each of its two layouts."""
    page = parse(client.get("/disputes/military-deaths-armenia/").content)
    published = [dispute.armenia_count.pk, dispute.azerbaijan_count.pk, dispute.putin_count.pk]
    for variant in ("wide", "compact"):
        frame = page.find("div", class_=f"chart-{variant}")
        marks = frame.find_all("a", class_="chart-mark")
        assert [int(mark.attrs["data-claim"]) for mark in marks] == published
        assert [mark.find("title").children[0] for mark in marks] == [
            "Armenian Ministry of Defence (Armenia), 22 Oct 2020: 729",
            "Ilham Aliyev (Azerbaijan), 22 Oct 2020: at least 5,000",
            "Vladimir Putin (Russia), 22 Oct 2020: more than 2,000",
        ]
        svg = frame.find("svg")
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-labelledby"] == f"chart-title-{variant} chart-desc-{variant}"
        assert svg.find("desc").children[0] == (
            "3 figure claims from 3 sides (Armenia, Azerbaijan, Russia). Lowest: 729 (Armenian Ministry of Defence, "
            "Armenia); highest: at least 5,000 (Ilham Aliyev, Azerbaijan). Largest gap: Azerbaijan (Ilham Aliyev) "
            "says at least 5,000; Armenia (Armenian Ministry of Defence) says 729."
        )
        assert svg.find("g", class_="gap").find("text").text == "6.9× apart"
    table = page.find("details", class_="chart-table").find("tbody")
    assert [[td.text for td in tr.find_all("td")] for tr in table.find_all("tr")] == [
        ["22 Oct 2020", "Armenia", "Armenian Ministry of Defence", "729", "exactly 729"],
        ["22 Oct 2020", "Azerbaijan", "Ilham Aliyev", "at least 5,000", "5,000 or more"],
        ["22 Oct 2020", "Russia", "Vladimir Putin", "more than 2,000", "over 2,000"],
    ]


def test_proposition_dispute(client, dispute):
    """A proposition topic has no chart; the summary says who asserts and who denies, and so do the cards."""
    response = client.get("/disputes/terter/")
    page = parse(response.content)
    assert not page.find_all("svg", class_="chart-svg")
    assert page.find(class_="kicker").text == "Disputed event"
    assert summary(page) == {
        "count": "2 claims from 2 sides.",
        "gap": ("Where they disagree",
                "Azeri officials (Azerbaijan) accuses Armenia; "
                "Armenian officials (Armenia) denies that Armenia did it."),
        "sides": [("Armenia 1 claim", "Latest Denies that Armenia did it", "Armenian officials, 26 Oct 2020"),
                  ("Azerbaijan 1 claim", "Latest Accuses Armenia", "Azeri officials, 26 Oct 2020")],
    }
    assert columns(page) == [
        ("Armenia 1 claim", [("Armenian officials", "26 Oct 2020", "Denies that Armenia did it",
                              {"Contradicts 1 claim of Azerbaijan": ["Denial against Azeri officials"]})]),
        ("Azerbaijan 1 claim", [("Azeri officials", "26 Oct 2020", "Accuses Armenia", {
            "Contradicts 1 claim of Armenia": ["Denial against Armenian officials (denies)"]})]),
    ]
    assert first_flag_after_first_claim(response.content)


def test_drafts_never_shown(client, dispute):
    """Neither the draft figure nor the claim in review appears, in columns, chart, table or flags."""
    for slug in ("military-deaths-armenia", "terter"):
        response = client.get(f"/disputes/{slug}/")
        assert b"DRAFT-ONLY" not in response.content
        assert b"9,999" not in response.content
        assert f'id="claim-{dispute.terter_draft.pk}"'.encode() not in response.content


def test_topic_without_public_claims_is_404(client, sides):
    """A topic with drafts only, and an unknown slug, are both 404 for the public."""
    topic = TopicFactory(slug="drafts-only")
    make_claim(topic=topic, claimant=ActorFactory(side=sides.armenia), stated_on=OCT_22, figure="1",
               status=Claim.Status.DRAFT)
    assert client.get("/disputes/drafts-only/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/disputes/no-such-topic/").status_code == HTTPStatus.NOT_FOUND


def test_reviewer_preview_shows_drafts(client, dispute, reviewer):
    """A reviewer sees the public page by default, and every claim of the topic with ?preview=1."""
    client.force_login(reviewer)
    assert b"DRAFT-ONLY" not in client.get("/disputes/military-deaths-armenia/").content
    page = parse(client.get("/disputes/military-deaths-armenia/", {"preview": "1"}).content)
    draft = page.find("article", id=f"claim-{dispute.deaths_draft.pk}")
    assert draft.find(class_="statement").text == "DRAFT-ONLY statement"
    assert "draft" in draft.find(class_="claim-meta").text
    assert len(page.find("div", class_="chart-wide").find_all("a", class_="chart-mark")) == 4


def test_hostile_text_is_inert(client, sides):
    """A <script> payload in a quote, a name, a title or a URL is shown as text and never becomes markup or a link."""
    payload = '<script>alert("owned")</script>'
    topic = TopicFactory(name=f"Deaths {payload}", slug="hostile", description=payload)
    hostile = ActorFactory(name=f"Agent {payload}", role=payload, side=sides.armenia)
    claim = make_claim(topic=topic, claimant=hostile, stated_on=OCT_22, figure="10", quote=payload,
                       translation=payload, statement=payload)
    make_claim(topic=topic, claimant=ActorFactory(side=sides.azerbaijan), stated_on=OCT_22, figure="90")
    document = DocumentFactory(title=payload, url="https://example.org/a", outlet=None)
    Document = type(document)
    Document.objects.filter(pk=document.pk).update(url="javascript:alert(1)")  # as if imported unchecked
    Appearance.objects.create(claim=claim, document=document, role=Appearance.Role.PRIMARY, quote=payload)
    response = client.get("/disputes/hostile/")
    assert response.status_code == HTTPStatus.OK
    assert b"<script>alert" not in response.content
    assert b"javascript:" not in response.content
    assert response.content.count(b"&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;") >= 8
    page = parse(response.content)
    assert page.find("blockquote").text == payload
    assert page.find(id=f"claim-{claim.pk}").find(class_="chain-link").text == f"Said in {payload}, 22 Oct 2020"


def test_query_count_is_constant(client, dispute, django_assert_num_queries):
    """Five queries (topic, its sides, a page of claims, their flags, their chains), however many claims."""
    with django_assert_num_queries(5 + TRANSACTION):
        client.get("/disputes/military-deaths-armenia/")
    for n in range(20):
        claim = make_claim(topic=dispute.deaths, claimant=ActorFactory(side=dispute.mod.side), stated_on=OCT_22,
                           figure=f"{n + 1}")
        Appearance.objects.create(claim=claim, document=DocumentFactory())
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get("/disputes/military-deaths-armenia/")
    assert len(parse(response.content).find_all("article", class_="claim")) == 23


# -- a topic too long for one page (issue #8) --------------------------------------------------------------


def shown(page) -> list[int]:
    """Return the ids of the claim cards on a page, in date order across the columns."""
    return [int(card.attrs["data-claim"]) for card in page.find_all("article", class_="claim")]


def test_a_long_dispute_shows_its_latest_claims_and_charts_them_all(client, sides, django_assert_num_queries):
    """520 public claims: the page lists the latest 50 side by side and links to the rest; the summary counts
    all 520 and the chart draws every one, as each side's weekly band, with this page's claims marked."""
    topic = make_big_topic(sides)
    order = claim_order(topic)
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get("/disputes/big-toll/")
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    assert sorted(shown(page), key=order.index) == order[-DISPUTE_PAGE_SIZE:]
    assert summary(page)["count"] == "520 claims from 3 sides; this page lists 50 of them, the chart every one."
    per_side = {side: topic.claims.filter(status="published", side__name=side).count()
                for side in ("Armenia", "Azerbaijan", "Russia")}
    assert [line[0] for line in summary(page)["sides"]] == [f"{side} {n} claims" for side, n in per_side.items()]
    heads = [column.find("h3").text for column in page.find_all("section", class_="column")]
    assert [head.split(" ", 1)[0] for head in heads] == ["Armenia", "Azerbaijan", "Russia"]
    assert sum(int(head.split()[1]) for head in heads) == DISPUTE_PAGE_SIZE
    assert [int(head.split(" of ")[1].split()[0]) for head in heads] == list(per_side.values())
    note = page.find_all(class_="claims-pager-note")[0].text
    assert note.startswith(f"Showing {DISPUTE_PAGE_SIZE} of 520 claims, stated ")
    assert note.endswith("Every claim on this topic: CSV or JSON Lines.")
    assert [a.attrs["href"] for a in page.find_all(class_="claims-pager-note")[0].find_all("a")] == [
        "/downloads/claims.csv?topic=big-toll", "/downloads/claims.jsonl?topic=big-toll"]
    links = page.find_all(class_="claims-pager-links")[0].find_all("a")
    assert [a.text for a in links] == ["← Earlier claims"]
    chart = page.find("div", class_="chart-wide")
    bands = chart.find_all("g", class_="band")
    assert {int(band.attrs["data-side"]): int(band.attrs["data-claims"]) for band in bands} == {
        side.pk: per_side[side.name] for side in (sides.armenia, sides.azerbaijan, sides.russia)}
    marks = chart.find_all("a", class_="chart-mark")
    here = [int(mark.attrs["data-claim"]) for mark in marks if mark.attrs["href"].startswith("#claim-")]
    assert sorted(here) == sorted(shown(page))
    rows = page.find("details", class_="chart-table").find("tbody").find_all("tr")
    assert sum(int(row.find_all("td")[2].text) for row in rows) == 520
    assert first_flag_after_first_claim(response.content)
    assert len(response.content) < 400_000  # it was over 1 MB at 470 claims


def page_sizes(claims: int) -> list[int]:
    """Return how many claims each page holds, latest page first, for a topic of `claims`."""
    full, rest = divmod(claims, DISPUTE_PAGE_SIZE)
    return [DISPUTE_PAGE_SIZE] * full + ([rest] if rest else [])


def walk(client, url: str, link: str) -> list[list[int]]:
    """Follow the pager's `link` ("← Earlier claims" or "Later claims →") from `url`; return each page's claim ids."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        page = parse(response.content)
        pages.append(shown(page))
        pager = page.find_all(class_="claims-pager-links")
        targets = [a.attrs["href"] for a in pager[0].find_all("a") if a.text == link] if pager else []
        url = "/disputes/big-toll/" + targets[0] if targets else None
        assert len(pages) < 20, "the pages go round in a circle"
    return pages


def test_earlier_and_later_links_reach_every_claim_exactly_once(client, sides):
    """From the latest page back to the first and forward again, every public claim appears once, in order."""
    topic = make_big_topic(sides)
    order = claim_order(topic)
    backwards = walk(client, "/disputes/big-toll/", "← Earlier claims")
    assert [len(ids) for ids in backwards] == page_sizes(520)
    assert [pk for ids in reversed(backwards) for pk in sorted(ids, key=order.index)] == order
    first = parse(client.get("/disputes/big-toll/").content).find_all(class_="claims-pager-links")[0].find("a")
    assert first.attrs["href"].startswith("?before=")
    oldest = min(backwards[-1], key=order.index)
    start = f"/disputes/big-toll/?after={topic.claims.get(pk=oldest).stated_on}.{oldest - 1}"
    forwards = walk(client, start, "Later claims →")
    assert [pk for ids in forwards for pk in sorted(ids, key=order.index)] == order
    assert [len(ids) for ids in forwards] == page_sizes(520)


def test_a_claim_pages_topic_link_opens_the_dispute_page_that_holds_it(client, sides, django_assert_num_queries):
    """A claim's breadcrumb leads to its dispute's latest page if that holds it, else to the page ending with it."""
    topic = make_big_topic(sides)
    order = claim_order(topic)
    edge = len(order) - DISPUTE_PAGE_SIZE  # the oldest claim on the latest page
    for pk in (order[0], order[len(order) // 2], order[edge - 1], order[edge], order[-1]):
        with django_assert_num_queries(5 + TRANSACTION):
            crumbs = parse(client.get(f"/claims/{pk}/").content).find("nav", class_="crumbs")
        href = crumbs.find_all("a")[1].attrs["href"]
        assert href.endswith(f"#claim-{pk}")
        page = parse(client.get(href.partition("#")[0]).content)
        ids = sorted(shown(page), key=order.index)
        if order.index(pk) >= edge:
            assert href == f"/disputes/big-toll/#claim-{pk}" and ids == order[edge:]
        else:  # the page that ends with the claim
            assert ids == order[: order.index(pk) + 1][-DISPUTE_PAGE_SIZE:]
        assert page.find(id=f"claim-{pk}") is not None


def test_a_claim_on_another_page_is_linked_to_its_own_page(client, sides):
    """A flag against a claim shown here jumps to its card; against a claim on another page, to that claim's page."""
    make_big_topic(sides)
    kinds = set()
    url = "/disputes/big-toll/"
    while url:
        page = parse(client.get(url).content)
        here = set(shown(page))
        hrefs = [a.attrs["href"] for note in page.find_all("li", class_="flag-note") for a in note.find_all("a")]
        hrefs += [a.attrs["href"] for a in page.find(class_="summary").find_all("a") if "claim" in a.attrs["href"]]
        for href in hrefs:
            pk = int(href.removeprefix("#claim-").removeprefix("/claims/").rstrip("/"))
            assert href == (f"#claim-{pk}" if pk in here else f"/claims/{pk}/")
            kinds.add(href[0])
        earlier = [a for a in page.find_all(class_="claims-pager-links")[0].find_all("a") if a.text.startswith("←")]
        url = "/disputes/big-toll/" + earlier[0].attrs["href"] if earlier else None
    assert kinds == {"#", "/"}


@pytest.mark.parametrize("claims", [3, 3 * DISPUTE_PAGE_SIZE // 2, 520])
def test_query_count_is_the_same_at_any_size(client, sides, django_assert_num_queries, claims):
    """Five queries for the latest page and for an earlier one, at 3, 150 or 520 claims."""
    make_big_topic(sides, claims=claims, drafts=0)
    with django_assert_num_queries(5 + TRANSACTION):
        first = parse(client.get("/disputes/big-toll/").content)
    assert len(shown(first)) == min(claims, DISPUTE_PAGE_SIZE)
    pager = first.find_all(class_="claims-pager-links")
    assert bool(pager) == (claims > DISPUTE_PAGE_SIZE)
    if pager:
        with django_assert_num_queries(5 + TRANSACTION):
            response = client.get("/disputes/big-toll/" + pager[0].find("a").attrs["href"])
        assert response.status_code == HTTPStatus.OK


def test_a_short_dispute_has_no_pager(client, dispute):
    """A topic that fits on one page shows all its claims without pages or page notes."""
    page = parse(client.get("/disputes/military-deaths-armenia/").content)
    assert not page.find_all("nav", class_="claims-pager")
    assert not page.find_all(class_="heading-note")


@pytest.mark.parametrize(("query", "named"), [
    ("before=abc", "before"),
    ("after=2020-13-01.5", "after"),
    ("before=2020-10-22.", "before"),
    ("before=2020-10-22.-4", "before"),
    ("after=2020-10-22.1e3", "after"),
    ("after=2020-10-22." + "9" * 40, "after"),
    ("before=22-10-2020.5", "before"),
    ("before=2020-10-22.5&after=2020-10-22.9", "before and after"),
])
def test_bad_page_positions_are_a_clear_400(client, dispute, query, named):
    """A position that cannot be read is a 400 page naming the parameter, never a 500."""
    response = client.get(f"/disputes/military-deaths-armenia/?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    page = parse(response.content)
    assert page.find(class_="lede").text.startswith(f"{named}: ")
    assert page.find("a", href="/disputes/military-deaths-armenia/")


@pytest.mark.parametrize("query", ["after=2100-01-01.1", "before=1900-01-01.1"])
def test_a_position_beyond_either_end_is_404(client, dispute, query):
    """A well-formed position with no public claim beyond it is a 404, like a topic without public claims."""
    assert client.get(f"/disputes/military-deaths-armenia/?{query}").status_code == HTTPStatus.NOT_FOUND


def test_pages_count_only_what_the_reader_may_see(client, sides, reviewer):
    """The public's pages count and show published claims only; a reviewer's preview counts the drafts too."""
    make_big_topic(sides, claims=120, drafts=5)
    public = parse(client.get("/disputes/big-toll/").content)
    assert public.find_all(class_="claims-pager-note")[0].text.startswith(f"Showing {DISPUTE_PAGE_SIZE} of 120 claims")
    client.force_login(reviewer)
    preview = parse(client.get("/disputes/big-toll/", {"preview": "1"}).content)
    assert preview.find_all(class_="claims-pager-note")[0].text.startswith(f"Showing {DISPUTE_PAGE_SIZE} of 125 claims")
    earlier = preview.find_all(class_="claims-pager-links")[0].find("a").attrs["href"]
    assert "preview=1" in earlier
    assert len(shown(parse(client.get("/disputes/big-toll/" + earlier).content))) == min(125 - DISPUTE_PAGE_SIZE,
                                                                                        DISPUTE_PAGE_SIZE)
