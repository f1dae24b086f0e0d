"""Write N synthetic claims in the interchange format (DESIGN §6), for the benchmarks.

Topics hold 10-500 claims from 2-5 sides; figure topics (cumulative or not) and
propositions mix as they do in coverage; a share of the figures disagree. The
output is deterministic for a given seed, so runs compare like with like.

    python bench/generate.py 100000 /tmp/claims.csv [--seed 1]
"""

import argparse
import csv
import datetime
import random
import sys

COLUMNS = [
    "external_id", "topic", "topic_kind", "metric", "cumulative", "window_days", "claimant", "claimant_kind",
    "side", "stated_on", "as_of", "stance", "accused_side", "figure", "statement", "source_url", "source_title",
    "outlet", "published_on", "status",
]
SIDES = [f"Side {letter}" for letter in "ABCDEFGHIJKLMNOPQRST"]
WORDINGS = ["{n:,}", "about {n:,}", "nearly {n:,}", "at least {n:,}", "more than {n:,}", "up to {n:,}",
            "fewer than {n:,}", "{n:,}-{m:,}"]
START = datetime.date(2020, 1, 1)


def topic_rows(rng: random.Random, topic_no: int, size: int, first_id: int):
    sides = rng.sample(SIDES, rng.randint(2, 5))
    kind = "proposition" if rng.random() < 0.25 else "figure"
    cumulative = rng.random() < 0.7
    base = rng.randint(50, 20000)
    actors = {side: [f"{side} speaker {topic_no}-{k}" for k in range(rng.randint(1, 4))] for side in sides}
    outlets = [f"Outlet {topic_no % 97}-{k}" for k in range(3)]
    for i in range(size):
        side = rng.choice(sides)
        day = START + datetime.timedelta(days=rng.randint(0, 365))
        row = {
            "external_id": f"bench-{first_id + i}",
            "topic": f"Bench topic {topic_no}",
            "topic_kind": kind,
            "metric": "deaths" if kind == "figure" else "",
            "cumulative": "true" if cumulative else "false",
            "window_days": "2",
            "claimant": rng.choice(actors[side]),
            "claimant_kind": "person",
            "side": side,
            "stated_on": day.isoformat(),
            "as_of": "",
            "stance": "asserts",
            "accused_side": "",
            "figure": "",
            "statement": f"Synthetic claim {first_id + i}",
            "source_url": f"https://bench.example.org/{topic_no}/{i // 3}",
            "source_title": f"Bench report {topic_no}-{i // 3}",
            "outlet": outlets[(i // 3) % len(outlets)],
            "published_on": "",
            "status": "published",
        }
        if kind == "figure":
            # Most claims cluster around the topic's true value; one side in five inflates it.
            growth = 1 + (day - START).days / 365 if cumulative else 1
            skew = 3 if sides.index(side) == 0 and rng.random() < 0.2 else 1
            n = max(1, int(base * growth * skew * rng.uniform(0.9, 1.1)))
            row["figure"] = rng.choice(WORDINGS).format(n=n, m=n + rng.randint(1, max(1, n // 10)))
        else:
            row["stance"] = "denies" if rng.random() < 0.3 else "asserts"
            row["accused_side"] = rng.choice(sides)
        yield row


def generate(n: int, out, seed: int = 1) -> int:
    rng = random.Random(seed)
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    written = topic_no = 0
    while written < n:
        size = min(rng.randint(10, 500), n - written)
        for row in topic_rows(rng, topic_no, size, written):
            writer.writerow(row)
        written += size
        topic_no += 1
    return topic_no


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of claims")
    parser.add_argument("path", help="output CSV path ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.path == "-":
        topics = generate(args.n, sys.stdout, args.seed)
    else:
        with open(args.path, "w", newline="", encoding="utf-8") as out:
            topics = generate(args.n, out, args.seed)
    print(f"{args.n} claims in {topics} topics", file=sys.stderr)


if __name__ == "__main__":
    main()
