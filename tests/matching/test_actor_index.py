"""The importer's form of the matcher (`ActorIndex`): the decisions of `match_actor`, many names at a time (#17)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.matching import ActorIndex, match_actor
from sources.models import ActorAlias
from tests.factories import ActorFactory, SideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sides():
    armenia = SideFactory(name="Armenia", slug="armenia")
    azerbaijan = SideFactory(name="Azerbaijan", slug="azerbaijan")
    independent = SideFactory(name="Independent", slug="independent")
    mod = ActorFactory(name="Armenian Ministry of Defence", kind="government", side=armenia)
    ActorAlias.objects.create(actor=mod, name="the army command of Armenia")
    ActorFactory(name="Nikol Pashinyan", side=armenia)
    ActorFactory(name="Azerbaijani Ministry of Defence", kind="government", side=azerbaijan)
    ActorFactory(name="Defence Ministry", kind="government", side=azerbaijan)  # the same words as the one above
    ActorFactory(name="OSCE", kind="intergovernmental", side=independent)
    ActorFactory(name="Ministry of Development", side=independent)
    ActorFactory(name="Ministry of Defence", side=independent)  # "MoD" spells two Independent actors
    return {"Armenia": armenia, "Azerbaijan": azerbaijan, "Independent": independent}


def decision(match):
    """What a door acts on: the actor chosen, how, the refusal, and the actors an ambiguous name may be."""
    tied = [s.actor_id for s in match.suggestions] if match.ambiguous else []
    return match.actor_id, match.how if match.how != "similar" else "", match.refusal, tied


PRINTED = [
    ("Armenia's defence ministry", "Armenia"),
    ("Ministry of Defence of Armenia", "Armenia"),
    ("the ARMENIAN MINISTRY OF DEFENSE", "Armenia"),
    ("Armenian army command", "Armenia"),  # the alias, in other words
    ("MoD", "Armenia"),
    ("the M.O.D.", "Armenia"),
    ("Pashinyan Nikol", "Armenia"),
    ("Nikol Pashinian", "Armenia"),  # only similar: decides nothing
    ("Armenia", "Armenia"),
    ("the Armenian side", "Armenia"),
    ("Azerbaijanis", "Armenia"),
    ("Yerevan", "Armenia"),
    ("Azerbaijan's defence ministry", "Azerbaijan"),  # two actors' words: ambiguous
    ("defence ministry", "Azerbaijan"),  # one of them as stored, case aside: that one
    ("Organization for Security and Co-operation in Europe", "Independent"),
    ("MoD", "Independent"),  # the initials of two actors: decides nothing
    ("Human Rights Watch", "Independent"),
    ("the Kremlin", "Independent"),  # an institution speaks: not refused as a side
]


@pytest.mark.parametrize(("printed", "side"), PRINTED)
def test_the_index_decides_as_match_actor_does(sides, printed, side):
    """For each name, the index and match_actor choose the same actor, or refuse it, or find it ambiguous alike."""
    index = ActorIndex()
    assert decision(index.match(printed, sides[side].pk)) == decision(match_actor(printed, side=side))


def test_what_the_steps_decide(sides):
    """The table above, spelled out: words and aliases decide, one acronym decides, two do not, sides are refused."""
    index = ActorIndex()
    armenia, azerbaijan, independent = (sides[name].pk for name in ("Armenia", "Azerbaijan", "Independent"))
    mod = index.match("Armenian Ministry of Defence", armenia).actor_id
    assert [index.match(name, armenia).actor_id for name in ("Armenian army command", "MoD", "the M.O.D.")] == [mod] * 3
    assert index.match("Armenian army command", armenia).how == "alias"
    assert index.match("MoD", independent).actor_id is None
    assert index.match("the Azerbaijani side", azerbaijan).refusal == (
        "“the Azerbaijani side” names a side, not a speaker: give the person or body who spoke.")
    ambiguous = index.match("Azerbaijan's defence ministry", azerbaijan)
    ids = sorted(s.actor_id for s in ambiguous.suggestions)
    assert ambiguous.ambiguous and ambiguous.problem() == (
        "“Azerbaijan's defence ministry” may be any of these actors: "
        f"“Azerbaijani Ministry of Defence” (Azerbaijan, id {ids[0]}); “Defence Ministry” (Azerbaijan, id {ids[1]})."
        " Give the one meant by its exact name.")
    assert ambiguous.problem(ids=True).endswith("Give the one meant by its id or its exact name.")
    assert index.match("DEFENCE MINISTRY", azerbaijan).actor_id == ids[1]


def test_names_added_are_found_by_the_next_names(sides):
    """A new name is added as it is matched: the same words later in the batch, or in a later batch, find it."""
    index = ActorIndex()
    armenia = sides["Armenia"].pk
    matched = index.match_many({
        1: ("Voice of the North", armenia), 2: ("the North's voice", armenia),
        3: ("Northern Defence Command", armenia), 4: ("NDC", armenia), 5: ("Armenia", armenia),
    })
    assert list(matched.new) == [1, 3]
    assert matched.found[2] == matched.found[1] < 0 and matched.found[4] == matched.found[3] < 0
    assert matched.found[5].startswith("“Armenia” names a side")
    found = matched.written([1001, 1002])
    assert found == {1: 1001, 2: 1001, 3: 1002, 4: 1002, 5: matched.found[5]}
    later = index.match_many({"a": ("VOICE OF THE NORTH", armenia), "b": ("NDC", armenia),
                              "c": ("northern defence command", armenia), "d": ("Southern Air Command", armenia),
                              "e": ("SAC", armenia)})
    assert later.new == {"d": later.found["d"]} and later.found["e"] == later.found["d"]
    assert later.written([1003]) == {"a": 1001, "b": 1002, "c": 1002, "d": 1003, "e": 1003}
    assert index.match("the S.A.C.", armenia).actor_id == 1003


def test_a_side_made_after_the_index_read_the_sides_is_a_side_too(sides):
    """A side the import creates (after the index first read the sides) is refused as a speaker, and the names
    read before it are read again with its name as a country's: the same words still find the same actor."""
    council = ActorFactory(name="Freeland council of elders", side=sides["Armenia"])
    index = ActorIndex()
    assert index.match("Freeland council of elders", sides["Armenia"].pk).actor_id == council.pk
    freeland = SideFactory(name="Freeland", slug="freeland")
    matched = index.match_many({"side": ("Freeland", freeland.pk), "council": ("the Freeland Council of Elders",
                                                                             sides["Armenia"].pk)})
    assert matched.found == {"side": "“Freeland” names a side, not a speaker: give the person or body who spoke.",
                             "council": council.pk}


def test_matching_more_names_runs_no_more_queries(sides):
    """Each side's actors are read once: twice the names, the same queries (the sides, then their actors)."""

    def queries(n: int) -> int:
        index = ActorIndex()
        with CaptureQueriesContext(connection) as captured:
            for batch in range(2):
                index.match_many({i: (f"Voice {batch} {i}", side.pk) for i in range(n) for side in sides.values()})
        return len(captured)

    assert queries(50) == queries(100) == 2  # the sides, then the three sides' actors with their aliases
