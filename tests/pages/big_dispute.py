"""A big dispute as an archive holds one: hundreds of claims from six sides over months (issue #19).

Each side keeps its own running toll, rising over the months at its own pace (the highest about
ten times the lowest), its voices relaying it with the wording of the day ("about", "at least",
"more than", an exact count); now and then a voice is an outlier. So the sides contradict one
another all along, as they do in a real war, and a reader needs the whole timeline to see who
says what. Built in bulk with the flags computed once, as an import of many rows does.
"""

from __future__ import annotations

import datetime
import random

from claims.bulk import analyze
from claims.contradictions import contradictions_recompute_topic
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side

START = datetime.date(2020, 9, 27)
# Name, slug and how high its toll runs against the lowest (the side that counts its own losses).
SIDES = (
    ("Northland", "northland", 1.0),
    ("Southland", "southland", 6.0),
    ("Eastmark", "eastmark", 2.5),
    ("Westria", "westria", 4.0),
    ("Monitors' mission", "monitors", 1.6),
    ("Independent researchers", "independent-researchers", 2.0),
)
WORDINGS = (("approximately", "about {n}"), ("at_least", "at least {n}"), ("more_than", "more than {n}"),
            ("exact", "{n}"))


def make_big_dispute(*, claims: int = 500, sides: int = 6, days: int = 180, slug: str = "big-dispute",
                     seed: int = 19) -> Topic:
    """Create a figure topic of `claims` published claims from `sides` sides over `days` days; return it."""
    rng = random.Random(seed)
    topic = Topic.objects.create(
        name="Northland military deaths (generated)", slug=slug, kind=Topic.Kind.FIGURE,
        metric="military deaths", cumulative=True, window_days=2,
        description="A generated dispute: six sides' running tolls over six months, to see a big dispute at a glance.",
    )
    parties = [Side.objects.get_or_create(slug=s, defaults={"name": name})[0] for name, s, _ in SIDES[:sides]]
    factors = [factor for _, _, factor in SIDES[:sides]]
    voices = [
        Actor.objects.create(name=f"{side.name} {role}", kind=kind, side=side)
        for side in parties
        for role, kind in (("defence ministry", "military"), ("spokesperson", "person"), ("officials", "unnamed_group"))
    ]
    outlets = [Outlet.objects.create(name=f"Wire {n}", url=f"https://wire{n}.example.org/", kind="news_agency")
               for n in range(4)]
    rows = []
    for n in range(claims):
        day = START + datetime.timedelta(days=(n * days) // claims)
        voice = voices[rng.randrange(len(voices))]
        party = parties.index(voice.side)
        toll = 40 + 9 * (day - START).days  # the lowest side's running toll
        value = round(toll * factors[party] * rng.uniform(0.93, 1.07))
        if rng.random() < 0.02:  # an outlier: a voice far off its side's line
            value = round(value * rng.choice((0.3, 3.0)))
        qualifier, wording = WORDINGS[rng.randrange(len(WORDINGS))]
        rows.append(Claim(
            topic=topic, claimant=voice, side=voice.side, stated_on=day, as_of=day, qualifier=qualifier, value=value,
            figure_wording=wording.format(n=f"{value:,}"), status=Claim.Status.PUBLISHED,
            statement=f"{voice.name}: {wording.format(n=f'{value:,}')} {topic.metric} so far.",
            attribution=Claim.Attribution.PARAPHRASE, external_id=f"{slug}-{n}",
        ))
    rows = Claim.objects.bulk_create(rows)
    documents = Document.objects.bulk_create(
        Document(outlet=outlets[n % len(outlets)], title=f"Toll update {n}", url=f"https://wire.example.org/{slug}/{n}",
                 published_on=claim.stated_on)
        for n, claim in enumerate(rows)
    )
    Appearance.objects.bulk_create(
        Appearance(claim=claim, document=document, role=Appearance.Role.PRIMARY)
        for claim, document in zip(rows, documents, strict=True)
    )
    contradictions_recompute_topic(topic=topic)
    analyze(Claim, Appearance, Contradiction)
    return topic
