"""Random and hostile cells fed to the importer: a valid import, or ImportFailed naming rows and columns.

Never another exception, and a failed file writes nothing: every table reads as it did before.
(The figure parser's own fuzzing is in tests/claims/test_figures.py.)
"""

import csv
import datetime
import io
import json
import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from claims.figures import Qualifier
from claims.interchange import COLUMNS, REQUIRED, WHOLE_ROW, ImportFailed, import_claims
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side
from tests.factories import ActorFactory, AppearanceFactory, ClaimFactory, DocumentFactory, SideFactory, TopicFactory
from tests.reliability.hostile import (
    hostile_date,
    hostile_number,
    hostile_text,
    plausible_date,
)

# HOSTILE_EXAMPLES=5000 runs a longer soak than the profile's budget.
FIXTURE_SETTINGS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", settings.default.max_examples)),
)
MODELS = (Side, Actor, Outlet, Document, Topic, Claim, Appearance, Contradiction, Claim.history.model)


def choice(values, hostile=None, *, blank=1):
    """(plausible, hostile) strategies for one column; `blank` weighs how often the plausible value is empty."""
    return st.sampled_from([*values, *[""] * blank]), hostile_text(12) if hostile is None else hostile


CELLS = {
    "id": (st.just(""), hostile_text(8)),
    "external_id": choice(["ext-1", "ext-2", "existing"], hostile_text(20)),
    "topic": choice(["Deaths", " deaths ", "Shelling of Terter", "New topic"], blank=0),
    "topic_kind": choice(Topic.Kind.values),
    "metric": choice(["deaths", "military deaths"]),
    "counted_side": choice(["Armenia", "armenia", "Nowhere"]),
    "cumulative": choice(["true", "false", "yes", "no", "1", "0"]),
    "window_days": choice(["0", "2", "30"], hostile_number()),
    "claimant": choice(["Ministry of Defence", "Minister", "Unnamed officials"], blank=0),
    "claimant_kind": choice(Actor.Kind.values),
    "claimant_role": (st.sampled_from(["", "Minister of Defence"]), hostile_text()),
    "claimant_wikidata": choice(["Q7747", "Q130879"], st.sampled_from(["Q0", "Q07", "q42", "P31", "Q 1"])),
    "side_wikidata": choice(["Q399", "Q227"], st.sampled_from(["Q0", "Q042", "wd:Q4", "Q4\n"])),
    "side": choice(["Armenia", "Azerbaijan", "AZERBAIJAN", "Russia"], blank=0),
    "stated_on": (plausible_date(), hostile_date()),
    "statement": (st.text(max_size=80), hostile_text(300)),
    "quote": (st.text(max_size=80), hostile_text(300)),
    "language": choice(["en", "hy", "az", "ru"]),
    "translation": (st.text(max_size=40), hostile_text()),
    "attribution": choice(Claim.Attribution.values),
    "stance": choice(Claim.Stance.values),
    "accused_side": choice(["Armenia", "Azerbaijan"]),
    "figure": choice(["2,300", "about 5,000", "nearing 5,000", "260-280", "more than 2,000", "dozens", "several"]),
    "qualifier": choice(Qualifier.values, blank=12),
    "value": choice(["10", "2300", "5000"], hostile_number(), blank=6),
    "value_max": choice(["280", "6000"], hostile_number(), blank=6),
    "as_of": (st.one_of(st.just(""), st.just(""), plausible_date()), hostile_date()),
    "source_url": choice(["https://example.org/a", "https://example.org/b", "http://[::1]/x"]),
    "source_title": choice(["Casualty update", "Statement"], blank=0),
    "outlet": choice(["The Daily", "the daily", "Ministry"]),
    "outlet_wikidata": choice(["Q130879", "Q9531"], hostile_text(12)),
    "published_on": (st.one_of(st.just(""), plausible_date()), hostile_date()),
    "via_url": choice(["https://example.org/a", "https://example.org/origin"], blank=4),
    "via_title": choice(["Original post"], blank=3),
    "via_outlet": choice(["Ministry"], blank=3),
    "status": choice(Claim.Status.values),
    "verdict": choice(Claim.Verdict.values),
    "contested": choice(["true", "false"]),
}
# Every file names its source by title (and may add the URL), so that plausible rows can import.
ALWAYS = [*REQUIRED, "source_title"]
OPTIONAL = [column for column in COLUMNS if column not in ALWAYS]


@st.composite
def rows_for(draw, columns):
    """A row for `columns`: all plausible, one hostile cell, or hostile cells anywhere (a third of rows each)."""
    mode = draw(st.sampled_from(["plausible", "one", "many"]))
    bad = {draw(st.sampled_from(columns))} if mode == "one" else set()
    row = {}
    for column in columns:
        plausible, hostile = CELLS[column]
        hostile_here = column in bad or (mode == "many" and draw(st.integers(0, 2)) == 0)
        row[column] = draw(hostile if hostile_here else plausible)
    return row


@st.composite
def tables(draw):
    """A header (the required columns and any others, in any order) and 1-4 rows of cells for it."""
    header = [*ALWAYS, *draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=len(OPTIONAL)))]
    header = draw(st.permutations(header))
    return header, draw(st.lists(rows_for(header), min_size=1, max_size=4))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def json_lines(draw):
    """1-4 lines: mostly objects whose values are cells or any JSON value, sometimes lines that are not objects."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        keys = [*ALWAYS, *draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=12))]
        record = draw(rows_for(keys))
        for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=2)):
            record[key] = draw(JSON_VALUES)
        if draw(st.integers(0, 9)) == 0:
            record[draw(st.text(min_size=1, max_size=8))] = "surprise"
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(draw(st.one_of(
            st.just(line), st.just(line), st.just(line), st.just(line), st.just(line), st.just(line),
            st.just(line[: len(line) // 2]), JSON_VALUES.map(json.dumps), st.text(max_size=20),
        )).replace("\n", " "))
    return lines


@pytest.fixture
def existing(db):
    """Records the rows may name: a figure topic with settings, two sides, a published claim with provenance."""
    armenia = SideFactory(name="Armenia", slug="armenia")
    azerbaijan = SideFactory(name="Azerbaijan", slug="azerbaijan")
    topic = TopicFactory(name="Deaths", slug="deaths", metric="deaths", counted_side=armenia, cumulative=True)
    claim = ClaimFactory(topic=topic, claimant=ActorFactory(name="Ministry of Defence", side=azerbaijan),
                         side=azerbaijan, stated_on=datetime.date(2020, 10, 22), qualifier="exact", value=5000,
                         external_id="existing", status=Claim.Status.PUBLISHED)
    AppearanceFactory(claim=claim, document=DocumentFactory(url="https://example.org/a", title="Casualty update"))


def snapshot() -> dict:
    """Every row of every table the importer can write, as plain values."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def check_import(text: str, fmt: str, columns: set[str], records: int) -> None:
    """Import `text`: either every record lands and every stored object is valid, or ImportFailed and no change."""
    with transaction.atomic():
        before = snapshot()
        try:
            result = import_claims(io.StringIO(text), fmt=fmt)
        except ImportFailed as failure:
            assert failure.errors
            event("refused")
            for error in failure.errors:
                assert 1 <= error.row <= records + 1
                assert error.column in columns | {WHOLE_ROW}, error
                assert isinstance(error.reason, str) and error.reason.strip(), error
            assert snapshot() == before
        else:
            event("imported")
            assert result.created + result.updated == records
            assert Claim.objects.count() == len(before["Claim"]) + result.created
            for model in (Claim, Topic, Side, Actor, Document, Outlet, Appearance):
                for obj in model.objects.all():
                    obj.full_clean()
        transaction.set_rollback(True)


@FIXTURE_SETTINGS
@given(table=tables())
def test_random_csv_imports_cleanly_or_fails_cleanly(existing, table):
    """Any CSV of random and hostile cells imports whole and valid, or fails naming rows and columns, writing none."""
    header, rows = table
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([row[column] for column in header] for row in rows)
    records = sum(1 for row in rows if any(value.strip() for value in row.values()))
    check_import(out.getvalue(), "csv", set(COLUMNS), records)


@FIXTURE_SETTINGS
@given(lines=json_lines())
def test_random_json_lines_import_cleanly_or_fail_cleanly(existing, lines):
    """Any JSON Lines file of random values and broken lines imports whole and valid, or fails writing nothing."""
    keys = set(COLUMNS)
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            keys |= set(record)
    records = sum(1 for line in lines if line.strip())
    check_import("\n".join(lines) + "\n", "jsonl", keys, records)
