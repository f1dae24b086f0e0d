"""Repeats: a claim already recorded, found again in another document or twice in one (#17).

A candidate repeats a stored claim when the same actor says the same thing again: the same
topic or the same words, the same figure (or both without one), on dates no further apart than
the topic's window (`Topic.window_days`). The editor is then offered one action: add the
document as an appearance of the stored claim, instead of a second claim.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Max

from claims.matching.names import plain
from claims.models import Claim, Topic

DEFAULT_WINDOW_DAYS = Topic._meta.get_field("window_days").default


@dataclass(frozen=True)
class Said:
    """What a candidate or claim says, as repeats compare it."""

    actor_id: int | None
    figure: tuple | None  # (qualifier, value, value_max), or None without a figure
    quote: str = ""
    statement: str = ""
    topic_id: int | None = None
    stated_on: datetime.date | None = None
    speaker: str = ""  # the name as printed, which tells speakers apart when neither matched an actor
    likely_topics: frozenset = frozenset()  # without a topic chosen yet: the topics suggested for it


def same_words(a: str, b: str) -> bool:
    """Whether two quotes or statements say the same words (case, spacing, punctuation aside; one inside the other)."""
    a, b = plain(a), plain(b)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return len(short.split()) >= 4 and short in long or a == b


def find_repeats(said: Said, *, among=None, limit: int = 5) -> list[int]:
    """Return the ids of stored claims `said` repeats, oldest first; `among` limits them (e.g. a user's visible claims).

    The query reads the actor's claims within the widest window of any topic around the date, an
    index lookup on the claimant; the topic's own window is then applied to each.
    """
    if said.actor_id is None:
        return []
    claims = (Claim.objects if among is None else among).filter(claimant_id=said.actor_id)
    if said.stated_on is not None:
        widest = Topic.objects.aggregate(w=Max("window_days"))["w"] or DEFAULT_WINDOW_DAYS
        span = datetime.timedelta(days=widest)
        claims = claims.filter(stated_on__range=(said.stated_on - span, said.stated_on + span))
    if said.figure is None:
        claims = claims.filter(qualifier__isnull=True)
    else:
        qualifier, value, value_max = said.figure
        claims = claims.filter(qualifier=qualifier, value=value, value_max=value_max)
    rows = claims.order_by("stated_on", "pk").values_list("pk", "topic_id", "topic__window_days", "stated_on",
                                                          "quote", "statement")[:200]
    found = []
    for pk, topic_id, window, stated_on, quote, statement in rows:
        if said.stated_on is not None and abs((stated_on - said.stated_on).days) > window:
            continue
        same_topic = (said.topic_id is not None and said.topic_id == topic_id) or topic_id in said.likely_topics
        worded = any(same_words(mine, theirs) for mine in (said.quote, said.statement) if mine
                     for theirs in (quote, statement) if theirs)
        if same_topic or worded:
            found.append(pk)
            if len(found) == limit:
                break
    return found


def one_per_statement(items: Sequence[Said | None]) -> list[int]:
    """Return, for each item of one article, the index of the first item saying the same (itself when none does).

    Within one article a statement printed twice (in the lead and again in the quote) is one
    claim: the same speaker and the same figure, or the same speaker and the same words.
    """
    firsts: list[int] = []
    for i, item in enumerate(items):
        first = i
        if item is not None:
            for j in range(i):
                other = items[j]
                if other is not None and firsts[j] == j and _same_in_article(item, other):
                    first = j
                    break
        firsts.append(first)
    return firsts


def _same_in_article(a: Said, b: Said) -> bool:
    if a.actor_id is not None and b.actor_id is not None:
        if a.actor_id != b.actor_id:
            return False
    elif not a.speaker or plain(a.speaker) != plain(b.speaker):
        return False
    if a.figure is not None or b.figure is not None:
        return a.figure == b.figure
    return same_words(a.quote, b.quote)


def said_of(candidate, actor_id: int | None, *, topic_id=None, stated_on=None, statement: str = "",
            likely_topics=()) -> Said:
    """Return what an extraction candidate says, for the actor it matched."""
    figure = None
    if getattr(candidate, "qualifier", None) is not None and getattr(candidate, "value", None) is not None:
        figure = (candidate.qualifier, candidate.value, candidate.value_max)
    return Said(actor_id=actor_id, figure=figure, quote=candidate.quote, statement=statement, topic_id=topic_id,
                stated_on=stated_on, speaker=candidate.claimant, likely_topics=frozenset(likely_topics))

