"""Claims extracted from a document's text, reviewed in the admin: accept, edit, reject (issue #6)."""

import datetime
import os
from http import HTTPStatus
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from claims.extraction import extract_claims
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Side
from tests.admin.helpers import change_url, figure_claim, messages_of
from tests.factories import (
    ActorFactory,
    AppearanceFactory,
    DocumentFactory,
    OutletFactory,
    SideFactory,
    TopicFactory,
    UserFactory,
)
from tests.pages.html import parse

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
WSWS_TEXT = (SEEDS / "003_46bf82e7cb95c6cb.txt").read_text(encoding="utf-8")
OCT_30 = datetime.date(2020, 10, 30)
PUTIN_QUOTE = "There are a lot of casualties from both sides, more than 2,000 from each side."
BARDA_QUOTE = ("The attack reportedly hit a densely populated civilian neighborhood, killing at least 25 and "
               "wounding dozens more")


@pytest.fixture
def sides():
    return {name: SideFactory(name=name, slug=name.lower().replace(" ", "-"))
            for name in ("Armenia", "Azerbaijan", "Russia", "United States", "Independent")}


@pytest.fixture
def wsws(sides):
    """The WSWS article of 30 October 2020, with its text, as an editor would have entered it."""
    return DocumentFactory(title="Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses",
                           outlet=OutletFactory(name="World Socialist Web Site"), url="https://www.wsws.org/casualties",
                           published_on=OCT_30, text=WSWS_TEXT)


@pytest.fixture
def deaths(sides):
    return TopicFactory(name="Military deaths in the 2020 Nagorno-Karabakh war", slug="deaths-2020",
                        metric="military deaths")


def queue_url(document):
    return reverse("admin:sources_document_extract", args=[document.pk])


def candidate_url(document, key):
    return reverse("admin:sources_document_extract_candidate", args=[document.pk, key])


def reject_url(document, key, action="reject"):
    return reverse(f"admin:sources_document_extract_{action}", args=[document.pk, key])


def items_of(response):
    assert response.status_code == HTTPStatus.OK, response.status_code
    return response.context["queue"].items


def item_of(response, claimant, figure=None, words=""):
    """Return the queue item of this claimant and figure wording whose quote has these words (exactly one)."""
    found = [i for i in items_of(response)
             if i.candidate.claimant == claimant and i.candidate.figure == figure and words in i.quote]
    assert len(found) == 1, [(i.candidate.claimant, i.candidate.figure) for i in items_of(response)]
    return found[0]


def accept_data(response, item, **changes) -> dict:
    """Return what the queue row's Accept form posts for `item`, with the editor's choices in `changes`."""
    page = parse(response.content)
    row = page.find("li", id=f"candidate-{item.key}")
    form = row.find("form", class_="accept-form")
    data = {el.attrs["name"]: el.attrs.get("value", "") for el in form.find_all("input")
            if el.attrs.get("name") and el.attrs.get("type") != "submit"}
    for select in form.find_all("select"):
        chosen = [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs]
        data[select.attrs["name"]] = chosen[0] if chosen else ""
    data.pop("csrfmiddlewaretoken", None)
    data.update({name: str(value) for name, value in changes.items()})
    return data


def counts():
    return {model.__name__: model.objects.count() for model in (Claim, Appearance, Actor, Side, Topic, Contradiction)}


# -- the way in: the button on the document page, the list action --------------------------------------------------


def test_extract_button_shows_only_for_a_document_with_text_and_for_editors(client, editor, wsws):
    """Editors see “Extract claims” on a document with text, a paste link without text; a clerk sees neither."""
    empty = DocumentFactory(title="No text kept")
    clerk = UserFactory(username="clerk")
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_document", "change_document"]))

    client.force_login(editor)
    with_text = parse(client.get(change_url(wsws)).content)
    without_text = parse(client.get(change_url(empty)).content)
    client.force_login(clerk)
    for_clerk = parse(client.get(change_url(wsws)).content)

    assert [(a.text, a.attrs["href"]) for a in with_text.find_all("a", class_="extract-claims-link")] == [
        ("Extract claims", queue_url(wsws))]
    assert without_text.find_all("a", class_="extract-claims-link") == []
    assert [a.attrs["href"] for a in without_text.find_all("a", class_="paste-text-link")] == [
        reverse("admin:sources_document_text", args=[empty.pk])]
    assert for_clerk.find_all("a", class_="extract-claims-link") == []
    assert for_clerk.find_all("a", class_="paste-text-link") == []


def test_list_action_opens_the_queue_of_one_document(client, editor, wsws):
    """The document list's action goes to the queue of the one chosen document, or asks for one."""
    other = DocumentFactory()
    client.force_login(editor)
    changelist = reverse("admin:sources_document_changelist")

    one = client.post(changelist, {"action": "extract_claims_action", "_selected_action": [wsws.pk]})
    no_text = client.post(changelist, {"action": "extract_claims_action", "_selected_action": [other.pk]})
    two = client.post(changelist, {"action": "extract_claims_action", "_selected_action": [wsws.pk, other.pk]},
                      follow=True)

    assert (one.status_code, one["Location"]) == (HTTPStatus.FOUND, queue_url(wsws))
    assert no_text["Location"] == reverse("admin:sources_document_text", args=[other.pk])
    assert messages_of(two) == ["Choose one document: its claims are reviewed one article at a time."]


# -- the queue -----------------------------------------------------------------------------------------------------


def test_queue_lists_the_seed_articles_candidates_in_reading_order(client, editor, wsws):
    """Every candidate the extractor finds is a row: its quote highlighted in context, speaker, side, figure read."""
    client.force_login(editor)
    response = client.get(queue_url(wsws))

    sides = {s.name.lower(): s.name for s in Side.objects.all()} | {s.slug.replace("-", " "): s.name
                                                                    for s in Side.objects.all()}
    expected = extract_claims(WSWS_TEXT, sides=sides, actors={})
    items = items_of(response)
    assert [i.candidate for i in items] == expected
    assert len(items) == 17 and {i.status for i in items} == {"pending"}
    page = parse(response.content)
    rows = page.find("ol", class_="candidate-list").find_all("li", class_="candidate")
    assert [row.attrs["id"] for row in rows] == [f"candidate-{i.key}" for i in items]
    assert [row.find("mark").text for row in rows] == [" ".join(c.quote.split()) for c in expected]
    putin = rows[0]
    assert putin.find("span", class_="candidate-claimant").text == "Vladimir Putin"
    facts = putin.find("dl", class_="candidate-facts")
    assert list(zip(facts.texts("dt"), facts.texts("dd"), strict=True)) == [
        ("Side", "Russia"), ("Stance", "asserts"), ("Accused side", "—"),
        ("Figure", "“more than 2,000” → more than 2,000 (2,000, ∞)"), ("Confidence", "0.85 · high")]
    assert putin.find("blockquote").text.startswith("…")
    assert "televised meeting: “" + PUTIN_QUOTE in putin.find("blockquote").text
    assert page.find("p", class_="queue-summary").text == (
        "17 attributed claims found in this document’s text: 17 to review · 0 accepted · 0 rejected")


def test_candidate_page_is_prefilled_from_the_candidate(client, editor, wsws, sides):
    """Edit shows the candidate's fields ready to correct: speaker, side, stance, figure, date, a guessed kind."""
    client.force_login(editor)
    item = item_of(client.get(queue_url(wsws)), "Azeri officials", "at least 25")

    response = client.get(candidate_url(wsws, item.key))

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].initial == {
        "claimant": "Azeri officials", "actor_kind": "unnamed_group", "side": "Azerbaijan", "accused_side": "Armenia",
        "stance": "asserts", "figure": "at least 25", "stated_on": OCT_30, "attribution": "unconfirmed_report",
        "new_topic_kind": "figure", "role": "report"}
    assert parse(response.content).find("mark").text == BARDA_QUOTE


def test_document_without_text_sends_the_editor_to_paste_it(client, editor):
    """The queue of a document with no text says so and opens the paste page."""
    document = DocumentFactory()
    client.force_login(editor)

    response = client.get(queue_url(document))

    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND, reverse("admin:sources_document_text", args=[document.pk]))


# -- accept ----------------------------------------------------------------------------------------------------------


def test_accept_makes_a_draft_claim_with_its_appearance_actor_and_flags(client, editor, wsws, deaths, sides):
    """Accept: a draft by the editor, the actor created on its side, the appearance here, the contradiction flagged."""
    armenian = figure_claim(topic=deaths, side=sides["Armenia"], figure="874", stated_on=OCT_30,
                            status=Claim.Status.PUBLISHED)
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    item = item_of(queue, "Vladimir Putin", "more than 2,000")

    response = client.post(candidate_url(wsws, item.key), accept_data(queue, item, topic=deaths.pk))

    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND, f"{queue_url(wsws)}#candidate-{item.key}")
    claim = Claim.objects.exclude(pk=armenian.pk).get()
    putin = Actor.objects.get(name="Vladimir Putin")
    assert (putin.side, putin.kind) == (sides["Russia"], "person")
    assert (claim.topic, claim.claimant, claim.side, claim.stated_on, claim.status, claim.created_by, claim.quote,
            claim.qualifier, claim.value, claim.value_max, claim.as_of, claim.stance, claim.accused_side,
            claim.attribution, claim.language) == (
        deaths, putin, sides["Russia"], OCT_30, "draft", editor, PUTIN_QUOTE,
        "more_than", 2000, None, OCT_30, "asserts", None, "direct_quote", "en")
    assert list(Appearance.objects.filter(claim=claim).values_list("document", "role", "quote")) == [
        (wsws.pk, "report", PUTIN_QUOTE)]
    assert list(Contradiction.objects.values_list("kind", "claim_a", "claim_b")) == [
        ("figure_mismatch", armenian.pk, claim.pk)]
    followed = client.get(response["Location"])
    assert parse(messages_of(followed)[0]).text == (
        f"Accepted as draft claim #{claim.pk}: Vladimir Putin (Russia) on “{deaths.name}”, more than 2,000.")
    assert messages_of(followed)[1].startswith("This would contradict 1 published claim:")
    done = item_of(followed, "Vladimir Putin", "more than 2,000")
    assert (done.status, done.appearance.claim) == ("done", claim)
    row = parse(followed.content).find("li", id=f"candidate-{item.key}")
    assert row.find_all("form") == [] and "✓ accepted" in row.text
    assert row.find("p", class_="candidate-done").text == (
        f"Claim #{claim.pk} Russia Vladimir Putin · {deaths.name} · more than 2,000 draft")


def test_accept_finds_the_actor_and_creates_a_new_topic(client, editor, wsws, sides):
    """The actor is found by name and side whatever its case; a new topic is created with its name and kind."""
    officials = ActorFactory(name="AZERI OFFICIALS", side=sides["Azerbaijan"], kind="government")
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    terter = item_of(queue, "Azeri officials", words="Terter")
    assert terter.actor_known

    response = client.post(candidate_url(wsws, terter.key), accept_data(
        queue, terter, topic="", new_topic="Armenian forces shelled Terter after the ceasefire",
        new_topic_kind="proposition", role="report"))

    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    claim = Claim.objects.get()
    topic = Topic.objects.get()
    assert (topic.name, topic.slug, topic.kind, topic.history.get().history_user) == (
        "Armenian forces shelled Terter after the ceasefire", "armenian-forces-shelled-terter-after-the-ceasefire",
        "proposition", editor)
    assert (claim.topic, claim.claimant, claim.side, claim.accused_side, claim.has_figure) == (
        topic, officials, sides["Azerbaijan"], sides["Armenia"], False)
    assert Actor.objects.count() == 1


def test_a_new_side_is_created_only_when_the_editor_confirms(client, editor, wsws, deaths):
    """A speaker with no side cannot be accepted as is; a side not in the database needs “Create new sides”."""
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    item = item_of(queue, "Bangkok Post")
    before = counts()

    no_side = client.post(candidate_url(wsws, item.key), accept_data(queue, item, topic=deaths.pk))
    unknown = client.post(candidate_url(wsws, item.key), accept_data(queue, item, topic=deaths.pk, side="Thailand"))
    after_refusals = counts()
    created = client.post(candidate_url(wsws, item.key), accept_data(queue, item, topic=deaths.pk, side="Thailand",
                                                                      create_sides="on"))

    assert no_side.status_code == unknown.status_code == HTTPStatus.OK
    assert no_side.context["form"].errors == {"side": ["Name the claimant's side: the extractor could not tell it."]}
    assert unknown.context["form"].errors == {"side": [
        "No side named “Thailand” yet. Check the spelling, or tick “Create new sides” to add it."]}
    assert after_refusals == before
    assert created.status_code == HTTPStatus.FOUND
    thailand = Side.objects.get(name="Thailand")
    assert (thailand.slug, Claim.objects.get().side, Actor.objects.get().kind) == ("thailand", thailand, "media")


def test_edit_with_an_unreadable_figure_shows_the_error_and_writes_nothing(client, editor, wsws, deaths):
    """A figure the parser cannot read is an error on the figure field; no claim, actor or appearance is written."""
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    item = item_of(queue, "Vladimir Putin", "nearing 5,000")
    before = counts()

    response = client.post(candidate_url(wsws, item.key), accept_data(queue, item, topic=deaths.pk, figure="loads"))

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors == {"figure": ['cannot read "loads" as a figure: no number found']}
    assert counts() == before
    page = parse(response.content)
    assert page.find("p", class_="errornote").text == "Please correct the error below: nothing was saved."
    assert page.find("div", class_="field-figure").find("ul", class_="errorlist").text == (
        'cannot read "loads" as a figure: no number found')


def test_a_figure_on_a_proposition_topic_is_refused_and_rolled_back(client, editor, wsws):
    """The service's refusal lands on the figure field, and the actor made before it is rolled back."""
    proposition = TopicFactory(name="Casualties were high", kind="proposition", metric="")
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    item = item_of(queue, "Vladimir Putin", "nearing 5,000")
    before = counts()

    response = client.post(candidate_url(wsws, item.key), accept_data(queue, item, topic=proposition.pk))

    assert response.context["form"].errors == {"figure": [
        "Topic “Casualties were high” is a proposition; only figure topics take a figure."]}
    assert counts() == before


def test_edit_corrects_fields_before_accepting(client, editor, wsws, deaths, sides):
    """Edited values win over the candidate's: the figure, the date, the role and the statement."""
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    item = item_of(queue, "Vladimir Putin", "nearing 5,000")

    response = client.post(candidate_url(wsws, item.key), accept_data(
        queue, item, topic=deaths.pk, figure="about 5,000", stated_on="2020-10-22", role="primary",
        statement="Putin put the deaths near 5,000."))

    assert response.status_code == HTTPStatus.FOUND
    claim = Claim.objects.get()
    assert (claim.qualifier, claim.value, claim.stated_on, claim.statement, claim.appearances.get().role) == (
        "approximately", 5000, datetime.date(2020, 10, 22), "Putin put the deaths near 5,000.", "primary")


def test_a_topic_is_required(client, editor, wsws):
    """Accepting without a topic names the missing field and writes nothing."""
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    item = item_of(queue, "Donald Trump")

    response = client.post(candidate_url(wsws, item.key), accept_data(queue, item))

    assert response.context["form"].errors == {"topic": ["Choose a topic, or name a new one below."]}
    assert Claim.objects.count() == 0


# -- no duplicates -------------------------------------------------------------------------------------------------


def test_accepting_twice_or_extracting_again_never_duplicates(client, editor, wsws, deaths):
    """A done candidate cannot be accepted again; two figures of one sentence stay two candidates."""
    client.force_login(editor)
    queue = client.get(queue_url(wsws))
    killed = item_of(queue, "Azeri officials", "at least 25")
    wounded = item_of(queue, "Azeri officials", "dozens")
    data = accept_data(queue, killed, topic=deaths.pk)

    client.post(candidate_url(wsws, killed.key), data)
    again = client.post(candidate_url(wsws, killed.key), data, follow=True)

    assert Claim.objects.count() == 1
    assert messages_of(again)[-1] == "That candidate was already accepted; it is marked done in the queue."
    statuses = {(i.candidate.claimant, i.candidate.figure): i.status for i in items_of(again)}
    assert statuses[("Azeri officials", "at least 25")] == "done"
    assert statuses[("Azeri officials", "dozens")] == "pending"
    assert wounded.key != killed.key


def test_a_claim_entered_by_hand_from_the_same_words_marks_the_candidate_done(client, editor, wsws):
    """An appearance whose quote lies inside the candidate's words (trimmed by an editor) counts as accepted."""
    AppearanceFactory(document=wsws, quote="more than 2,000 from each side",
                      claim__qualifier="more_than", claim__value=2000)
    client.force_login(editor)

    item = item_of(client.get(queue_url(wsws)), "Vladimir Putin", "more than 2,000")

    assert item.status == "done"


def test_another_editors_draft_shows_as_done_without_its_details(client, editor, other_editor, wsws, deaths, sides):
    """A candidate someone else already drafted is done, but their draft is not shown."""
    claim = figure_claim(topic=deaths, side=sides["Russia"], figure="more than 2,000", user=other_editor)
    Appearance.objects.create(claim=claim, document=wsws, quote=PUTIN_QUOTE)
    client.force_login(editor)

    response = client.get(queue_url(wsws))

    key = item_of(response, "Vladimir Putin", "more than 2,000").key
    row = parse(response.content).find("li", id=f"candidate-{key}")
    assert row.find("p", class_="candidate-done").text == "Already entered from this document by another editor."


# -- reject ----------------------------------------------------------------------------------------------------------


def test_reject_drops_the_candidate_and_restore_brings_it_back(client, editor, wsws):
    """Reject takes a row out of the editor's queue (kept in their session); Restore puts it back; GET is refused."""
    client.force_login(editor)
    item = item_of(client.get(queue_url(wsws)), "Donald Trump")

    assert client.get(reject_url(wsws, item.key)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    rejected = client.post(reject_url(wsws, item.key), follow=True)
    page = parse(rejected.content)
    restored = client.post(reject_url(wsws, item.key, "restore"), follow=True)

    assert item_of(rejected, "Donald Trump").status == "rejected"
    assert [li.attrs["id"] for li in page.find("ol", class_="candidate-list").find_all("li", class_="candidate")] == [
        f"candidate-{i.key}" for i in items_of(rejected) if i.key != item.key]
    assert page.find("details", class_="rejected-list").find("summary").text == "Rejected (1)"
    assert page.find("p", class_="queue-summary").text.endswith("16 to review · 0 accepted · 1 rejected")
    assert item_of(restored, "Donald Trump").status == "pending"
    assert Claim.objects.count() == 0


def test_rejections_belong_to_the_editor_who_made_them(client, editor, other_editor, wsws):
    """Another editor opening the same document sees the full queue."""
    client.force_login(editor)
    item = item_of(client.get(queue_url(wsws)), "Donald Trump")
    client.post(reject_url(wsws, item.key))
    client.force_login(other_editor)

    assert item_of(client.get(queue_url(wsws)), "Donald Trump").status == "pending"


def test_a_candidate_gone_from_the_text_is_reported(client, editor, wsws):
    """A key no longer in the text (or made up) sends the editor back to the queue with the reason."""
    client.force_login(editor)

    response = client.get(candidate_url(wsws, "0123456789ab"), follow=True)
    bad_key = client.post(reject_url(wsws, "<script>"))

    assert response.redirect_chain == [(queue_url(wsws), HTTPStatus.FOUND)]
    assert messages_of(response) == [
        "That candidate is no longer in this document's text (it may have been edited); here is the queue as the "
        "text reads now."]
    assert bad_key.status_code == HTTPStatus.NOT_FOUND


# -- who may ---------------------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client, wsws):
    """Every extraction page asks an anonymous visitor to log in, and writes nothing."""
    urls = [queue_url(wsws), candidate_url(wsws, "0123456789ab"), reject_url(wsws, "0123456789ab"),
            reverse("admin:sources_document_text", args=[wsws.pk])]
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == HTTPStatus.FOUND, url
            assert response["Location"].startswith("/admin/login/"), url
    assert Claim.objects.count() == 0


def test_staff_without_the_editor_permission_are_refused(client, wsws, deaths):
    """A staff member who may read documents but not add claims gets 403 on every extraction page."""
    clerk = UserFactory(username="clerk")
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_document", "change_document"]))
    client.force_login(clerk)
    urls = [queue_url(wsws), candidate_url(wsws, "0123456789ab"), reject_url(wsws, "0123456789ab"),
            reverse("admin:sources_document_text", args=[wsws.pk])]

    for url in urls:
        assert client.get(url).status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.METHOD_NOT_ALLOWED), url
        assert client.post(url, {"topic": deaths.pk, "claimant": "X", "side": "Russia"}).status_code == (
            HTTPStatus.FORBIDDEN), url
    assert (Claim.objects.count(), Document.objects.get().text) == (0, WSWS_TEXT)


def test_unknown_document_is_not_found(client, editor):
    """A queue for a document that does not exist answers 404."""
    client.force_login(editor)

    assert client.get(reverse("admin:sources_document_extract", args=[987654])).status_code == HTTPStatus.NOT_FOUND


# -- hostile text ----------------------------------------------------------------------------------------------------


def test_markup_in_the_article_is_shown_as_text(client, editor, sides, deaths):
    """A <script> in the article's words is escaped on the queue and the candidate page, never run."""
    hostile = ('“<script>alert("pwned")</script> Five soldiers <img src=x onerror=alert(1)> were killed,” '
               'said John Smith, a spokesman for the Armenian Ministry of Defence.')
    document = DocumentFactory(text=hostile, published_on=OCT_30)
    client.force_login(editor)

    queue = client.get(queue_url(document))
    item = item_of(queue, "John Smith", "Five")
    candidate = client.get(candidate_url(document, item.key))

    for response in (queue, candidate):
        content = response.content.decode()
        assert "<script>alert" not in content and "<img src=x" not in content
        assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in content
        mark = parse(response.content).find(id=f"candidate-{item.key}").find("mark")
        assert mark.text == '“<script>alert("pwned")</script> Five soldiers <img src=x onerror=alert(1)> were killed,”'


# -- paste the text --------------------------------------------------------------------------------------------------


def test_pasted_text_is_saved_with_history_and_opens_the_queue(client, editor, sides):
    """The paste page saves Document.text as the admin does (history, log entry) and goes to the queue."""
    document = DocumentFactory(published_on=OCT_30)
    client.force_login(editor)
    url = reverse("admin:sources_document_text", args=[document.pk])

    form = client.get(url)
    response = client.post(url, {"text": WSWS_TEXT.replace("\n", "\r\n")})

    assert form.status_code == HTTPStatus.OK
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, queue_url(document))
    document.refresh_from_db()
    assert document.text == WSWS_TEXT.strip()
    latest = document.history.latest()
    assert (latest.history_type, latest.history_user, latest.text) == ("~", editor, WSWS_TEXT.strip())
    assert list(LogEntry.objects.values_list("object_id", "change_message")) == [
        (str(document.pk), '[{"changed": {"fields": ["Text"]}}]')]
    assert len(items_of(client.get(queue_url(document)))) == 17


def test_empty_paste_is_refused(client, editor):
    """Posting no text names the field and changes nothing."""
    document = DocumentFactory(text="Kept.")
    history = document.history.count()
    client.force_login(editor)

    response = client.post(reverse("admin:sources_document_text", args=[document.pk]), {"text": "  "})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors == {"text": ["Paste the article's text."]}
    document.refresh_from_db()
    assert (document.text, document.history.count()) == ("Kept.", history)


# -- in a browser ----------------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_accepts_a_candidate_in_the_browser(page, screenshot_dir):
    """In Chromium: open the WSWS queue from the document page, pick a topic, accept Putin's figure, see it done."""
    colours = {"Armenia": "#e69f00", "Azerbaijan": "#56b4e9", "Russia": "#0072b2", "United States": "#cc79a7",
               "Independent": "#6b7280"}
    sides = {name: SideFactory(name=name, slug=name.lower().replace(" ", "-"), colour=colour)
             for name, colour in colours.items()}
    topic = TopicFactory(name="Military deaths in the 2020 Nagorno-Karabakh war", slug="deaths-2020")
    document = DocumentFactory(title="Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses",
                               outlet=OutletFactory(name="World Socialist Web Site"), published_on=OCT_30,
                               text=WSWS_TEXT)
    UserFactory(username="desk", groups=["Editors"])
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(page.base_url + change_url(document))
    page.click("a.extract-claims-link")
    page.wait_for_selector("ol.candidate-list")
    row = page.locator("li.candidate").first
    assert row.locator(".candidate-claimant").inner_text() == "Vladimir Putin"
    assert row.locator("mark").inner_text() == PUTIN_QUOTE
    row.locator(".accept-topic .select2-selection").click()
    page.fill(".select2-container--open .select2-search__field", "Nagorno")
    page.locator(".select2-results__option", has_text=topic.name).first.click()
    row.locator("button.accept-button").click()
    page.wait_for_selector(".messagelist .success")

    claim = Claim.objects.get()
    assert (claim.claimant.name, claim.side, claim.value, claim.status) == ("Vladimir Putin", sides["Russia"], 2000,
                                                                          "draft")
    target = page.url.rsplit("#", 1)[1]
    assert target.startswith("candidate-")
    done = page.locator(f"#{target}")
    assert "✓ accepted" in done.inner_text()
    assert done.locator("form").count() == 0
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=os.path.join(screenshot_dir, "admin-extraction-queue.png"))

    barda = page.locator("li.candidate", has_text="killing at least 25").filter(has_text="“at least 25”")
    barda.locator("a.edit-button").click()
    preview = page.locator("#id_figure + .figure-preview")
    preview.wait_for(state="visible")
    assert preview.inner_text() == "Reads as at least 25 — qualifier: at least, value: 25, interval: [25, ∞)"
    assert page.input_value("#id_claimant") == "Azeri officials"
    page.screenshot(path=os.path.join(screenshot_dir, "admin-extraction-candidate.png"), full_page=True)


def test_writes_need_the_csrf_token(wsws, editor, deaths):
    """A cross-site POST without the token is refused before anything is written."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    item = item_of(browser.get(queue_url(wsws)), "Donald Trump")

    accepted = browser.post(candidate_url(wsws, item.key), {"topic": deaths.pk, "claimant": "Donald Trump"})
    rejected = browser.post(reject_url(wsws, item.key))
    pasted = browser.post(reverse("admin:sources_document_text", args=[wsws.pk]), {"text": "Replaced."})

    assert accepted.status_code == rejected.status_code == pasted.status_code == HTTPStatus.FORBIDDEN
    assert (Claim.objects.count(), Document.objects.get().text) == (0, WSWS_TEXT)
    assert item_of(browser.get(queue_url(wsws)), "Donald Trump").status == "pending"


def test_each_extraction_page_carries_its_styles_and_names_itself(client, editor, wsws):
    """The queue, a candidate and the paste page load the extraction styles, which select on the page's body class."""
    client.force_login(editor)
    item = item_of(client.get(queue_url(wsws)), "Azeri officials", "at least 25")
    pages = {
        "extract-queue": queue_url(wsws),
        "extract-candidate": candidate_url(wsws, item.key),
        "extract-text": reverse("admin:sources_document_text", args=[wsws.pk]),
    }
    for page_class, url in pages.items():
        html = parse(client.get(url).content)
        assert page_class in html.find("body").attrs["class"].split(), url
        sheets = [link.attrs["href"] for link in html.find_all("link", rel="stylesheet")]
        assert any("admin-extra/extraction" in href for href in sheets), url
