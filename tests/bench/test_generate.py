"""The benchmark data (bench/generate.py): deterministic, shaped like an archive, with bounded flags per claim."""

import csv
import datetime
import io
from collections import Counter, defaultdict

from bench.generate import generate, generate_topic
from claims.figures import parse_figure
from claims.rules import ClaimFacts, Kind, TopicRules, find_conflicts


def rows(n: int, seed: int = 1) -> list[dict]:
    out = io.StringIO()
    generate(n, out, seed=seed)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def flags(claims: list[dict]) -> Counter:
    """Count the flags the rules find in generated rows, topic by topic (no database)."""
    ids: dict[str, int] = defaultdict(lambda: len(ids))
    by_topic = defaultdict(list)
    for number, row in enumerate(claims):
        stated_on = datetime.date.fromisoformat(row["stated_on"])
        figure = parse_figure(row["figure"]) if row["figure"] else None
        by_topic[row["topic"]].append(
            ClaimFacts(
                id=number,
                claimant_id=ids[row["claimant"]],
                side_id=ids[row["side"]],
                stated_on=stated_on,
                stance=row["stance"],
                accused_side_id=ids[row["accused_side"]] if row["accused_side"] else None,
                qualifier=figure and figure.qualifier.value,
                value=figure and figure.value,
                value_max=figure and figure.value_max,
            )
        )
    counts = Counter()
    for topic, facts in by_topic.items():
        first = next(row for row in claims if row["topic"] == topic)
        rules = TopicRules(kind=first["topic_kind"], cumulative=first["cumulative"] == "true",
                           window_days=int(first["window_days"]))
        counts.update(conflict.kind for conflict in find_conflicts(facts, rules))
    return counts


def test_generate_is_deterministic_for_a_seed():
    """The same seed writes the same file, another seed another one."""
    assert rows(2000) == rows(2000)
    assert rows(2000) != rows(2000, seed=2)


def test_topics_hold_10_to_500_claims_from_2_to_5_sides():
    """Every topic but the last (cut to N) holds 10-500 claims about 2-5 sides, figure and proposition mixed."""
    claims = rows(20_000)
    assert len(claims) == 20_000
    assert len({row["external_id"] for row in claims}) == 20_000
    sizes = Counter(row["topic"] for row in claims)
    sides = defaultdict(set)
    for row in claims:  # the sides that speak, or are accused
        sides[row["topic"]].update(side for side in (row["side"], row["accused_side"]) if side)
    last = claims[-1]["topic"]
    assert all(10 <= size <= 500 for topic, size in sizes.items() if topic != last)
    assert all(2 <= len(named) <= 5 for topic, named in sides.items() if topic != last)
    assert {row["topic_kind"] for row in claims} == {"figure", "proposition"}
    assert {row["cumulative"] for row in claims} == {"true", "false"}


def test_flags_per_claim_stay_bounded_and_every_kind_occurs():
    """Most voices agree: under one flag a claim on average, and all six kinds of flag appear."""
    claims = rows(20_000)
    counts = flags(claims)
    assert set(counts) == set(Kind.values)
    assert sum(counts.values()) / len(claims) < 1.5


def test_generate_topic_writes_one_topic_of_the_size_asked():
    """generate_topic writes one figure topic of exactly the size asked (for timing a save in it)."""
    out = io.StringIO()
    generate_topic(1000, out, seed=7)
    claims = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(claims) == 1000
    assert {(row["topic"], row["topic_kind"]) for row in claims} == {("Bench topic 0", "figure")}


def test_the_news_profile_is_shaped_like_a_newsroom_archive():
    """--profile news: ~0.8 documents and ~2.2 flags per claim, ~500-byte rows, a fifth relayed, mixed statuses."""
    out = io.StringIO()
    generate(20_000, out, seed=1, profile="news")
    text = out.getvalue()
    claims = list(csv.DictReader(io.StringIO(text)))

    documents = {row["source_url"] for row in claims} | {row["via_url"] for row in claims if row["via_url"]}
    assert 0.75 <= len(documents) / len(claims) <= 0.85
    assert 450 <= len(text.encode()) / len(claims) <= 560
    assert all(row["statement"] and row["quote"] for row in claims)
    assert 0.17 <= sum(1 for row in claims if row["via_url"]) / len(claims) <= 0.23
    statuses = Counter(row["status"] for row in claims)
    assert set(statuses) == {"published", "draft", "in_review", "retracted"}
    assert statuses["published"] / len(claims) < 0.7
    assert 1.8 <= sum(flags(claims).values()) / len(claims) <= 2.6
    sizes = Counter(row["topic"] for row in claims)
    assert all(10 <= size <= 500 for size in list(sizes.values())[:-1])
