"""Recognising what the archive already holds (#17): speakers, repeated claims, topics.

Import, the API and extraction match through these functions, so one name means one actor
whichever door it came in by.

- `match_actor(name, side=...)` → `ActorMatch`: the stored actor a printed name means (exact
  name or alias, acronym), or suggestions by similarity, or a refusal when the name is a side's,
  or the actors an ambiguous name may be (`ActorMatch.problem()` says either to the user).
- `ActorIndex().match_many({key: (name, side id)})`: the same decisions for many names, without
  a query per name (the importer's).
- `alias_learn(actor=..., name=..., user=...)`: keep a name an editor accepted for an actor.
- `find_repeats(Said(...))` → ids of stored claims a candidate repeats;
  `one_per_statement([...])` folds the same statement printed twice in one article.
- `suggest_topics(statement=..., quote=..., actor_id=..., has_figure=...)` → `TopicSuggestion`s, best first.
- `candidate_matches(candidates, ...)` → the `claimant_id`, `repeats` and `topic_suggestions`
  that `extract_claims` prints for each candidate; `candidate_lines(candidates, ...)` → its lines,
  one statement printed twice folded into one, as the admin queue folds it.
"""

from claims.matching.actors import ActorIndex, ActorMatch, Suggestion, match_actor, side_refusal
from claims.matching.aliases import alias_learn
from claims.matching.candidates import candidate_lines, candidate_matches
from claims.matching.repeats import Said, find_repeats, one_per_statement, said_of
from claims.matching.topics import TopicSuggestion, suggest_topics

__all__ = [
    "ActorIndex", "ActorMatch", "Said", "Suggestion", "TopicSuggestion", "alias_learn", "candidate_lines",
    "candidate_matches", "find_repeats", "match_actor", "one_per_statement", "said_of", "side_refusal",
    "suggest_topics",
]
