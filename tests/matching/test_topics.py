"""Topic suggestions (#17): a candidate's likely topics, best first."""

import datetime

import pytest

from claims.matching import suggest_topics
from tests.factories import ActorFactory, ClaimFactory, PropositionTopicFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    armenia = SideFactory(name="Armenia", slug="armenia")
    return {
        "deaths": TopicFactory(name="Military deaths, Armenia", metric="military deaths", counted_side=armenia),
        "wounded": TopicFactory(name="Civilians wounded in Stepanakert", metric="civilians wounded"),
        "drones": TopicFactory(name="Drones shot down", metric="drones downed"),
        "shelling": PropositionTopicFactory(name="Shelling of Terter after the ceasefire"),
    }


def _ranked(**kwargs):
    return [s.name for s in suggest_topics(**kwargs)]


def test_the_topic_whose_name_the_quote_words_comes_first(topics):
    """"Soldiers killed" ranks the military deaths topic first (killed, soldiers read as deaths, military)."""
    ranked = _ranked(quote="The ministry said 710 soldiers were killed.", has_figure=True)
    assert ranked[0] == "Military deaths, Armenia"


def test_a_statement_without_a_figure_prefers_a_proposition(topics):
    """A denial of shelling Terter, with no figure, suggests the shelling proposition first."""
    ranked = _ranked(quote="Our forces did not shell Terter, the ministry said.", statement="Denies shelling Terter")
    assert ranked[0] == "Shelling of Terter after the ceasefire"


def test_the_words_of_a_topics_claims_count(topics):
    """A topic whose claims speak of "Shusha" is suggested for a quote about Shusha its name does not mention."""
    ClaimFactory(topic=topics["wounded"], statement="Twelve civilians were hurt by shelling in Shusha")
    ranked = _ranked(quote="Shelling in Shusha hurt dozens", has_figure=True)
    assert ranked[0] == "Civilians wounded in Stepanakert"


def test_the_actors_recent_topics_break_a_tie(topics):
    """Between two topics the words fit equally, the one the speaker spoke about lately comes first."""
    armenia = topics["deaths"].counted_side
    speaker = ActorFactory(name="Artsrun Hovhannisyan", side=armenia)
    ClaimFactory(topic=topics["drones"], claimant=speaker, side=armenia, stated_on=datetime.date(2020, 10, 20))
    quote = "He gave a new count."
    without = _ranked(quote=quote, has_figure=True)
    with_actor = _ranked(quote=quote, has_figure=True, actor_id=speaker.pk)
    assert "Drones shot down" not in without
    assert with_actor[0] == "Drones shot down"


def test_scores_rank_and_unrelated_topics_are_left_out(topics):
    """Scores fall from the first down; topics sharing nothing with the words are not offered."""
    suggestions = suggest_topics(quote="Drones were shot down over the city, the army said", has_figure=True)
    assert suggestions[0].name == "Drones shot down"
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    assert "Military deaths, Armenia" not in [s.name for s in suggestions]
