"""Stance and blame: whether a statement asserts or denies, and which side it accuses."""

from __future__ import annotations

from claims.extraction.candidate import ASSERTS, DENIES
from claims.extraction.statement import _Statement
from claims.extraction.words import (
    _ACCUSATIONS,
    _ADVERBS,
    _ANAPHORA,
    _ARTICLES,
    _BE,
    _BLAME_NOUNS,
    _CASUALTY,
    _CLAIM_NOUNS,
    _CLAUSE_WORDS,
    _DENIAL_WORDS,
    _FORCE_NOUNS,
    _HOSTILE,
    _NEGATIONS,
    _NP_MODIFIERS,
    _OWN_REFS,
    _PAST_AUX,
    _POSSESSIVE,
    _TARGET_PREPS,
)

_MEDIA_THINGS = frozenset(["outlet", "outlets", "arm", "wing", "channel", "channels", "machine", "campaign", "network"])


class _Stance:
    """The stance-and-blame half of the reader; mixed into ``reader._Extractor``."""

    def _blame(self, st: _Statement, a: int, b: int) -> None:
        """Settle stance and accused side from the statement's words toks[a:b]."""
        toks = self.toks
        own = st.speaker.side
        if st.kind == "accuse":
            obj_a = st.trigger + 1
            obj_b = obj_a
            while obj_b < b and toks[obj_b].lower not in ("of", "for", "over", "with", "in", "on"):
                obj_b += 1
            side = self._side_of_tokens(obj_a, obj_b, whole=True)
            if side is None and obj_b < b and toks[obj_b].lower == "on":  # "blamed the attack on Armenia"
                side = self._side_of_tokens(obj_b + 1, b, whole=True)
            st.accused = side or self._agent(obj_a, b, own, ASSERTS)
            return
        if st.kind == "deny":
            relative = self.relative.get(st.trigger)
            obj = toks[relative : st.trigger] if relative is not None else toks[st.trigger + 1 : min(b, st.trigger + 6)]
            agent = None if relative is not None else self._agent(st.trigger + 1, b, own, DENIES)
            if agent:
                st.accused = agent
            elif any(t.lower in _ACCUSATIONS for t in obj[:5]):
                st.accused = own  # "rejected the accusation": the accused side denies
            elif relative is not None or (
                obj and (obj[0].lower in _ANAPHORA or any(t.lower in _CLAIM_NOUNS for t in obj[:4]))
            ):
                owner = self._side_of_tokens(st.trigger + 1, min(b, st.trigger + 6)) if relative is None else None
                st.accused = self._denied_claim_blame(st, owner) or own
            else:
                st.accused = own  # "denied firing first": its own act
            return
        words = [t.lower for t in toks[a : min(b, a + 12)]]
        # "its propaganda outlet", "a disinformation campaign": the word names a thing, it judges no claim
        judged = [
            i
            for i in range(a, min(b, a + 12))
            if toks[i].lower in _DENIAL_WORDS and not (i + 1 < b and toks[i + 1].lower in _MEDIA_THINGS)
        ]
        if self._own_negation(a, b, own) or (judged and any(w in _CLAIM_NOUNS for w in words)):
            st.stance = DENIES
            st.accused = self._agent(a, b, own, DENIES) or own
            return
        if self._negated_harm(a, b):  # "no US ship had been hit": a denial of the other side's claim
            st.stance = DENIES
            st.accused = self._agent(a, b, own, DENIES) or self._other_side(st)
            return
        st.self_act = self._own_act(a, b, own)
        st.accused = self._agent(a, b, own, ASSERTS)
        if st.accused is None:
            st.accused = self._fallback_blame(a, b, own)
            st.guessed_blame = st.accused is not None
        if st.accused is None:
            st.accused = self._inherit_blame(st, a, b)

    def _own_subject(self, a: int, b: int, own: str | None) -> int | None:
        """The end of the words that open toks[a:b] when they name the speaker's own side ("its fighters")."""
        toks = self.toks
        i = a
        while i < b and (toks[i].lower in ("that", "the") or not toks[i].word):
            i += 1
        if i < b and toks[i].lower in _OWN_REFS | {"it", "they", "we"}:
            return i + 2 if i + 1 < b and toks[i + 1].lower in _FORCE_NOUNS else i + 1
        for m_a, m_b, side, _kind in self.lex.mentions(toks, i, min(b, i + 4)):
            if m_a == i and side == own and own is not None:
                return m_b + 1 if m_b < b and toks[m_b].lower in _FORCE_NOUNS else m_b
            break
        return None

    def _own_negation(self, a: int, b: int, own: str | None) -> bool:
        """Tell whether the speaker's own side denies an act: "its fighters had not been", "Serbia did not"."""
        toks = self.toks
        i = self._own_subject(a, b, own)
        if i is None or i + 1 >= b:
            return False
        aux, neg = toks[i].lower, toks[i + 1].lower
        return (
            aux.endswith("n't")
            and aux not in ("won't", "can't")
            or (aux in _PAST_AUX and (neg in _NEGATIONS or neg == "never"))
            or aux == "never"
        )

    def _own_act(self, a: int, b: int, own: str | None) -> bool:
        """Tell whether the words report the speaker's own hostile act: "it had targeted an army post"."""
        toks = self.toks
        i = self._own_subject(a, b, own)
        if i is None:
            return False
        for m in range(i, min(b, i + 4)):
            w = toks[m].lower
            if w in _HOSTILE:
                return toks[m - 1].lower not in _BE or w.endswith("ing")
            if w not in _PAST_AUX and w not in _ADVERBS:
                return False
        return False

    def _negated_harm(self, a: int, b: int) -> bool:
        toks = self.toks
        for i in range(a, min(b, a + 10)):
            w = toks[i].lower
            if toks[i].text in ",;" or w in _CLAUSE_WORDS and i > a:
                return False
            if w in _NEGATIONS or w in ("none", "nobody", "nothing") or w.endswith("n't"):
                return any(t.lower in _HOSTILE or t.lower in _CASUALTY for t in toks[i + 1 : min(b, i + 7)])
        return False

    def _agent(self, a: int, b: int, own: str | None, stance: str) -> str | None:
        """The side named as doing a hostile act in toks[a:b]: "Azeri artillery had fired", "by Russian troops"."""
        toks = self.toks
        for i, j, side, kind in self.lex.mentions(toks, a, b):
            if kind == "capital" and not (
                (j < b and (toks[j].text in _POSSESSIVE or toks[j].lower in _HOSTILE))
                or any(t.lower == "by" for t in toks[max(a, i - 2) : i])
            ):
                continue
            blame_ok = stance == DENIES or side != own
            p = i - 1
            while p >= a and (toks[p].lower in _ARTICLES or toks[p].lower in _NP_MODIFIERS):
                p -= 1
            if p >= a and toks[p].lower == "by":
                if blame_ok and any(
                    toks[m].lower in _HOSTILE or toks[m].lower in _BLAME_NOUNS or toks[m].lower in _CASUALTY
                    for m in range(max(a, p - 5), p)
                ):
                    return side
                continue
            if p >= a and toks[p].lower in _TARGET_PREPS:
                continue  # "fired on Armenian positions": the side is the target
            m = j
            if m < b and toks[m].text in _POSSESSIVE:
                m += 1
            if m < b and toks[m].lower in _BLAME_NOUNS:  # "Azerbaijani aggression", "Russia's attack"
                if blame_ok:
                    return side
                continue
            steps = 0
            while m < b and steps < 9 and toks[m].text not in ",;:" and toks[m].lower not in _CLAUSE_WORDS:
                w = toks[m].lower
                if w in _HOSTILE:
                    if toks[m - 1].lower in _BE and not w.endswith("ing"):
                        break  # "Armenian positions were shelled": a target
                    if blame_ok:
                        return side
                    break
                if m > j and self.lex.mentions(toks, m, m + 1):
                    break
                m += 1
                steps += 1
        if stance == DENIES:
            for i in range(a, b - 1):
                if toks[i].lower in _OWN_REFS and toks[i + 1].lower in _FORCE_NOUNS:
                    return own
        return None

    def _fallback_blame(self, a: int, b: int, own: str | None) -> str | None:
        """Blame the one other side named near a word of blame: "this war crime … Azerbaijan's target"."""
        toks = self.toks
        if not any(t.lower in _BLAME_NOUNS for t in toks[a:b]):
            return None
        others = {side for _i, _j, side, kind in self.lex.mentions(toks, a, b) if side != own and kind != "capital"}
        return others.pop() if len(others) == 1 else None

    def _recent(self, st: _Statement, within: int) -> list[_Statement]:
        earlier = [s for s in [*self.statements[-8:], *self.current] if s is not st]
        return [s for s in reversed(earlier) if st.sentence - s.sentence <= within]

    def _inherit_blame(self, st: _Statement, a: int, b: int) -> str | None:
        """Harm with no named culprit ("the militia shelled"): the culprit this side named just before."""
        toks = self.toks
        if not any(t.lower in _HOSTILE or t.lower in _CASUALTY or t.lower in _BLAME_NOUNS for t in toks[a:b]):
            return None
        for prev in self._recent(st, 2):
            same = prev.speaker.name == st.speaker.name or (st.speaker.side and prev.speaker.side == st.speaker.side)
            if same and prev.accused and prev.stance == ASSERTS:
                return prev.accused
        return None

    def _denied_claim_blame(self, st: _Statement, owner: str | None) -> str | None:
        """What "denied this" or "rejected Baku's account" denies: the blame in the other side's claim."""
        for prev in self._recent(st, 5):
            if prev.speaker.side is not None and prev.speaker.side == st.speaker.side:
                continue
            if owner and prev.speaker.side != owner:
                continue
            if prev.self_act or not prev.accused:
                return prev.speaker.side  # "disputed that account" of the other side's own attack
            return prev.accused
        return None
