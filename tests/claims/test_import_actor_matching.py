"""Import names claimants as every door does (#17): `claims.matching`'s rules, a chunk of rows at a time.

A row naming a stored actor by an alias, a possessive, another word order or an acronym is that
actor's claim; a side's name, or a name two actors share equally, is a row error on `claimant`
and nothing is written; and matching adds no query per name.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.interchange import ImportFailed, RowError, import_claims
from claims.models import Claim
from sources.models import Actor, ActorAlias
from tests.claims.test_interchange import table_counts, write_rows
from tests.factories import ActorFactory, SideFactory

pytestmark = pytest.mark.django_db

TOPIC = "Shelling of Terter"
SIDE_REFUSED = "“{}” names a side, not a speaker: give the person or body who spoke."


@pytest.fixture
def mod():
    armenia = SideFactory(name="Armenia", slug="armenia")
    SideFactory(name="Azerbaijan", slug="azerbaijan")
    actor = ActorFactory(name="Armenian Ministry of Defence", kind="military", side=armenia)
    ActorAlias.objects.create(actor=actor, name="the army command of Armenia")
    ActorFactory(name="Nikol Pashinyan", side=armenia)
    return actor


def row(n: int, claimant: str, side: str = "Armenia") -> dict:
    return {"external_id": f"row-{n}", "topic": TOPIC, "topic_kind": "proposition", "claimant": claimant,
            "side": side, "stated_on": "2020-10-27", "statement": f"Statement {n}.",
            "source_url": f"https://news.example.org/{n}"}


def test_rows_naming_a_stored_actor_otherwise_are_its_claims(mod, tmp_path):
    """Possessive, word order, alias, acronym and case: five rows, one actor, no new one."""
    printed = ["Armenia's defence ministry", "Ministry of Defence of Armenia", "Armenian army command", "MoD",
               "ARMENIAN MINISTRY OF DEFENSE"]
    actors = Actor.objects.count()
    result = import_claims(write_rows(tmp_path / "rows.csv", [row(n, name) for n, name in enumerate(printed)]))
    assert (result.created, result.actors) == (5, 0)
    assert set(Claim.objects.values_list("claimant_id", flat=True)) == {mod.pk}
    assert Actor.objects.count() == actors


def test_new_names_of_one_file_that_are_the_same_make_one_actor(mod, tmp_path):
    """Names no actor has are created once: a later row's other wording, or acronym, finds the one made."""
    printed = ["Voice of the North", "the North's voice", "Northern Defence Command", "NDC", "Nikol Pashinyan"]
    result = import_claims(write_rows(tmp_path / "rows.jsonl", [row(n, name) for n, name in enumerate(printed)]))
    assert result.actors == 2
    by_row = dict(Claim.objects.values_list("external_id", "claimant__name"))
    assert by_row == {"row-0": "Voice of the North", "row-1": "Voice of the North",
                      "row-2": "Northern Defence Command", "row-3": "Northern Defence Command",
                      "row-4": "Nikol Pashinyan"}


def test_a_sides_name_is_a_row_error_and_nothing_is_written(mod, tmp_path):
    """"Armenia", "the Azerbaijani side", and a side the file itself creates: each row refused on `claimant`."""
    rows = [row(1, "Armenia's defence ministry"), row(2, "Armenia"), row(3, "the Azerbaijani side", "Azerbaijan"),
            row(4, "Freeland", "Freeland"), row(5, "Freeland People's Council", "Freeland")]
    before = table_counts()
    with pytest.raises(ImportFailed) as failed:
        import_claims(write_rows(tmp_path / "rows.csv", rows))
    assert failed.value.errors == [
        RowError(3, "claimant", SIDE_REFUSED.format("Armenia")),
        RowError(4, "claimant", SIDE_REFUSED.format("the Azerbaijani side")),
        RowError(5, "claimant", SIDE_REFUSED.format("Freeland")),
    ]
    assert table_counts() == before


def test_a_name_two_actors_share_is_a_row_error_naming_them(mod, tmp_path):
    """Two actors of Armenia with the same words: a row must give one's exact name, which then finds it."""
    twin = ActorFactory(name="Defence Ministry", kind="military", side=mod.side)
    with pytest.raises(ImportFailed) as failed:
        import_claims(write_rows(tmp_path / "rows.csv", [row(1, "Armenia's defence ministry")]))
    assert failed.value.errors == [RowError(2, "claimant", (
        f"“Armenia's defence ministry” may be any of these actors: “Armenian Ministry of Defence” (Armenia, id "
        f"{mod.pk}); “Defence Ministry” (Armenia, id {twin.pk}). Give the one meant by its exact name."))]
    assert not Claim.objects.exists()
    import_claims(write_rows(tmp_path / "exact.csv", [row(1, "DEFENCE MINISTRY"), row(2, mod.name)]))
    assert dict(Claim.objects.values_list("external_id", "claimant_id")) == {"row-1": twin.pk, "row-2": mod.pk}


def test_matching_runs_no_query_per_name(mod, tmp_path):
    """Twice the new names in as many rows, the same look-ups: a side's actors are read once, new names join them.

    (SQLite takes at most 999 values an INSERT, so there the writes grow with the actors made; the reads do not.)
    """

    def queries(names: int, rows: int = 240) -> tuple[int, int]:
        lines = [{**row(i, f"Voice {i % names} of {names}"), "external_id": f"{names}-{i}",
                  "topic": f"Topic of {names}", "source_url": f"https://n.org/{names}/{i}"} for i in range(rows)]
        path = write_rows(tmp_path / f"{names}.csv", lines)  # all new but the actors, as in the other file
        with CaptureQueriesContext(connection) as captured:
            result = import_claims(path)
        assert result.actors == names
        statements = [query["sql"].lstrip().upper() for query in captured.captured_queries]
        return len(statements), sum(1 for sql in statements if not sql.startswith("INSERT"))

    (fewer, fewer_reads), (more, more_reads) = queries(120), queries(240)
    assert fewer_reads == more_reads
    if connection.vendor == "postgresql":  # rows are sent by COPY, outside these statements
        assert fewer == more
