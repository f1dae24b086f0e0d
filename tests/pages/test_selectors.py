"""claims.selectors: the reads the pages and the API share (DESIGN §3, §10)."""

import datetime

import pytest

from claims import selectors, visibility
from claims.contradictions import contradictions_recompute_all
from claims.models import Appearance, Claim
from claims.rules import INF
from tests.factories import ActorFactory, ClaimFactory, DocumentFactory, SideFactory, TopicFactory
from tests.pages.conftest import OCT_22, make_claim

PRIMARY, REPORT = Appearance.Role.PRIMARY, Appearance.Role.REPORT


def chain(claim):
    """Return a claim's chain as (depth, role, title, also-relays titles) and its origin count."""
    claim = Claim.objects.prefetch_related(selectors.appearances_prefetch()).get(pk=claim.pk)
    provenance = selectors.provenance_chain(claim)
    links = [(link.depth, link.role, link.document.title, [d.title for d in link.also_relays])
             for link in provenance.links]
    return links, provenance.origin_count


def doc(title, *cites, day=22):
    document = DocumentFactory(title=title, published_on=datetime.date(2020, 10, day))
    document.cites.add(*cites)
    return document


@pytest.fixture
def claim(db):
    return ClaimFactory()


def appear(claim, document, role=REPORT):
    Appearance.objects.create(claim=claim, document=document, role=role)


def test_chain_runs_from_the_primary_through_its_relays(claim):
    """Relays hang under what they cite, in date order, and ten of them still make one origin."""
    post = doc("Ministry post")
    appear(claim, post, PRIMARY)
    for n in range(10):
        appear(claim, doc(f"Relay {n}", post, day=23 + n % 3))
    links, origins = chain(claim)
    assert origins == 1
    assert links[0] == (0, "primary", "Ministry post", [])
    assert [(depth, role) for depth, role, _, _ in links[1:]] == [(1, "report")] * 10
    assert [title for _, _, title, _ in links[1:]] == [
        "Relay 0", "Relay 3", "Relay 6", "Relay 9", "Relay 1", "Relay 4", "Relay 7", "Relay 2", "Relay 5", "Relay 8",
    ]


def test_chain_shows_documents_cited_on_the_way(claim):
    """A relay reaching the primary through a document not recorded for the claim shows it as a source."""
    transcript = doc("Transcript")
    wire = doc("Wire story", transcript)
    appear(claim, transcript, PRIMARY)
    appear(claim, doc("Blog", wire, day=30))
    assert chain(claim) == ([
        (0, "primary", "Transcript", []),
        (1, "source", "Wire story", []),
        (2, "report", "Blog", []),
    ], 1)


def test_citations_that_lead_elsewhere_are_left_out(claim):
    """A report citing documents unrelated to this claim is an origin of its own; its other citations stay out."""
    interview = doc("FT interview with someone else")
    appear(claim, doc("Article", interview))
    assert chain(claim) == ([(0, "report", "Article", [])], 1)


def test_independent_origins_are_counted(claim):
    """Two primaries and an unsourced report are three origins; a relay of both primaries notes the second."""
    first, second = doc("Statement A"), doc("Statement B", day=23)
    appear(claim, first, PRIMARY)
    appear(claim, second, PRIMARY)
    appear(claim, doc("Round-up", first, second, day=24))
    appear(claim, doc("Anonymous report", day=21))
    assert chain(claim) == ([
        (0, "primary", "Statement A", []),
        (1, "report", "Round-up", ["Statement B"]),
        (0, "primary", "Statement B", []),
        (0, "report", "Anonymous report", []),
    ], 3)


def test_reports_citing_each_other_in_a_circle(claim):
    """Two reports citing each other (bad data) make one origin and the walk ends."""
    a, b = doc("A"), doc("B", day=23)
    a.cites.add(b)
    b.cites.add(a)
    appear(claim, a)
    appear(claim, b)
    assert chain(claim) == ([(0, "report", "A", ["B"]), (1, "report", "B", [])], 1)


def test_claim_without_documents(claim):
    """No appearances: an empty chain and no origin."""
    assert chain(claim) == ([], 0)
    assert selectors.origin_count(Claim.objects.prefetch_related("appearances").get(pk=claim.pk)) == 0


def test_provenances_of_many_claims_in_one_query(django_assert_num_queries, db):
    """Chains for many claims cost one query: appearances, citations and documents together."""
    source = doc("Source")
    claims = []
    for n in range(5):
        claim = ClaimFactory()
        appear(claim, doc(f"Relay {n}", source))
        appear(claim, source, PRIMARY)
        claims.append(claim)
    ids = [claim.pk for claim in claims]
    loaded = list(Claim.objects.filter(pk__in=ids))
    with django_assert_num_queries(1):
        chains = selectors.provenances(loaded)
    assert {pk: p.origin_count for pk, p in chains.items()} == {c.pk: 1 for c in claims}


def test_dispute_list_annotations(dispute):
    """dispute_list ranks and annotates topics: severity, top kind and sentence, public claim count, latest date."""
    topics = selectors.dispute_list(None)
    assert [
        (t.slug, t.max_severity is not None and round(t.max_severity, 3), t.top_kind, t.claim_count, t.latest_claim_on)
        for t in topics
    ] == [
        ("military-deaths-armenia", round(5000 / 729, 3), "figure_mismatch", 3, OCT_22),
        ("terter", False, "denial", 2, datetime.date(2020, 10, 26)),
    ]
    sided = selectors.dispute_sides(topics)
    assert [[s.name for s in t.sides] for t in sided] == [
        ["Armenia", "Azerbaijan", "Russia"], ["Armenia", "Azerbaijan"],
    ]


def test_dispute_list_for_staff(dispute, reviewer, editor):
    """For a reviewer, claims in review and drafts count; any live flag between visible claims makes a dispute."""
    assert [(t.slug, t.claim_count) for t in selectors.dispute_list(reviewer)] == [
        ("military-deaths-armenia", 4), ("terter", 3),
    ]
    assert [(t.slug, t.claim_count) for t in selectors.dispute_list(editor)] == [
        ("military-deaths-armenia", 3), ("terter", 3),
    ]
    assert [value for value, _ in visibility.kinds_visible(reviewer)] == [
        "figure_mismatch", "internal_inconsistency", "conflicting_reports", "downward_revision", "denial",
        "counter_accusation",
    ]


def test_integrity_flags_stay_out_of_the_public_ranking(sides, reviewer):
    """Two voices of one side disagreeing is an editor's flag: no public dispute, a staff one."""
    topic = TopicFactory(slug="internal")
    make_claim(topic=topic, claimant=ActorFactory(side=sides.armenia), stated_on=OCT_22, figure="10")
    make_claim(topic=topic, claimant=ActorFactory(side=sides.armenia), stated_on=OCT_22, figure="50")
    assert list(selectors.dispute_list(None)) == []
    assert [(t.slug, t.top_kind) for t in selectors.dispute_list(reviewer)] == [("internal", "internal_inconsistency")]


def test_infinite_severity_ranks_first(sides):
    """An infinite gap (against a zero count) ranks above every finite one."""
    for slug, low in (("finite", "10"), ("infinite", "0")):
        topic = TopicFactory(slug=slug)
        make_claim(topic=topic, claimant=ActorFactory(side=sides.armenia), stated_on=OCT_22, figure=low)
        make_claim(topic=topic, claimant=ActorFactory(side=sides.azerbaijan), stated_on=OCT_22, figure="100")
    assert [(t.slug, t.max_severity) for t in selectors.dispute_list(None)] == [("infinite", INF), ("finite", 10.0)]


def test_dispute_detail_structure(dispute):
    """dispute_detail gives columns by side name, claims in date order with flags attached, flags largest first."""
    detail = selectors.dispute_detail(selectors.dispute_topics().get(pk=dispute.deaths.pk))
    assert [(col.side.name, [c.pk for c in col.claims]) for col in detail.columns] == [
        ("Armenia", [dispute.armenia_count.pk]),
        ("Azerbaijan", [dispute.azerbaijan_count.pk]),
        ("Russia", [dispute.putin_count.pk]),
    ]
    assert [round(f.severity, 2) for f in detail.contradictions] == [6.86, 2.74]
    armenia = detail.columns[0].claims[0]
    assert [flag.other.pk for flag in armenia.flags] == [dispute.azerbaijan_count.pk, dispute.putin_count.pk]
    assert armenia.provenance.origin_count == 1
    assert round(detail.max_severity, 2) == 6.86
    assert not detail.more_contradictions
    assert (detail.claim_count, detail.earlier, detail.later, detail.is_whole) == (3, None, None, True)


def test_dispute_detail_caps_flags(sides):
    """A topic with more flags than the page lists says so."""
    topic = TopicFactory(slug="many", cumulative=False)
    for n in range(12):
        ClaimFactory(topic=topic, side=sides.armenia if n % 2 else sides.azerbaijan, value=10 ** (n % 6 + 1))
    contradictions_recompute_all()
    assert topic.contradictions.count() > 5
    detail = selectors.dispute_detail(selectors.dispute_topics().get(pk=topic.pk), flag_limit=5)
    assert len(detail.contradictions) == 5
    assert detail.more_contradictions


def test_sides_in_disputes_lists_sides_with_public_claims(dispute):
    """The side menu lists sides with a public claim; a side with only drafts is not offered."""
    SideFactory(name="Iran", slug="iran")
    make_claim(topic=dispute.deaths, claimant=ActorFactory(side=SideFactory(name="Turkey", slug="turkey")),
               stated_on=OCT_22, figure="3", status=Claim.Status.DRAFT)
    assert [s.slug for s in selectors.sides_in_disputes()] == ["armenia", "azerbaijan", "russia"]
