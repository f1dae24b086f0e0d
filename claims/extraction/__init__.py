"""Draft claims from an article's text: who said what, for which side, with which figure.

Pure code (no ORM, no settings). ``extract_claims`` reads English news prose and returns
``Candidate`` objects that an editor can accept or discard. The ``extract_claims`` command prints
them as JSON Lines.

The extractor is rule-based on purpose: it downloads nothing, it reads an article in milliseconds,
and each decision can be read, tested and argued with. The rules follow general newsroom grammar,
not the wording of particular articles:

- Attribution. A speech verb ("said", "told", "accused", "denied", "dismissed … as", "issued a
  statement", "according to") with its speaker before it ("X said", "X, an official, told",
  "X, who said"), after it ("…,” said X", "…, the ministry said"), or carried over from the verb
  before ("… and alleged", "…, adding that"). A bare quotation right after an attributed sentence
  continues it. A hedged sentence ("reportedly") right after one carries its figures. Headlines and
  bylines are skipped. Negated or hypothetical speech ("did not say", "could claim") is no claim.
- Speakers as named. Titles are dropped from people ("Russian President Vladimir Putin" becomes
  "Vladimir Putin"). "He", "she", "it", "they", "the minister" and "the group" resolve to the last
  fitting speaker when one is near. A surname resolves to the full name printed elsewhere in the
  article.
- Sides come from the speaker's description: demonyms and country names, capitals used as
  metonyms ("Baku said"), roles ("a ministry spokesman" after a ministry spoke), and the caller's
  own sides and actors. Think tanks, institutes and monitors are the Independent side.
- Stance and accused side. "Denied", "rejected the claim" and "our forces did not" deny.
  "Accused X of", "blamed X for" and "X's forces fired/shelled/…" name who is blamed. A denial of
  "this" denies what the other side alleged; rejecting "the accusation" makes the speaker the
  accused side.
- Figures. A count with its qualifier ("more than 2,000", "nearing 5,000", "dozens", "between 260
  and 280") found in the attributed words and read by ``claims.figures.parse_figure``. Each figure
  gives one candidate. Dates, times, years, distances, ages and money are not figures. Figures in the
  article's own voice are not candidates: an editor records attributed claims.

``tests/data/gold/README.md`` states these decisions as an editor would apply them.
"""

from claims.extraction.candidate import ASSERTS, DENIES, FIELDS, INDEPENDENT, Candidate
from claims.extraction.extract import extract_claims
from claims.extraction.words import default_sides

__all__ = ["ASSERTS", "DENIES", "FIELDS", "INDEPENDENT", "Candidate", "default_sides", "extract_claims"]
