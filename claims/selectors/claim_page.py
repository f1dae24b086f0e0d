"""One claim as its page shows it: the claim, its provenance, its flags and its history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from claims.models import Claim
from claims.selectors.disputes import DISPUTE_PAGE_SIZE, Flag, listed_after
from claims.selectors.provenance import Provenance, appearances_prefetch, provenance_chain
from claims.visibility import claims_visible, contradictions_visible, is_public

# -- one claim ---------------------------------------------------------------------------------------------


@dataclass
class HistoryEvent:
    date: datetime.datetime
    text: str


@dataclass
class ClaimDetail:
    claim: Claim
    provenance: Provenance
    flags: list[Flag]
    history: list[HistoryEvent]


def claim_for_page(pk: int, user=None) -> Claim:
    """Return the claim `user` may read, with what its page shows; raise Claim.DoesNotExist otherwise."""
    return _claims_for_page(user).get(pk=pk)


def _claims_for_page(user) -> QuerySet:
    return (
        claims_visible(user)
        .select_related("topic", "claimant", "side", "accused_side")
        .prefetch_related(appearances_prefetch())
    )


def _on_earlier_page(user) -> Exists:
    """Whether a page's worth of claims `user` may read follows the outer claim in its topic.

    Then the topic's page, which shows the latest DISPUTE_PAGE_SIZE, does not hold the claim:
    an earlier page does. An EXISTS that stops at that many rows, in the claim's own query.
    """
    later = claims_visible(user).filter(listed_after(OuterRef("stated_on"), OuterRef("pk")), topic=OuterRef("topic"))
    return Exists(later.order_by()[DISPUTE_PAGE_SIZE - 1 :])


def claim_flags(claim: Claim, user=None) -> list[Flag]:
    """Return the live flags `user` may read that involve `claim`, largest first, each with the other claim."""
    flags = (
        contradictions_visible(user)
        .involving(claim)
        .select_related("claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side")
        .ranked()
    )
    result = []
    for flag in flags:
        other = flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a
        if flag.claim_a_id == claim.pk:
            flag.claim_a = claim
        else:
            flag.claim_b = claim
        result.append(Flag(flag, other))
    return result


_STATUS_EVENTS = {
    Claim.Status.DRAFT: "Returned to draft",
    Claim.Status.IN_REVIEW: "Submitted for review",
    Claim.Status.PUBLISHED: "Published",
    Claim.Status.RETRACTED: "Retracted",
}
_TEXT_FIELDS = (("statement", "Statement"), ("quote", "Quote"), ("translation", "Translation"))


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _figure(record) -> str:
    if record.qualifier is None or record.value is None:
        return "no figure"
    return Claim(qualifier=record.qualifier, value=record.value, value_max=record.value_max,
                 figure_wording=record.figure_wording).figure_as_worded  # as printed, as the headline says it


def claim_history(claim: Claim, user=None) -> list[HistoryEvent]:
    """Summarise a claim's history, oldest first, in one query.

    The public view says when the claim was recorded and tells only what happened from its
    first publication on (status, verdict, figure, dates, wording); staff see every change.
    """
    public = is_public(user)
    records = list(claim.history.order_by("history_date", "history_id"))
    events = []
    previous = None
    published = False
    for record in records:
        if previous is None:
            events.append(HistoryEvent(record.history_date, "Recorded"))
            if record.status == Claim.Status.PUBLISHED:
                published = True
                events.append(HistoryEvent(record.history_date, "Published"))
            previous = record
            continue
        lines = []
        if record.status != previous.status:
            text = _STATUS_EVENTS.get(record.status, record.status)
            if record.status == Claim.Status.RETRACTED and record.retraction_reason:
                text = f"{text}: {record.retraction_reason}"
            lines.append(text)
        if record.verdict != previous.verdict:
            lines.append(f"Rated “{Claim.Verdict(record.verdict).label}”")
        if (record.figure_wording, record.qualifier, record.value, record.value_max) != (
                previous.figure_wording, previous.qualifier, previous.value, previous.value_max):
            lines.append(f"Figure changed from {_figure(previous)} to {_figure(record)}")
        if record.as_of != previous.as_of and record.qualifier is not None and previous.qualifier is not None:
            lines.append(f"Counted as of {_day(record.as_of)} (was {_day(previous.as_of)})")
        if record.stated_on != previous.stated_on:
            lines.append(f"Date corrected to {_day(record.stated_on)} (was {_day(previous.stated_on)})")
        edited = [label for name, label in _TEXT_FIELDS if getattr(record, name) != getattr(previous, name)]
        if edited:
            lines.append(f"{' and '.join(edited) if len(edited) < 3 else 'Statement, quote and translation'} edited")
        if record.topic_id != previous.topic_id or record.side_id != previous.side_id \
                or record.claimant_id != previous.claimant_id:
            lines.append("Topic, side or claimant corrected")
        now_published = published or record.status == Claim.Status.PUBLISHED
        if (not public or now_published) and lines:
            events.extend(HistoryEvent(record.history_date, line) for line in lines)
        published = now_published
        previous = record
    return events


def claim_detail(pk: int, user=None) -> ClaimDetail:
    """Return one claim `user` may read with its provenance, flags and history; raise Claim.DoesNotExist."""
    claim = _claims_for_page(user).annotate(on_earlier_page=_on_earlier_page(user)).get(pk=pk)
    return ClaimDetail(
        claim=claim,
        provenance=provenance_chain(claim),
        flags=claim_flags(claim, user),
        history=claim_history(claim, user),
    )
