"""The fast paths of issue #7 behave like the slow ones: bulk import, batched recompute, bounded queries."""

import csv
import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from claims import contradictions
from claims.bulk import FEW, analyze, bulk_insert, bulk_insert_with_history, bulk_update
from claims.contradictions import contradictions_recompute_all, contradictions_recompute_topic
from claims.interchange import import_claims
from claims.models import Appearance, Claim, Contradiction, Topic
from claims.services import claim_create, claim_update
from sources.models import Actor, Document, Outlet, Side
from tests.factories import ActorFactory, ClaimFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db

DEATHS = {"topic": "Military deaths, Armenia", "topic_kind": "figure", "metric": "military deaths",
          "cumulative": "true", "window_days": "2"}
TERTER = {"topic": "Shelling of Terter", "topic_kind": "proposition", "cumulative": "true", "window_days": "2"}
ROWS = [
    {**DEATHS, "external_id": "am-1", "claimant": "Armenian MoD", "side": "Armenia", "stated_on": "2020-10-22",
     "figure": "874", "source_url": "https://armenpress.am/1", "source_title": "Toll rises", "outlet": "Armenpress",
     "published_on": "2020-10-22", "status": "published"},
    {**DEATHS, "external_id": "ru-1", "claimant": "Vladimir Putin", "claimant_kind": "person",
     "claimant_role": "President of Russia", "side": "Russia", "stated_on": "2020-10-22",
     "figure": "more than 2,000", "source_url": "https://tass.ru/1", "source_title": "Putin on losses",
     "outlet": "TASS", "published_on": "2020-10-23", "via_url": "https://kremlin.ru/1",
     "via_title": "Meeting with the Valdai club", "status": "published"},
    {**DEATHS, "external_id": "am-2", "claimant": "armenian mod", "side": "ARMENIA", "stated_on": "2020-10-22",
     "figure": "almost 900", "source_title": "Daily briefing", "outlet": "Public TV", "published_on": "2020-10-22",
     "status": "draft"},
    {**DEATHS, "external_id": "am-3", "claimant": "Armenian MoD", "side": "Armenia", "stated_on": "2020-11-10",
     "figure": "about 600", "source_title": "Daily briefing", "outlet": "Public TV", "published_on": "2020-10-22",
     "status": "published"},
    {**TERTER, "external_id": "az-1", "claimant": "Azerbaijani MoD", "side": "Azerbaijan", "stated_on": "2020-10-27",
     "stance": "asserts", "accused_side": "Armenia", "source_url": "https://mod.gov.az/1",
     "source_title": "Terter shelled", "status": "published"},
    {**TERTER, "external_id": "am-4", "claimant": "Armenian MoD", "side": "Armenia", "stated_on": "2020-10-27",
     "stance": "denies", "accused_side": "Armenia", "source_url": "https://armenpress.am/2",
     "source_title": "Shelling denied", "outlet": "Armenpress", "status": "published"},
    # The same external_id again: the second row updates the claim the first created.
    {**DEATHS, "external_id": "ru-1", "claimant": "Vladimir Putin", "claimant_kind": "person",
     "claimant_role": "President of Russia", "side": "Russia", "stated_on": "2020-10-22",
     "figure": "more than 2,500", "source_url": "https://ria.ru/1", "source_title": "Putin: 2,500",
     "outlet": "RIA", "published_on": "2020-10-23", "status": "published"},
]

# A second file: changed figures, dates, statements and statuses, and one new claim.
CHANGES = [
    {**ROWS[3], "stated_on": "2020-11-12", "figure": "about 650", "statement": "Revised down."},
    {**ROWS[4], "status": "in_review", "statement": "Terter shelled at dawn."},
    {**ROWS[0], "statement": "Unchanged figure, new statement."},
    {**TERTER, "external_id": "ru-2", "claimant": "Russian MFA", "side": "Russia", "stated_on": "2020-10-28",
     "stance": "asserts", "accused_side": "Azerbaijan", "source_url": "https://mid.ru/1",
     "source_title": "Both sides shelled", "status": "published"},
]

# Enough rows for the COPY paths of claims.bulk (more than FEW at once), in a running toll that stays consistent.
TOLL = {"topic": "Civilian deaths, Azerbaijan", "topic_kind": "figure", "metric": "civilian deaths",
        "cumulative": "true", "window_days": "2"}
EXTRA = [
    {**TOLL, "external_id": f"toll-{n}", "claimant": f"Voice {n % 4}", "side": ("Azerbaijan", "Turkey")[n % 2],
     "stated_on": (datetime.date(2020, 9, 27) + datetime.timedelta(days=n // 2)).isoformat(),
     "figure": f"about {100 + 5 * n}", "source_url": f"https://news.example.org/{n // 2}",
     "source_title": f"Toll, day {n // 2}", "outlet": f"Outlet {n % 3}", "published_on": "2020-11-01",
     "status": "published", **({"via_url": f"https://gov.example.org/{n}", "via_title": "Statement"} if n % 5 == 0
                               else {})}
    for n in range(2 * FEW)
]
EXTRA_CHANGES = [{**row, "statement": "Checked against the ministry's list."} for row in EXTRA]


def write_csv(path: Path, rows: list[dict]) -> Path:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def snapshot() -> dict[str, list]:
    """Everything an import writes, without keys and timestamps, in a stable order."""

    def rows(queryset, *fields):
        return sorted(queryset.values_list(*fields), key=repr)

    return {
        "claims": rows(Claim.objects, "external_id", "topic__name", "claimant__name", "side__name", "stated_on",
                       "stance", "accused_side__name", "qualifier", "value", "value_max", "as_of", "status",
                       "version", "contested", "created_by__username"),
        "claim history": rows(Claim.history, "external_id", "history_type", "history_user__username", "version",
                              "qualifier", "value", "status", "created_by_id"),
        "topics": rows(Topic.objects, "name", "slug", "kind", "metric", "cumulative", "window_days"),
        "topic history": rows(Topic.history, "name", "history_type", "history_user__username", "kind"),
        "sides": rows(Side.objects, "name", "slug"),
        "actors": rows(Actor.objects, "name", "side__name", "kind", "role"),
        "outlets": rows(Outlet.objects, "name"),
        "documents": rows(Document.objects, "url", "title", "outlet__name", "published_on"),
        "document history": rows(Document.history, "url", "title", "history_type", "history_user__username"),
        "citations": rows(Document.cites.through.objects, "from_document__title", "to_document__title"),
        "appearances": rows(Appearance.objects, "claim__external_id", "document__title", "role"),
        "flags": rows(Contradiction.objects, "topic__name", "claim_a__external_id", "claim_b__external_id", "kind",
                      "severity", "explanation", "status"),  # inputs_digest hashes the claims' keys
    }


def write_row_by_row(rows: list[dict], user) -> None:
    """Write the rows as the importer used to: each through claim_create or claim_update, and save()."""

    def named(model, name, **fields):
        found = model.objects.filter(name__iexact=name).first()
        return found or model.objects.create(name=name, **fields)

    def document(url, title, outlet, published_on):
        found = Document.objects.filter(url=url).first() if url else Document.objects.filter(
            title__iexact=title, outlet__name__iexact=outlet, published_on=published_on).first()
        if found is None:
            found = Document(url=url, title=title, outlet=outlet and named(Outlet, outlet), published_on=published_on)
            found._history_user = user
            found.save()
        return found

    for row in rows:
        side = named(Side, row["side"], slug=slugify(row["side"]))
        topic = Topic.objects.filter(name=row["topic"]).first()
        if topic is None:
            topic = Topic(name=row["topic"], slug=slugify(row["topic"]), kind=row["topic_kind"],
                          metric=row.get("metric", ""), window_days=2)
            topic._history_user = user
            topic.save()
        claimant = Actor.objects.filter(name__iexact=row["claimant"], side=side).first() or Actor.objects.create(
            name=row["claimant"], side=side, kind=row.get("claimant_kind", "person"), role=row.get("claimant_role", ""))
        stated_on = datetime.date.fromisoformat(row["stated_on"])
        fields = {"topic": topic, "claimant": claimant, "side": side, "status": row["status"], "stated_on": stated_on,
                  "statement": row.get("statement", ""), "figure": row.get("figure")}
        if row.get("figure"):
            fields["as_of"] = stated_on  # the interchange format's default
        if "stance" in row:
            accused = named(Side, row["accused_side"], slug=slugify(row["accused_side"]))
            fields.update(stance=row["stance"], accused_side=accused)
        claim = Claim.objects.filter(external_id=row["external_id"]).first()
        if claim is None:
            claim = claim_create(user=user, external_id=row["external_id"], refresh_contradictions=False, **fields)
        else:
            claim = claim_update(claim=claim, user=user, refresh_contradictions=False, **fields)
        published_on = datetime.date.fromisoformat(row["published_on"]) if row.get("published_on") else None
        source = document(row.get("source_url"), row["source_title"], row.get("outlet"), published_on)
        if row.get("via_url"):
            via = document(row["via_url"], row["via_title"], None, None)
            source.cites.add(via)
            Appearance.objects.get_or_create(claim=claim, document=via, defaults={"role": "primary"})
            Appearance.objects.get_or_create(claim=claim, document=source, defaults={"role": "report"})
        else:
            Appearance.objects.get_or_create(claim=claim, document=source, defaults={"role": "primary"})
    for topic in Topic.objects.all():
        contradictions_recompute_topic(topic=topic)


def test_bulk_import_writes_what_the_services_write_row_by_row(db, tmp_path):
    """The chunked import (COPY on PostgreSQL) leaves the same rows, history and flags as saving row by row.

    Both load as the operator does (`import_claims` at the command line): the rows publish and move claims.
    """
    result = import_claims(write_csv(tmp_path / "claims.csv", ROWS + EXTRA), user=None)
    changed = import_claims(write_csv(tmp_path / "changes.csv", CHANGES + EXTRA_CHANGES), user=None)
    bulk = snapshot()
    for model in (Contradiction, Appearance, Claim, Document.cites.through, Document, Outlet, Actor, Topic, Side):
        model.objects.all().delete()
    for model in (Claim, Document, Topic):
        model.history.all().delete()

    write_row_by_row(ROWS + EXTRA + CHANGES + EXTRA_CHANGES, None)

    extra = len(EXTRA)
    assert (result.created, result.updated, changed.created, changed.updated) == (6 + extra, 1, 1, 3 + extra)
    assert len(bulk["claim history"]) == 11 + 2 * extra  # each claim created, some changed
    assert len(bulk["flags"]) == 9  # 7 among the named voices, 2 in the toll
    assert bulk == snapshot()


def test_bulk_insert_with_history_gives_keys_and_creation_records(editor):
    """bulk_insert_with_history gives each instance its stored key and one "+" history record by the user."""
    outlet = bulk_insert(Outlet, [Outlet(name="Armenpress")])[0]
    documents = [Document(title=f"Report {n}", outlet=outlet) for n in range(FEW + 1)]  # COPY on PostgreSQL
    bulk_insert_with_history(Document, documents, user=editor)
    assert [document.pk for document in documents] == list(Document.objects.order_by("pk").values_list("pk", flat=True))
    assert list(Document.history.order_by("id").values_list("id", "title", "history_type", "history_user")) == [
        (document.pk, document.title, "+", editor.pk) for document in documents
    ]
    assert not documents[0]._state.adding


def test_import_queries_do_not_grow_with_the_rows(db, tmp_path, django_assert_max_num_queries):
    """Importing 500 rows looks up and writes by the chunk: far fewer queries than rows.

    (On SQLite an INSERT holds at most 999 values, so the claims alone take 30 of them.)
    """
    rows = [
        {**DEATHS, "external_id": f"row-{n}", "claimant": f"Voice {n % 7}", "side": f"Side {n % 3}",
         "stated_on": f"2020-10-{1 + n % 28:02d}", "figure": f"about {1000 + n % 50}",
         "source_url": f"https://news.example.org/{n // 3}", "source_title": f"Report {n // 3}",
         "outlet": f"Outlet {n % 5}", "via_url": f"https://gov.example.org/{n % 11}", "via_title": "Statement"}
        for n in range(500)
    ]
    with django_assert_max_num_queries(100):
        result = import_claims(write_csv(tmp_path / "many.csv", rows))
    assert result.created == 500


def dated_claims(topic, side, n: int) -> None:
    """N claims of one voice, a running toll that only grows: no flags among them."""
    claimant = ActorFactory(side=side)
    for day in range(n):
        ClaimFactory(topic=topic, side=side, claimant=claimant, stated_on=datetime.date(2020, 1, 1)
                     + datetime.timedelta(days=day), value=100 + day)


def save_queries(size: int, user) -> int:
    """Count the queries of changing the figure of a claim flagged against 4 of a topic's `size` other claims."""
    topic, ours, theirs = TopicFactory(), SideFactory(name="Ours"), SideFactory(name="Theirs")
    dated_claims(topic, ours, size)
    claim = claim_create(user=user, topic=topic, side=theirs, claimant=ActorFactory(side=theirs),
                         stated_on=datetime.date(2020, 1, 2), figure="50")
    assert Contradiction.objects.filter(topic=topic).count() == 4  # the claims of its window: 1-4 January
    with CaptureQueriesContext(connection) as queries:
        claim_update(claim=claim, user=user, figure="60")
    assert Contradiction.objects.filter(topic=topic, severity=100 / 60).count() == 1
    return len(queries)


def test_saving_a_claim_costs_the_same_queries_whatever_the_topic_size(editor):
    """A save re-flags its claim with a fixed number of queries, whether its topic holds 10 claims or 300."""
    # claim_update: lock, validate (fields, constraints, uniqueness), save with its history; then the refresh:
    # lock the topic, read its live claims, the claim's flags and the names, write flags and contested marks.
    assert save_queries(10, editor) == save_queries(300, editor) <= 45


def recompute_queries(topics: int) -> int:
    """Count the queries of recomputing every topic from scratch, with `topics` topics of two clashing claims."""
    ours, theirs = SideFactory(name="Ours"), SideFactory(name="Theirs")
    for n in range(topics - Topic.objects.count()):
        topic = TopicFactory()
        ClaimFactory(topic=topic, side=ours, value=100 + n)
        ClaimFactory(topic=topic, side=theirs, value=1000 + n)
    Contradiction.objects.all().delete()
    Claim.objects.update(contested=False)
    with CaptureQueriesContext(connection) as queries:
        counts = contradictions_recompute_all()
    assert counts == {"figure_mismatch": topics}
    assert Claim.objects.filter(contested=True).count() == 2 * topics
    return len(queries)


def test_recompute_queries_do_not_grow_with_the_topics(db):
    """Recomputing 30 topics takes as many queries as 3: topics are read and written by the batch."""
    assert recompute_queries(3) == recompute_queries(30) <= 16


def test_recompute_in_small_batches_matches_topic_by_topic(db, tmp_path, monkeypatch):
    """Batches of a few claims write the same flags and contested marks as recomputing each topic alone."""
    from bench.generate import generate

    path = tmp_path / "bench.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        generate(1500, out, seed=3)
    import_claims(path)
    for topic in Topic.objects.all():
        contradictions_recompute_topic(topic=topic)
    expected = snapshot()
    Contradiction.objects.all().delete()
    Claim.objects.update(contested=False)
    monkeypatch.setattr(contradictions, "_BATCH_CLAIMS", 100)
    seen = []
    counts = contradictions_recompute_all(progress=seen.append)
    assert snapshot() == expected
    assert sum(counts.values()) == len(expected["flags"])
    assert [topic.pk for topic in seen] == list(Topic.objects.order_by("pk").values_list("pk", flat=True))


def test_analyze_runs_inside_the_import_transaction(db, django_assert_max_num_queries):
    """Refreshing the planner's statistics works inside a transaction (one statement on PostgreSQL, none elsewhere)."""
    ClaimFactory()
    with django_assert_max_num_queries(1):
        analyze(Claim, Contradiction)
    assert Claim.objects.count() == 1


def test_bulk_update_writes_the_fields_named_and_nothing_else(db):
    """bulk_update writes the named fields of more than a few instances (on PostgreSQL through a temporary table)
    and leaves the other fields alone."""
    claims = [ClaimFactory(statement=f"Old {n}.", value=n) for n in range(FEW + 1)]
    for claim in claims:
        claim.statement, claim.value = f"New {claim.value}.", 1000
    bulk_update(Claim, claims, ["statement"])
    assert sorted(Claim.objects.values_list("value", "statement")) == [(n, f"New {n}.") for n in range(FEW + 1)]
