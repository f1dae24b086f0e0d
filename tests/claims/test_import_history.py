"""Everything an import writes is on the record (issue #14): who and when for appearances, documents and the rest.

The import writes in bulk (claims.interchange.writing), past the model's save() and its history signal,
so each record it makes or changes needs its history record written alongside, naming the importing user.
Both paths are tried: a few rows (plain INSERTs) and more than claims.bulk.FEW (COPY on PostgreSQL).
"""

import pytest

from claims.bulk import FEW
from claims.interchange import import_claims
from claims.models import Appearance
from sources.models import Actor, Document, Outlet, Side
from tests.claims.test_performance_paths import write_csv
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _rows(count: int, *, via: bool) -> list[dict]:
    return [
        {"external_id": f"toll-{n}", "topic": "Deaths in the war", "claimant": f"Voice {n}", "side": f"Side {n % 2}",
         "stated_on": "2020-10-22", "figure": f"about {100 + n}", "source_url": f"https://news.example.org/{n}",
         "source_title": f"Toll {n}", "outlet": f"Outlet {n % 3}",
         **({"via_url": f"https://gov.example.org/{n}", "via_title": f"Statement {n}"} if via else {})}
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [3, FEW + 5])
def test_imported_appearances_actors_sides_and_outlets_have_creation_records(editor, tmp_path, count):
    """Every appearance, actor, side and outlet an import creates has one creation record naming the importer."""
    import_claims(write_csv(tmp_path / "claims.csv", _rows(count, via=True)), user=editor, status="draft")
    for model in (Appearance, Actor, Side, Outlet):
        made = list(model.objects.all())
        assert made, model
        records = model.history.model.objects.all()
        assert sorted((r.id, r.history_type, r.history_user_id) for r in records) == sorted(
            (obj.pk, "+", editor.pk) for obj in made), model
    assert Appearance.objects.count() == 2 * count


@pytest.mark.parametrize("count", [3, FEW + 5])
def test_a_changed_role_is_a_change_record(editor, tmp_path, count):
    """Re-imported with a via document, a claim's source turns from primary to report: that change is recorded."""
    import_claims(write_csv(tmp_path / "first.csv", _rows(count, via=False)), user=editor, status="draft")
    import_claims(write_csv(tmp_path / "second.csv", _rows(count, via=True)), user=editor, status="draft")
    for appearance in Appearance.objects.filter(document__url__startswith="https://news."):
        assert appearance.role == Appearance.Role.REPORT
        assert [(r.history_type, r.role, r.history_user_id) for r in appearance.history.order_by("history_id")] == [
            ("+", "primary", editor.pk), ("~", "report", editor.pk)]


@pytest.mark.parametrize("count", [3, FEW + 5])
def test_what_a_document_cites_is_on_its_record(editor, reviewer, tmp_path, count):
    """A new relay's creation record says what it cites; a stored document that comes to cite gets a change record."""
    stored = DocumentFactory(url="https://news.example.org/0", title="Toll 0")
    import_claims(write_csv(tmp_path / "claims.csv", _rows(count, via=True)), user=editor, status="draft")
    for n in range(count):
        source = Document.objects.get(url=f"https://news.example.org/{n}")
        via = Document.objects.get(url=f"https://gov.example.org/{n}")
        records = [(r.history_type, r.history_user_id, r.history_change_reason)
                   for r in source.history.order_by("history_id")]
        reason = f"cites: #{via.pk} Statement {n}"
        if source == stored:
            assert records == [("+", None, None), ("~", editor.pk, reason)]
        else:
            assert records == [("+", editor.pk, reason)]
        assert [(r.history_type, r.history_user_id) for r in via.history.all()] == [("+", editor.pk)]
