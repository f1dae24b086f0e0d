"""The three keys `extract_claims` adds to each candidate: `claimant_id`, `repeats`, `topic_suggestions`."""

from __future__ import annotations

import datetime

from claims.matching.actors import match_actor
from claims.matching.repeats import find_repeats, one_per_statement, said_of
from claims.matching.topics import suggest_topics


def candidate_matches(candidates, *, stated_on: datetime.date | None = None, claims=None, topics=None) -> list[dict]:
    """Return, for each extraction candidate, what the archive already holds of it.

    `claimant_id`: the stored actor the speaker matched (None when none is certain);
    `repeats`: ids of stored claims it repeats (`stated_on`, the document's date, bounds them by
    the topic's window), and for a statement printed twice in the article, the later copies
    carry `"same_as": index of the first`; `topic_suggestions`: `[{"id", "name", "score"}]`,
    best first. `claims` and `topics` limit what is shown to what the reader may see.
    """
    actor_ids = [match_actor(c.claimant, side=c.side).actor_id for c in candidates]
    said = [said_of(c, actor_id, stated_on=stated_on) for c, actor_id in zip(candidates, actor_ids, strict=True)]
    firsts = one_per_statement(said)
    out = []
    for i, (candidate, actor_id) in enumerate(zip(candidates, actor_ids, strict=True)):
        suggestions = suggest_topics(quote=candidate.quote, actor_id=actor_id, has_figure=said[i].figure is not None,
                                     topics=topics)
        row = {
            "claimant_id": actor_id,
            "repeats": find_repeats(said[i], among=claims),
            "topic_suggestions": [s.as_dict() for s in suggestions],
        }
        if firsts[i] != i:
            row["same_as"] = firsts[i]
        out.append(row)
    return out
