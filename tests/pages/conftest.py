"""Disputes built through the services, so that flags and `contested` are what production computes."""

import datetime
from types import SimpleNamespace

import pytest

from claims.models import Appearance, Claim
from claims.services import claim_create
from tests.factories import (
    ActorFactory,
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
