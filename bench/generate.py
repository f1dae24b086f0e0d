"""Write N synthetic claims in the interchange format (DESIGN §6), for the benchmarks.

Topics hold 10-500 claims from 2-5 sides: figure topics (cumulative or not) and
propositions, mixed as they are in coverage. The data look like an archive, not like
noise: most voices agree within the tolerance of their wording (they relay one running
official figure, or blame the same side), and a few dissenting claims per topic (an
inflated or deflated count, a misreported figure, a denial, a counter-accusation)
contradict the rest. So the flags per claim stay bounded as topics grow, as they do
in a real archive, and every kind of flag occurs. Random figures would flag most
pairs of a topic, and the cost measured would be the output's, not the engine's.

Voices recur across topics (a ministry speaks on many), about three claims share a
document, one document in ten is known by title only, and one claim in five is
relayed from a primary statement (`via_url`). The output is deterministic for a given
seed, so runs compare like with like.

    python bench/generate.py 100000 /tmp/claims.csv [--seed 1] [--profile news]

`--profile news` shapes the data like a newsroom's archive rather than the benchmark's own
kinder data (issue #20): about 0.8 documents per claim (most claims have an article of their
own), rows of about 500 bytes with a statement and a quote, a fifth relayed, mixed statuses
(drafts, claims in review, retractions), more dissent (about 2.2 flags per claim) and topics
of 10-500 claims. Its rows keep their statuses: import it without `--status`.
"""

import argparse
import csv
import datetime
import random
import sys

COLUMNS = [
    "external_id", "topic", "topic_kind", "metric", "cumulative", "window_days", "claimant", "claimant_kind",
    "side", "stated_on", "stance", "accused_side", "figure", "statement", "source_url", "source_title",
    "outlet", "published_on", "via_url", "via_title", "status",
]
NEWS_COLUMNS = [*COLUMNS, "quote", "language", "attribution"]
PROFILES = ("bench", "news")
# Of a news archive's claims: published, drafts, in review, retracted.
NEWS_STATUSES = (["published"] * 60) + (["draft"] * 20) + (["in_review"] * 15) + (["retracted"] * 5)
PLACES = ["the northern district", "the border villages", "the capital", "the coastal road", "the eastern front",
          "the refugee camps", "the airport", "the old town", "the river crossing", "the industrial zone"]
SIDES = [f"Side {letter}" for letter in "ABCDEFGHIJKLMNOPQRST"]
VOICES_PER_SIDE = 40
OUTLETS = [f"Outlet {k}" for k in range(200)]
START = datetime.date(2020, 1, 1)
DAYS = 365


def _dissenters(rng: random.Random, size: int, profile: str = "bench") -> int:
    """Return how many claims of a topic contradict its consensus: a few, more in larger topics (and in news)."""
    if profile == "news":
        return min(size // 2, rng.randint(1, 3) + size // 110)
    return min(size // 2, rng.randint(0, 2) + size // 250)


class _Topic:
    """One topic's claims, in date order."""

    def __init__(self, rng: random.Random, number: int, size: int, first_id: int, kind: str | None = None,
                 profile: str = "bench"):
        self.rng = rng
        self.profile = profile
        self.number = number
        self.size = size
        self.first_id = first_id
        self.sides = rng.sample(SIDES, rng.randint(2, 5))
        drawn = "proposition" if rng.random() < 0.25 else "figure"
        self.kind = kind or drawn
        self.cumulative = rng.random() < 0.7
        self.base = rng.randint(50, 20_000)
        self.growth = rng.uniform(0.2, 1.0) if self.cumulative else 0.0
        self.voices = {side: rng.sample(range(VOICES_PER_SIDE), rng.randint(1, 4)) for side in self.sides}
        self.days = sorted(rng.randrange(DAYS) for _ in range(size))
        self.dissent = set(rng.sample(range(size), _dissenters(rng, size, profile)))

    def truth(self, day: int) -> float:
        return self.base * (1 + self.growth * day / DAYS)

    def official(self, day: int) -> int:
        """The figure everyone relays that week: exact claims repeat it."""
        return round(self.truth(day - day % 7))

    def voice(self, side: str) -> str:
        return f"{side} voice {self.rng.choice(self.voices[side])}"

    def consensus_figure(self, day: int) -> str:
        """A wording whose interval holds the running truth, so consensus claims never conflict."""
        rng, t = self.rng, self.truth(day)
        choice = rng.randrange(7)
        if choice == 0:
            return f"{self.official(day):,}"
        if choice == 1:
            return f"about {round(t * rng.uniform(0.96, 1.04)):,}"
        if choice == 2:
            return f"at least {int(t * rng.uniform(0.85, 0.95)):,}"
        if choice == 3:
            return f"more than {int(t * rng.uniform(0.85, 0.95)):,}"
        if choice == 4:
            return f"nearly {round(t * rng.uniform(1.02, 1.08)) + 1:,}"
        if choice == 5:
            return f"up to {round(t * rng.uniform(1.05, 1.2)) + 1:,}"
        low = int(t * rng.uniform(0.9, 0.97))
        return f"{low:,}-{max(low + 1, round(t * rng.uniform(1.03, 1.1)) + 1):,}"

    def dissenting_figure(self, day: int) -> str:
        rng, t = self.rng, self.truth(day)
        factor = rng.uniform(2.5, 4) if rng.random() < 0.6 else rng.uniform(0.2, 0.4)
        wording = rng.choice(["{n:,}", "more than {n:,}", "about {n:,}"])
        return wording.format(n=max(1, round(t * factor)))

    def rows(self):
        rng = self.rng
        accuser, accused = self.sides[0], self.sides[1]
        previous = None
        for i, day in enumerate(self.days):
            side = rng.choice(self.sides)
            claimant = self.voice(side)
            stated_on = START + datetime.timedelta(days=day)
            stance, accused_side, figure = "asserts", "", ""
            if self.kind == "figure":
                if i in self.dissent:
                    if previous is not None and rng.random() < 0.3:
                        side, claimant, stated_on = previous  # a misreport of what a voice said that day
                    figure = self.dissenting_figure(day)
                else:
                    figure = self.consensus_figure(day)
            elif i in self.dissent:
                # The accused side answers: a denial, or blaming the accuser back.
                side, claimant = accused, self.voice(accused)
                stance, accused_side = ("denies", accused) if rng.random() < 0.7 else ("asserts", accuser)
            else:
                side = rng.choice([s for s in self.sides if s != accused])
                claimant, accused_side = self.voice(side), accused
            previous = (side, claimant, stated_on)
            yield self.row(i, side, claimant, stated_on, stance, accused_side, figure)

    def row(self, i, side, claimant, stated_on, stance, accused_side, figure) -> dict:
        rng, topic = self.rng, self.number
        document = i // 3
        titled_only = document % 10 == 9
        row = {
            "external_id": f"bench-{self.first_id + i}",
            "topic": f"Bench topic {topic}",
            "topic_kind": self.kind,
            "metric": "deaths" if self.kind == "figure" else "",
            "cumulative": "true" if self.cumulative else "false",
            "window_days": "2",
            "claimant": claimant,
            "claimant_kind": "government",
            "side": side,
            "stated_on": stated_on.isoformat(),
            "stance": stance,
            "accused_side": accused_side,
            "figure": figure,
            "statement": f"Synthetic claim {self.first_id + i} on topic {topic}.",
            "source_url": "" if titled_only else f"https://bench.example.org/{topic}/{document}",
            "source_title": f"Bench report {topic}-{document}",
            "outlet": OUTLETS[(topic * 7 + document) % len(OUTLETS)],
            "published_on": stated_on.isoformat(),
            "via_url": "",
            "via_title": "",
            "status": "published",
        }
        if rng.random() < 0.2:
            row["via_url"] = f"https://bench.example.org/statements/{claimant.replace(' ', '-')}/{stated_on}"
            row["via_title"] = f"Statement by {claimant}, {stated_on}"
        if self.profile == "news":
            self._news(row, i, claimant, stated_on, figure)
        return row

    def _news(self, row: dict, i: int, claimant: str, stated_on, figure: str) -> None:
        """Make the row look like a news archive's: its own article mostly, words, a quote, any status."""
        rng, topic = self.rng, self.number
        document = i * 3 // 5  # 0.6 documents per claim, and the relayed statements make 0.8
        row["source_url"] = f"https://news.example.org/{topic}/{document}"
        row["outlet"] = OUTLETS[(topic * 7 + document) % len(OUTLETS)]
        row["source_title"] = f"{row['outlet']} report {topic}-{document}"
        place = rng.choice(PLACES)
        what = f"{figure} people were killed" if figure else "the other side attacked"
        row["statement"] = (f"{claimant} said on {stated_on:%d %B %Y} that {what} in {place}, in a statement "
                            f"carried by {row['outlet']} (claim {self.first_id + i} on topic {topic}).")
        row["quote"] = f"We can confirm that {what} in {place}; our teams counted them one by one."
        row["language"] = "en"
        row["attribution"] = "direct_quote"
        row["status"] = rng.choice(NEWS_STATUSES)


def generate(n: int, out, seed: int = 1, profile: str = "bench") -> int:
    """Write `n` claims as CSV to `out` in a profile ("bench" or "news"); return the number of topics."""
    rng = random.Random(seed)
    writer = csv.DictWriter(out, fieldnames=NEWS_COLUMNS if profile == "news" else COLUMNS)
    writer.writeheader()
    written = topics = 0
    while written < n:
        size = min(rng.randint(10, 500), n - written)
        writer.writerows(_Topic(rng, topics, size, written, profile=profile).rows())
        written += size
        topics += 1
    return topics


def generate_topic(size: int, out, *, kind: str = "figure", seed: int = 1) -> None:
    """Write one topic of `size` claims as CSV to `out` (for timing a save in a large topic)."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(_Topic(random.Random(seed), 0, size, 0, kind=kind).rows())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of claims")
    parser.add_argument("path", help="output CSV path ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", choices=PROFILES, default="bench", help="the benchmark's data, or news-shaped")
    args = parser.parse_args(argv)
    if args.path == "-":
        topics = generate(args.n, sys.stdout, args.seed, args.profile)
    else:
        with open(args.path, "w", newline="", encoding="utf-8") as out:
            topics = generate(args.n, out, args.seed, args.profile)
    print(f"{args.n} claims in {topics} topics", file=sys.stderr)


if __name__ == "__main__":
    main()
