"""Repeat detection (#17): a claim already recorded is recognised across documents and within one article."""

import datetime

import pytest

from claims.extraction import Candidate
from claims.matching import Said, candidate_matches, find_repeats, one_per_statement, said_of
from claims.models import Claim
from claims.visibility import claims_visible
from tests.factories import ActorFactory, ClaimFactory, PropositionTopicFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2020, 10, 22)


@pytest.fixture
def stored():
    """Claim: the Armenian defence ministry said 710 soldiers died, on 22 October, in a topic with a 2-day window."""
    armenia = SideFactory(name="Armenia", slug="armenia")
    mod = ActorFactory(name="Armenian Ministry of Defence", kind="government", side=armenia)
    topic = TopicFactory(name="Military deaths, Armenia", window_days=2)
    return ClaimFactory(topic=topic, claimant=mod, side=armenia, stated_on=DAY, value=710,
                        quote="Our losses have reached 710 servicemen killed since the fighting began.")


def _said(claim, **changes):
    values = {"actor_id": claim.claimant_id, "figure": ("exact", 710, None), "topic_id": claim.topic_id,
                  "stated_on": DAY + datetime.timedelta(days=1)}
    return Said(**{**values, **changes})


def test_the_same_figure_by_the_same_actor_in_the_topics_window_is_a_repeat(stored):
    """Another outlet relaying the ministry's 710 the next day is claim #N again, not a new claim."""
    assert find_repeats(_said(stored)) == [stored.pk]


def test_the_same_words_find_the_claim_without_a_topic(stored):
    """A candidate with no topic yet repeats the stored claim when its quote holds the same words."""
    quote = "“Our losses have reached 710 servicemen killed since the fighting began”"
    said = _said(stored, topic_id=None, quote=quote)
    assert find_repeats(said) == [stored.pk]
    assert find_repeats(_said(stored, topic_id=None, quote="Something else entirely was said that day")) == []


@pytest.mark.parametrize("changes", [
    {"figure": ("exact", 711, None)},  # another figure
    {"figure": ("more_than", 710, None)},  # the same number, worded as a lower bound
    {"stated_on": DAY + datetime.timedelta(days=3)},  # outside the topic's 2-day window
    {"actor_id": -1},  # someone else
    {"topic_id": -1},  # another topic, and no shared words
])
def test_what_differs_is_not_a_repeat(stored, changes):
    """A different figure, date beyond the window, speaker or topic makes a new claim, not a repeat."""
    assert find_repeats(_said(stored, **changes)) == []


def test_a_wider_window_on_the_topic_reaches_further(stored):
    """The topic's own window decides: widened to 10 days, a claim a week later repeats it."""
    stored.topic.window_days = 10
    stored.topic.save()
    assert find_repeats(_said(stored, stated_on=DAY + datetime.timedelta(days=7))) == [stored.pk]


def test_repeats_only_among_the_claims_the_reader_may_see(stored, other_editor):
    """Another editor's draft is not offered as "already recorded" (it is not theirs to see)."""
    stored.status = Claim.Status.DRAFT
    stored.created_by = other_editor
    stored.save()
    from django.contrib.auth.models import Group

    reader = Group.objects.get(name="Editors").user_set.create(username="third", is_staff=True)
    assert find_repeats(_said(stored), among=claims_visible(reader)) == []
    assert find_repeats(_said(stored), among=claims_visible(other_editor)) == [stored.pk]


def test_one_statement_printed_twice_in_an_article_is_one_candidate():
    """The lead's "710 killed" and the quote's "710 servicemen" by the same speaker fold into the first."""
    items = [
        Said(actor_id=None, speaker="Armenia's defence ministry", figure=("exact", 710, None), quote="lead"),
        Said(actor_id=None, speaker="Aliyev", figure=("exact", 710, None), quote="other speaker"),
        Said(actor_id=None, speaker="ARMENIA’S DEFENCE MINISTRY", figure=("exact", 710, None), quote="quote"),
        Said(actor_id=None, speaker="Armenia's defence ministry", figure=("exact", 12, None), quote="another figure"),
    ]
    assert one_per_statement(items) == [0, 1, 0, 3]


def test_extraction_candidates_carry_the_archive_they_repeat(stored):
    """`candidate_matches` gives each candidate its actor, the claims it repeats and its likely topics."""
    PropositionTopicFactory(name="Shelling of Stepanakert")
    quote = "Our losses have reached 710 servicemen killed since the fighting began."

    def candidate(start):
        return Candidate(claimant="Armenia's defence ministry", side="Armenia", stance="asserts", accused_side=None,
                         figure="710", qualifier="exact", value=710, value_max=None, quote=quote, start=start,
                         end=start + len(quote), confidence=0.9)

    first, second = candidate_matches([candidate(0), candidate(500)], stated_on=DAY)
    assert second == first
    assert first["claimant_id"] == stored.claimant_id
    assert first["repeats"] == [stored.pk]
    assert first["topic_suggestions"][0] == {"id": stored.topic_id, "name": "Military deaths, Armenia",
                                             "score": first["topic_suggestions"][0]["score"]}
    assert one_per_statement([said_of(candidate(0), stored.claimant_id), said_of(candidate(500), stored.claimant_id)]) \
        == [0, 0]


def test_extract_claims_prints_the_actor_repeats_and_topics_of_each_candidate(stored, tmp_path):
    """The command's JSON lines carry claimant_id, repeats and topic_suggestions beside the candidate's keys."""
    import json
    from io import StringIO

    from django.core.management import call_command

    article = tmp_path / "article.txt"
    article.write_text("Armenia's defence ministry said on Thursday that 710 servicemen had been killed.",
                       encoding="utf-8")
    out = StringIO()
    call_command("extract_claims", str(article), "--date", "2020-10-23", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert (line["claimant"], line["value"]) == ("Armenia's defence ministry", 710)
    assert line["claimant_id"] == stored.claimant_id
    assert line["repeats"] == [stored.pk]
    assert line["topic_suggestions"][0]["id"] == stored.topic_id
    assert list(line)[-3:] == ["claimant_id", "repeats", "topic_suggestions"]


ARTICLE = ("The Armenian health ministry said 31 civilians had been killed since Sunday. Separately, Azerbaijan's "
           "president Ilham Aliyev said the army had taken 12 villages. “Thirty-one civilians have been killed,” the "
           "health ministry said.")


def test_extract_claims_prints_a_statement_printed_twice_once(db, tmp_path):
    """The ministry's 31 in the lead and again in its quote is one line, the quote under `also`; Aliyev's 12 between
    them stays its own line. The background job writes the same lines."""
    import json
    from io import StringIO

    from django.core.management import call_command

    from claims.extraction import extract_claims

    assert len(extract_claims(ARTICLE)) == 3  # what the command folds: three candidates, two statements
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = StringIO()
    call_command("extract_claims", str(article), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["claimant"], line["value"], line["quote"]) for line in lines] == [
        ("Armenian health ministry", 31, "31 civilians had been killed since Sunday"),
        ("Ilham Aliyev", 12, "the army had taken 12 villages"),
    ]
    quote = "Thirty-one civilians have been killed"
    start = ARTICLE.index(quote)
    assert lines[0]["also"] == [
        {"claimant": "Armenian health ministry", "quote": quote, "start": start, "end": start + len(quote)}]
    assert lines[1]["also"] == []
    written = tmp_path / "lines.jsonl"
    call_command("extract_claims", str(article), "--background", "--output", str(written), stdout=StringIO())
    assert [{key: value for key, value in json.loads(line).items() if key != "path"}
            for line in written.read_text(encoding="utf-8").splitlines()] == lines
