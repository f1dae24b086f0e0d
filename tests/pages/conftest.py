"""Disputes built through the services, so that flags and `contested` are what production computes."""

import datetime
from types import SimpleNamespace

import pytest

from claims.bulk import analyze
from claims.contradictions import contradictions_recompute_topic
from claims.models import Appearance, Claim, Contradiction
from claims.services import claim_create
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    DocumentFactory,
    OutletFactory,
    PropositionTopicFactory,
    SideFactory,
    TopicFactory,
)

OCT_22 = datetime.date(2020, 10, 22)
OCT_26 = datetime.date(2020, 10, 26)


def make_claim(**fields):
    """Create a claim through claim_create (flags recomputed), published unless told otherwise."""
    fields.setdefault("status", Claim.Status.PUBLISHED)
    fields.setdefault("side", fields["claimant"].side)
    fields.setdefault("user", None)  # seeded as the operator loads an archive
    return claim_create(**fields)


@pytest.fixture
def sides(db):
    return SimpleNamespace(
        armenia=SideFactory(name="Armenia", slug="armenia", colour="#d9480f"),
        azerbaijan=SideFactory(name="Azerbaijan", slug="azerbaijan", colour="#1c7ed6"),
        russia=SideFactory(name="Russia", slug="russia", colour="#5f3dc4"),
    )


@pytest.fixture
def dispute(sides):
    """A figure dispute (Armenian deaths: 729 vs at least 5,000 vs more than 2,000) and a denial on Terter.

    Also a draft claim on each topic, which the public must never see.
    """
    deaths = TopicFactory(name="Military deaths, Armenia", slug="military-deaths-armenia",
                          metric="military deaths", counted_side=sides.armenia)
    terter = PropositionTopicFactory(name="Armenian forces shelled Terter after the ceasefire", slug="terter")

    mod = ActorFactory(name="Armenian Ministry of Defence", kind="military", role="", side=sides.armenia)
    aliyev = ActorFactory(name="Ilham Aliyev", role="President of Azerbaijan", side=sides.azerbaijan)
    putin = ActorFactory(name="Vladimir Putin", role="President of Russia", side=sides.russia)
    azeri = ActorFactory(name="Azeri officials", kind="unnamed_group", side=sides.azerbaijan)
    armenian = ActorFactory(name="Armenian officials", kind="unnamed_group", side=sides.armenia)

    kremlin = OutletFactory(name="Kremlin", url="http://en.kremlin.ru/", kind="government")
    reuters = OutletFactory(name="Reuters", url="https://www.reuters.com/", kind="news_agency")
    wsws = OutletFactory(name="World Socialist Web Site", url="https://www.wsws.org/", kind="newspaper")
    transcript = DocumentFactory(outlet=kremlin, title="Meeting with the Valdai Club", url="http://en.kremlin.ru/64261",
                                 published_on=OCT_22)
    wire = DocumentFactory(outlet=reuters, title="Putin says Karabakh death toll nearing 5,000",
                           url="https://www.reuters.com/article/putin-karabakh", published_on=OCT_22)
    wire.cites.add(transcript)
    article = DocumentFactory(outlet=wsws, title="Casualties mount in Armenian-Azeri war",
                              url="https://www.wsws.org/en/articles/2020/10/30/arme-o30.html",
                              published_on=datetime.date(2020, 10, 30))
    article.cites.add(wire)
    ministry_post = DocumentFactory(outlet=None, title="Ministry of Defence daily update",
                                    url="https://mil.am/en/news/8650", published_on=OCT_22)

    armenia_count = make_claim(topic=deaths, claimant=mod, stated_on=OCT_22, figure="729",
                               statement="729 Armenian servicemen have been killed.",
                               quote="Զոհվել է 729 զինծառայող", language="hy",
                               translation="729 servicemen have been killed")
    Appearance.objects.create(claim=armenia_count, document=ministry_post, role=Appearance.Role.PRIMARY)
    azerbaijan_count = make_claim(topic=deaths, claimant=aliyev, stated_on=OCT_22, figure="at least 5,000",
                                  statement="Armenia has lost at least 5,000 soldiers.",
                                  verdict=Claim.Verdict.UNVERIFIABLE)
    putin_count = make_claim(topic=deaths, claimant=putin, stated_on=OCT_22, figure="more than 2,000",
                             statement="More than 2,000 dead on each side.",
                             quote="There are a lot of casualties from both sides, more than 2,000 from each side.",
                             verdict=Claim.Verdict.MISLEADING)
    for document, role, quote in (
        (transcript, Appearance.Role.PRIMARY, "more than 2,000 from each side"),
        (wire, Appearance.Role.REPORT, "more than 2,000 on each side"),
        (article, Appearance.Role.REPORT, "more than 2,000 from each side"),
    ):
        Appearance.objects.create(claim=putin_count, document=document, role=role, quote=quote)
    deaths_draft = make_claim(topic=deaths, claimant=mod, stated_on=OCT_26, figure="nearly 9,999",
                              statement="DRAFT-ONLY statement", status=Claim.Status.DRAFT)

    accusation = make_claim(topic=terter, claimant=azeri, stated_on=OCT_26, accused_side=sides.armenia,
                            statement="Armenian forces shelled Terter minutes after the ceasefire.",
                            quote="gross violation", attribution=Claim.Attribution.PARAPHRASE, figure=None)
    denial = make_claim(topic=terter, claimant=armenian, stated_on=OCT_26, accused_side=sides.armenia,
                        stance=Claim.Stance.DENIES, statement="Armenian forces did not shell Terter.",
                        attribution=Claim.Attribution.PARAPHRASE)
    terter_draft = make_claim(topic=terter, claimant=azeri, stated_on=OCT_26, accused_side=sides.armenia,
                              statement="DRAFT-ONLY accusation", status=Claim.Status.IN_REVIEW)
    return SimpleNamespace(
        deaths=deaths, terter=terter, armenia_count=armenia_count, azerbaijan_count=azerbaijan_count,
        putin_count=putin_count, deaths_draft=deaths_draft, accusation=accusation, denial=denial,
        terter_draft=terter_draft, transcript=transcript, wire=wire, article=article, ministry_post=ministry_post,
        mod=mod, putin=putin, aliyev=aliyev,
    )


def make_big_topic(sides, claims: int = 520, drafts: int = 5, slug: str = "big-toll"):
    """A figure topic of `claims` published claims by three sides (and `drafts` drafts), with sources and flags.

    Claims fall on 60 days, so many share a date and the pages' order rests on the id as well; every
    hundredth claim is a loud outlier ("more than 3,000" against about 1,000), flagged against claims
    on other pages. Built in bulk, its flags computed once and the planner's statistics refreshed,
    as an import of many rows does (claims.bulk.analyze).
    """
    topic = TopicFactory(name="Big toll", slug=slug, cumulative=False)
    voices = [ActorFactory(side=side) for side in (sides.armenia, sides.azerbaijan, sides.russia) for _ in range(5)]
    documents = [DocumentFactory() for _ in range(20)]
    for n in range(1, 20):
        documents[n].cites.add(documents[n - 1])
    rows = Claim.objects.bulk_create(
        ClaimFactory.build(
            topic=topic, claimant=voices[n % 15], side=voices[n % 15].side,
            qualifier="more_than" if n % 100 == 0 else "approximately",
            value=3000 if n % 100 == 0 else 1000 + 10 * (n % 5),
            stated_on=OCT_22 + datetime.timedelta(days=n % 60), as_of=OCT_22 + datetime.timedelta(days=n % 60),
            status=Claim.Status.DRAFT if n >= claims else Claim.Status.PUBLISHED,
        )
        for n in range(claims + drafts)
    )
    Appearance.objects.bulk_create(
        Appearance(claim=claim, document=documents[n % 20],
                   role=Appearance.Role.PRIMARY if n % 20 == 0 else Appearance.Role.REPORT)
        for n, claim in enumerate(rows)
    )
    contradictions_recompute_topic(topic=topic)
    analyze(Claim, Appearance, Contradiction)
    return topic


def claim_order(topic, status=Claim.Status.PUBLISHED) -> list[int]:
    """Return the ids of the topic's claims in the order the dispute's pages list them (date stated, then id)."""
    return list(topic.claims.filter(status=status).order_by("stated_on", "pk").values_list("pk", flat=True))
