"""`/disputes/<slug>/`: one topic side by side, its flags and its figures on one axis (DESIGN §8)."""

import datetime
from http import HTTPStatus

from claims.contradictions import contradictions_recompute_topic
from claims.models import Appearance, Claim
from tests.factories import ActorFactory, ClaimFactory, DocumentFactory, TopicFactory
from tests.pages.conftest import OCT_22, make_claim
from tests.pages.html import parse

TRANSACTION = 2  # the request's ATOMIC_REQUESTS savepoint: SAVEPOINT and RELEASE


def columns(page):
    """Return each column as (heading, [(claimant, date, figure or stance, flag notes)])."""
    result = []
    for column in page.find_all("section", class_="column"):
        cards = [
            (
                card.find(class_="claimant").text,
                card.find(class_="claim-date").text,
                (card.find_all(class_="figure") or card.find_all(class_="stance"))[0].text,
                card.texts(class_="flag-note"),
            )
            for card in column.find_all("article", class_="claim")
        ]
        result.append((column.find("h3").text, cards))
    return result


def test_figure_dispute_side_by_side(client, dispute):
    """Each side has its column of public claims, with their flags against the other columns."""
    response = client.get("/disputes/military-deaths-armenia/")
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    assert page.find("h1").text == "Military deaths, Armenia"
    assert page.find(class_="kicker").text == "Figure dispute · military deaths · Armenia’s losses"
    stats = page.find("dl", class_="stats")
    assert list(zip(stats.texts("dt"), stats.texts("dd"), strict=True)) == [
        ("Claims", "3"), ("Sides", "3"), ("Contradictions", "2"), ("Largest gap", "6.9× apart"),
    ]
    assert columns(page) == [
        ("Armenia 1 claim", [(
            "Armenian Ministry of Defence", "22 Oct 2020", "729",
            ["Figure mismatch · 6.9× apart against Ilham Aliyev: at least 5,000",
             "Figure mismatch · 2.7× apart against Vladimir Putin: more than 2,000"],
        )]),
        ("Azerbaijan 1 claim", [(
            "Ilham Aliyev President of Azerbaijan", "22 Oct 2020", "at least 5,000",
            ["Figure mismatch · 6.9× apart against Armenian Ministry of Defence: 729"],
        )]),
        ("Russia 1 claim", [(
            "Vladimir Putin President of Russia", "22 Oct 2020", "more than 2,000",
            ["Figure mismatch · 2.7× apart against Armenian Ministry of Defence: 729"],
        )]),
    ]
    flags = page.find("section", class_="flags-panel")
    assert [flag.text for flag in flags.find_all("li", class_="flag")] == [
        "Figure mismatch 6.9× apart Armenia (Armenian Ministry of Defence, 22 Oct 2020): 729 — Azerbaijan "
        "(Ilham Aliyev, 22 Oct 2020): at least 5,000 — at least 6.9× apart. Armenian Ministry of Defence ↔ "
        "Ilham Aliyev",
        "Figure mismatch 2.7× apart Armenia (Armenian Ministry of Defence, 22 Oct 2020): 729 — Russia (Vladimir "
        "Putin, 22 Oct 2020): more than 2,000 — at least 2.7× apart. Armenian Ministry of Defence ↔ Vladimir Putin",
    ]


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
            "Armenia); highest: at least 5,000 (Ilham Aliyev, Azerbaijan). Largest gap: Armenia (Armenian Ministry of "
            "Defence, 22 Oct 2020): 729 — Azerbaijan (Ilham Aliyev, 22 Oct 2020): at least 5,000 — at least 6.9× apart."
        )
        assert svg.find("g", class_="gap").find("text").text == "6.9× apart"
    table = page.find("details", class_="chart-table").find("tbody")
    assert [[td.text for td in tr.find_all("td")] for tr in table.find_all("tr")] == [
        ["22 Oct 2020", "Armenia", "Armenian Ministry of Defence", "729", "exactly 729"],
        ["22 Oct 2020", "Azerbaijan", "Ilham Aliyev", "at least 5,000", "5,000 or more"],
        ["22 Oct 2020", "Russia", "Vladimir Putin", "more than 2,000", "over 2,000"],
    ]


def test_proposition_dispute(client, dispute):
    """A proposition topic has no chart; its cards say who asserts, who denies and whom they blame."""
    response = client.get("/disputes/terter/")
    page = parse(response.content)
    assert not page.find_all("svg", class_="chart-svg")
    assert page.find(class_="kicker").text == "Disputed event"
    assert columns(page) == [
        ("Armenia 1 claim", [("Armenian officials", "26 Oct 2020", "Denies that Armenia did it",
                              ["Denial against Azeri officials"])]),
        ("Azerbaijan 1 claim", [("Azeri officials", "26 Oct 2020", "Accuses Armenia",
                                 ["Denial against Armenian officials (denies)"])]),
    ]
    assert page.find("section", class_="flags-panel").texts("p", class_="flag-explanation") == [
        "Azerbaijan (Azeri officials, 26 Oct 2020) accuses Armenia; "
        "Armenia (Armenian officials, 26 Oct 2020) denies it."
    ]


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
    """The page costs four queries (topic, claims, flags, provenance chains), however many claims."""
    with django_assert_num_queries(4 + TRANSACTION):
        client.get("/disputes/military-deaths-armenia/")
    for n in range(20):
        claim = make_claim(topic=dispute.deaths, claimant=ActorFactory(side=dispute.mod.side), stated_on=OCT_22,
                           figure=f"{n + 1}")
        Appearance.objects.create(claim=claim, document=DocumentFactory())
    with django_assert_num_queries(4 + TRANSACTION):
        response = client.get("/disputes/military-deaths-armenia/")
    assert len(parse(response.content).find_all("article", class_="claim")) == 23


def test_five_hundred_claims_render_in_four_queries(client, sides, django_assert_num_queries):
    """A topic of 500 claims, with sources and a few loud outliers, renders every claim in four queries.

    How fast it renders is measured in bench/, not here: timed tests fail on a busy machine.
    """
    topic = TopicFactory(name="Big toll", slug="big-toll", cumulative=False)
    voices = [ActorFactory(side=side) for side in (sides.armenia, sides.azerbaijan, sides.russia) for _ in range(5)]
    documents = [DocumentFactory() for _ in range(20)]
    for n in range(1, 20):
        documents[n].cites.add(documents[n - 1])
    claims = Claim.objects.bulk_create(
        ClaimFactory.build(
            topic=topic, claimant=voices[n % 15], side=voices[n % 15].side,
            qualifier="more_than" if n % 100 == 0 else "approximately",
            value=3000 if n % 100 == 0 else 1000 + 10 * (n % 5),
            stated_on=OCT_22 + datetime.timedelta(days=n % 60), as_of=OCT_22 + datetime.timedelta(days=n % 60),
        )
        for n in range(500)
    )
    Appearance.objects.bulk_create(
        Appearance(claim=claim, document=documents[n % 20], role=Appearance.Role.PRIMARY if n % 20 == 0 else
                   Appearance.Role.REPORT)
        for n, claim in enumerate(claims)
    )
    contradictions_recompute_topic(topic=topic)
    assert topic.contradictions.count() > 1500  # the outliers against most ordinary claims; the page shows 200

    with django_assert_num_queries(4 + TRANSACTION):
        response = client.get("/disputes/big-toll/")
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    assert len(page.find_all("article", class_="claim")) == 500
    assert len(page.find("div", class_="chart-wide").find_all("a", class_="chart-mark")) == 500
