"""Reading an article: attribution verbs, the words they attribute, and the candidates built from them."""

from __future__ import annotations

import bisect
import re

from claims.extraction.candidate import ASSERTS, DENIES
from claims.extraction.figures import _FIGURE
from claims.extraction.parsed import Attribution, attributions, takes_in
from claims.extraction.speakers import _Speakers
from claims.extraction.stance import _Stance
from claims.extraction.statement import _Segment, _Speaker, _Statement
from claims.extraction.text import _CLOSE_QUOTES
from claims.extraction.words import (
    _ACCUSE,
    _ACRONYM,
    _ADMIT,
    _ADVERBIAL_PREPS,
    _ADVERBS,
    _ARTICLES,
    _BE,
    _CLAIM_HEADS,
    _CLAIM_NOUNS,
    _COMMENTARY,
    _CONNECTORS,
    _DAYS_MONTHS,
    _DENY,
    _DENY_NEEDS_OBJECT,
    _DETERMINERS,
    _DO,
    _DOC_NOUNS,
    _DOC_VERBS,
    _HEDGES,
    _INNER_PREPS,
    _MODALS,
    _NEGATIONS,
    _NOT_ADVERBS,
    _OPENERS,
    _PARTICIPLES,
    _POSSESSIVE,
    _PRONOUNS,
    _PUT_TOLL,
    _RECIPIENTS,
    _SAY,
    _TERMINAL,
    _TIME_WORDS,
    _TOLD,
)

# A clause joined to reported words by a comma: ", while medics described the toll as 12".
_JOINED_CLAUSE = re.compile(r"\s*[,;]\s*(?:while|whereas|but|and|although|though)?\s+(?:the\s+|a\s+|an\s+)?$")
_TRAILING_STOPS = re.compile(r"[\s,;]*$")
_NOBODY = frozenset(["no", "none", "neither", "nobody", "nor"])
_REFUSALS = frozenset(["declined", "refused", "not", "never", "n't"])


class _Extractor(_Speakers, _Stance):
    """Read an article sentence by sentence into statements."""

    def run(self) -> list[_Statement]:
        previous: list[_Statement] = []
        for s_idx, (lo, hi) in enumerate(self.doc.sentences):
            self.sentence = s_idx
            if self._heading(hi):
                previous = []
                continue
            found = self._sentence(s_idx, lo, hi)
            if not found:
                found = self._parsed(s_idx, lo, hi, attributions(self._parse(s_idx)))
            else:  # what the parse reads that the word lists did not: "…, while medics described the toll as 12"
                more = self._parsed(s_idx, lo, hi, self._uncovered(found, attributions(self._parse(s_idx))))
                names = {st.speaker.name for st in found}
                found = found + [st for st in more if st.speaker.name not in names]
            if not found and previous:
                found = self._continuation(s_idx, lo, hi, previous)
            for st in found:
                if not any(st is seen for seen in self.statements[-4:]):
                    self.statements.append(st)
            previous = found
        return self.statements

    def _parsed(self, s_idx: int, lo: int, hi: int, found: list[Attribution]) -> list[_Statement]:
        """Statements for the attributions the parse found in a sentence the word lists read nothing in."""
        out: list[_Statement] = []
        for n, attribution in enumerate(found):
            if any(self._reports(outer, attribution) for outer in found[:n]):
                continue  # "X told reporters that Kyiv had documented 177 cases": X's words
            a, b = self._tok_range(*attribution.speaker, lo, hi)
            if attribution.kind == "mention":
                # "Smith gave the first count on Monday. … she told parliament": a person who is the
                # subject of a sentence is an antecedent for a pronoun later, though not a speaker yet.
                mentioned = self._speaker(a, b, s_idx) if a < b else None
                if mentioned is not None and (mentioned.person or self._is_actor(mentioned)):
                    self.history.append(mentioned)  # "The RSF … did not respond. … its commander, X, said"
                continue
            appositive = self._tok_range(*attribution.appositive, lo, hi) if attribution.appositive else None
            if a >= b or (appositive and appositive[0] >= appositive[1]):
                continue
            speaker = self._speaker(a, b, s_idx, appositive)
            if speaker is None:
                continue
            trigger = self._tok_range(attribution.verb, attribution.verb + 1, lo, hi)[0]
            kind = attribution.kind
            st = _Statement(speaker, kind, s_idx, trigger, lo, stance=DENIES if kind == "deny" else ASSERTS)
            st.confidence = 0.7 - (0.15 if speaker.resolved else 0) - (0 if speaker.named else 0.1)
            wa, wb = self._tok_range(*attribution.words, lo, hi)
            if wa >= wb:
                continue
            self.current = out
            self._add_segment(st, wa, wb)
            if st.segments:
                out.append(st)
                self.history.append(speaker)
        self.current = []
        return self._merge(out)

    def _reports(self, outer: Attribution, inner: Attribution) -> bool:
        """The inner attribution's verb stands in the outer one's reported words (not after ", while …")."""
        if outer.kind == "mention" or not (outer.words[0] <= inner.verb < outer.words[1]):
            return False
        if inner.speaker[0] < outer.words[0]:
            return False
        if _JOINED_CLAUSE.search(self.doc.norm, max(0, inner.speaker[0] - 24), inner.speaker[0]):
            return False
        verb, speech = bisect.bisect_left(self.starts, inner.verb), bisect.bisect_left(self.starts, outer.verb)
        return self._reported(speech, verb)

    def _uncovered(self, found: list[_Statement], parsed: list[Attribution]) -> list[Attribution]:
        """The parse's attributions whose verb the word lists left unread: not a trigger, not inside read words."""
        triggers = self.read_verbs | {self.toks[st.trigger].start for st in found}
        out = []
        for a in parsed:
            if a.kind == "mention" or a.verb in triggers:
                continue
            inside = [(st, seg) for st in found for seg in st.segments if seg.start <= a.verb < seg.end]
            verb = bisect.bisect_left(self.starts, a.verb)
            joined = _JOINED_CLAUSE.search(self.doc.norm, max(0, a.speaker[0] - 24), a.speaker[0])
            reported = [
                a.speaker[0] <= seg.start or (not joined and self._reported(st.trigger, verb)) for st, seg in inside
            ]
            if any(reported):
                continue  # the verb is part of what another speaker reports ("X said a vessel had reported …")
            for _st, seg in inside:  # "The army said 5 died, while medics described the toll as 12"
                self._cut_segment(seg, a.speaker[0])
            out.append(a)
        return out

    def _cut_segment(self, seg: _Segment, end: int) -> None:
        """End a statement's words where another speaker's clause begins, without its joining words."""
        norm = self.doc.norm
        cut = _JOINED_CLAUSE.search(norm, seg.start, end) or _TRAILING_STOPS.search(norm, seg.start, end)
        seg.end = max(seg.start + 1, cut.start())
        seg.direct, seg.quote = self._quote_span(seg.start, seg.end)

    def _tok_range(self, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
        """The tokens of the sentence toks[lo:hi] that lie in the character span [start, end)."""
        a = bisect.bisect_left(self.starts, start, lo, hi)
        b = bisect.bisect_left(self.starts, end, a, hi)
        return a, b

    def _heading(self, hi: int) -> bool:
        """A line with no closing punctuation before a paragraph break: a headline, byline or link."""
        last = self.toks[hi - 1]
        if self.doc.norm[last.end : last.end + 1] != "\n":
            return False
        if last.text in _CLOSE_QUOTES and hi - 2 >= 0:
            last = self.toks[hi - 2]  # 'Somalia says deal is "null and void"': a headline ending in a quotation
        return last.text[-1] not in _TERMINAL or last.text in _CLOSE_QUOTES

    def _trigger(self, k: int, lo: int, hi: int) -> tuple[str, int, bool] | None:
        """Return (kind, last token of the trigger, participle?) when token k attributes speech."""
        toks = self.toks
        t = toks[k]
        w = t.lower
        if t.quoted or not t.word:
            return None
        if t.cap and k > lo and toks[k - 1].cap:
            return None  # "the United States had …": a name, not a verb
        if w == "according":
            return ("according", k + 1, False) if k + 1 < hi and toks[k + 1].lower == "to" else None
        if w in _DOC_VERBS:
            for j in range(k + 1, min(k + 4, hi)):
                if toks[j].lower in _DOC_NOUNS:
                    return "doc", j, False
                if toks[j].lower not in _DETERMINERS and toks[j].lower not in ("new", "short", "joint", "press"):
                    break
            return None
        if w == "put":
            return ("say", k, False) if _PUT_TOLL.match(self.doc.norm, t.start) else None
        if w in _PARTICIPLES:
            return _PARTICIPLES[w], k, True
        if w in _SAY:
            if w in _ADMIT and self._takes_in(k, lo):
                return None  # "The hospital had admitted 19 injured people": taken in, not confessed
            return "say", k, False
        if w in _ACCUSE:
            return "accuse", k, False
        if w in _DENY:
            if k + 1 >= hi or toks[k + 1].text in ".,;!?":
                for i in range(k - 1, max(lo, k - 9) - 1, -1):
                    if toks[i].lower in _CLAIM_HEADS and not toks[i].quoted:
                        self.relative[k] = i - 1 if i > lo and toks[i - 1].lower in _ARTICLES else i
                        return "deny", k, False  # "…, a claim the government rejected."
            if w in _DENY_NEEDS_OBJECT and not any(
                x.lower in _CLAIM_NOUNS or x.lower == "as" for x in toks[k + 1 : min(k + 7, hi)]
            ):
                return None  # "rejected the proposal" is no denial
            return "deny", k, False
        return None

    def _takes_in(self, k: int, lo: int) -> bool:
        """ "admitted" of people taken in (parsed.takes_in); with no parse, only the passive "were admitted"."""
        token = self._parsed_token(k)
        if token is not None:
            return takes_in(token)
        return k > lo and self.toks[k - 1].lower in _BE

    def _sentence(self, s_idx: int, lo: int, hi: int) -> list[_Statement]:
        toks = self.toks
        out: list[_Statement] = []
        self.current = out
        k = lo
        words_end = hi
        self.read_verbs = set()
        while k < hi:
            trig = self._trigger(k, lo, hi)
            if not trig:
                k += 1
                continue
            self.read_verbs.add(toks[k].start)
            kind, last, participle = trig
            if kind == "according" and out and out[-1].pending is not None and self._ends_sentence(last + 1, hi):
                words_end = k  # "JNIM said it killed 50, according to SITE": SITE relays JNIM's claim
                break
            reported = not participle and k not in self.relative and out and out[-1].pending is not None
            if reported and self._reported(out[-1].trigger, k):
                k = last + 1  # "Ambrey said a vessel had reported an explosion": Ambrey's words, not the vessel's
                continue
            st = self._statement(kind, k, last, participle, s_idx, lo, hi, out)
            if st:
                out.append(st)
                self.history.append(st.speaker)
            k = last + 1
        # Words after a verb run to where the next statement's clause begins.
        for n, st in enumerate(out):
            if st.pending is None:
                continue
            end = out[n + 1].clause_start if n + 1 < len(out) and out[n + 1].clause_start >= st.pending else words_end
            end = min(end, self._relative_end(st, hi))
            while end - 1 > st.pending and toks[end - 1].lower in _CONNECTORS:
                end -= 1
            start, st.pending = st.pending, None
            self._add_segment(st, start, end)
        merged = self._merge(out)
        self.current = []
        return merged

    def _ends_sentence(self, start: int, hi: int) -> bool:
        """ "according to X" that closes its sentence: only X's description follows."""
        toks = self.toks
        end = self._np_right(start, hi)
        if end >= hi or toks[end].text in ".!?" or (end + 1 >= hi and toks[end].text in ",;"):
            return True
        # "…, according to SITE Intelligence Group, which monitors jihadist statements."
        return toks[end].text == "," and end + 1 < hi and toks[end + 1].lower in ("which", "who", "a", "an", "the")

    def _relative_end(self, st: _Statement, hi: int) -> int:
        """A verb in a relative clause ("X, which denies backing M23, said …") says only up to the clause's comma."""
        toks = self.toks
        p = st.trigger - 1
        while p > 0 and (toks[p].lower in _ADVERBS or toks[p].lower in _NEGATIONS):
            p -= 1
        if p >= st.clause_start and toks[p].lower not in ("who", "which"):
            p = st.clause_start - 1  # "The UAE, which the report said had supplied weapons, called …"
        if p < 1 or toks[p].lower not in ("who", "which") or toks[p - 1].text != ",":
            return hi
        for i in range(st.pending or st.trigger, hi):
            if toks[i].text == "," and not toks[i].quoted:
                return i
        return hi

    def _reported(self, outer: int, k: int) -> bool:
        """The parse says the verb at k lies in what the verb at ``outer`` reports (its clausal complement)."""
        verb, speech = self._parsed_token(k), self._parsed_token(outer)
        if verb is None or speech is None or not any(c.dep_ == "nsubj" for c in verb.children):
            return False  # "said its jets had … and denied hitting civilians": the speaker's own second verb
        child = verb
        for _ in range(12):
            if child.head == child or child.dep_ == "relcl":
                return False  # ", a claim the council dismissed": the writer's aside, not the reported words
            if child.head == speech:
                return child.dep_ in ("ccomp", "xcomp")
            child = child.head
        return False

    @staticmethod
    def _merge(out: list[_Statement]) -> list[_Statement]:
        """One statement per speaker and stance in a sentence: "He said … and said …"."""
        merged: list[_Statement] = []
        for st in out:
            if not st.segments:
                continue
            prev = merged[-1] if merged else None
            same_stance = prev and (prev.stance == st.stance or (st.backs_denial and prev.stance == DENIES))
            if (
                prev
                and same_stance
                and prev.speaker.name == st.speaker.name
                and "according" not in (prev.kind, st.kind)
                # one denial however many things it denies: "said Caracas had no link … and rejected what it
                # called Guyana's provocations" (gold rule 5); assertions blaming different sides stay apart
                and (prev.accused == st.accused or prev.accused is None or st.accused is None or st.stance == DENIES)
            ):
                prev.segments.extend(st.segments)
                prev.accused = prev.accused or st.accused
                prev.has_quote = prev.has_quote or st.has_quote
                continue
            merged.append(st)
        return merged

    def _statement(
        self, kind: str, k: int, last: int, participle: bool, s_idx: int, lo: int, hi: int, before: list[_Statement]
    ) -> _Statement | None:
        toks = self.toks
        speaker: _Speaker | None = None
        clause_start = k
        words_before = False  # the words come before their speaker: "“…,” he said"
        words_from = last + 1

        if kind == "according":
            end = self._np_right(last + 1, hi)
            speaker = self._speaker(last + 1, end, s_idx, self._appositive_right(end, hi))
            if speaker is None:
                return None
            if all(not t.word or t.lower in _TIME_WORDS or t.lower in _DAYS_MONTHS for t in toks[lo:k]):
                while end < hi and toks[end].text != ",":
                    end += 1
                words_from = end + 1
                clause_start = lo
            else:
                words_before = True
        elif participle:
            if k > lo and toks[k - 1].lower == "as":
                speaker = self._quoted_as_saying(k, lo, s_idx)
            elif before:
                speaker = before[-1].speaker
            elif k > lo and toks[k - 1].text == "," and not any(t.lower in _REFUSALS for t in toks[lo:k]):
                # "Azerbaijan closed the road, saying …" (not "The military declined to comment, saying …")
                speaker = self._sentence_subject(lo, k, s_idx)
            if speaker is None:
                return None
            clause_start = k - 1 if k > lo and toks[k - 1].text == "," else k
        else:
            found = self._subject_left(k, kind, lo, hi, s_idx, before)
            if found is None:
                return None
            speaker, clause_start, inverted_end = found
            if inverted_end is not None:
                words_before = True
            elif kind in ("say", "doc") and self._nothing_after(last + 1, hi, told=toks[k].lower in _TOLD):
                p = clause_start - 1
                words_before = p >= lo and (toks[p].text == "," or toks[p].text in _CLOSE_QUOTES)
        if speaker is None:
            return None

        st = _Statement(speaker, kind, s_idx, k, clause_start, stance=DENIES if kind == "deny" else ASSERTS)
        st.backs_denial = participle and toks[k].lower == "saying" and bool(before) and before[-1].kind == "deny"
        st.confidence = 0.75 - (0.15 if speaker.resolved else 0) - (0 if speaker.named else 0.1)
        st.confidence -= 0.05 if kind == "according" else 0
        if words_before:
            begin = self._clause_begin(clause_start, lo, before)
            end = clause_start
            while end > begin and toks[end - 1].text in ",:":
                end -= 1
            if kind != "according":
                st.clause_start = begin
            self._add_segment(st, begin, end)
            rest = (
                self._parenthetical_rest(k, last, hi, s_idx, begin) if kind in ("say", "doc") and st.segments else None
            )
            if rest is not None:
                st.pending = rest  # "The strikes, the ministry said, killed 12 people": the verb comes after
                if self._parenthetical_rest(k, last, hi, s_idx) is None:
                    st.segments.clear()  # "In return, he said, Ethiopia would …": "In return" says nothing
            return st if st.segments or st.pending is not None else None
        if kind in ("accuse", "deny"):
            words_from = self.relative.get(k, k)
        elif kind != "according":
            words_from = self._skip_adverbials(words_from, hi, told=toks[k].lower in _TOLD)
        if words_from >= hi:
            return None
        st.pending = words_from
        return st

    def _parenthetical_rest(self, k: int, last: int, hi: int, s_idx: int, begin: int | None = None) -> int | None:
        """Where the words resume after an attribution inside them: "Russian forces, the governor said, had fired",
        "In return, he said, Ethiopia would become …" (nothing before the attribution but an adverbial)."""
        toks = self.toks
        j = self._skip_adverbials(last + 1, hi, told=toks[k].lower in _TOLD, to_end=True)
        if j < hi and toks[j].text == ",":
            j += 1
        if j >= hi or toks[j - 1].text != "," or not toks[j].word or toks[j].quoted:
            return None
        parsed = self._parse(s_idx)
        token = parsed.token_at(toks[j].start) if parsed else None
        if token is None:
            return None
        finite = token.tag_ in ("VBD", "VBZ", "VBP", "MD") or (token.pos_ == "AUX" and token.tag_ != "VBG")
        if finite:
            return j
        if begin is not None:
            before = [parsed.token_at(t.start) for t in toks[begin:k]]
            if not any(b is not None and b.tag_ in ("VBD", "VBZ", "VBP", "MD") for b in before):
                return j  # only an adverbial before the speaker: the words are the clause after it
        return None

    def _sentence_subject(self, lo: int, k: int, s_idx: int) -> _Speaker | None:
        """The subject at the start of a sentence: "Azerbaijan closed the road, saying …"."""
        toks = self.toks
        start = lo
        while start < k and (
            not toks[start].word
            or toks[start].lower in _TIME_WORDS
            or toks[start].lower in _DAYS_MONTHS
            or toks[start].text.isdigit()
        ):
            start += 1
        end = start
        while end < k and (self._np_token(end) or toks[end].lower in _DETERMINERS):
            end += 1
        return self._speaker(start, end, s_idx) if end > start else None

    def _add_segment(self, st: _Statement, a: int, b: int) -> None:
        """Attach the words toks[a:b] to a statement, then settle its quote, stance and blame."""
        toks = self.toks
        while a < b and (toks[a].lower == "that" or toks[a].text in ",:;—–-"):
            a += 1
        while b > a and (toks[b - 1].text in ",;:—–-(." or toks[b - 1].lower in ("and", "while", "but", "whereas")):
            b -= 1
        if a >= b:
            return
        norm = self.doc.norm
        cs, ce = toks[a].start, toks[b - 1].end
        cut = _COMMENTARY.search(norm, cs, ce)
        if cut and cut.start() > cs:
            ce = cut.start() + (1 + len(cut.group("q")) if cut.group("q") else 0)
            while ce > cs and norm[ce - 1] == " ":
                ce -= 1
        direct, quote = self._quote_span(cs, ce)
        st.segments.append(_Segment(cs, ce, direct, quote))
        st.has_quote = st.has_quote or direct or any(cs <= q0 < ce for q0, _ in self.doc.quotes_in(cs, ce))
        if len(st.segments) == 1:
            self._blame(st, a, self._tok_end(b, ce))

    def _tok_end(self, b: int, ce: int) -> int:
        while b > 0 and self.toks[b - 1].start >= ce:
            b -= 1
        return b

    def _quote_span(self, cs: int, ce: int) -> tuple[bool, tuple[int, int]]:
        """A quotation that is all of norm[cs:ce] gives its inside as the quote; else the words themselves."""
        norm = self.doc.norm
        a, b = cs, ce
        while a < b and norm[a] in " :,":
            a += 1
        while b > a and norm[b - 1] in " ,.;:!?":
            b -= 1
        span = self.doc.quote_at(a)
        if span and span[1] in (b - 1, b):
            inner_a, inner_b = span[0] + 1, span[1]
            while inner_a < inner_b and norm[inner_a] == " ":
                inner_a += 1
            while inner_b > inner_a and norm[inner_b - 1] in " ,":
                inner_b -= 1
            if inner_b > inner_a:
                return True, (inner_a, inner_b)
        return False, (cs, ce)

    def _subject_left(
        self, k: int, kind: str, lo: int, hi: int, s_idx: int, before: list[_Statement]
    ) -> tuple[_Speaker, int, int | None] | None:
        """Find who speaks for the verb at k: (speaker, clause start, end of a speaker after the verb)."""
        toks = self.toks
        j = k - 1
        skipped: list[str] = []
        while j >= lo:
            w = toks[j].lower
            if w in _ADVERBS or w in _NEGATIONS or w in _BE or w in _MODALS or w in _DO or w.endswith("n't"):
                skipped.append(w)
                j -= 1
            elif w.endswith("ly") and not toks[j].cap and w.isalpha() and w not in _NOT_ADVERBS:
                j -= 1  # "flatly denied", "reportedly said"
            elif w == "turn" and j - 1 >= lo and toks[j - 1].lower == "in":
                j -= 2
            elif w in ("statement", "interview") and j - 2 >= lo and toks[j - 2].lower == "in":
                j -= 3
            elif w in _DAYS_MONTHS and j - 1 >= lo and toks[j - 1].lower == "on":
                j -= 2
            elif w == "to" and j - 1 >= lo and toks[j - 1].lower in ("declined", "refused", "failed"):
                skipped.append("not")
                j -= 2
            elif w == ")" and j - 2 >= lo and toks[j - 2].text == "(" and _ACRONYM.fullmatch(toks[j - 1].text):
                j -= 3  # "the Joint Chiefs of Staff (JCS) said": the acronym names the same speaker
            else:
                break
        if any(w in _NEGATIONS or w.endswith("n't") or w in _MODALS for w in skipped):
            return None  # "did not say", "could claim"
        if j < lo:
            return self._inverted(k, kind, lo, hi, s_idx)
        t = toks[j]
        if any(w in _BE for w in skipped):
            # Passive. Only "“…,” it was stated" names a speaker: the statement just quoted.
            if t.lower == "it" and j - 1 >= lo and toks[j - 1].text in _CLOSE_QUOTES:
                sp = self._resolve_pronoun("it", s_idx)
                return (sp, j, None) if sp else None
            return None
        if t.lower in ("and", "but", "or") and before:
            return before[-1].speaker, j, None
        if t.lower in _PRONOUNS:
            speaker = self._speaker(j, j + 1, s_idx)
            return (speaker, j, None) if speaker else None
        if t.lower == "other" and j - 1 >= lo and toks[j - 1].lower == "the":
            speaker = self._resolve_pronoun("they", s_idx)  # "two sources said … The other said": one of them
            return (speaker, j - 1, None) if speaker else None
        if t.text in _CLOSE_QUOTES or t.text == ",":
            inverted = self._inverted(k, kind, lo, hi, s_idx)
            if inverted:
                return inverted
        appositive = None
        if (t.lower == "who" and j - 1 >= lo) or (t.lower == "which" and j - 1 >= lo and toks[j - 1].text == ","):
            j -= 1  # "Rwanda, which denies backing M23, said …": the relative clause is Rwanda's too
            if toks[j].text == ",":
                j -= 1
        elif t.text == ",":
            between = self._appositive_left(j, lo)
            if between is None:
                return None
            first, last, describes = between
            appositive = (first, last) if describes else None
            j = first - 2
            if j < lo:
                return None
            if describes and toks[j].lower in ("them", "those", "us") and self._names_person(first, last):
                speaker = self._speaker(first, last, s_idx)  # "One of them, councillor Maria Ortiz, said"
                return (speaker, self._np_left(j, lo), None) if speaker else None
            if not describes and toks[j].cap and toks[j].text != ",":
                # "Italy's defence minister, Guido Crosetto, whose country …, said": the description before the name
                name_start = self._np_left(j, lo)
                if name_start - 2 >= lo and toks[name_start - 1].text == ",":
                    described = self._np_left(name_start - 2, lo)
                    if described <= name_start - 2 and not toks[name_start - 2].cap:
                        appositive = (described, name_start - 1)
        start = self._np_left(j, lo)
        if start - 3 >= lo and toks[start - 1].lower == "by" and toks[start - 2].lower in ("quoted", "cited"):
            j = start - 3  # "officials quoted by local media said": the officials speak, the media relay
            start = self._np_left(j, lo)
        if start > j:
            start = self._parsed_subject_start(j, k, lo)  # "China's coast guard said": a head no list names
        elif start > lo and toks[start - 1].lower in _INNER_PREPS:
            start = min(start, self._parsed_subject_start(j, k, lo, inside=True))  # "officials in the town of X"
        if start < j and toks[start].lower in ("which", "that") and toks[start + 1].word:
            start += 1  # "an operation that Palestinian health officials said killed 274": the relative's own subject
        if start > j or toks[start].lower in ("which", "that", "what"):
            return None
        if start > lo and toks[start - 1].lower == "what":
            return None  # "confirmed what Kinshasa had said": a speech verb inside the claim, not an attribution
        before = [t.lower for t in toks[max(lo, start - 2) : start]]
        if toks[start].lower in _NOBODY or before[-1:] in (["no"], ["neither"]) or before in (["none", "of"],):
            return None  # "No group has claimed responsibility", "None of the officials said": nobody speaks
        speaker = self._speaker(start, j + 1, s_idx, appositive)
        return (speaker, start, None) if speaker else None

    def _parsed_subject_start(self, j: int, k: int, lo: int, *, inside: bool = False) -> int:
        """Where the subject ending at token j begins, when the parse says it is the subject of the verb at k
        (``inside``: token j ends the subject's phrase, whose head comes earlier: "officials in the town of X")."""
        token, verb = self._parsed_token(j), self._parsed_token(k)
        if token is None or verb is None or token.pos_ not in ("NOUN", "PROPN"):
            return j + 1
        if inside:
            heads = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i and token in c.subtree]
            if not heads or any(t.is_punct for t in heads[0].subtree):
                return j + 1
            token = heads[0]
        elif token.head != verb or token.dep_ not in ("nsubj", "nsubjpass"):
            return j + 1
        offset = self._parse().offset
        left = min(t.idx for t in token.subtree if t.i <= token.i) + offset
        start = bisect.bisect_left(self.starts, left, lo, j + 1)
        while start <= j and not self.toks[start].word:
            start += 1
        return start

    def _inverted(self, k: int, kind: str, lo: int, hi: int, s_idx: int) -> tuple[_Speaker, int, int] | None:
        """For "“…,” said the ministry": the speaker follows the verb."""
        if kind != "say" or self.toks[k].lower in _TOLD:
            return None
        toks = self.toks
        end = self._np_right(k + 1, hi)
        after = end
        bracketed = end + 2 < hi and toks[end].text == "(" and toks[end + 2].text == ")"
        if bracketed and _ACRONYM.fullmatch(toks[end + 1].text):
            after = end + 3  # "…, the Syrian Democratic Forces (SDF) said": the acronym is the same speaker
        if end <= k + 1 or (after < hi and toks[after].text not in ",.;!?"):
            return None
        speaker = self._speaker(k + 1, end, s_idx, self._appositive_right(after, hi))
        return (speaker, k, after) if speaker else None

    def _quoted_as_saying(self, k: int, lo: int, s_idx: int) -> _Speaker | None:
        """For "the FT quoted X as saying" and "X was quoted as saying"."""
        toks = self.toks
        for j in range(k - 2, max(lo, k - 12) - 1, -1):
            if toks[j].lower in ("quoted", "cited"):
                if j - 1 >= lo and toks[j - 1].lower in _BE:
                    start = self._np_left(j - 2, lo)
                    return self._speaker(start, j - 1, s_idx) if start <= j - 2 else None
                end = self._np_right(j + 1, k - 1)
                return self._speaker(j + 1, end, s_idx)
        return None

    def _nothing_after(self, j: int, hi: int, *, told: bool) -> bool:
        """True when only adverbials follow the verb: "…, the ministry said on Tuesday."."""
        toks = self.toks
        j = self._skip_adverbials(j, hi, told=told, to_end=True)
        if j >= hi or toks[j].text in ".!?":
            return True
        participle = toks[j].lower in _PARTICIPLES or (toks[j].lower.endswith("ing") and toks[j].lower.isalpha())
        if participle and toks[j - 1].text == ",":
            return True  # "…, the military said in a statement, adding that", "…, calling it"
        if toks[j - 1].text == "," and toks[j].text not in _OPENERS:
            return True  # "…, police said on Sunday, as violence flared again": the adverbial's comma ends the verb
        if toks[j].text == "," and j + 1 < hi:
            # "…, police said Tuesday, the latest in a wave of violence", "…, the president said, calling it …":
            # after a speaker who follows the words, a comma closes the attribution; only a quotation
            # ('Police said, "We arrested 12 men."') would be words after the verb.
            return toks[j + 1].text not in _OPENERS
        return False

    def _skip_adverbials(self, j: int, hi: int, *, told: bool, to_end: bool = False) -> int:
        """Skip a told-object, "on Sunday", "in a statement", "shortly afterward", then "that" or ":"."""
        toks = self.toks
        if told:
            k = j
            if k < hi and toks[k].lower in _ARTICLES:
                k += 1
            while (
                k < hi
                and k - j < 5
                and (toks[k].lower in _RECIPIENTS or (toks[k].cap and toks[k].word) or toks[k].text in _POSSESSIVE)
            ):
                k += 1
            while k > j and toks[k - 1].lower in _ARTICLES:
                k -= 1
            j = k
        for _ in range(6):
            if j >= hi:
                return j
            w = toks[j].lower
            if w in ("that", ":"):
                return j + 1
            if (
                w in _ADVERBS
                or w in _DAYS_MONTHS  # "…, a rebel coalition said Monday."
                or w in ("afterward", "afterwards")
                or (w.endswith("ly") and w.isalpha() and w not in _NOT_ADVERBS)
            ):
                j += 1
                continue
            if w not in _ADVERBIAL_PREPS or _FIGURE.match(self.doc.norm, toks[j].start):
                return j  # "at least 1,417" and "over 40" are figures, not adverbials
            stop = None
            for m in range(j + 1, min(j + 12, hi)):
                if toks[m].quoted:
                    break
                if toks[m].lower in ("that", ":") or toks[m].text in (",", ".", "!", "?") or toks[m].text in _OPENERS:
                    stop = m
                    break
            if stop is not None and (to_end or toks[stop].text not in ".!?"):
                j = stop + 1 if toks[stop].text == "," else stop
                continue
            if j + 1 < hi and (toks[j + 1].lower in _DAYS_MONTHS or toks[j + 1].lower in _TIME_WORDS):
                j += 2
                continue
            return j
        return j

    def _clause_begin(self, clause_start: int, lo: int, before: list[_Statement]) -> int:
        """Where words said before their speaker begin: the sentence, a dash or semicolon, or a previous statement."""
        toks = self.toks
        begin = max(lo, before[-1].trigger + 1) if before else lo
        for i in range(clause_start - 1, begin - 1, -1):
            if toks[i].text == ";" or (toks[i].text in ("—", "–") and not toks[i].quoted):
                return i + 1
            if toks[i].text == "-" and self.doc.norm[toks[i].start - 1 : toks[i].end + 1] == " - ":
                return i + 1  # a wire dateline: "BOGOTA, Jan 14 (Reuters) - Nine soldiers were killed …"
        return begin

    # ----- continuation sentences -------------------------------------------------------
    def _continuation(self, s_idx: int, lo: int, hi: int, previous: list[_Statement]) -> list[_Statement]:
        toks = self.toks
        norm = self.doc.norm
        last = previous[-1]
        cs, ce = toks[lo].start, toks[hi - 1].end
        span = self.doc.quote_at(cs)
        if span and span[1] >= toks[hi - 1].start - 2:
            # A bare quotation continues the statement before it.
            direct, quote = self._quote_span(cs, ce)
            seg = _Segment(cs, ce, direct, quote)
            if not last.has_quote and not last.figures_only:
                last.segments.append(seg)
                last.has_quote = True
                return [last]
            st = _Statement(last.speaker.again(s_idx), "say", s_idx, lo, lo, segments=[seg], confidence=0.55)
            st.has_quote = True
            self.current = []
            self._blame(st, lo, hi)
            self.history.append(st.speaker)
            return [st]
        if any(t.lower in _HEDGES for t in toks[lo:hi]) and not any(t.quoted for t in toks[lo:hi]):
            # "The attack reportedly killed 25": the figures of the claim just made.
            while ce > cs and norm[ce - 1] in ".!?":
                ce -= 1
            seg = _Segment(cs, ce, False, (cs, ce))
            st = _Statement(last.speaker.again(s_idx), "say", s_idx, lo, lo, segments=[seg], confidence=0.45)
            st.figures_only = True
            st.accused = self._agent(lo, hi, st.speaker.side, ASSERTS) or last.accused
            return [st]
        return []

    # ----- stance and blame -------------------------------------------------------------
