"""What `extract_claims` prints of an article: its candidates, one statement printed twice as one line, each with
the three keys of what the archive holds of it: `claimant_id`, `repeats`, `topic_suggestions`."""

from __future__ import annotations

import datetime

from claims.matching.actors import match_actor
from claims.matching.repeats import find_repeats, one_per_statement, said_of
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


def candidate_lines(candidates, *, stated_on: datetime.date | None = None) -> list[dict]:
    """Return the lines `extract_claims` prints (and its background job writes) for one article's candidates.

    Each is the candidate's keys, `also`, then `candidate_matches`' keys. A statement printed twice
    in the article (a lead, then the quote) is one line, as the admin's extraction queue folds it
    (`one_per_statement`): its first printing, with `also` listing the later ones (`claimant`,
    `quote`, `start`, `end` as printed there); `also` is empty for a statement printed once.
    """
    held = candidate_matches(candidates, stated_on=stated_on)
    firsts = one_per_statement([said_of(c, row["claimant_id"]) for c, row in zip(candidates, held, strict=True)])
    lines: dict[int, dict] = {}
    for i, (candidate, row, first) in enumerate(zip(candidates, held, firsts, strict=True)):
        if first == i:
            lines[i] = {**candidate.as_dict(), "also": [], **row}
        else:
            lines[first]["also"].append({"claimant": candidate.claimant, "quote": candidate.quote,
                                         "start": candidate.start, "end": candidate.end})
    return list(lines.values())
