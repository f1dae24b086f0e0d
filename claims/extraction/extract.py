"""The entry point: an article's statements turned into candidate claims, one per figure."""

from __future__ import annotations

import re
from collections.abc import Mapping

from claims.extraction.candidate import Candidate
from claims.extraction.figures import _find_figures
from claims.extraction.lexicon import _Lexicon
from claims.extraction.reader import _Extractor
from claims.extraction.statement import _Segment, _Statement
from claims.figures import FigureError, parse_figure

# Words that report a state of mind, not a statement: "it was deeply concerned" (gold README rule 3).
_STATE_OF_MIND = re.compile(
    r"[\s\"“]*(?:that\s+)?(?:it|he|she|they|we|i)\s+(?:was|were|is|are|am|had been|has been|have been|remained)\s+"
    r"(?:\w+ly\s+|very\s+|so\s+)?[\"“]?(?:concerned|alarmed|saddened|shocked|worried|dismayed|appalled|outraged|"
    r"surprised|disappointed|horrified|troubled|deeply)\b",
    re.IGNORECASE,
)


def extract_claims(
    text: str, *, sides: Mapping[str, str] | None = None, actors: Mapping[str, str] | None = None
) -> list[Candidate]:
    """Return the attributed claims in an English news text, in reading order."""
    if not text or not text.strip():
        return []
    extractor = _Extractor(text, _Lexicon(sides, actors))
    statements = extractor.run()
    doc = extractor.doc
    out: list[Candidate] = []
    seen: set[tuple] = set()
    for st in statements:
        if not st.segments:
            continue
        figures = []
        for seg in st.segments:
            for fa, fb, wording in _find_figures(doc.norm, seg.start, seg.end):
                figures.append((seg, fa, fb, wording))
        if not figures and all(_STATE_OF_MIND.match(doc.norm, seg.start, seg.end) for seg in st.segments):
            continue  # "said it was deeply concerned": a state of mind (UNICEF "horrified" that 11 died still counts)
        rows = figures or ([] if st.figures_only else [(_best_segment(st), None, None, None)])
        for seg, _fa, fb, wording in rows:
            qualifier = value = value_max = None
            confidence = st.confidence + (0.1 if seg.direct else 0.0)
            if st.guessed_blame:
                confidence -= 0.05
            if wording is not None:
                try:
                    figure = parse_figure(wording)
                except FigureError:
                    confidence -= 0.1
                else:
                    qualifier = str(getattr(figure.qualifier, "value", figure.qualifier))
                    value, value_max = figure.value, figure.value_max
            start, end = doc.span(*seg.quote)
            # One claim per figure and what it counts: "40 people" in the lead and in the quote of one
            # statement is one claim, "two cars … two officers" two.
            counted = _counted(doc.norm, fb) if fb is not None else (start, end)
            figure_key = (qualifier, value, value_max, counted, wording if value is None else None)
            key = (st.speaker.name, st.sentence, *figure_key)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Candidate(
                    claimant=st.speaker.name,
                    side=st.speaker.side,
                    stance=st.stance,
                    accused_side=st.accused,
                    figure=wording,
                    qualifier=qualifier,
                    value=value,
                    value_max=value_max,
                    quote=text[start:end],
                    start=start,
                    end=end,
                    confidence=round(min(0.99, max(0.05, confidence)), 2),
                )
            )
    return out


def _counted(norm: str, end: int) -> str:
    """The word after a figure, singular: what it counts ("people", "officer")."""
    word = re.match(r"\s*([\w-]*)", norm[end : end + 40]).group(1).lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _best_segment(st: _Statement) -> _Segment:
    for seg in st.segments:
        if seg.direct:
            return seg
    return st.segments[0]
