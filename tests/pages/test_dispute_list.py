"""`/`: the disputes ranked by their largest gap, with search and filters (DESIGN §8, §10)."""

import datetime
from http import HTTPStatus

import pytest

from claims.contradictions import contradiction_dismiss, contradictions_recompute_all
from claims.models import Claim, Contradiction
from tests.factories import ActorFactory, ClaimFactory, PropositionTopicFactory, SideFactory, TopicFactory
from tests.pages.conftest import OCT_22, make_claim
from tests.pages.html import parse

# Under test the request's ATOMIC_REQUESTS transaction is a savepoint: SAVEPOINT and RELEASE.
TRANSACTION = 2

DEATHS_ROW = (
    "6.9× apart",
    "Military deaths, Armenia",
    "Armenia (Armenian Ministry of Defence, 22 Oct 2020): 729 — Azerbaijan (Ilham Aliyev, 22 Oct 2020): "
    "at least 5,000 — at least 6.9× apart.",
    "Armenia Azerbaijan Russia 3 claims · latest 22 Oct 2020",
)
TERTER_ROW = (
    "Denial",
    "Armenian forces shelled Terter after the ceasefire",
    "Azerbaijan (Azeri officials, 26 Oct 2020) accuses Armenia; Armenia (Armenian officials, 26 Oct 2020) denies it.",
    "Armenia Azerbaijan 2 claims · latest 26 Oct 2020",
)


def rows(response):
    page = parse(response.content)
    return [
        (
            li.find(class_="dispute-gap").text,
            li.find("h2").text,
            li.find(class_="dispute-explanation").text,
            li.find(class_="dispute-meta").text,
        )
        for li in page.find_all("li", class_="dispute")
    ]


def test_lists_disputes_figures_first(client, dispute):
    """Figure disputes rank by severity before propositions, each with sides, public claim count and latest date."""
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    assert rows(response) == [DEATHS_ROW, TERTER_ROW]
    titles = parse(response.content).find_all("h2", class_="dispute-title")
    assert [h.find("a").attrs["href"] for h in titles] == ["/disputes/military-deaths-armenia/", "/disputes/terter/"]


def test_drafts_never_shown(client, dispute):
    """Draft and in-review claims count nowhere on the public list, and their text never appears."""
    response = client.get("/")
    assert b"DRAFT-ONLY" not in response.content
    assert "3 claims" in rows(response)[0][3] and "2 claims" in rows(response)[1][3]


def test_draft_only_disputes_are_not_listed(client, sides):
    """A topic whose flag involves a draft is no public dispute."""
    topic = TopicFactory(name="Civilian deaths", slug="civilian-deaths")
    make_claim(topic=topic, claimant=ActorFactory(side=sides.armenia), stated_on=OCT_22, figure="10")
    make_claim(topic=topic, claimant=ActorFactory(side=sides.azerbaijan), stated_on=OCT_22, figure="500",
               status=Claim.Status.DRAFT)
    assert Contradiction.objects.filter(topic=topic).count() == 1
    response = client.get("/")
    assert rows(response) == []
    assert parse(response.content).find(class_="empty").text == (
        "No disputes yet: no two published claims contradict each other."
    )


def test_dismissed_flags_do_not_make_a_dispute(client, dispute, reviewer):
    """Once its only flag is dismissed, the Terter topic leaves the list."""
    flag = Contradiction.objects.involving(dispute.denial).involving(dispute.accusation).get()
    contradiction_dismiss(contradiction=flag, user=reviewer)
    assert rows(client.get("/")) == [DEATHS_ROW]


def test_ranking_counts_magnitude_and_says_a_zero_gap_in_words(client, sides):
    """"none vs 2" ranks below "2,000 vs 20,000" and "10 vs 100"; a gap against zero reads in words, never "∞"."""
    topic = TopicFactory(name="Aircraft lost", slug="aircraft-lost")
    make_claim(topic=topic, claimant=ActorFactory(name="Spokesman A", side=sides.armenia), stated_on=OCT_22,
               figure="0")
    make_claim(topic=topic, claimant=ActorFactory(name="Spokesman B", side=sides.azerbaijan), stated_on=OCT_22,
               figure="at least 2")
    tanks = TopicFactory(name="Tanks lost", slug="tanks-lost")
    make_claim(topic=tanks, claimant=ActorFactory(name="Spokesman C", side=sides.armenia), stated_on=OCT_22,
               figure="10")
    make_claim(topic=tanks, claimant=ActorFactory(name="Spokesman D", side=sides.azerbaijan), stated_on=OCT_22,
               figure="100")
    deaths = TopicFactory(name="Deaths", slug="deaths")
    make_claim(topic=deaths, claimant=ActorFactory(name="Spokesman E", side=sides.armenia), stated_on=OCT_22,
               figure="2,000")
    make_claim(topic=deaths, claimant=ActorFactory(name="Spokesman F", side=sides.azerbaijan), stated_on=OCT_22,
               figure="20,000")
    response = client.get("/")
    assert [(gap, title) for gap, title, _, _ in rows(response)] == [
        ("10.0× apart", "Deaths"),
        ("10.0× apart", "Tanks lost"),
        ("none against a count", "Aircraft lost"),
    ]
    assert parse(response.content).texts(class_="dispute-words") == [
        "Azerbaijan (Spokesman F) says 20,000; Armenia (Spokesman E) says 2,000.",
        "Azerbaijan (Spokesman D) says 100; Armenia (Spokesman C) says 10.",
        "Azerbaijan (Spokesman B) says at least 2; Armenia (Spokesman A) says none.",
    ]
    assert "∞" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Putin", ["Military deaths, Armenia"]),  # claimant
        ("us", []),  # a stop word in English, and in no claim here
        ("servicemen", ["Military deaths, Armenia"]),  # translation
        ("gross violation", ["Armenian forces shelled Terter after the ceasefire"]),  # quote
        ("Terter", ["Armenian forces shelled Terter after the ceasefire"]),  # topic
        ("shelled", ["Armenian forces shelled Terter after the ceasefire"]),  # statement and topic
        ("DRAFT-ONLY", []),  # drafts are not searchable by the public
        ("nothing like this", []),
    ],
)
def test_search(client, dispute, query, expected):
    """Search finds disputes by statement, quote, translation, claimant or topic, over public claims only."""
    response = client.get("/", {"q": query})
    assert response.status_code == HTTPStatus.OK
    assert [title for _, title, _, _ in rows(response)] == expected
    if not expected:
        assert parse(response.content).find(class_="empty").text == (
            "No dispute matches these filters. See all disputes."
        )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"side": "russia"}, ["Military deaths, Armenia"]),
        ({"side": "armenia"}, ["Military deaths, Armenia", "Armenian forces shelled Terter after the ceasefire"]),
        ({"kind": "denial"}, ["Armenian forces shelled Terter after the ceasefire"]),
        ({"kind": "figure_mismatch"}, ["Military deaths, Armenia"]),
        ({"kind": "counter_accusation"}, []),
        ({"side": "russia", "kind": "denial"}, []),
        ({"side": "armenia", "q": "Putin"}, ["Military deaths, Armenia"]),
    ],
)
def test_filters(client, dispute, params, expected):
    """The side filter keeps disputes where that side's claim is flagged; the kind filter those with such a flag."""
    response = client.get("/", params)
    assert response.status_code == HTTPStatus.OK
    assert [title for _, title, _, _ in rows(response)] == expected


def test_filter_choices(client, dispute):
    """The side menu offers the sides with public claims; the kind menu the three public kinds."""
    page = parse(client.get("/").content)
    assert page.find("select", name="side").texts("option") == ["All sides", "Armenia", "Azerbaijan", "Russia"]
    assert page.find("select", name="kind").texts("option") == [
        "All kinds", "Figure mismatch", "Denial", "Counter-accusation",
    ]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"side": "narnia"}, "side: Select a valid choice. narnia is not one of the available choices."),
        ({"kind": "downward_revision"},
         "kind: Select a valid choice. downward_revision is not one of the available choices."),
        ({"page": "0"}, "page: Ensure this value is greater than or equal to 1."),
        ({"page": "two"}, "page: Enter a whole number."),
        ({"q": "x" * 201}, "q: Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_bad_filters_are_a_clear_400(client, dispute, params, error):
    """A filter that cannot be used answers 400 and names the field and the problem, listing nothing."""
    response = client.get("/", params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    page = parse(response.content)
    assert page.find(class_="notice-error").texts("li") == [error]
    assert rows(response) == []


def test_pages_without_count(client, sides):
    """Thirty disputes fit a page; the thirty-first is on page 2, reached by a next link (no COUNT query)."""
    armenia = ActorFactory(name="Hayk", side=sides.armenia)
    azerbaijan = ActorFactory(name="Elnur", side=sides.azerbaijan)
    for n in range(31):
        topic = TopicFactory(name=f"Losses {n:02}", slug=f"losses-{n:02}")
        ClaimFactory(topic=topic, claimant=armenia, side=sides.armenia, value=10)
        ClaimFactory(topic=topic, claimant=azerbaijan, side=sides.azerbaijan, value=10 * (n + 2))
    contradictions_recompute_all()
    first = client.get("/")
    assert len(rows(first)) == 30
    assert rows(first)[0][:2] == ("32.0× apart", "Losses 30")
    pager = parse(first.content).find("nav", class_="pager")
    assert [(a.attrs["rel"], a.attrs["href"], a.text) for a in pager.find_all("a")] == [("next", "?page=2", "Next →")]
    second = client.get("/", {"page": 2})
    assert rows(second) == [(
        "2.0× apart",
        "Losses 00",
        "Armenia (Hayk, 22 Oct 2020): 10 — Azerbaijan (Elnur, 22 Oct 2020): 20 — 2.0× apart.",
        "Armenia Azerbaijan 2 claims · latest 22 Oct 2020",
    )]
    assert parse(second.content).find("ol", class_="disputes").attrs["start"] == "31"
    pager = parse(second.content).find("nav", class_="pager")
    assert [(a.attrs["rel"], a.attrs["href"]) for a in pager.find_all("a")] == [("prev", "?page=1")]


def test_hostile_text_is_escaped(client, sides):
    """Markup in a topic name, a claimant's name or an explanation is shown as text, never run."""
    payload = "<script>alert('x')</script>"
    topic = TopicFactory(name=f"Deaths {payload}", slug="hostile")
    make_claim(topic=topic, claimant=ActorFactory(name=f"Mr {payload}", side=sides.armenia), stated_on=OCT_22,
               figure="1")
    make_claim(topic=topic, claimant=ActorFactory(side=sides.azerbaijan), stated_on=OCT_22, figure="9")
    response = client.get("/")
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.content
    assert rows(response)[0][1] == f"Deaths {payload}"


def test_query_count_is_constant(client, dispute, sides, django_assert_num_queries):
    """The list costs four queries (sides menu, ranked disputes, their sides, their largest flags) at any size."""
    with django_assert_num_queries(4 + TRANSACTION):
        assert client.get("/").status_code == HTTPStatus.OK
    for n in range(10):
        topic = PropositionTopicFactory(name=f"Event {n}", slug=f"event-{n}")
        ClaimFactory(topic=topic, side=sides.armenia, qualifier=None, value=None, as_of=None,
                     accused_side=sides.armenia, statement="Shelling reported")
        ClaimFactory(topic=topic, side=sides.russia, qualifier=None, value=None, as_of=None, stance="denies",
                     accused_side=sides.armenia, statement="Nothing reported")
    contradictions_recompute_all()
    with django_assert_num_queries(4 + TRANSACTION):
        response = client.get("/", {"q": "reported", "side": "armenia"})
    assert len(rows(response)) == 10


def test_editor_preview_shows_what_editors_may_read(client, dispute, editor):
    """Signed in, an editor sees the public list by default and, with ?preview=1, claims in review too."""
    client.force_login(editor)
    assert rows(client.get("/")) == [DEATHS_ROW, TERTER_ROW]
    preview = client.get("/", {"preview": "1"})
    assert [row[3] for row in rows(preview)] == [
        "Armenia Azerbaijan Russia 3 claims · latest 22 Oct 2020",  # someone else's draft stays hidden
        "Armenia Azerbaijan 3 claims · latest 26 Oct 2020",  # the claim in review counts
    ]
    assert parse(preview.content).find(class_="preview-banner").text.startswith("Preview:")


def test_preview_is_public_for_anonymous_visitors(client, dispute):
    """?preview=1 changes nothing for a visitor who is not signed in."""
    response = client.get("/", {"preview": "1"})
    assert rows(response) == [DEATHS_ROW, TERTER_ROW]
    assert not parse(response.content).find_all(class_="preview-banner")


def test_only_get_and_head(client, dispute):
    """The list is read-only: POST is refused."""
    assert client.post("/").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_side_styles(client, sides):
    """/sides.css gives each side a class carrying its colour, and that colour darkened until words in it read on
    white (4.5:1), skipping a colour that is not #rrggbb."""
    SideFactory(name="Broken", slug="broken", colour="red}*{a")  # 7 characters, the column width
    response = client.get("/sides.css")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/css; charset=utf-8"
    broken = sides.russia.pk + 1
    assert response.content.decode() == (
        f".side-{sides.armenia.pk}{{--side:#d9480f;--side-ink:#ce440e}}\n"
        f".side-{sides.azerbaijan.pk}{{--side:#1c7ed6;--side-ink:#1b78cb}}\n"
        f".side-{sides.russia.pk}{{--side:#5f3dc4;--side-ink:#5f3dc4}}\n"
        f".side-{broken}{{--side:#6b7280;--side-ink:#6b7280}}\n"
    )


def test_latest_date_counts_public_claims_only(client, dispute, sides):
    """A later draft does not move a dispute's latest date."""
    make_claim(topic=dispute.deaths, claimant=dispute.putin, stated_on=datetime.date(2021, 1, 1), figure="3,000",
               status=Claim.Status.DRAFT)
    assert rows(client.get("/"))[0][3] == "Armenia Azerbaijan Russia 3 claims · latest 22 Oct 2020"


def test_the_disputes_folder_leads_to_the_list(client, dispute):
    """/disputes/ (a dispute's address trimmed by hand) redirects for good to the list at /, keeping its query."""
    response = client.get("/disputes/", {"q": "deaths"})
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response.headers["Location"] == "/?q=deaths"
    assert client.get(response.headers["Location"]).status_code == HTTPStatus.OK
