"""What "he", "it", "the ministry", "the group" and a bare surname stand for: the speakers named before."""

from __future__ import annotations

import bisect

from claims.extraction.parsed import speech_kind
from claims.extraction.statement import _Speaker, _Statement
from claims.extraction.words import (
    _ACRONYM,
    _GENERIC_ORGS,
    _HEAD_TITLES,
    _NP_MODIFIERS,
    _ORG_WORDS,
    _PERSON_HEADS,
    _ROLE_SYNONYMS,
    _SPEAKER_NOUNS,
    _TITLES,
    _alias,
)

# Titles every side has: alone they tie a person to nobody's side.
_GENERIC_TITLES = frozenset(["spokesman", "spokeswoman", "spokesperson", "official", "officer", "adviser", "aide"])


class _Coreference:
    """The resolution half of the speaker finder; mixed into ``speakers._Speakers``."""

    def _role_side(self, lowers: list[str], s_idx: int) -> str | None:
        """Side of "a ministry spokesman": the side of the last speaker that is such a body."""
        roles = [
            _ROLE_SYNONYMS.get(w, w) for w in lowers if w in _ORG_WORDS or w in _GENERIC_ORGS or w in _ROLE_SYNONYMS
        ]
        if not roles:
            return None
        for sp in reversed(self.history):
            if s_idx - sp.sentence > 6:
                break
            if sp.side and (
                any(r in sp.roles for r in roles)
                or (any(r in _GENERIC_ORGS for r in roles) and not sp.person and s_idx - sp.sentence <= 3)
            ):
                return sp.side
        return None

    def _title_side(self, title: list[str], s_idx: int) -> str | None:
        """Side of "Interior Minister X" after "Kosovo's interior minister said": the speaker with that title."""
        words = {w for w in title if w in _TITLES or w in _NP_MODIFIERS}
        if not words & _HEAD_TITLES or words <= _GENERIC_TITLES:
            return None  # "spokesperson Jay Tarriela" after China's spokesperson spoke: the title says no side
        for sp in reversed(self.history):
            if s_idx - sp.sentence > 6:
                break
            if sp.side and words <= sp.roles:
                return sp.side
        return None

    def _other_side(self, st: _Statement) -> str | None:
        """The side of the latest statement by another side: whose claim "no ship was hit" answers."""
        for prev in self._recent(st, 5):
            if prev.speaker.side and prev.speaker.side != st.speaker.side:
                return prev.speaker.side
        return None

    def _sentence_antecedent(self, i: int, s_idx: int) -> _Speaker | None:
        """The subject of an earlier clause of the same sentence that pronoun i stands for:
        "The military government has not commented, but it usually says …"."""
        pronoun = self.toks[i].lower
        if s_idx != self.sentence or pronoun == "we":
            return None
        parsed = self._parse()
        token = self._parsed_token(i)
        if token is None:
            return None
        for subject in reversed(parsed.doc[: token.i]):
            if subject.dep_ != "nsubj" or subject.head == token.head or subject.pos_ == "PRON":
                continue  # "No damage was reported, it said": a passive's subject speaks for nobody
            if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children):
                continue
            if pronoun == "it" and subject.tag_ not in ("NN", "NNP"):
                continue
            if (
                pronoun == "they"
                and subject.tag_ not in ("NNS", "NNPS")
                and subject.lower_ not in ("police", "military")
            ):
                continue
            if pronoun in ("he", "she") and subject.pos_ != "PROPN" and subject.lower_ not in _PERSON_HEADS:
                continue
            left = min(t.idx for t in subject.subtree if t.i <= subject.i) + parsed.offset
            right = subject.idx + len(subject.text) + parsed.offset
            a = bisect.bisect_left(self.starts, left)
            b = bisect.bisect_left(self.starts, right)
            if a >= b or a < self.doc.sentences[s_idx][0] or any(t.quoted for t in self.toks[a:b]):
                return None
            head = self.toks[b - 1]
            speaker = self._speaker(a, b, s_idx)
            if speaker is None or speaker.person != (pronoun in ("he", "she")):
                return None
            if speaker.side or head.cap or head.lower in _SPEAKER_NOUNS or head.lower in _ORG_WORDS:
                return speaker  # a body or a person that can speak, not "the attack"
            if speech_kind(subject.head) is not None:
                return speaker  # the subject of a speech verb, even a negated one: "the navy has not confirmed"
            return None
        return None

    def _resolve_pronoun(self, pronoun: str, s_idx: int) -> _Speaker | None:
        window = {"he": 6, "she": 6, "they": 2, "it": 2}.get(pronoun, -1)
        for sp in reversed(self.history):
            if s_idx - sp.sentence > window:
                return None
            if pronoun in ("he", "she"):
                if sp.person:
                    return sp.again(s_idx)
            elif pronoun == "they":
                if sp.plural and not sp.person:
                    return sp.again(s_idx)
            elif not sp.person and not sp.plural:
                return sp.again(s_idx)
        return None

    def _resolve_role(self, lowers: list[str], s_idx: int) -> _Speaker | None:
        """ "The minister" is the last speaker with that role; "the group" the last body nearby, or the
        last armed group or movement the caller named (its actors) within ten sentences."""
        head = lowers[-1]
        for sp in reversed(self.history):
            if s_idx - sp.sentence > 10:
                return None
            if head in sp.roles:
                return sp.again(s_idx)
            if head in _GENERIC_ORGS and self._is_body(sp) and (s_idx - sp.sentence <= 3 or self._is_actor(sp)):
                return sp.again(s_idx)
        return None

    def _group_in_sentence(self, lowers: list[str], a: int, s_idx: int) -> _Speaker | None:
        """ "M23 rebels entered Bukavu, the group said": "the group" is the caller's armed group named just before."""
        if lowers[-1] not in _GENERIC_ORGS or s_idx != self.sentence:
            return None
        lo = self.doc.sentences[s_idx][0]
        for i, j, side, kind in self.lex.mentions(self.toks, lo, a):
            if kind != "actor":
                continue
            while j > i + 1 and not self.toks[j - 1].cap:
                j -= 1  # "M23 rebels" is the group M23
            return _Speaker(self._text(i, j), side, False, False, frozenset(lowers), s_idx)
        return None

    def _is_actor(self, sp: _Speaker) -> bool:
        return _alias(sp.name) in self.lex.actors

    def _is_body(self, sp: _Speaker) -> bool:
        """A body that "the group" or "the organisation" can stand for: not a person, not "residents"."""
        if sp.person:
            return False
        if self._is_actor(sp) or _alias(sp.name) in self.lex.aliases or _ACRONYM.fullmatch(sp.name):
            return True
        return bool(sp.roles & (_ORG_WORDS | _GENERIC_ORGS)) or (sp.named and not sp.plural)
