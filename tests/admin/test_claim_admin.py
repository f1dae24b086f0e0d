"""The claim pages of the admin: entry with figures as worded, the list, the claim page, who may change what."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Appearance, Claim
from tests.admin.helpers import OCT_22, change_form_data, change_url, figure_claim, form_errors, messages_of
from tests.factories import (
    ActorFactory,
    DocumentFactory,
    OutletFactory,
    PropositionTopicFactory,
    SideFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

ADD = "admin:claims_claim_add"
LIST = "admin:claims_claim_changelist"


@pytest.fixture
def russia():
    return SideFactory(name="Russia", slug="russia", colour="#0072b2")


@pytest.fixture
def armenia():
    return SideFactory(name="Armenia", slug="armenia", colour="#e69f00")


# -- entry: figures as worded -------------------------------------------------------------------------------------


def test_editor_adds_a_claim_with_its_figure_as_worded(client, editor, russia):
    """"nearing 5,000" is stored as nearly 5,000 as of the statement date, and the claim page shows the reading."""
    topic = TopicFactory(name="Deaths in the 2020 war")
    putin = ActorFactory(name="Vladimir Putin", side=russia)
    client.force_login(editor)
    data = change_form_data(client.get(reverse(ADD)), topic=topic.pk, claimant=putin.pk, stated_on="2020-10-22",
                            figure="nearing 5,000", statement="The death toll is nearing 5,000.")

    response = client.post(reverse(ADD), data)

    assert response.status_code == HTTPStatus.FOUND
    claim = Claim.objects.get()
    assert (claim.topic, claim.claimant, claim.side, claim.stated_on, claim.qualifier, claim.value, claim.value_max,
            claim.as_of, claim.status, claim.created_by, claim.version) == (
        topic, putin, russia, OCT_22, "nearly", 5000, None, OCT_22, "draft", editor, 1)
    page = client.get(change_url(claim)).content.decode()
    assert ('<span class="figure-reading">qualifier <b>nearly</b> · value <b>5,000</b> · interval '
            '<b>[4,500, 5,000)</b></span>') in page
    assert 'value="nearing 5,000"' in page  # the wording field holds the figure as printed (issue #15)


def test_unreadable_wording_is_a_form_error_that_says_so(client, editor):
    """Wording the parser cannot read is refused on the figure field with the parser's reason; nothing is written."""
    actor = ActorFactory()
    client.force_login(editor)
    data = change_form_data(client.get(reverse(ADD)), topic=TopicFactory().pk, claimant=actor.pk,
                            stated_on="2020-10-22", figure="a great many")

    response = client.post(reverse(ADD), data)

    assert response.status_code == HTTPStatus.OK
    assert form_errors(response) == {"figure": [
        'cannot read "a great many" as a figure: "many" has no agreed number; '
        "only tens, dozens, hundreds and thousands are read as vague counts"]}
    assert not Claim.objects.exists()


def test_a_figure_on_a_proposition_topic_is_refused(client, editor):
    """Proposition topics take no figure: the form says so on the figure field."""
    topic = PropositionTopicFactory(name="Shelling of Terter")
    client.force_login(editor)
    data = change_form_data(client.get(reverse(ADD)), topic=topic.pk, claimant=ActorFactory().pk,
                            stated_on="2020-10-22", figure="12")

    response = client.post(reverse(ADD), data)

    assert form_errors(response) == {"figure": ["Topic “Shelling of Terter” is a proposition; only figure topics "
                                                "take a figure."]}
    assert not Claim.objects.exists()


def test_as_of_without_a_figure_is_refused(client, editor):
    """as_of is the date a figure counts up to: without a figure the form refuses it."""
    client.force_login(editor)
    data = change_form_data(client.get(reverse(ADD)), topic=TopicFactory().pk, claimant=ActorFactory().pk,
                            stated_on="2020-10-22", as_of="2020-10-20")

    response = client.post(reverse(ADD), data)

    assert form_errors(response) == {"as_of": ["as of goes with a figure; give the figure or leave this empty."]}
    assert not Claim.objects.exists()


def test_figure_preview_reads_wording_as_the_editor_types(client, editor):
    """The preview endpoint returns the qualifier, value and interval, or the parser's reason with a 400."""
    client.force_login(editor)
    url = reverse("admin:claims_claim_parse_figure")

    good = client.get(url, {"wording": "nearing 5,000"})
    ranged = client.get(url, {"wording": "260-280"})
    bad = client.get(url, {"wording": "lots"})

    assert good.status_code == HTTPStatus.OK
    assert good.json() == {"wording": "nearing 5,000", "canonical": "nearly 5,000", "qualifier": "nearly",
                           "qualifier_label": "nearly", "value": 5000, "value_max": None, "value_text": "5,000",
                           "interval": "[4,500, 5,000)"}
    assert ranged.json() == {"wording": "260-280", "canonical": "260–280", "qualifier": "between",
                             "qualifier_label": "between", "value": 260, "value_max": 280, "value_text": "260–280",
                             "interval": "[260, 280]"}
    assert bad.status_code == HTTPStatus.BAD_REQUEST
    assert bad.json() == {"wording": "lots", "error": 'cannot read "lots" as a figure: no number found'}


def test_figure_preview_needs_a_signed_in_editor(client):
    """Anonymous visitors are sent to the admin login, not given the parser."""
    response = client.get(reverse("admin:claims_claim_parse_figure"), {"wording": "12"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def test_changing_the_wording_reparses_and_keeps_as_of(client, editor):
    """An edited figure goes through claim_update: new qualifier and value, version bumped, as_of kept."""
    claim = figure_claim(figure="874", user=editor, as_of=datetime.date(2020, 10, 20))
    client.force_login(editor)
    data = change_form_data(client.get(change_url(claim)), figure="more than 2,000")

    response = client.post(change_url(claim), data)

    assert response.status_code == HTTPStatus.FOUND
    claim.refresh_from_db()
    assert (claim.qualifier, claim.value, claim.as_of, claim.version) == (
        "more_than", 2000, datetime.date(2020, 10, 20), 2)


def test_removing_the_figure_clears_its_date_too(client, editor):
    """Emptying the wording removes the figure and the as_of that followed it."""
    claim = figure_claim(figure="874", user=editor)
    client.force_login(editor)
    data = change_form_data(client.get(change_url(claim)), figure="")

    client.post(change_url(claim), data)

    claim.refresh_from_db()
    assert (claim.qualifier, claim.value, claim.as_of) == (None, None, None)


def test_saving_without_changes_writes_nothing(client, editor):
    """A save with nothing changed neither bumps the version nor adds history."""
    claim = figure_claim(user=editor)
    client.force_login(editor)

    client.post(change_url(claim), change_form_data(client.get(change_url(claim))))

    claim.refresh_from_db()
    assert claim.version == 1
    assert claim.history.count() == 1


# -- the list ---------------------------------------------------------------------------------------------------


@pytest.fixture
def listed(russia, armenia, editor, reviewer):
    """Two published claims in a figure dispute, a draft of the editor's, and a proposition in review."""
    deaths = TopicFactory(name="Military deaths, Armenia")
    putin = figure_claim(topic=deaths, side=russia, figure="more than 2,000", status=Claim.Status.PUBLISHED,
                         claimant=ActorFactory(name="Vladimir Putin", side=russia),
                         statement="More than 2,000 dead on each side.", verdict=Claim.Verdict.FALSE)
    ministry = figure_claim(topic=deaths, side=armenia, figure="729", status=Claim.Status.PUBLISHED,
                            claimant=ActorFactory(name="Armenian Ministry of Defence", side=armenia),
                            quote="Զոհվել է 729 զինծառայող")
    draft = figure_claim(topic=deaths, side=armenia, figure="about 700", user=editor,
                         claimant=ActorFactory(name="Armenian officials", side=armenia), statement="About 700.")
    terter = PropositionTopicFactory(name="Shelling of Terter")
    denial = figure_claim(topic=terter, side=armenia, figure=None, status=Claim.Status.IN_REVIEW,
                          claimant=ActorFactory(name="Armenian MFA", side=armenia), statement="We did not shell.",
                          stance=Claim.Stance.DENIES)
    wire = DocumentFactory(title="Putin says toll nearing 5,000", url="https://wire.example.org/putin-toll",
                           outlet=OutletFactory(name="Wire"))
    Appearance.objects.create(claim=putin, document=wire, role=Appearance.Role.REPORT)
    return {"putin": putin, "ministry": ministry, "draft": draft, "denial": denial}


def listed_ids(response) -> set[int]:
    return {claim.pk for claim in response.context["cl"].result_list}


def test_list_shows_side_colour_figure_status_and_flag_count(client, reviewer, listed):
    """Each row carries the side's colour, the figure as worded, the status and its live flags, linked."""
    client.force_login(reviewer)

    response = client.get(reverse(LIST))

    page = response.content.decode()
    putin = listed["putin"]
    russia = putin.side
    assert f'<span class="side-chip side-{russia.pk}"><span class="swatch"></span>Russia</span>' in page
    assert f'href="{reverse("side-styles")}"' in page  # the stylesheet that gives side-{russia.pk} its colour
    assert '<td class="field-figure">more than 2,000</td>' in page
    assert ('<span class="status-badge status-published">published</span> '
            '<span class="contested-badge">contested</span>') in page
    # Putin's claim is flagged against the ministry's (published) and the draft (drafts take part in flags).
    assert f'<a href="/admin/claims/contradiction/?claim={putin.pk}">2</a>' in page
    assert {row.pk: row.flag_total for row in response.context["cl"].result_list} == {
        putin.pk: 2, listed["ministry"].pk: 1, listed["draft"].pk: 1, listed["denial"].pk: 0}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "published"}, {"putin", "ministry"}),
        ({"status__exact": "in_review"}, {"denial"}),
        ({"topic__kind__exact": "proposition"}, {"denial"}),
        ({"contested__exact": "1"}, {"putin", "ministry"}),
        ({"verdict__exact": "false"}, {"putin"}),
        ({"open_flags": "yes"}, {"putin", "ministry", "draft"}),
        ({"open_flags": "no"}, {"denial"}),
    ],
)
def test_list_filters(client, reviewer, listed, params, expected):
    """The status, topic kind, contested, verdict and open-flags filters keep exactly the matching claims."""
    client.force_login(reviewer)

    response = client.get(reverse(LIST), params)

    assert listed_ids(response) == {listed[name].pk for name in expected}


def test_list_filters_by_side_and_topic(client, reviewer, listed, russia):
    """The side and topic filters narrow the list to that side's and that topic's claims."""
    client.force_login(reviewer)

    by_side = client.get(reverse(LIST), {"side__id__exact": russia.pk})
    by_topic = client.get(reverse(LIST), {"topic__id__exact": listed["denial"].topic_id})

    assert listed_ids(by_side) == {listed["putin"].pk}
    assert listed_ids(by_topic) == {listed["denial"].pk}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("each side", {"putin"}),  # statement
        ("զինծառայող", {"ministry"}),  # quote
        ("Ministry of Defence", {"ministry"}),  # claimant
        ("nearing 5,000", {"putin"}),  # document title
        ("wire.example.org/putin", {"putin"}),  # document URL
    ],
)
def test_list_search(client, reviewer, listed, q, expected):
    """Search finds claims by statement, quote, claimant, and the title and URL of a document carrying them."""
    client.force_login(reviewer)

    response = client.get(reverse(LIST), {"q": q})

    assert listed_ids(response) == {listed[name].pk for name in expected}


def test_editors_do_not_see_each_others_drafts(client, other_editor, listed):
    """Another editor's draft is neither listed nor reachable; everything in review or published is."""
    client.force_login(other_editor)

    listing = client.get(reverse(LIST))
    page = client.get(change_url(listed["draft"]))

    assert listed_ids(listing) == {listed["putin"].pk, listed["ministry"].pk, listed["denial"].pk}
    assert page.status_code == HTTPStatus.FOUND
    assert page["Location"] == reverse("admin:index")


def test_list_query_count_does_not_grow_with_rows(client, reviewer, listed, russia):
    """The list costs the same number of queries for 4 claims as for 14 (no query per row)."""
    client.force_login(reviewer)
    client.get(reverse(LIST))  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(LIST))
    for n in range(10):
        figure_claim(side=russia, figure=str(100 + n), status=Claim.Status.PUBLISHED)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(LIST))

    assert len(response.context["cl"].result_list) == 14
    assert len(many) == len(few)


# -- the claim page ------------------------------------------------------------------------------------------------


def test_claim_page_shows_provenance_and_contradictions(client, editor, russia, armenia):
    """The page lays out the chain primary → relay and each flag with the opposing claim linked."""
    deaths = TopicFactory(name="Military deaths, Armenia")
    putin = figure_claim(topic=deaths, side=russia, figure="more than 2,000", status=Claim.Status.PUBLISHED,
                         claimant=ActorFactory(name="Vladimir Putin", side=russia))
    ministry = figure_claim(topic=deaths, side=armenia, figure="729", status=Claim.Status.PUBLISHED,
                            claimant=ActorFactory(name="Armenian Ministry of Defence", side=armenia))
    transcript = DocumentFactory(title="Meeting with the Valdai Club", outlet=OutletFactory(name="Kremlin"))
    report = DocumentFactory(title="Putin says toll above 2,000", outlet=OutletFactory(name="Reuters"))
    report.cites.add(transcript)
    Appearance.objects.create(claim=putin, document=transcript, role=Appearance.Role.PRIMARY, quote="more than 2,000")
    Appearance.objects.create(claim=putin, document=report, role=Appearance.Role.REPORT)
    client.force_login(editor)

    response = client.get(change_url(putin))

    page = response.content.decode()
    chain = [(link.document.title, link.depth, link.role) for link in response.context["provenance"].links]
    assert chain == [("Meeting with the Valdai Club", 0, "primary"), ("Putin says toll above 2,000", 1, "report")]
    assert response.context["provenance"].origin_count == 1
    assert f'<a href="/admin/sources/document/{transcript.pk}/change/">Meeting with the Valdai Club</a>' in page
    assert "1 independent origin · 2 documents" in page
    assert [(row["flag"].kind, row["other"].pk, row["severity"]) for row in response.context["flags"]] == [
        ("figure_mismatch", ministry.pk, "2.7×")]
    assert f'<a href="{change_url(ministry)}">#{ministry.pk} Armenian Ministry of Defence</a>' in page
    assert "Contradictions (1)" in page
    assert 'name="decision"' not in page  # editors see flags; reviewers rule on them


# -- who may change what ------------------------------------------------------------------------------------------


def test_editors_cannot_change_a_published_claim(client, editor, reviewer):
    """A published claim is read-only for editors: the page is a view, a POST is refused and nothing changes."""
    claim = figure_claim(user=editor, status=Claim.Status.PUBLISHED, statement="Before.")
    client.force_login(editor)

    page = client.get(change_url(claim))
    response = client.post(change_url(claim), {"statement": "After.", "version": "1"})

    assert page.context["title"] == "View claim"
    assert response.status_code == HTTPStatus.FORBIDDEN
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Before.", 1)


def test_reviewers_rate_published_claims_through_the_service(client, reviewer):
    """A reviewer may set the verdict of a published claim; the save bumps the version and records the reviewer."""
    claim = figure_claim(status=Claim.Status.PUBLISHED)
    client.force_login(reviewer)
    data = change_form_data(client.get(change_url(claim)), verdict="misleading")

    client.post(change_url(claim), data)

    claim.refresh_from_db()
    assert (claim.verdict, claim.version, claim.history.first().history_user) == ("misleading", 2, reviewer)


def test_editors_cannot_set_the_verdict(client, editor):
    """The verdict is the reviewers' rating: on an editor's form it is read-only and a posted value is ignored."""
    claim = figure_claim(user=editor)
    client.force_login(editor)
    data = change_form_data(client.get(change_url(claim)), verdict="false", statement="Edited.")

    client.post(change_url(claim), data)

    claim.refresh_from_db()
    assert (claim.verdict, claim.statement) == ("unrated", "Edited.")


def test_retracted_claims_are_read_only_for_everyone(client, reviewer):
    """Nobody edits a retracted claim: even a reviewer's POST is refused."""
    claim = figure_claim(status=Claim.Status.RETRACTED, retraction_reason="Misattributed.")
    client.force_login(reviewer)

    response = client.post(change_url(claim), {"statement": "x"})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_published_claims_cannot_be_deleted(client, reviewer):
    """Published claims are retracted, never deleted: the delete page is refused and the claim stays."""
    claim = figure_claim(status=Claim.Status.PUBLISHED)
    client.force_login(reviewer)

    page = client.get(reverse("admin:claims_claim_delete", args=[claim.pk]))
    post = client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})

    assert (page.status_code, post.status_code) == (HTTPStatus.FORBIDDEN, HTTPStatus.FORBIDDEN)
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_drafts_can_be_deleted_by_reviewers_only(client, editor, reviewer, russia, armenia):
    """A reviewer deletes a draft (its flags go with it); an editor has no delete permission at all."""
    topic = TopicFactory()
    published = figure_claim(topic=topic, side=russia, figure="100", status=Claim.Status.PUBLISHED)
    draft = figure_claim(topic=topic, side=armenia, figure="5", user=editor)
    client.force_login(editor)
    refused = client.post(reverse("admin:claims_claim_delete", args=[draft.pk]), {"post": "yes"})
    client.force_login(reviewer)

    deleted = client.post(reverse("admin:claims_claim_delete", args=[draft.pk]), {"post": "yes"})

    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert deleted.status_code == HTTPStatus.FOUND
    assert list(Claim.objects.values_list("pk", flat=True)) == [published.pk]
    assert not published.contradictions_as_a.exists() and not published.contradictions_as_b.exists()


def test_delete_is_not_a_bulk_action(client, reviewer):
    """The list offers submit, publish and retract, never Django's bulk delete."""
    client.force_login(reviewer)

    response = client.get(reverse(LIST))

    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert actions == ["", "submit_claims", "publish_claims", "retract_claims"]


def test_editors_are_offered_only_the_submit_action(client, editor):
    """Publishing and retracting are reviewers' actions: an editor's list offers only submit."""
    client.force_login(editor)

    response = client.get(reverse(LIST))

    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert actions == ["", "submit_claims"]
    assert messages_of(response) == []
