"""Topic suggestions: which stored topics a candidate is most likely about, best first (#17).

A topic scores for the words its name and metric share with the candidate's statement and
quote (word overlap and trigram similarity), for the words of its claims' statements, for being
one of the actor's recent topics, and for fitting the figure (a candidate with a figure is about a
figure topic whose metric its words name). Scores run from 0 to 1 and only rank: the editor chooses.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.matching.names import STOP_WORDS, plain, similarity
from claims.models import Claim, Topic

MAX_TOPICS = 5000  # topics compared (the newest); an archive has hundreds
RECENT_CLAIMS = 400  # the newest claims whose statements describe their topics
ACTOR_RECENT = 30  # the actor's newest claims, whose topics it is likely to speak about again
# Words that say the same count in other words; a topic's metric is often worded apart from the coverage.
SAME_SENSE = {
    "killed": "death", "dead": "death", "died": "death", "deaths": "death", "death": "death", "fatalities": "death",
    "toll": "death", "lives": "death",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded", "hurt": "wounded",
    "soldiers": "military", "troops": "military", "servicemen": "military", "military": "military",
    "civilians": "civilian", "civilian": "civilian",
    "displaced": "displaced", "refugees": "displaced", "fled": "displaced",
    "shelled": "shelling", "shelling": "shelling", "artillery": "shelling",
    "drones": "drone", "drone": "drone",
}
SIMILAR_NAME = 0.3  # trigram similarity of the words to a topic's name below which it counts for nothing
WEIGHTS = {"name": 0.45, "claims": 0.25, "actor": 0.2, "figure": 0.1}


@dataclass(frozen=True)
class TopicSuggestion:
    """A stored topic a candidate may be about; `score` from 0 to 1, for ranking only."""

    id: int
    name: str
    score: float

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "score": self.score}


def senses(text: str) -> set[str]:
    """Return the words that carry a text's meaning: stop words, numbers and short words left out, synonyms made one."""
    found = set()
    for word in plain(text).split():
        if word in STOP_WORDS or word.isdigit() or len(word) < 3:
            continue
        found.add(SAME_SENSE.get(word, word.removesuffix("s") if len(word) > 4 else word))
    return found


def _overlap(mine: set[str], theirs: set[str]) -> float:
    """Return the share of `theirs` that `mine` holds (a topic's few words against a candidate's many)."""
    return len(mine & theirs) / len(theirs) if theirs else 0.0


def suggest_topics(*, statement: str = "", quote: str = "", actor_id: int | None = None, has_figure: bool = False,
                   limit: int = 5, topics=None) -> list[TopicSuggestion]:
    """Return the `limit` stored topics this statement and quote are most likely about, best first.

    `topics` limits the choice (e.g. the topics a user may read); `actor_id` favours the actor's
    recent topics; `has_figure` favours figure topics (a candidate without one, propositions).
    Topics that score nothing are left out.
    """
    text = f"{statement} {quote}"
    mine = senses(text)
    if not mine and actor_id is None:
        return []
    pool = list((Topic.objects.all() if topics is None else topics).order_by("-pk")
                .values_list("pk", "name", "metric", "kind")[:MAX_TOPICS])
    allowed = {pk for pk, *_ in pool}
    claim_words: dict[int, set[str]] = {}
    for topic_id, said, quoted in (Claim.objects.filter(topic_id__in=allowed) if topics is not None else Claim.objects)\
            .order_by("-pk").values_list("topic_id", "statement", "quote")[:RECENT_CLAIMS]:
        claim_words.setdefault(topic_id, set()).update(senses(f"{said} {quoted[:400]}"))
    recent: dict[int, float] = {}
    if actor_id is not None:
        topic_ids = Claim.objects.filter(claimant_id=actor_id).order_by("-stated_on", "-pk") \
            .values_list("topic_id", flat=True)[:ACTOR_RECENT]
        for rank, topic_id in enumerate(topic_ids):
            recent.setdefault(topic_id, 1.0 - rank / (2 * ACTOR_RECENT))
    plain_text = " ".join(sorted(mine))
    ranked = []
    for pk, name, metric, kind in pool:
        named = senses(f"{name} {metric}")
        alike = similarity(plain_text, " ".join(sorted(named))) if named else 0.0
        name_score = max(_overlap(mine, named), alike if alike >= SIMILAR_NAME else 0.0)
        claims_score = len(mine & claim_words.get(pk, set())) / len(mine) if mine else 0.0
        is_figure = kind == Topic.Kind.FIGURE
        figure_score = 0.0
        if has_figure and is_figure:
            figure_score = 0.5 + 0.5 * _overlap(mine, senses(metric)) if metric else 0.5
        elif not has_figure and not is_figure:
            figure_score = 0.5
        score = (WEIGHTS["name"] * name_score + WEIGHTS["claims"] * claims_score
                 + WEIGHTS["actor"] * recent.get(pk, 0.0) + WEIGHTS["figure"] * figure_score)
        if name_score or claims_score or pk in recent:
            ranked.append((round(score, 3), pk, name))
    ranked.sort(key=lambda row: (-row[0], row[2].casefold(), row[1]))
    return [TopicSuggestion(pk, name, score) for score, pk, name in ranked[:limit]]
