"""The workspace lists' search boxes, counts and filters at an archive's size (issue #17)."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from claims.admin.paging import CappedCountPaginator
from claims.models import Appearance, Claim, Contradiction
from sources.models import ActorAlias, Document
from tests.admin.helpers import OCT_22, figure_claim
from tests.factories import ActorFactory, DocumentFactory, OutletFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps Django's substring search")

CLAIMS = "admin:claims_claim_changelist"
FLAGS = "admin:claims_contradiction_changelist"
DOCUMENTS = "admin:sources_document_changelist"


@pytest.fixture
def desk(editor):
    """Two sides' figures on one topic (flagged), a denial on another, with their documents."""
    armenia = SideFactory(name="Armenia", slug="armenia")
    azerbaijan = SideFactory(name="Azerbaijan", slug="azerbaijan")
    deaths = TopicFactory(name="Military deaths, Armenia")
    mod = ActorFactory(name="Armenian Ministry of Defence", side=armenia)
    ActorAlias.objects.create(actor=mod, name="MoD Armenia")
    toll = figure_claim(topic=deaths, side=armenia, claimant=mod, figure="729", status=Claim.Status.PUBLISHED,
                        statement="The ministry counts 729 soldiers killed.")
    rival = figure_claim(topic=deaths, side=azerbaijan, figure="5,000", status=Claim.Status.PUBLISHED,
                         claimant=ActorFactory(name="Azerbaijani Ministry of Defence", side=azerbaijan),
                         statement="Enemy losses exceed five thousand.")
    terter = TopicFactory(name="Shelling of Terter", kind="proposition", metric="")
    denial = figure_claim(topic=terter, side=armenia, figure=None, status=Claim.Status.PUBLISHED,
                          claimant=ActorFactory(name="Armenian Foreign Ministry", side=armenia),
                          statement="Armenian forces did not shell Terter.", stance=Claim.Stance.DENIES)
    wire = DocumentFactory(title="Karabakh casualty figures disputed", url="https://wire.example.org/2020/karabakh",
                           outlet=OutletFactory(name="Caucasus Wire"), author="Anna Petrosyan", language="hy")
    Appearance.objects.create(claim=toll, document=wire, role=Appearance.Role.REPORT)
    return {"toll": toll, "rival": rival, "denial": denial, "wire": wire}


def listed(client, name, **params) -> set:
    response = client.get(reverse(name), params)
    assert response.status_code == HTTPStatus.OK
    return {row.pk for row in response.context["cl"].result_list}


@postgres_only
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("soldiers", {"toll"}),  # a word of the statement
        ("kill", {"toll"}),  # a word's beginning, stemmed as English search stems it ("killed")
        ("MoD Armenia", {"toll"}),  # two words of an alias
        ("Foreign Ministry", {"denial"}),  # the speaker's name
        ("casualty", {"toll"}),  # a document's title
        ("wire.example.org/2020", {"toll"}),  # part of a document's URL
        ("the Terter", {"denial"}),  # a word English search ignores is ignored, the other must match
        ("Terter five", set()),  # every word must match the same claim
    ],
)
def test_claim_search_finds_each_word_where_it_is_kept(client, reviewer, desk, q, expected):
    """Each word is found in the text, a speaker's name or alias, a document's title or URL; all words must match."""
    client.force_login(reviewer)
    assert listed(client, CLAIMS, q=q) == {desk[name].pk for name in expected}


@postgres_only
def test_claim_search_by_number_and_only_among_the_claims_the_editor_may_read(client, editor, other_editor, desk):
    """A claim's number finds it; another editor's draft stays out of an editor's results."""
    hidden = figure_claim(topic=desk["toll"].topic, side=desk["toll"].side, claimant=desk["toll"].claimant,
                          figure="731", user=other_editor, statement="The ministry counts 731 soldiers killed.",
                          stated_on=OCT_22 + datetime.timedelta(days=1))
    client.force_login(editor)
    assert listed(client, CLAIMS, q=f"#{desk['rival'].pk}") == {desk["rival"].pk}
    assert listed(client, CLAIMS, q="soldiers") == {desk["toll"].pk}
    client.force_login(other_editor)
    assert listed(client, CLAIMS, q="soldiers") == {desk["toll"].pk, hidden.pk}


@postgres_only
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Military deaths", {("toll", "rival")}),  # the topic's name
        ("Azerbaijani", {("toll", "rival")}),  # either speaker's name
        ("Terter", set()),  # a topic without flags
    ],
)
def test_flag_search_by_topic_and_speaker(client, reviewer, desk, q, expected):
    """Flags are found by their topic's name and either speaker's name."""
    client.force_login(reviewer)
    flags = {frozenset((flag.claim_a_id, flag.claim_b_id)): flag.pk for flag in Contradiction.objects.all()}
    assert listed(client, FLAGS, q=q) == {flags[frozenset((desk[a].pk, desk[b].pk))] for a, b in expected}
    assert listed(client, FLAGS, q=str(desk["toll"].pk)) == set(flags.values())


@postgres_only
@pytest.mark.parametrize("q", ["casualty", "Caucasus", "wire.example.org/2020"])
def test_document_search_by_title_outlet_and_url(client, reviewer, desk, q):
    """A document is found by a word of its title, its outlet's name, or part of its URL."""
    DocumentFactory(title="Unrelated bulletin")
    client.force_login(reviewer)
    assert listed(client, DOCUMENTS, q=q) == {desk["wire"].pk}


def test_documents_filter_by_language_and_date(client, reviewer, desk):
    """The language filter offers the languages the documents are in; the date filter needs no query of its own."""
    DocumentFactory(title="Old bulletin", language="en", published_on=datetime.date(2001, 1, 1))
    client.force_login(reviewer)
    response = client.get(reverse(DOCUMENTS))
    choices = [choice["display"] for spec in response.context["cl"].filter_specs if spec.title == "language"
               for choice in spec.choices(response.context["cl"])]
    assert choices == ["All", "en", "hy"]
    assert listed(client, DOCUMENTS, language="hy") == {desk["wire"].pk}
    this_year = {"published_on__gte": "2001-01-01", "published_on__lt": "2002-01-01"}
    assert listed(client, DOCUMENTS, **this_year) == set(Document.objects.filter(title="Old bulletin")
                                                         .values_list("pk", flat=True))


def test_a_long_list_counts_up_to_its_cap_and_still_pages_past_it(client, reviewer, monkeypatch, desk):
    """Beyond the cap the list says "3+ claims" (no count of the archive), and every page stays reachable."""
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    monkeypatch.setattr(admin.site._registry[Claim], "list_per_page", 2)
    for n in range(3):
        figure_claim(topic=desk["toll"].topic, side=desk["toll"].side, figure=str(800 + n), status="published",
                     stated_on=OCT_22 - datetime.timedelta(days=10 + n))
    client.force_login(reviewer)

    first = client.get(reverse(CLAIMS))
    beyond = client.get(reverse(CLAIMS), {"p": 3})  # claims 5 and 6: past the two pages the count makes
    past_the_end = client.get(reverse(CLAIMS), {"p": 9})

    html = first.content.decode()
    assert "3+ claims" in html and "Select all 3+ claims" in html
    assert beyond.status_code == HTTPStatus.OK
    newest_first = list(Claim.objects.order_by("-stated_on", "-id").values_list("pk", flat=True))
    assert [row.pk for row in beyond.context["cl"].result_list] == newest_first[4:6]
    assert past_the_end.status_code == HTTPStatus.OK and not past_the_end.context["cl"].result_list
    few = client.get(reverse(CLAIMS), {"status__exact": "draft"})  # none: counted exactly
    assert "0 claims" in few.content.decode()


def test_the_flag_list_starts_with_the_largest_gap(client, reviewer, desk, editor):
    """Flags are listed as the public pages rank them: the largest gap first, proposition flags after figures."""
    accusation = figure_claim(topic=desk["denial"].topic, side=desk["rival"].side, figure=None,
                              status=Claim.Status.PUBLISHED, claimant=desk["rival"].claimant,
                              statement="Armenian forces shelled Terter.")  # both name no side: a denial pair
    figure_claim(topic=desk["toll"].topic, side=desk["rival"].side, figure="1,000", status=Claim.Status.PUBLISHED,
                 claimant=desk["rival"].claimant, stated_on=OCT_22)
    client.force_login(reviewer)
    response = client.get(reverse(FLAGS))
    listed_flags = list(response.context["cl"].result_list)
    assert listed_flags == list(Contradiction.objects.ranked())
    assert listed_flags[0].severity == max(flag.severity for flag in listed_flags if flag.severity is not None)
    assert accusation.pk in {listed_flags[-1].claim_a_id, listed_flags[-1].claim_b_id}
