"""Keep contradiction flags in the database in step with the claims (DESIGN §5, §10).

The rules themselves are pure (`claims.rules`); this module loads their inputs,
persists what they find, keeps reviewers' rulings while the inputs stand, and
maintains each claim's `contested` mark.
"""

import hashlib
import multiprocessing
import os
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from operator import itemgetter
from typing import NamedTuple

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from claims import policy
from claims.bulk import bulk_update, chunks, collecting_less, insert_rows
from claims.figures import format_figure
from claims.models import PUBLIC_KINDS, Claim, Contradiction, Topic
from claims.rules import (
    CONTESTING_KINDS,
    ClaimFacts,
    Conflict,
    Interval,
    Kind,
    TopicRules,
    conflicts_with,
    explain,
    find_conflicts,
    gap_score,
    interval_for,
)
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
_BATCH_CLAIMS = 20_000  # claims whose topics are recomputed together, in one transaction
_SHARE_CLAIMS = 1_000  # the smallest batch when processes share a recompute (a batch costs a few queries)
_SHARED_FROM = 8_000  # claims from which processes share a recompute (below, forking and reconnecting cost more)
_MAX_WORKERS = 4  # processes sharing a recompute at most
_IN_LIST = 1000  # ids per IN (...) list


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


def _digest_of(a: str, b: str, kind: str) -> str:
    """Return the digest of a flag's rule inputs from the reprs of its two ClaimFacts.

    It is stored with the flag and decides whether a reviewer's ruling survives, so it must stay
    what it has always been: the MD5 of `repr((conflict.a, conflict.b, conflict.kind))`
    (tests/claims/test_recompute_fast.py holds it to that).
    """
    return hashlib.md5(f"({a}, {b}, {kind!r})".encode(), usedforsecurity=False).hexdigest()


# The end of `_digest_of`'s text for each kind: ", 'figure_mismatch')".
_KIND_TAILS = {kind: f", {kind!r})".encode() for kind in Kind.values}


class Names(NamedTuple):
    """Names of sides and actors by id, as stored, that a caller already holds (maps with `get`)."""

    sides: dict
    actors: dict


class _Namer:
    """Word the explanations and digests of a batch of conflicts: names looked up once (a query per
    kind of name, for those `known` does not hold), each claim's figure worded once and its rule
    inputs written out once."""

    def __init__(self, conflicts: list[Conflict], wordings: dict[int, str] | None = None, known: Names | None = None):
        side_ids = {
            side_id
            for conflict in conflicts
            for c in (conflict.a, conflict.b)
            for side_id in (c.side_id, c.accused_side_id)
            if side_id is not None
        }
        actor_ids = {c.claimant_id for conflict in conflicts for c in (conflict.a, conflict.b)}
        self.sides, self.actors = {}, {}
        if known is not None:
            for ids, names, held in ((side_ids, self.sides, known.sides), (actor_ids, self.actors, known.actors)):
                for pk in list(ids):
                    name = held.get(pk)
                    if name is not None:
                        names[pk] = name
                        ids.discard(pk)
        if side_ids:
            self.sides.update(Side.objects.filter(pk__in=side_ids).values_list("pk", "name"))
        if actor_ids:
            self.actors.update(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name"))
        self.figures: dict[int, str] = {}
        self.reprs: dict[int, bytes] = {}
        self.wordings = wordings or {}  # claim id -> the figure as printed, where one was kept
        self.intervals: dict[int, Interval] = {}

    def names(self, facts: ClaimFacts) -> tuple[str, str]:
        return self.sides[facts.side_id], self.actors[facts.claimant_id]

    def side_name(self, side_id: int) -> str:
        return self.sides[side_id]

    def explain(self, conflict: Conflict) -> str:
        return explain(conflict, self.names, self.figure_text, side_name=self.side_name)

    def digest(self, conflict: Conflict) -> str:
        """Return the digest of the conflict's rule inputs, each claim's repr made once: a claim is in many pairs.

        The bytes hashed are `_digest_of`'s, put together from each claim's encoded repr.
        """
        reprs = self.reprs
        a, b = conflict.a, conflict.b
        ra = reprs.get(a.id) or self._repr(a)
        rb = reprs.get(b.id) or self._repr(b)
        return hashlib.md5(b"(" + ra + b", " + rb + _KIND_TAILS[conflict.kind], usedforsecurity=False).hexdigest()

    def _repr(self, facts: ClaimFacts) -> bytes:
        text = self.reprs[facts.id] = repr(facts).encode()
        return text

    def gap_score(self, conflict: Conflict) -> float | None:
        """Return the pair's ranking figure (`rules.gap_score`); None for propositions."""
        if conflict.severity is None:
            return None
        return round(gap_score(self._interval(conflict.a), self._interval(conflict.b)), 6)

    def _interval(self, facts: ClaimFacts) -> Interval:
        interval = self.intervals.get(facts.id)
        if interval is None:
            interval = interval_for(facts.qualifier, facts.value, facts.value_max, settings.FIGURE_TOLERANCE)
            self.intervals[facts.id] = interval
        return interval

    def figure_text(self, facts: ClaimFacts) -> str:
        """Return the figure as printed, its reading beside it where that says otherwise: "dozens (read as at
        least 12)". An explanation says what was said; the reading shows how the rules compared it."""
        text = self.figures.get(facts.id)
        if text is None:
            reading = "" if facts.qualifier is None else format_figure(facts.qualifier, facts.value, facts.value_max)
            text = figure_said(self.wordings.get(facts.id, ""), reading)
            self.figures[facts.id] = text
        return text


def figure_said(wording: str, reading: str) -> str:
    """Return a figure as printed with its reading beside it, or the reading alone when no other wording was kept."""
    wording = (wording or "").strip()
    if not reading or not wording or wording.casefold() == reading.casefold():
        return wording or reading
    return f"{wording} (read as {reading})"


def _live_facts(topic_id: int, wordings: dict[int, str], exclude_id: int | None = None) -> list[ClaimFacts]:
    """Return the rule inputs of a topic's live claims, and put their kept wordings in `wordings`."""
    rows = Claim.objects.filter(topic_id=topic_id).not_retracted().order_by()
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    facts = []
    for *values, wording in rows.values_list(*FACT_FIELDS, "figure_wording"):
        facts.append(ClaimFacts(*values))
        if wording:
            wordings[values[0]] = wording
    return facts


# What `_persist` reads of a stored flag: enough to tell whether it changed, as a plain row (a recompute reads
# two or more flags a claim; no model instance, nor even a named tuple, per flag).
_STORED = ["pk", "claim_a_id", "claim_b_id", "kind", "severity", "gap_score", "explanation", "inputs_digest", "status"]


def _stored(flags: QuerySet) -> list[tuple]:
    return _rows(flags.order_by().values_list(*_STORED))


def _rows(values: QuerySet) -> list[tuple]:
    """Return a values_list queryset's rows; on PostgreSQL straight from the cursor, without the ORM's work per row.

    A recompute reads every claim and flag of its topics, two rows a claim and more: the ORM's
    iteration cost as much as the rules. psycopg returns dates and numbers as the ORM would;
    elsewhere (SQLite dates come back as text) the queryset is read as usual.
    """
    if connections[values.db].vendor != "postgresql":
        return list(values)
    sql, params = values.query.sql_with_params()
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_FRESH_FIELDS = ["kind", "severity", "gap_score", "explanation", "inputs_digest", "updated_at"]
_REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at", "note"]
_NEW_FLAG_FIELDS = [
    "topic_id", "claim_a_id", "claim_b_id", "kind", "severity", "gap_score", "explanation", "inputs_digest",
    "status", "note", "created_at", "updated_at",
]  # reviewed_by and reviewed_at are left NULL


def _persist(
    found: dict[int, list[Conflict]], existing: Iterable[tuple], wordings: dict[int, str]
) -> tuple[Counter, list[tuple[int, int]]]:
    """Write the flags found (by topic id) for some pairs, replacing `existing`: the flags previously held for them.

    `wordings` gives the claims' figures as printed (by id), which the explanations quote. Return the
    flags by kind, and the claim pairs of the live public flags now held for these pairs.
    """
    by_pair = {(c.a.id, c.b.id): (topic_id, c) for topic_id, conflicts in found.items() for c in conflicts}
    counts = Counter(conflict.kind for _, conflict in by_pair.values())
    namer = _Namer([conflict for _, conflict in by_pair.values()], wordings)
    now = timezone.now()
    to_update, to_reopen, to_delete = [], [], []
    # The pairs whose flags are public and live once written: new flags are open; a stored one keeps its ruling.
    public = {pair for pair, (_, conflict) in by_pair.items() if conflict.kind in CONTESTING_KINDS}
    dismissed = Contradiction.Status.DISMISSED
    open_ = Contradiction.Status.OPEN
    for pk, a_id, b_id, *held, held_digest, status in existing:  # held: kind, severity, gap_score, explanation
        entry = by_pair.pop((a_id, b_id), None)
        if entry is None:
            to_delete.append(pk)
            continue
        conflict = entry[1]
        digest = namer.digest(conflict)
        fresh = (conflict.kind, conflict.severity, namer.gap_score(conflict), namer.explain(conflict), digest)
        reopen = held_digest != digest and status != open_
        if status == dismissed and not reopen:
            public.discard((a_id, b_id))
        if reopen:
            # A rule input changed since the reviewer ruled: the ruling no longer applies.
            batch = to_reopen
        elif (*held, held_digest) == fresh:
            continue
        else:
            batch = to_update
        kind, severity, score, explanation, digest = fresh
        # The review fields keep their defaults (open, no reviewer); only `to_reopen` writes them.
        batch.append(
            Contradiction(
                pk=pk, kind=kind, severity=severity, gap_score=score, explanation=explanation,
                inputs_digest=digest, updated_at=now,
            )
        )
    for chunk in chunks(to_delete, _IN_LIST):
        Contradiction.objects.filter(pk__in=chunk).delete()
    bulk_update(Contradiction, to_update, _FRESH_FIELDS)
    bulk_update(Contradiction, to_reopen, _FRESH_FIELDS + _REVIEW_FIELDS)
    # New flags as tuples, not instances (an import writes about one per claim): open, not reviewed.
    insert_rows(
        Contradiction,
        _NEW_FLAG_FIELDS,
        (
            (topic_id, conflict.a.id, conflict.b.id, conflict.kind, conflict.severity, namer.gap_score(conflict),
             namer.explain(conflict),
             namer.digest(conflict), Contradiction.Status.OPEN, "", now, now)
            for topic_id, conflict in by_pair.values()
        ),
    )
    return counts, list(public)


class NewFlags(NamedTuple):
    """The flags among new claims, worked out before the claims are written (`contradictions_flag_new`)."""

    counts: Counter
    contested: set[int]  # the claims to write as contested
    rows: list[tuple]  # the flags, as values of _NEW_FLAG_FIELDS

    def save(self) -> None:
        """Write the flags (after their claims: the foreign keys are checked at COMMIT anyway)."""
        insert_rows(Contradiction, _NEW_FLAG_FIELDS, self.rows)


def contradictions_flag_new(*, claims: list[Claim], names: Names | None = None) -> NewFlags:
    """Find the flags among new claims of topics that hold no other claim and no flag, before the claims are written.

    For an import's new topics: the same rules and the same flags as `contradictions_recompute_all`
    after the claims are written, and each claim's `contested` mark known beforehand, so a claim
    is written once rather than written and then updated (a second version of its row in every
    index). The claims need their keys (`claims.bulk.take_keys`) and their topics (final settings).
    `names` may hold the names of their sides and claimants, so that they are not looked up.
    """
    facts_of = itemgetter(*FACT_FIELDS)  # read from each claim's __dict__: its foreign keys' descriptors cost more
    by_topic: dict[int, list[ClaimFacts]] = defaultdict(list)
    topics: dict[int, Topic] = {}
    published = set()
    retracted, public = Claim.Status.RETRACTED, Claim.Status.PUBLISHED
    for claim in claims:
        values = claim.__dict__
        status = values["status"]
        if status == retracted:
            continue
        topic_id = values["topic_id"]
        by_topic[topic_id].append(ClaimFacts(*facts_of(values)))
        if topic_id not in topics:
            topics[topic_id] = claim.topic
        if status == public:
            published.add(values["id"])
    found = {topic_id: find_conflicts(facts, topic_rules(topics[topic_id])) for topic_id, facts in by_topic.items()}
    conflicts = [(topic_id, conflict) for topic_id, listed in found.items() for conflict in listed]
    wordings = {claim.id: claim.figure_wording for claim in claims if claim.figure_wording}
    namer = _Namer([conflict for _, conflict in conflicts], wordings, names)
    now = timezone.now()
    rows = [
        (topic_id, conflict.a.id, conflict.b.id, conflict.kind, conflict.severity, namer.gap_score(conflict),
         namer.explain(conflict), namer.digest(conflict), Contradiction.Status.OPEN, "", now, now)
        for topic_id, conflict in conflicts
    ]
    contested = {
        pk
        for _, conflict in conflicts
        if conflict.kind in CONTESTING_KINDS and conflict.a.id in published and conflict.b.id in published
        for pk in (conflict.a.id, conflict.b.id)
    }
    return NewFlags(Counter(conflict.kind for _, conflict in conflicts), contested, rows)


def contested_refresh(claim_ids: Iterable[int]) -> None:
    """Recompute the `contested` mark of these claims from the live public flags."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return
    pairs = []
    for chunk in chunks(sorted(claim_ids), _IN_LIST):
        pairs += _public_pairs(Contradiction.objects.filter(Q(claim_a_id__in=chunk) | Q(claim_b_id__in=chunk)))
    involved = sorted(claim_ids | {pk for pair in pairs for pk in pair})
    statuses = []
    for chunk in chunks(involved, _IN_LIST):
        statuses += Claim.objects.filter(pk__in=chunk).order_by().values_list("pk", "status", "contested")
    _mark_contested(pairs, statuses, only=claim_ids)


def _public_pairs(flags: QuerySet) -> list[tuple[int, int]]:
    return list(flags.live().filter(kind__in=PUBLIC_KINDS).order_by().values_list("claim_a_id", "claim_b_id"))


def _mark_contested(pairs: list[tuple[int, int]], statuses: Iterable[tuple[int, str, bool]], only=None) -> None:
    """Mark contested the claims in a public pair with another published claim (DESIGN §5), unmark the others.

    `pairs` are the live public flags involving the claims, `statuses` gives (id, status, contested)
    of them and of their partners; with `only`, just those claims are touched. The joins are made
    here rather than in SQL, so the queries stay index look-ups whatever the planner's statistics
    say (joined in SQL, a stale estimate once turned this into a minute-long nested loop).
    """
    published, marked = set(), set()
    for pk, status, contested in statuses:
        if status == Claim.Status.PUBLISHED:
            published.add(pk)
        if contested and (only is None or pk in only):
            marked.add(pk)
    contested = {pk for a, b in pairs if a in published and b in published for pk in (a, b)}
    if only is not None:
        contested &= only
    for ids, mark in ((contested - marked, True), (marked - contested, False)):
        for chunk in chunks(sorted(ids), _IN_LIST):
            Claim.objects.filter(pk__in=chunk).update(contested=mark)


def _recompute(topic_ids: list[int]) -> tuple[list[Topic], Counter]:
    """Rebuild the flags of these topics in one transaction, reading their claims and flags once."""
    with transaction.atomic():
        topics = list(Topic.objects.select_for_update().filter(pk__in=topic_ids).order_by("pk"))
        facts, statuses, wordings = defaultdict(list), [], {}
        claims = Claim.objects.filter(topic_id__in=topic_ids).order_by()
        rows = _rows(claims.values_list("topic_id", "status", "contested", "figure_wording", *FACT_FIELDS))
        for topic_id, status, contested, wording, *values in rows:
            statuses.append((values[0], status, contested))
            if status != Claim.Status.RETRACTED:
                facts[topic_id].append(ClaimFacts(*values))
                if wording:
                    wordings[values[0]] = wording
        found = {topic.pk: find_conflicts(facts.pop(topic.pk, []), topic_rules(topic)) for topic in topics}
        counts, public = _persist(found, _stored(Contradiction.objects.filter(topic_id__in=topic_ids)), wordings)
        _mark_contested(public, statuses)
    return topics, counts


def _batches(topic_ids: list[int], workers: int = 1) -> tuple[list[list[int]], int]:
    """Split topics (in the order given) into batches of about `_BATCH_CLAIMS` claims; a big topic goes alone.

    Return them and how many processes should share them: `workers` from `_SHARED_FROM` claims on,
    with smaller batches (a few for each process) that keep them all busy to the end; else one.
    """
    sizes: dict[int, int] = {}
    for chunk in chunks(topic_ids, _IN_LIST):
        counted = Claim.objects.filter(topic_id__in=chunk).order_by().values_list("topic_id").annotate(n=Count("pk"))
        sizes.update(counted)
    size = _BATCH_CLAIMS
    total = sum(sizes.values())
    if total < _SHARED_FROM:
        workers = 1
    if workers > 1:
        size = min(size, max(_SHARE_CLAIMS, total // (3 * workers)))
    batches, batch, claims = [], [], 0
    for topic_id in topic_ids:
        batch.append(topic_id)
        claims += sizes.get(topic_id, 0)
        if claims >= size:
            batches.append(batch)
            batch, claims = [], 0
    if batch:
        batches.append(batch)
    return batches, min(workers, len(batches))


def contradictions_recompute_topic(*, topic: Topic) -> Counter:
    """Rebuild every flag of one topic; reviewers' rulings stay while both claims' rule inputs stand."""
    return _recompute([topic.pk])[1]


@transaction.atomic
def contradictions_refresh_claim(*, claim: Claim) -> Counter:
    """Recompute only the pairs that include this claim, after it was created or changed."""
    Topic.objects.select_for_update().filter(pk=claim.topic_id).exists()
    existing = _stored(Contradiction.objects.involving(claim))
    partners = {pk for _, a_id, b_id, *_ in existing for pk in (a_id, b_id)}
    wordings = {claim.pk: claim.figure_wording} if claim.figure_wording else {}
    if claim.status == Claim.Status.RETRACTED:
        conflicts = []
    else:
        topic = claim.topic
        facts = ClaimFacts(*(getattr(claim, field) for field in FACT_FIELDS))
        conflicts = conflicts_with(facts, _live_facts(topic.pk, wordings, exclude_id=claim.pk), topic_rules(topic))
    counts, _ = _persist({claim.topic_id: conflicts}, existing, wordings)
    partners |= {c.a.id for c in conflicts} | {c.b.id for c in conflicts}
    contested_refresh(partners | {claim.pk})
    return counts


def contradictions_recompute_all(*, topics=None, progress=None) -> Counter:
    """Rebuild the flags of every topic (or the given ones: a queryset, topics or their ids); return counts by kind.

    Topics go in batches of about `_BATCH_CLAIMS` claims, each batch in its own transaction
    (its topics locked, as a save locks its claim's topic), so memory and lock times stay
    bounded and the queries do not grow with the number of topics. `progress(topic)` is
    called after each topic's batch is written. Outside a transaction, on PostgreSQL and Linux,
    the batches are shared with a forked process on each other core (`_recompute_shared`).
    """
    if topics is None:
        topic_ids = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    elif isinstance(topics, QuerySet):
        topic_ids = list(topics.order_by("pk").values_list("pk", flat=True))
    else:
        topic_ids = sorted({topic if isinstance(topic, int) else topic.pk for topic in topics})
    batches, workers = _batches(topic_ids, _workers())
    with collecting_less():
        if workers > 1:
            return _recompute_shared(batches, workers, progress)
        totals = Counter()
        for batch in batches:
            done, counts = _recompute(batch)
            totals.update(counts)
            if progress is not None:
                for topic in done:
                    progress(topic)
        return totals


def _workers() -> int:
    """How many processes a recompute may use: one per core, where forking is safe and batches commit on their own.

    Forking needs Linux (macOS's system libraries are not safe to use in a forked child) and a
    process running one thread (a forked child gets only the forking thread, and any lock another
    thread held stays locked); a recompute inside a transaction (an import's, a request's) must
    stay in it.
    """
    connection = connections[router.db_for_write(Claim)]
    if (connection.vendor != "postgresql" or sys.platform != "linux" or connection.in_atomic_block
            or threading.active_count() > 1):
        return 1
    return max(1, min(os.cpu_count() or 1, _MAX_WORKERS))


def _recompute_shared(batches: list[list[int]], workers: int, progress) -> Counter:
    """Recompute the batches here and in `workers - 1` forked processes, each taking the next batch left.

    Each batch is its own transaction, as in one process; different batches lock different topics,
    so the processes never wait for each other. The children get their own database connections
    (this one is closed before forking: a connection must not be shared by two processes) and send
    back what each batch found; an error in a child is raised here once this process's share is done.
    """
    context = multiprocessing.get_context("fork")
    todo, results = context.SimpleQueue(), context.SimpleQueue()
    connections.close_all()
    children = [context.Process(target=_share, args=(batches, todo, results), daemon=True) for _ in range(workers - 1)]
    for child in children:
        child.start()
    for index in range(len(batches)):
        todo.put(index)
    for _ in range(workers):
        todo.put(None)  # one stop sign for each process, this one included, after every batch
    totals, failures, reported = Counter(), [], set()

    def report(index: int, counts: Counter, done=None) -> None:
        totals.update(counts)
        reported.add(index)
        if progress is not None:
            for topic in done if done is not None else Topic.objects.filter(pk__in=batches[index]).order_by("pk"):
                progress(topic)

    def collect() -> None:
        while not results.empty():
            index, counts, failure = results.get()
            if failure is not None:
                failures.append(failure)
            elif index is not None:
                report(index, Counter(counts))

    try:
        while (index := todo.get()) is not None:
            done, counts = _recompute(batches[index])
            report(index, counts, done)
            collect()
    finally:
        while any(child.is_alive() for child in children):  # reading their results as they come: a full pipe blocks
            collect()
            children[0].join(0.05)
    collect()
    if failures:
        raise RuntimeError(f"recomputing in a forked process failed: {failures[0]}")
    if len(reported) != len(batches):
        raise RuntimeError("a forked recompute process stopped before its share was done")
    return totals


def _share(batches: list[list[int]], todo, results) -> None:
    """A forked recompute process: take batches until the stop sign, sending back what each found."""
    try:
        while (index := todo.get()) is not None:
            _, counts = _recompute(batches[index])
            results.put((index, dict(counts), None))
    except Exception as exc:  # noqa: BLE001 (sent to the parent, which raises it)
        results.put((None, None, f"{type(exc).__name__}: {exc}"))
    finally:
        connections.close_all()


@transaction.atomic
def contradiction_review(*, contradiction: Contradiction, user, status: str, note: str = "") -> Contradiction:
    """Confirm or dismiss a flag; the ruling holds until a rule input of either claim changes.

    Only a reviewer (or the operator, `user=None`) may rule: the policy says so for every door.
    """
    policy.require(user, policy.Action.REVIEW_FLAG, contradiction)
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

