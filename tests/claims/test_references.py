"""Finding or creating what a claim names, by id or by name: the rules import uses, shared with the API."""

import datetime

import pytest

from claims.interchange import import_claims
from claims.interchange.references import (
    Unresolved,
    resolve_actor,
    resolve_document,
    resolve_outlet,
    resolve_side,
    resolve_topic,
)
from claims.models import Claim, Topic
from sources.models import Actor, Document, Outlet, Side
from tests.claims.test_interchange import GOOD, write_rows
from tests.factories import SideFactory, TopicFactory


@pytest.fixture
def imported(db, tmp_path):
    """One claim imported by names, relayed by an outlet's report of a title-only document."""
    row = {
        **GOOD,
        "outlet": "Armenpress",
        "published_on": "2020-11-10",
        "via_title": "Ministry statement",
        "via_outlet": "Ministry of Defence",
    }
    import_claims(write_rows(tmp_path / "one.csv", [row]))
    return Claim.objects.get(external_id=GOOD["external_id"])


def test_names_find_what_import_created_in_any_case(imported):
    """A name in another case finds the side, actor, outlet, document and topic import created, and creates nothing."""
    counts = [model.objects.count() for model in (Side, Actor, Outlet, Document, Topic)]
    side = resolve_side("ARMENIA")
    assert side == imported.side
    assert resolve_actor("armenian ministry of defence", side=side) == imported.claimant
    assert resolve_outlet("armenpress").name == "Armenpress"
    assert resolve_document("https://armenpress.am/eng/news/1035000.html") == resolve_document(url=GOOD["source_url"])
    via = resolve_document("MINISTRY STATEMENT", outlet="ministry of defence")
    assert via.title == "Ministry statement"
    assert resolve_topic(GOOD["topic"].upper()) == imported.topic
    assert [model.objects.count() for model in (Side, Actor, Outlet, Document, Topic)] == counts


def test_new_names_are_created_as_import_creates_them(db):
    """A new side gets a slug, a new actor is a person on its side, a title-only document keeps outlet and date."""
    side = resolve_side("Nagorno-Karabakh Republic")
    assert (side.name, side.slug) == ("Nagorno-Karabakh Republic", "nagorno-karabakh-republic")
    actor = resolve_actor("Artsrun Hovhannisyan", side=side, role="Spokesman")
    assert (actor.side, actor.kind, actor.role) == (side, Actor.Kind.PERSON, "Spokesman")
    document = resolve_document(title="Daily briefing", outlet="Armenpress", published_on=datetime.date(2020, 10, 5))
    assert (document.title, document.outlet.name, document.url) == ("Daily briefing", "Armenpress", None)
    topic = resolve_topic("Civilian deaths", kind=Topic.Kind.FIGURE, counted_side=side.name)
    assert (topic.slug, topic.kind, topic.counted_side, topic.window_days) == (
        "civilian-deaths",
        Topic.Kind.FIGURE,
        side,
        2,
    )


def test_an_actor_is_matched_by_name_and_side(db):
    """The same name on another side is another actor, as in import."""
    armenia, azerbaijan = SideFactory(name="Armenia"), SideFactory(name="Azerbaijan")
    ours = resolve_actor("Ministry of Defence", side=armenia)
    theirs = resolve_actor("Ministry of Defence", side=azerbaijan)
    assert ours != theirs
    assert resolve_actor("ministry of defence", side=azerbaijan.pk) == theirs


def test_ids_find_records_and_unknown_ids_say_so(db):
    """An integer is an id; an id that names nothing (or nothing in `among`) is the same error."""
    side = SideFactory(name="Armenia")
    assert resolve_side(side.pk) == side
    with pytest.raises(Unresolved, match=f"no side with id {side.pk + 100}"):
        resolve_side(side.pk + 100)
    with pytest.raises(Unresolved, match=f"no side with id {side.pk}"):
        resolve_side(side.pk, among=Side.objects.none())


def test_without_create_an_unknown_name_is_an_error(db):
    """create=False finds or refuses, and writes nothing."""
    with pytest.raises(Unresolved, match="no outlet named “Reuters”"):
        resolve_outlet("Reuters", create=False)
    with pytest.raises(Unresolved, match="no topic named “Nothing”"):
        resolve_topic("Nothing", create=False)
    assert not Outlet.objects.exists() and not Topic.objects.exists()


def test_naming_a_topic_never_changes_its_settings(db):
    """Settings that disagree with the stored topic are an error, as a disagreeing import row is."""
    TopicFactory(name="Deaths", window_days=2)
    assert resolve_topic("deaths", window_days=2).window_days == 2
    with pytest.raises(Unresolved, match="window_days"):
        resolve_topic("deaths", window_days=30)
    assert Topic.objects.get().window_days == 2


@pytest.mark.parametrize("ref", ["", "   ", None, True, 1.5, ["Armenia"]])
def test_a_reference_that_is_neither_id_nor_name_is_refused(db, ref):
    """Blank names, booleans, floats and lists are errors, never a record."""
    with pytest.raises(Unresolved):
        resolve_side(ref)
