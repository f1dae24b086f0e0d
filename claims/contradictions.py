"""Keep contradiction flags in the database in step with the claims (DESIGN §5, §10).

The rules themselves are pure (`claims.rules`); this module loads their inputs,
persists what they find, keeps reviewers' rulings while the inputs stand, and
maintains each claim's `contested` mark.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.figures import format_figure
from claims.models import Claim, Contradiction, Topic
from claims.rules import ClaimFacts, Conflict, TopicRules, conflicts_with, explain, find_conflicts
from sources.models import Actor, Side

FACT_FIELDS = (
    "id",
    "claimant_id",
    "side_id",
    "stated_on",
    "stance",
    "accused_side_id",
    "qualifier",
    "value",
    "value_max",
    "as_of",
)


def topic_rules(topic: Topic) -> TopicRules:
    return TopicRules(
        kind=topic.kind,
        cumulative=topic.cumulative,
        window_days=topic.window_days,
        tolerance=settings.FIGURE_TOLERANCE,
    )


def rule_inputs(claim: Claim) -> tuple:
    """Return what the rules read of a claim; a change here reopens reviewed flags."""
    return (claim.topic_id, claim.status == Claim.Status.RETRACTED) + tuple(
        getattr(claim, field) for field in FACT_FIELDS[1:]
    )


def _digest(conflict: Conflict) -> str:
    return hashlib.md5(repr((conflict.a, conflict.b, conflict.kind)).encode(), usedforsecurity=False).hexdigest()


class _Namer:
    """Look up side and claimant names for explanations, a query per kind of name."""

    def __init__(self, conflicts: list[Conflict]):
        side_ids = {
            side_id
            for conflict in conflicts
            for c in (conflict.a, conflict.b)
            for side_id in (c.side_id, c.accused_side_id)
            if side_id is not None
        }
        actor_ids = {c.claimant_id for conflict in conflicts for c in (conflict.a, conflict.b)}
        self.sides = dict(Side.objects.filter(pk__in=side_ids).values_list("pk", "name")) if side_ids else {}
        self.actors = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name")) if actor_ids else {}

    def names(self, facts: ClaimFacts) -> tuple[str, str]:
        return self.sides[facts.side_id], self.actors[facts.claimant_id]

    def side_name(self, side_id: int) -> str:
        return self.sides[side_id]

    def explain(self, conflict: Conflict) -> str:
        return explain(conflict, self.names, self.figure_text, side_name=self.side_name)

    @staticmethod
    def figure_text(facts: ClaimFacts) -> str:
        if facts.qualifier is None:
            return ""
        return format_figure(facts.qualifier, facts.value, facts.value_max)


def _live_facts(topic_id: int, exclude_id: int | None = None) -> list[ClaimFacts]:
    rows = Claim.objects.filter(topic_id=topic_id).not_retracted()
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    return [ClaimFacts(*row) for row in rows.values_list(*FACT_FIELDS).iterator(chunk_size=5000)]


def _persist(topic_id: int, conflicts: list[Conflict], existing: Iterable[Contradiction]) -> Counter:
    """Write the flags found for some pairs, replacing `existing` (the flags previously held for those pairs)."""
    found = {(c.a.id, c.b.id): c for c in conflicts}
    namer = _Namer(conflicts)
    to_create, to_update, to_delete = [], [], []
    for flag in existing:
        conflict = found.pop((flag.claim_a_id, flag.claim_b_id), None)
        if conflict is None:
            to_delete.append(flag.pk)
            continue
        digest = _digest(conflict)
        fresh = (conflict.kind, conflict.severity, namer.explain(conflict), digest)
        if flag.inputs_digest != digest and flag.status != Contradiction.Status.OPEN:
            # A rule input changed since the reviewer ruled: the ruling no longer applies.
            flag.status, flag.reviewed_by, flag.reviewed_at, flag.note = Contradiction.Status.OPEN, None, None, ""
        elif (flag.kind, flag.severity, flag.explanation, flag.inputs_digest) == fresh:
            continue
        flag.kind, flag.severity, flag.explanation, flag.inputs_digest = fresh
        to_update.append(flag)
    for conflict in found.values():
        to_create.append(
            Contradiction(
                topic_id=topic_id,
                claim_a_id=conflict.a.id,
                claim_b_id=conflict.b.id,
                kind=conflict.kind,
                severity=conflict.severity,
                explanation=namer.explain(conflict),
                inputs_digest=_digest(conflict),
            )
        )
    if to_delete:
        Contradiction.objects.filter(pk__in=to_delete).delete()
    if to_update:
        now = timezone.now()
        for flag in to_update:
            flag.updated_at = now
        Contradiction.objects.bulk_update(
            to_update,
            ["kind", "severity", "explanation", "inputs_digest", "status", "reviewed_by", "reviewed_at", "note",
             "updated_at"],
            batch_size=1000,
        )
    if to_create:
        Contradiction.objects.bulk_create(to_create, batch_size=1000)
    return Counter(c.kind for c in conflicts)


def contested_refresh(claim_ids: Iterable[int]) -> None:
    """Recompute the `contested` mark of these claims from the live public flags."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return
    public = Contradiction.objects.public().filter(Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids))
    contested = set()
    for a_id, b_id in public.values_list("claim_a_id", "claim_b_id"):
        contested.update({a_id, b_id})
    contested &= claim_ids
    Claim.objects.filter(pk__in=contested, contested=False).update(contested=True)
    Claim.objects.filter(pk__in=claim_ids - contested, contested=True).update(contested=False)


@transaction.atomic
def contradictions_recompute_topic(*, topic: Topic) -> Counter:
    """Rebuild every flag of one topic; reviewers' rulings stay while both claims' rule inputs stand."""
    Topic.objects.select_for_update().filter(pk=topic.pk).exists()
    conflicts = find_conflicts(_live_facts(topic.pk), topic_rules(topic))
    existing = list(Contradiction.objects.filter(topic=topic))
    counts = _persist(topic.pk, conflicts, existing)
    contested_refresh(Claim.objects.filter(topic=topic).values_list("pk", flat=True))
    return counts


@transaction.atomic
def contradictions_refresh_claim(*, claim: Claim) -> Counter:
    """Recompute only the pairs that include this claim, after it was created or changed."""
    Topic.objects.select_for_update().filter(pk=claim.topic_id).exists()
    existing = list(Contradiction.objects.involving(claim))
    partners = {flag.claim_a_id for flag in existing} | {flag.claim_b_id for flag in existing}
    if claim.status == Claim.Status.RETRACTED:
        conflicts = []
    else:
        topic = claim.topic
        facts = ClaimFacts(*(getattr(claim, field) for field in FACT_FIELDS))
        conflicts = conflicts_with(facts, _live_facts(topic.pk, exclude_id=claim.pk), topic_rules(topic))
    counts = _persist(claim.topic_id, conflicts, existing)
    partners |= {c.a.id for c in conflicts} | {c.b.id for c in conflicts}
    contested_refresh(partners | {claim.pk})
    return counts


def contradictions_recompute_all(*, topics=None, progress=None) -> Counter:
    """Rebuild the flags of every topic (or the given ones); returns counts by kind."""
    totals = Counter()
    topics = Topic.objects.order_by("pk") if topics is None else topics
    for topic in topics.iterator() if hasattr(topics, "iterator") else topics:
        totals.update(contradictions_recompute_topic(topic=topic))
        if progress is not None:
            progress(topic)
    return totals


@transaction.atomic
def contradiction_review(*, contradiction: Contradiction, user, status: str, note: str = "") -> Contradiction:
    """Confirm or dismiss a flag; the ruling holds until a rule input of either claim changes."""
    if status not in (Contradiction.Status.CONFIRMED, Contradiction.Status.DISMISSED, Contradiction.Status.OPEN):
        raise ValueError(f"unknown contradiction status {status!r}")
    contradiction.status = status
    contradiction.note = note
    contradiction.reviewed_by = user if status != Contradiction.Status.OPEN else None
    contradiction.reviewed_at = timezone.now() if status != Contradiction.Status.OPEN else None
    contradiction.full_clean()
    contradiction.save(update_fields=["status", "note", "reviewed_by", "reviewed_at", "updated_at"])
    contested_refresh([contradiction.claim_a_id, contradiction.claim_b_id])
    return contradiction


def contradiction_dismiss(*, contradiction: Contradiction, user, note: str = "") -> Contradiction:
    dismissed = Contradiction.Status.DISMISSED
    return contradiction_review(contradiction=contradiction, user=user, status=dismissed, note=note)


def contradiction_confirm(*, contradiction: Contradiction, user, note: str = "") -> Contradiction:
    confirmed = Contradiction.Status.CONFIRMED
    return contradiction_review(contradiction=contradiction, user=user, status=confirmed, note=note)

