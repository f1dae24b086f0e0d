"""Shared API fixtures: clients for each role (token authentication) and a small world of claims."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.contradictions import contradictions_recompute_all
from claims.models import Appearance, Claim, Contradiction
from tests.factories import (
    ActorFactory,
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    OutletFactory,
    PropositionTopicFactory,
    SideFactory,
    TopicFactory,
    UserFactory,
)

OCT = datetime.date(2020, 10, 1)


def day(n: int) -> datetime.date:
    return OCT + datetime.timedelta(days=n - 1)


TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def data_queries(captured) -> list[str]:
    """Return the SQL a request ran, leaving out the savepoints ATOMIC_REQUESTS opens inside the test's transaction."""
    sql = (query["sql"] for query in captured.captured_queries)
    return [statement for statement in sql if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL)]


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counters live in the cache; every test starts with none."""
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def editor_api(editor):
    return token_client(editor)


@pytest.fixture
def other_editor_api(other_editor):
    return token_client(other_editor)


@pytest.fixture
def reviewer_api(reviewer):
    return token_client(reviewer)


@pytest.fixture
def reader_api(db):
    """A signed-in user outside Editors and Reviewers: reads like the public, may not write."""
    return token_client(UserFactory(username="reader", is_staff=False))


@pytest.fixture
def world(db, editor, other_editor):
    """Two sides disagreeing on one figure topic and one proposition topic, with provenance and drafts.

    Published: Armenia's "2,300" (day 22, ministry post relayed by a newspaper) against Azerbaijan's
    "more than 5,000" (day 22): a figure_mismatch 2.2× apart; Azerbaijan's "Armenia shelled Terter" against
    Armenia's denial: a denial. Not published: the editor's draft (Armenia, "about 2,400") and the other
    editor's claim in review (Azerbaijan, "at least 6,000"); a retracted claim.
    """
    armenia = SideFactory(name="Armenia", slug="armenia", colour="#d90012")
    azerbaijan = SideFactory(name="Azerbaijan", slug="azerbaijan", colour="#00b5e2")
    hidden_side = SideFactory(name="Russia", slug="russia", colour="#1c3578")
    mod_am = ActorFactory(name="Armenian Ministry of Defence", kind="military", role="", side=armenia)
    mod_az = ActorFactory(name="Azerbaijani Ministry of Defence", kind="military", role="", side=azerbaijan)
    aliyev = ActorFactory(name="Ilham Aliyev", kind="person", role="President of Azerbaijan", side=azerbaijan)
    draft_voice = ActorFactory(name="Unnamed Armenian official", kind="unnamed_group", side=armenia)
    deaths = TopicFactory(name="Military deaths, Armenia", slug="military-deaths-armenia", counted_side=armenia)
    shelling = PropositionTopicFactory(name="Shelling of Terter", slug="shelling-of-terter")
    secret_topic = TopicFactory(name="Drones lost", slug="drones-lost", metric="drones")

    ministry = OutletFactory(name="Armenian MoD", url="https://mil.am/", kind="government")
    paper = OutletFactory(name="The Daily", url="https://daily.example.org/", kind="newspaper")
    post = DocumentFactory(outlet=ministry, title="Casualty update", url="https://mil.am/post-1",
                           published_on=day(22), author="")
    relay = DocumentFactory(outlet=paper, title="Armenia gives toll", url="https://daily.example.org/toll",
                            published_on=day(23), author="A. Writer")
    relay.cites.add(post)
    az_doc = DocumentFactory(outlet=None, title="Azerbaijani MoD statement", url="https://mod.gov.az/s1",
                             published_on=day(22), author="")
    memo = DocumentFactory(outlet=None, title="Internal memo", url="https://example.org/memo", published_on=day(25))

    am = ClaimFactory(topic=deaths, claimant=mod_am, side=armenia, stated_on=day(22), statement="Armenia: 2,300 dead.",
                      qualifier="exact", value=2300, external_id="am-2300", quote="2300 զոհ", language="hy",
                      translation="2300 dead", verdict=Claim.Verdict.MOSTLY_ACCURATE)
    az = ClaimFactory(topic=deaths, claimant=mod_az, side=azerbaijan, stated_on=day(22), accused_side=None,
                      statement="Azerbaijan: more than 5,000 Armenian soldiers dead.", qualifier="more_than",
                      value=5000, external_id="az-5000")
    accuse = ClaimFactory(topic=shelling, claimant=aliyev, side=azerbaijan, stated_on=day(27), qualifier=None,
                          value=None, as_of=None, accused_side=armenia, statement="Armenia shelled Terter.",
                          external_id="az-terter")
    deny = ClaimFactory(topic=shelling, claimant=mod_am, side=armenia, stated_on=day(27), qualifier=None, value=None,
                        as_of=None, stance="denies", accused_side=armenia, statement="Armenia did not shell Terter.",
                        external_id="am-terter")
    draft = ClaimFactory(topic=deaths, claimant=draft_voice, side=armenia, stated_on=day(24), qualifier="approximately",
                         value=2400, status=Claim.Status.DRAFT, created_by=editor, statement="About 2,400.",
                         external_id="draft")
    in_review = ClaimFactory(topic=deaths, claimant=mod_az, side=azerbaijan, stated_on=day(25), qualifier="at_least",
                             value=6000, status=Claim.Status.IN_REVIEW, created_by=other_editor,
                             statement="At least 6,000.", external_id="review")
    secret = ClaimFactory(topic=secret_topic, claimant=draft_voice, side=armenia, stated_on=day(25), value=3,
                          status=Claim.Status.DRAFT, created_by=other_editor, external_id="secret",
                          statement="Three drones lost.")
    retracted = ClaimFactory(topic=deaths, claimant=mod_am, side=armenia, stated_on=day(10), value=10,
                             status=Claim.Status.RETRACTED, retraction_reason="Misread.", external_id="retracted",
                             statement="Ten dead.")
    AppearanceFactory(claim=am, document=post, role=Appearance.Role.PRIMARY, quote="2300 զոհ")
    AppearanceFactory(claim=am, document=relay, role=Appearance.Role.REPORT, quote="2,300 soldiers")
    AppearanceFactory(claim=az, document=az_doc, role=Appearance.Role.PRIMARY, quote="")
    AppearanceFactory(claim=secret, document=memo, role=Appearance.Role.PRIMARY, quote="")
    contradictions_recompute_all()
    for claim in (am, az, accuse, deny, draft, in_review, secret, retracted):
        claim.refresh_from_db()
    mismatch = Contradiction.objects.get(claim_a=am, claim_b=az)
    denial = Contradiction.objects.get(claim_a=accuse, claim_b=deny)
    draft_vs_az = Contradiction.objects.get(claim_a=az, claim_b=draft)
    draft_vs_review = Contradiction.objects.get(claim_a=draft, claim_b=in_review)
    return SimpleNamespace(**locals())


def side_ref(side):
    return {"id": side.pk, "slug": side.slug, "name": side.name, "wikidata": side.wikidata}


def topic_ref(topic):
    return {"id": topic.pk, "slug": topic.slug, "name": topic.name, "kind": topic.kind}


def document_ref(document):
    outlet = document.outlet
    return {
        "id": document.pk,
        "title": document.title,
        "url": document.url,
        "outlet": {"id": outlet.pk, "name": outlet.name} if outlet else None,
        "author": document.author,
        "published_on": document.published_on.isoformat() if document.published_on else None,
        "language": document.language,
    }


def stamps(claim):
    return {"version": claim.version, "created_at": claim.created_at.isoformat(),
            "updated_at": claim.updated_at.isoformat()}


def am_body(w) -> dict:
    """The Armenian ministry's published "2,300", as every claim endpoint shows it (literal, field by field)."""
    return {
        "id": w.am.pk,
        "external_id": "am-2300",
        "topic": topic_ref(w.deaths),
        "claimant": {"id": w.mod_am.pk, "name": "Armenian Ministry of Defence", "kind": "military", "role": "",
                     "wikidata": ""},
        "side": side_ref(w.armenia),
        "accused_side": None,
        "stated_on": "2020-10-22",
        "statement": "Armenia: 2,300 dead.",
        "quote": "2300 զոհ",
        "language": "hy",
        "translation": "2300 dead",
        "attribution": "direct_quote",
        "stance": "asserts",
        "figure": {
            "wording": "2,300",
            "reading": "2,300",
            "qualifier": "exact",
            "value": 2300,
            "value_max": None,
            "as_of": "2020-10-22",
            "interval": {"low": 2300.0, "high": 2300.0, "low_open": False, "high_open": False},
        },
        "status": "published",
        "verdict": "mostly_accurate",
        "retraction_reason": "",
        "contested": True,
        "contradictions": [w.mismatch.pk],
        "provenance": [
            {"document": document_ref(w.post), "depth": 0, "role": "primary", "quote": "2300 զոհ", "also_relays": []},
            {"document": document_ref(w.relay), "depth": 1, "role": "report", "quote": "2,300 soldiers",
             "also_relays": []},
        ],
        "origin_count": 1,
        **stamps(w.am),
    }


def az_body(w) -> dict:
    return {
        "id": w.az.pk,
        "external_id": "az-5000",
        "topic": topic_ref(w.deaths),
        "claimant": {"id": w.mod_az.pk, "name": "Azerbaijani Ministry of Defence", "kind": "military", "role": "",
                     "wikidata": ""},
        "side": side_ref(w.azerbaijan),
        "accused_side": None,
        "stated_on": "2020-10-22",
        "statement": "Azerbaijan: more than 5,000 Armenian soldiers dead.",
        "quote": "",
        "language": "en",
        "translation": "",
        "attribution": "paraphrase",
        "stance": "asserts",
        "figure": {
            "wording": "more than 5,000",
            "reading": "more than 5,000",
            "qualifier": "more_than",
            "value": 5000,
            "value_max": None,
            "as_of": "2020-10-22",
            "interval": {"low": 5000.0, "high": None, "low_open": True, "high_open": False},
        },
        "status": "published",
        "verdict": "unrated",
        "retraction_reason": "",
        "contested": True,
        "contradictions": [w.mismatch.pk],
        "provenance": [
            {"document": document_ref(w.az_doc), "depth": 0, "role": "primary", "quote": "", "also_relays": []},
        ],
        "origin_count": 1,
        **stamps(w.az),
    }


def proposition_body(w, claim, *, claimant, side, stance, statement, external_id) -> dict:
    return {
        "id": claim.pk,
        "external_id": external_id,
        "topic": topic_ref(w.shelling),
        "claimant": claimant,
        "side": side_ref(side),
        "accused_side": side_ref(w.armenia),
        "stated_on": "2020-10-27",
        "statement": statement,
        "quote": "",
        "language": "en",
        "translation": "",
        "attribution": "paraphrase",
        "stance": stance,
        "figure": None,
        "status": "published",
        "verdict": "unrated",
        "retraction_reason": "",
        "contested": True,
        "contradictions": [w.denial.pk],
        "provenance": [],
        "origin_count": 0,
        **stamps(claim),
    }


def accuse_body(w) -> dict:
    claimant = {"id": w.aliyev.pk, "name": "Ilham Aliyev", "kind": "person", "role": "President of Azerbaijan",
                "wikidata": ""}
    return proposition_body(w, w.accuse, claimant=claimant, side=w.azerbaijan, stance="asserts",
                            statement="Armenia shelled Terter.", external_id="az-terter")


def deny_body(w) -> dict:
    claimant = {"id": w.mod_am.pk, "name": "Armenian Ministry of Defence", "kind": "military", "role": "",
                "wikidata": ""}
    return proposition_body(w, w.deny, claimant=claimant, side=w.armenia, stance="denies",
                            statement="Armenia did not shell Terter.", external_id="am-terter")


def claim_summary(claim) -> dict:
    return {
        "id": claim.pk,
        "claimant": {"id": claim.claimant.pk, "name": claim.claimant.name},
        "side": side_ref(claim.side),
        "stated_on": claim.stated_on.isoformat(),
        "statement": claim.statement,
        "stance": claim.stance,
        "figure": claim.figure_text or None,
        "status": claim.status,
    }


def mismatch_body(w) -> dict:
    return {
        "id": w.mismatch.pk,
        "topic": topic_ref(w.deaths),
        "kind": "figure_mismatch",
        "severity": 5000 / 2300,
        "severity_label": "2.2×",
        "gap_score": 1.157,
        "explanation": "Armenia (Armenian Ministry of Defence, 22 Oct 2020): 2,300 — Azerbaijan (Azerbaijani "
        "Ministry of Defence, 22 Oct 2020): more than 5,000 — at least 2.2× apart.",
        "status": "open",
        "claim_a": claim_summary(w.am),
        "claim_b": claim_summary(w.az),
    }


def denial_body(w) -> dict:
    return {
        "id": w.denial.pk,
        "topic": topic_ref(w.shelling),
        "kind": "denial",
        "severity": None,
        "severity_label": None,
        "gap_score": None,
        "explanation": "Azerbaijan (Ilham Aliyev, 27 Oct 2020) accuses Armenia; Armenia (Armenian Ministry of "
        "Defence, 27 Oct 2020) denies it.",
        "status": "open",
        "claim_a": claim_summary(w.accuse),
        "claim_b": claim_summary(w.deny),
    }
