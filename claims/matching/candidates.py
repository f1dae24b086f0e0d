"""The three keys `extract_claims` adds to each candidate: `claimant_id`, `repeats`, `topic_suggestions`."""

from __future__ import annotations

import datetime

from claims.matching.actors import match_actor
from claims.matching.repeats import find_repeats, said_of
from claims.matching.topics import suggest_topics


def candidate_matches(candidates, *, stated_on: datetime.date | None = None, claims=None, topics=None) -> list[dict]:
    """Return, for each extraction candidate, what the archive already holds of it.

    `claimant_id`: the stored actor the speaker matched (None when none is certain);
    `repeats`: ids of stored claims it repeats (`stated_on`, the document's date, bounds them by
    the topic's window; without it they may be of any date); `topic_suggestions`: `[{"id", "name", "score"}]`,
    best first. `claims` and `topics` limit what is shown to what the reader may see.
    """
    actor_ids = [match_actor(c.claimant, side=c.side).actor_id for c in candidates]
    out = []
    for candidate, actor_id in zip(candidates, actor_ids, strict=True):
        has_figure = candidate.qualifier is not None and candidate.value is not None
        suggestions = suggest_topics(quote=candidate.quote, actor_id=actor_id, has_figure=has_figure, topics=topics)
        # Without a topic chosen yet, a stored claim in one of the likely topics is "the same topic".
        said = said_of(candidate, actor_id, stated_on=stated_on, likely_topics=[s.id for s in suggestions])
        out.append({
            "claimant_id": actor_id,
            "repeats": find_repeats(said, among=claims),
            "topic_suggestions": [s.as_dict() for s in suggestions],
        })
    return out
