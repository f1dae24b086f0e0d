"""Matching a printed name to a stored actor (#17): names, aliases, acronyms, similarity, sides refused."""

import pytest

from claims.matching import alias_learn, match_actor
from sources.models import ActorAlias
from tests.factories import ActorFactory, SideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def armenia():
    return SideFactory(name="Armenia", slug="armenia")


@pytest.fixture
def azerbaijan():
    return SideFactory(name="Azerbaijan", slug="azerbaijan")


@pytest.fixture
def mod(armenia):
    return ActorFactory(name="Armenian Ministry of Defence", kind="government", side=armenia)


@pytest.mark.parametrize("printed", [
    "Armenia's defence ministry",
    "Armenian Defence Ministry",
    "Ministry of Defence of Armenia",
    "the Armenian ministry of defense",
    "ARMENIAN MINISTRY OF DEFENCE.",
    "Armenia’s Defence Ministry",
])
def test_possessives_demonyms_and_word_order_find_the_same_ministry(mod, printed):
    """The forms the coverage prints for one ministry all match the stored actor when the side is Armenia."""
    match = match_actor(printed, side="Armenia")
    assert (match.actor_id, match.how) == (mod.pk, "name")


def test_the_country_in_the_name_chooses_the_side_when_none_is_given(mod, azerbaijan):
    """Without a side, "Armenia's" in the name says which side's actors to look among."""
    ActorFactory(name="Azerbaijani Ministry of Defence", kind="government", side=azerbaijan)
    assert match_actor("Armenia's defence ministry").actor_id == mod.pk


def test_another_countrys_ministry_is_not_matched(mod, azerbaijan):
    """The Azerbaijani defence ministry is not the Armenian one, whichever side is given."""
    assert match_actor("Azerbaijani Defence Ministry", side="Armenia").actor_id is None
    assert match_actor("Azerbaijani Defence Ministry").actor_id is None


def test_the_same_words_on_two_sides_need_the_side(mod, azerbaijan):
    """"Defence Ministry" alone could be either side's: both are suggested, neither chosen."""
    other = ActorFactory(name="Azerbaijani Ministry of Defence", kind="government", side=azerbaijan)
    match = match_actor("the Defence Ministry")
    assert match.actor_id is None
    assert {s.actor_id for s in match.suggestions} == {mod.pk, other.pk}
    assert match_actor("the Defence Ministry", side="Azerbaijan").actor_id == other.pk


@pytest.mark.parametrize("printed", ["MoD", "Armenian MoD", "the M.O.D."])
def test_an_acronym_matches_the_name_it_spells(mod, printed):
    """"MoD" is the initials of "Ministry of Defence" (the side's country word aside)."""
    match = match_actor(printed, side="Armenia")
    assert (match.actor_id, match.how) == (mod.pk, "acronym")


def test_a_stored_acronym_matches_the_name_spelled_out():
    """An actor stored as "OSCE" is found from "Organization for Security and Co-operation in Europe"."""
    osce = ActorFactory(name="OSCE", kind="intergovernmental", side=SideFactory(name="Independent", slug="independent"))
    match = match_actor("Organization for Security and Co-operation in Europe", side="Independent")
    assert (match.actor_id, match.how) == (osce.pk, "acronym")


def test_an_alias_matches_and_a_misspelling_is_only_suggested(armenia):
    """An alias decides; a near spelling ("Pashinian") is offered as a suggestion, never chosen."""
    pm = ActorFactory(name="Nikol Pashinyan", side=armenia)
    ActorAlias.objects.create(actor=pm, name="the Armenian prime minister")
    alias = match_actor("Armenia's Prime Minister", side="Armenia")
    assert (alias.actor_id, alias.how) == (pm.pk, "alias")
    near = match_actor("Nikol Pashinian", side="Armenia")
    assert near.actor_id is None and near.how == "similar"
    assert [s.actor_id for s in near.suggestions] == [pm.pk]
    assert 0.45 <= near.suggestions[0].score < 1


def test_an_unrelated_name_matches_nothing(mod):
    """A name sharing nothing with the stored actors gives no match and no suggestion."""
    match = match_actor("Human Rights Watch", side="Armenia")
    assert (match.actor_id, match.suggestions, match.how) == (None, [], "")


@pytest.mark.parametrize("printed", ["Armenia", "Armenians", "the Armenian side", "Yerevan", "ARMENIA."])
def test_a_sides_name_is_never_a_speaker(mod, printed):
    """A side's name, demonym or capital alone is refused as a speaker, with a reason naming it."""
    match = match_actor(printed, side="Armenia")
    assert match.actor_id is None and match.how == "side"
    assert "names a side, not a speaker" in match.refusal


def test_a_side_of_the_archive_unknown_to_the_builtin_table_is_refused_too():
    """Sides editors added ("Artsakh Republic") are refused as speakers by name and slug."""
    SideFactory(name="Donetsk People's Republic", slug="dpr")
    assert match_actor("Donetsk People's Republic").how == "side"
    assert match_actor("DPR").how == "side"


def test_learning_an_alias_makes_the_next_match_exact(armenia):
    """Accepting "the Kremlin"-style names for an actor keeps them; the next candidate then matches outright."""
    pm = ActorFactory(name="Nikol Pashinyan", side=armenia)
    assert match_actor("Armenian premier", side="Armenia").actor_id is None
    alias = alias_learn(actor=pm, name="Armenian premier")
    assert alias is not None and alias.learned
    assert match_actor("the Armenian premier", side="Armenia").actor_id == pm.pk
    assert alias_learn(actor=pm, name="ARMENIA'S PREMIER") is None  # the same name read alike: nothing new
    assert alias_learn(actor=pm, name="Armenia") is None  # a side's name is never kept for a speaker
    assert list(pm.aliases.values_list("name", flat=True)) == ["Armenian premier"]


@pytest.mark.parametrize("printed", ["the Kremlin", "US State Department", "the Pentagon", "IDF", "the Élysée"])
def test_an_institution_that_speaks_for_a_state_is_a_speaker(printed):
    """The built-in table tells extraction that the Kremlin speaks for Russia; the Kremlin is still a speaker."""
    assert match_actor(printed).how != "side"


def test_every_institution_left_out_is_in_the_builtin_table():
    """The names matching reads as plain words are the table's own: a renamed entry would otherwise be a side again."""
    from claims.extraction import default_sides
    from claims.matching import names

    assert names.INSTITUTIONS - {names.plain(alias) for alias in default_sides()} == set()
