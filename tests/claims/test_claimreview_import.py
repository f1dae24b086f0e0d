"""import_claimreview on real fact-checkers' markup and on hostile variants (issue #21)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.claimreview_import.models import ExternalReview, RatingMapping
from claims.models import Claim, Topic
from sources.models import Actor, Document
from tests.factories import ActorFactory, SideFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "claimreview"


def run(*sources, **options):
    out, err = StringIO(), StringIO()
    call_command("import_claimreview", *[str(DATA / s) if not str(s).startswith("/") else str(s) for s in sources],
                 stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_a_saved_fact_check_page_becomes_a_draft_claim_with_its_review_kept_as_published():
    """Republic World's page: the ClaimReview among four JSON-LD blocks, numbers given as strings."""
    out, _ = run("republicworld-li-wenliang-coffee.html")
    claim = Claim.objects.select_related("claimant", "topic").get()
    assert (claim.statement, claim.claimant.name, str(claim.stated_on)) == (
        "Dr Li Wenliang claimed coffee is a good cure for COVID-19", "Whatsapp Forward", "2020-06-09")
    assert (claim.status, claim.verdict, claim.attribution) == ("draft", "unrated", "paraphrase")
    assert claim.claimant.kind == Actor.Kind.UNNAMED_GROUP
    assert claim.topic.name == "Imported fact-checks"
    review = ExternalReview.objects.get()
    assert (review.publisher, review.textual_rating, review.proposed_verdict) == ("Republic World", "False", "false")
    assert (review.rating_value, review.best_rating, review.worst_rating) == (1, 6, 1)
    assert review.url == ("https://www.republicworld.com/fact-check/coronavirus/"
                          "fact-check-did-dr-li-wenliang-claim-that-coffee-cures-coronavirus.html")
    assert str(review.published_on) == "2020-06-09"
    assert "no claim date given: the review's date 2020-06-09 is used" in out
    assert "1 review(s) imported: 1 new draft claim(s), 0 matched" in out


def test_an_api_response_keeps_every_publisher_and_lists_the_ratings_the_table_does_not_know():
    """Fifty real claims:search results: each review kept; long sentences as ratings are unrated and listed."""
    data = json.loads((DATA / "factcheck-api-health-50.json").read_text())
    published = [(c, r) for c in data["claims"] for r in c["claimReview"] if c.get("claimDate") or r.get("reviewDate")]
    out, _ = run("factcheck-api-health-50.json")
    assert len(published) == 49  # one gives no date at all, and is skipped saying so
    assert "skipped claims[7].claimReview[0]: no readable date: neither the claim's nor the review's" in out
    assert ExternalReview.objects.count() == len(published)
    assert set(ExternalReview.objects.values_list("publisher", flat=True)) == {
        r["publisher"]["name"] for _, r in published}
    kept_reviews = {(r.claim_reviewed, r.url): r for r in ExternalReview.objects.all()}
    by_url = {r.url: r for r in kept_reviews.values()}
    for claim, review in published:
        kept = kept_reviews[claim["text"], review["url"]]
        assert kept.textual_rating == review["textualRating"]
        assert kept.claim_reviewed == claim["text"]
    assert by_url["https://verafiles.org/articles/fact-check-no-flu-outbreak-mask-mandate-nor-lockdowns-this-october"
                  ].proposed_verdict == "false"  # "Fake"
    assert {r.proposed_verdict for r in by_url.values() if r.textual_rating == "Half True"} == {"misleading"}
    assert {r.proposed_verdict for r in by_url.values() if r.textual_rating == "Needs Context"} == {"unrated"}
    assert "rating not in the rating table, imported as unrated: 'Needs Context' ×1" in out
    assert "'Half True'" not in out.split("rating not in the rating table")[-1]
    assert not Claim.objects.exclude(verdict="unrated").exists()
    assert not Claim.objects.exclude(status="draft").exists()


def test_html_in_a_published_rating_is_stripped_even_when_cut_off_mid_tag():
    """The API's AP rating ends inside an <a> tag; the words before it are kept, the tag is not."""
    run("factcheck-api-recent-30days.json")
    ratings = set(ExternalReview.objects.values_list("textual_rating", flat=True))
    assert "There have been" in ratings
    assert not [r for r in ratings if "<" in r]


def test_importing_the_same_document_again_matches_instead_of_duplicating():
    """Claim text, claimant and date find the claim a first import made; its review is updated, not added."""
    run("factcheck-api-recent-30days.json")
    claims, reviews = Claim.objects.count(), ExternalReview.objects.count()
    out, _ = run("factcheck-api-recent-30days.json")
    assert (Claim.objects.count(), ExternalReview.objects.count()) == (claims, reviews)
    assert f"0 new draft claim(s), {claims} matched" in out


def test_a_review_matches_a_claim_an_editor_entered_by_text_claimant_and_date():
    """Case, punctuation and spacing do not stop a match; the editor's claim keeps its own content."""
    russia = SideFactory(name="Russia", slug="russia")
    putin = ActorFactory(name="Vladimir Putin", side=russia)
    topic = TopicFactory(name="Deaths in the 2020 war")
    from claims.services import claim_create

    mine = claim_create(user=None, topic=topic, claimant=putin, side=russia, stated_on="2020-10-22",
                        statement="Deaths in the war are nearing 5,000.", status="draft")
    run("hostile-messy-array.json")
    review = ExternalReview.objects.get(url="https://factcheck.example.org/2020/10/deaths-5000")
    assert review.claim_id == mine.pk
    assert (review.rating_value, review.best_rating, review.worst_rating) == (4.5, 10, 0)
    assert review.proposed_verdict == "mostly_accurate"
    mine.refresh_from_db()
    assert (mine.statement, mine.topic_id, mine.verdict) == ("Deaths in the war are nearing 5,000.", topic.pk,
                                                             "unrated")


def test_messy_markup_is_survived_and_every_skip_is_reported_with_its_reason():
    """Strings for objects, HTML in text, no itemReviewed, no URL, no date, a hostile link: what can be kept is."""
    out, _ = run("hostile-messy-array.json")
    terter = ExternalReview.objects.select_related("claim__claimant").get(
        url="https://factcheck.example.org/2020/10/shelling-terter")
    claim = terter.claim
    assert claim.statement == "Armenian forces shelled Terter after the ceasefire took effect"
    assert (claim.claimant.name, claim.claimant.kind, claim.claimant.wikidata) == (
        "Azerbaijani Ministry of Defence", "government", "Q4079006")
    assert (terter.publisher, terter.textual_rating, terter.proposed_verdict) == (
        "Example Fact Check", "Pants on fire!", "false")
    appearances = {a.document.url: a.role for a in claim.appearances.select_related("document")}
    assert appearances == {"https://mod.gov.az/en/news/terter-2020-10-27": "primary",
                           "https://news.example.com/terter-shelling": "report"}
    assert not Document.objects.filter(url__startswith="javascript").exists()

    no_item = Claim.objects.select_related("claimant").get(statement="Both sides agreed to the ceasefire")
    assert no_item.claimant.name == "Unknown claimant"
    assert ExternalReview.objects.get(claim=no_item).proposed_verdict == "unrated"
    assert "rating not in the rating table, imported as unrated: 'Cherry-picked?' ×1" in out
    assert "[2]: matched claim" not in out
    for reason in [
        "skipped [3]: no claim text (claimReviewed is missing or empty)",
        "skipped [4]: no review URL (url), and the page gives none",
        "skipped [5]: no readable date: neither the claim's nor the review's",
        "skipped [6]: refused: url: Ensure this value has at most 1000 characters (it has 1128).",
        "skipped [7]: text where an object belongs",
        "skipped [8]: a number where an object belongs",
    ]:
        assert reason in out
    assert not Claim.objects.filter(statement__startswith="A claim whose appearance").exists()
    assert "3 review(s) imported" in out


def test_several_reviews_on_one_page_and_broken_blocks_beside_them():
    """A @graph with two ClaimReviews is read; the page's canonical address stands in for a missing url."""
    out, _ = run("hostile-page-graph.html")
    urls = dict(ExternalReview.objects.values_list("claim__statement", "url"))
    assert urls == {
        "Azerbaijan triggered the clashes on 16 November 2021": "https://factcheck.example.org/2021/11/border-clashes",
        "Armenia triggered the clashes on 16 November 2021":
            "https://factcheck.example.org/2021/11/border-clashes#second",
    }
    assert "skipped JSON-LD block 2: not JSON (Expecting property name enclosed in double quotes" in out
    assert "skipped JSON-LD block 3: not JSON" in out


def test_a_datafeed_and_a_review_without_a_textual_rating():
    """A DataFeed's items (a null item skipped); PolitiFact's numeric-only rating is kept and listed as unrated."""
    out, _ = run("datafeed-datacommons-shape.json", "politifact-rick-perry-schemaorg-1061.json")
    assert "skipped dataFeedElement[3]: a DataFeedItem without an item" in out
    assert ExternalReview.objects.filter(source__endswith="datafeed-datacommons-shape.json").count() == 6
    perry = ExternalReview.objects.select_related("claim__claimant").get(source__endswith="1061.json")
    assert (perry.publisher, perry.textual_rating, perry.rating_value, perry.best_rating) == (
        "www.politifact.com", "", 1, 6)
    assert (perry.claim.claimant.name, perry.claim.claimant.role, str(perry.claim.stated_on)) == (
        "Rich Perry", "Former Governor of Texas", "2014-07-17")
    assert "imported as unrated: '(no rating given)' ×1" in out


def test_an_unreadable_document_writes_nothing_and_the_others_still_import(tmp_path):
    """A cut-off JSON file is refused whole; the good file beside it imports; the command exits non-zero."""
    with pytest.raises(CommandError, match="1 of 2 document"):
        out, err = StringIO(), StringIO()
        try:
            call_command("import_claimreview", str(DATA / "hostile-truncated.json"),
                         str(DATA / "republicworld-li-wenliang-coffee.html"), stdout=out, stderr=err)
        finally:
            assert "hostile-truncated.json: cannot be read, nothing imported: neither JSON nor an HTML page" in (
                err.getvalue())
    assert Claim.objects.count() == 1


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"\xff\xfe\x00garbage", "not UTF-8 text"),
    (b"<html><body>No markup here</body></html>", 'no <script type="application/ld+json"> block'),
    (b'"just a string"', "neither an object nor an array"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
])
def test_documents_that_are_not_claimreview_are_refused_with_the_reason(tmp_path, content, reason):
    """Empty, binary, markup-less and absurdly nested documents are refused whole, saying why."""
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        _, err = StringIO(), StringIO()
        try:
            call_command("import_claimreview", str(path), stdout=StringIO(), stderr=err)
        finally:
            assert reason in err.getvalue()
    assert not Claim.objects.exists() and not Topic.objects.exists()


def test_deep_but_valid_nesting_is_cut_off_and_reported(tmp_path):
    """Nesting past the reader's depth is reported, not followed."""
    value = {"@type": "ClaimReview", "claimReviewed": "deep", "url": "https://x.example/",
             "datePublished": "2020-01-01"}
    for _ in range(40):
        value = {"@graph": [value]}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(value))
    out, _ = StringIO(), None
    call_command("import_claimreview", str(path), stdout=out)
    assert "nested deeper than 32 levels; not read" in out.getvalue()
    assert not Claim.objects.exists()


def test_the_importer_is_recorded_and_the_topic_and_side_can_be_chosen():
    """--user, --topic and --side: new claims stand where the editor says, by whom history says."""
    editor = UserFactory(username="importer", groups=["Editors"])
    topic = TopicFactory(name="Border clashes, November 2021", kind=Topic.Kind.PROPOSITION, metric="",
                         counted_side=None)
    armenia = SideFactory(name="Armenia", slug="armenia")
    run("hostile-page-graph.html", user="importer", topic="border clashes, november 2021", side="Armenia")
    claims = Claim.objects.select_related("claimant")
    assert {(c.topic_id, c.side_id, c.claimant.side_id, c.created_by_id) for c in claims} == {
        (topic.pk, armenia.pk, armenia.pk, editor.pk)}
    review = ExternalReview.objects.first()
    assert review.imported_by == editor
    assert review.history.first().history_user == editor


def test_unknown_options_are_refused_before_anything_is_read():
    """A topic, side or user that does not exist is named in the error."""
    for option, message in [({"topic": "Nope"}, "--topic: no topic called 'Nope'"),
                            ({"side": "Nope"}, "--side: no side called 'Nope'"),
                            ({"user": "nobody"}, "--user: no user called 'nobody'")]:
        with pytest.raises(CommandError, match=message):
            run("republicworld-li-wenliang-coffee.html", **option)
    assert not Claim.objects.exists()


def test_the_rating_table_is_seeded_and_its_edits_take_effect():
    """The seeded table maps the usual words; a row an editor adds maps a new rating on the next import."""
    seeded = dict(RatingMapping.objects.values_list("label", "verdict"))
    assert {k: seeded[k] for k in ["Pants on Fire", "False", "Faux", "Falso", "Half True", "Mixture", "Partly false",
                                   "True", "Correct", "Mostly true", "Unproven"]} == {
        "Pants on Fire": "false", "False": "false", "Faux": "false", "Falso": "false", "Half True": "misleading",
        "Mixture": "misleading", "Partly false": "misleading", "True": "accurate", "Correct": "accurate",
        "Mostly true": "mostly_accurate", "Unproven": "unverifiable"}
    RatingMapping.objects.create(label="Needs context", verdict="misleading")
    out, _ = run("factcheck-api-health-50.json")
    assert ExternalReview.objects.get(textual_rating="Needs Context").proposed_verdict == "misleading"
    assert "'Needs Context'" not in out


def test_a_claimant_two_actors_of_the_side_share_is_skipped_naming_them():
    """ClaimReview names claimants as every door does: two actors with the claimant's words on --side, and the
    review is skipped with the reason (no third actor is made)."""
    texas = SideFactory(name="Texas", slug="texas")
    ids = [ActorFactory(name=name, side=texas).pk for name in ("Rich Perry.", "Perry, Rich")]
    out, _ = run("politifact-rick-perry-schemaorg-1061.json", side="Texas")
    assert (f"refused: “Rich Perry” may be any of these actors: “Rich Perry.” (Texas, id {ids[0]}); “Perry, Rich” "
            f"(Texas, id {ids[1]}). Give the one meant by its exact name.") in out
    assert Actor.objects.count() == 2 and not Claim.objects.exists()
