"""Who speaks: sides named in a description, speakers built from noun phrases, what "he" or "the ministry" means."""

from __future__ import annotations

import re

from claims.extraction.coref import _Coreference
from claims.extraction.lexicon import _Lexicon
from claims.extraction.parsed import Parse, parse, parse_all
from claims.extraction.statement import _Speaker, _Statement
from claims.extraction.text import _CLOSE_QUOTES, _Doc, _Tok
from claims.extraction.words import (
    _ABBREVIATED,
    _ACRONYM,
    _ARTICLES,
    _CAP_STOP,
    _COUNT_DETERMINERS,
    _DAYS_MONTHS,
    _DETERMINERS,
    _DOC_NOUNS,
    _GENERIC_ORGS,
    _HEAD_TITLES,
    _INNER_PREPS,
    _MEDIA_DESCRIPTORS,
    _NP_MODIFIERS,
    _ORG_WORDS,
    _PERSON_HEADS,
    _POSSESSIVE,
    _PRONOUNS,
    _ROLE_SYNONYMS,
    _SPEAKER_NOUNS,
    _TITLES,
    _alias,
    _words,
)

# Lower-case particles inside personal names: "Karl von der Berg", "Ahmed bin Ali".
_NAME_PARTICLES = frozenset(["von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "bin", "ibn", "ter"])
# Hyphenated descriptions before a name: "the Kyiv-based Centre", "the Kurdish-led Syrian Democratic Forces".
_DESCRIBING_SUFFIXES = (
    "-based",
    "-led",
    "-backed",
    "-aligned",
    "-run",
    "-linked",
    "-affiliated",
    "-allied",
    "-installed",
    "-appointed",
    "-funded",
)
# Lower-case words inside a body's name: "Armed Conflict Location and Event Data Project".
_NAME_INNER = _words("of for from in at on and the de du des la le")
# Participles between a document and its author: "a study released Monday by …".
_PUBLISHED = _words("released published issued commissioned conducted carried compiled prepared seen written")
# A document's name in the singular: the role its author is remembered by.
_DOC_SINGULAR = {"reports": "report", "statements": "statement", "findings": "report"}
# Words that begin a clause, never part of a description before a name.
_CLAUSE_STARTS = _words("that which who whom whose said says told when where while")
# Words before a day or month that make it a date, not a first name: "on Sunday", "said Monday".
_DAY_BEFORE = _words(
    "on last next this since until by before after early late said says told from of in to and or that"
)


class _Speakers(_Coreference):
    """The speaker-finding half of the reader: people, noun phrases, pronouns and roles."""

    def __init__(self, text: str, lex: _Lexicon) -> None:
        self.doc = _Doc(text)
        self.lex = lex
        lex.tie_acronyms(self.doc.norm)
        self.toks = self.doc.toks
        self.starts = [t.start for t in self.toks]
        self.people: dict[str, tuple[str, str | None]] = {}
        self.history: list[_Speaker] = []
        self.statements: list[_Statement] = []
        self.current: list[_Statement] = []
        self.relative: dict[int, int] = {}  # denial verb → start of the claim it denies: "a claim X rejected"
        self.parses: dict[int, Parse | None] = {}  # the current sentence's parse
        spans = [(self.toks[lo].start, self.toks[hi - 1].end) for lo, hi in self.doc.sentences]
        self.parse_stream = parse_all(self.doc.norm, spans)
        self.parsed_upto = -1  # the last sentence the stream has given
        self.sentence = 0  # the sentence being read
        self._scan_people()

    def _parse(self, s_idx: int | None = None) -> Parse | None:
        """The dependency parse of a sentence (the current one by default). Sentences are parsed in batches,
        in reading order, as the reader reaches them; only the current sentence's parse is kept."""
        s_idx = self.sentence if s_idx is None else s_idx
        if s_idx in self.parses:
            return self.parses[s_idx]
        if self.parsed_upto >= s_idx:  # an earlier sentence (the reader does not ask): parse it alone
            lo, hi = self.doc.sentences[s_idx]
            return parse(self.doc.norm, self.toks[lo].start, self.toks[hi - 1].end)
        self.parses = {}
        for i, parsed in self.parse_stream:
            self.parsed_upto = i
            if i >= s_idx:
                self.parses = {i: parsed}
                break
        else:
            self.parsed_upto = len(self.doc.sentences)
        return self.parses.get(s_idx)

    def _parsed_token(self, i: int):
        """The parsed token of the current sentence at token ``i`` of the text, or None."""
        parsed = self._parse()
        return parsed.token_at(self.toks[i].start) if parsed else None

    # ----- people named with a title anywhere in the article -------------------------
    def _scan_people(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            if toks[i].lower not in _TITLES:
                i += 1
                continue
            j = i
            while j < len(toks) and toks[j].lower in _TITLES:
                j += 1
            k = j
            while k < len(toks) and k - j < 4 and self._name_token(toks[k]):
                k += 1
            if k > j and toks[j - 1].lower in _HEAD_TITLES:
                a = i
                while a > 0 and a > i - 3 and (toks[a - 1].cap or toks[a - 1].text in _POSSESSIVE):
                    a -= 1
                self._remember_person(j, k, self._side_of_tokens(a, j))
            i = max(k, i + 1)

    def _name_token(self, t: _Tok) -> bool:
        if re.fullmatch(r"[A-Z]\.", t.text) or t.lower in _NAME_PARTICLES:
            return True  # "J. Smith", "Karl von der Berg"
        return (
            t.cap
            and t.word
            and t.lower not in _TITLES
            and t.lower not in _ORG_WORDS
            and t.lower not in _CAP_STOP
            and t.lower not in _DAYS_MONTHS
            and t.lower not in self.lex.aliases
            and t.lower not in self.lex.capitals
            and t.lower not in self.lex.actors
        )

    def _remember_person(self, a: int, b: int, side: str | None) -> str:
        full = self._text(a, b)
        known = self.people.get(full.lower())
        if known and known[1] and not side:
            side = known[1]
        self.people[full.lower()] = (full, side)
        last = self.toks[b - 1].lower
        if b - a > 1:
            current = self.people.get(last)
            if current is None or current[0] == full or (side and not current[1]):
                self.people[last] = (full, side)
        return full

    # ----- helpers -------------------------------------------------------------------
    def _text(self, a: int, b: int) -> str:
        return self.doc.norm[self.toks[a].start : self.toks[b - 1].end]

    def _side_of_tokens(self, a: int, b: int, *, whole: bool = False) -> str | None:
        """The one side named in toks[a:b]; a capital counts alone ("Baku") or as a possessive."""
        toks = self.toks
        sides = []
        found = self.lex.mentions(toks, a, b)
        actors = [side for _i, _j, side, kind in found if kind == "actor"]
        if actors:
            return actors[0]  # the caller's own actors outrank demonyms: "Yemen's Houthi rebels"
        for i, j, side, kind in found:
            if kind == "capital":
                standalone = whole and (i, j) == (a, b)
                possessive = j < len(toks) and toks[j].text in _POSSESSIVE
                if not (standalone or possessive):
                    continue
            sides.append(side)
        distinct = list(dict.fromkeys(sides))
        return distinct[0] if len(distinct) == 1 else None

    def _actor_side(self, a: int, b: int) -> str | None:
        for _i, _j, side, kind in self.lex.mentions(self.toks, a, b):
            if kind == "actor":
                return side
        return None

    def _np_token(self, i: int) -> bool:
        t = self.toks[i]
        if t.quoted:
            return False
        if t.text in _POSSESSIVE or _ABBREVIATED.fullmatch(t.text):
            return True
        if not t.word:
            return False
        if t.cap:
            return (t.lower not in _DAYS_MONTHS or self._day_in_name(i)) and t.lower not in _CAP_STOP
        if t.lower in _NAME_PARTICLES and i + 1 < len(self.toks):
            nxt = self.toks[i + 1]
            if t.lower == "de" and nxt.lower == "facto":
                return True  # "the de facto authorities": a description, not a name's particle
            return nxt.cap or nxt.lower in _NAME_PARTICLES  # "von der Berg"
        return t.lower in _SPEAKER_NOUNS or t.lower in _NP_MODIFIERS

    def _day_in_name(self, i: int) -> bool:
        """A day or month that is a first name: "Sunday Gyang", "May Thant" (not "on Sunday", "said Monday")."""
        toks = self.toks
        if (
            not (toks[i].cap and toks[i].lower in _DAYS_MONTHS)
            or i + 1 >= len(toks)
            or not self._name_token(toks[i + 1])
        ):
            return False
        return i == 0 or (toks[i - 1].lower not in _DAY_BEFORE and toks[i - 1].lower not in _DAYS_MONTHS)

    def _np_left(self, end: int, lo: int) -> int:
        """Return the first token of the description that ends at token ``end`` (inclusive)."""
        toks = self.toks
        j = end
        while j >= lo:
            t = toks[j]
            if self._np_token(j):
                j -= 1
                continue
            if t.lower in _ARTICLES:
                j -= 1
                # "Jack Watling of the Royal United Services Institute"
                if j - 1 >= lo and toks[j].lower in _INNER_PREPS and self._np_head(j - 1):
                    j -= 1
                    continue
                # "two U.N. sources and a security source": two descriptions of speakers, one claim
                if j - 1 >= lo and toks[j].lower == "and" and toks[j - 1].lower in _SPEAKER_NOUNS:
                    j -= 1
                    continue
                break
            if t.lower in _INNER_PREPS and lo < j < end and self._np_head(j - 1):
                j -= 1
                continue
            if t.lower == "and" and lo < j < end and toks[j - 1].cap and toks[j + 1].cap:
                j -= 1
                continue
            if t.word and j < end and j - 1 >= lo and toks[j - 1].text in _POSSESSIVE:
                j -= 1  # "Congo's communications minister"
                continue
            if t.word and j < end and toks[j + 1].text in _POSSESSIVE and j - 1 >= lo and toks[j - 1].cap:
                j -= 1  # "the United Nations children's agency"
                continue
            break
        start = j + 1
        extended = False
        while start - 1 >= lo and start <= end and not toks[start].cap and self._parsed_modifier(start - 1, start, end):
            start -= 1  # "a village resident", "an industry official": a modifier no word list names
            extended = True
        if extended and start - 1 >= lo and toks[start - 1].cap and self._np_token(start - 1):
            return self._np_left(start - 1, lo)  # "the Islamic Jihad militant group": a name before the modifiers
        if start <= end and start - 1 >= lo and toks[start - 1].lower in _DETERMINERS | _COUNT_DETERMINERS:
            start -= 1  # keep "the", "its", "one" for resolution, and "two" of "two security sources"
        elif start - 2 >= lo and toks[start - 1].lower == "of" and toks[start - 2].lower in _DETERMINERS:
            start -= 2  # "one of the sources"
        while start <= end and (toks[start].lower in _INNER_PREPS or toks[start].text in _POSSESSIVE):
            start += 1
        return start

    def _parsed_modifier(self, i: int, a: int, b: int) -> bool:
        """The parse says lower-case token i modifies the noun phrase toks[a:b+1] ("village" in "village resident")."""
        t = self.toks[i]
        if not t.word or t.cap or t.quoted or t.lower in _DETERMINERS or t.lower in _COUNT_DETERMINERS:
            return False
        token = self._parsed_token(i)
        if (
            token is None
            or token.dep_ not in ("compound", "amod", "nmod")
            or token.pos_ not in ("NOUN", "ADJ", "PROPN")
        ):
            return False
        head = token.head.idx + self._parse().offset
        return self.toks[a].start <= head <= self.toks[b].start

    def _np_head(self, i: int) -> bool:
        t = self.toks[i]
        return self._np_token(i) and t.word and (t.cap or t.lower in _SPEAKER_NOUNS)

    def _np_right(self, start: int, hi: int) -> int:
        """Return the end (exclusive) of the description that starts at token ``start``."""
        toks = self.toks
        j = start
        if j < hi and toks[j].lower in _ARTICLES:
            j += 1
        while j < hi:
            t = toks[j]
            if self._np_token(j):
                j += 1
                continue
            if j > start and j + 1 < hi and self._np_token(j + 1) and self._parsed_modifier(j, j + 1, j + 1):
                j += 1  # "United Nations sanctions monitors": a modifier no word list names
                continue
            if t.lower in _INNER_PREPS and j > start and j + 1 < hi:
                nxt = j + 1
                if toks[nxt].lower in _ARTICLES:
                    nxt += 1
                if nxt < hi and self._np_token(nxt):
                    j = nxt
                    continue
            if t.lower == "and" and j > start and j + 1 < hi and toks[j - 1].cap and toks[j + 1].cap:
                j += 1
                continue
            if t.lower == "and" and j > start and j + 2 < hi and toks[j - 1].cap and toks[j + 1].lower == "the":
                j += 2  # "the United Nations and the Somali government"
                continue
            if t.lower in ("by", "from") and j > start and toks[j - 1].lower in _DOC_NOUNS and j + 1 < hi:
                j += 1  # "according to a report by United Nations sanctions monitors"
                continue
            if j > start and toks[j - 1].lower in _DOC_NOUNS and t.lower in _PUBLISHED:
                by = next((m for m in range(j + 1, min(j + 5, hi)) if toks[m].lower == "by"), None)
                if by is not None:
                    j = by + 1  # "a study released Monday by the United Nations and the Somali government"
                    if j < hi and toks[j].lower in _ARTICLES:
                        j += 1
                    continue
            break
        while j > start and (toks[j - 1].lower in _INNER_PREPS or toks[j - 1].lower in _DETERMINERS):
            j -= 1
        return j

    def _appositive_left(self, comma: int, lo: int) -> tuple[int, int, bool] | None:
        """For "X, an Azeri official, said": the token range between the commas, and whether it describes X.

        An aside ("X, speaking on television, said", "X, who asked not to be named, said") is
        skipped but describes nothing.
        """
        toks = self.toks
        k = comma - 1
        while k >= lo and k > comma - 16 and toks[k].text != ",":
            if toks[k].quoted or toks[k].text in ".;:!?" or toks[k].text in _CLOSE_QUOTES:
                return None
            k -= 1
        if k < lo or toks[k].text != "," or k + 1 >= comma:
            return None
        inner = (k + 1, comma)
        first = toks[inner[0]]
        if first.lower in _PUBLISHED and any(toks[i].lower == "by" for i in range(*inner)):
            return (*inner, True)  # "The study, carried out by the London School of …, estimated": its author
        if (first.lower.endswith("ing") and not first.cap) or first.lower in ("who", "which", "whose", "whom", "as"):
            return (*inner, False)  # an aside: "speaking on television", "who asked not to be named", "as … is known"
        if all(
            self._np_token(i)
            or toks[i].lower in _DETERMINERS
            or toks[i].lower in _INNER_PREPS
            or toks[i].text.isdigit()
            for i in range(*inner)
        ):
            return (*inner, True)
        if first.lower in _ARTICLES and self._parsed_appositive(*inner):
            return (*inner, True)  # "The Kuki Inpi Manipur, an apex body of the Kuki community, denied"
        n = inner[1]
        while n > inner[0] and self._name_token(toks[n - 1]):
            n -= 1
        if inner[1] - n >= 2 and all(toks[i].word and not toks[i].cap for i in range(inner[0], n)):
            return (*inner, True)  # "One of them, councillor Maria Ortiz, said": a name after its description
        return None

    def _parsed_appositive(self, a: int, b: int) -> bool:
        """The parse says toks[a:b] is an appositive of the noun just before it."""
        for i in range(a, b):
            token = self._parsed_token(i)
            if token is not None and token.dep_ == "appos" and token.head.i < token.i:
                head = self.toks[a - 2] if a >= 2 else None
                return head is not None and token.head.idx + self._parse().offset <= head.start
        return False

    def _appositive_right(self, end: int, hi: int) -> tuple[int, int] | None:
        """For "…, said X, a spokeswoman for the ministry.": the appositive after the speaker."""
        toks = self.toks
        if end >= hi or toks[end].text != ",":
            return None
        a = end + 1
        while a + 1 < hi and toks[a].text.isdigit() and toks[a + 1].text == ",":
            a += 2  # an age: "Farida Begum, 54, a teacher"
        b = a
        while b < hi and b - a < 15 and toks[b].text not in ",.;:!?" and not toks[b].quoted:
            b += 1
        if b > a and (toks[a].lower in _ARTICLES or self._np_token(a)):
            return a, b
        return None

    def _is_proper(self, a: int, b: int) -> bool:
        """A proper noun phrase: "Col. Arvind Mehta", "the Kyiv-based Centre for Conflict Data"."""
        toks = self.toks
        while a < b and (toks[a].lower in _DETERMINERS or toks[a].lower.endswith(_DESCRIBING_SUFFIXES)):
            a += 1
        if a >= b or not toks[a].cap or not toks[b - 1].cap:
            return False
        return all(
            (t.cap and (t.word or _ABBREVIATED.fullmatch(t.text)))
            or t.lower in _INNER_PREPS
            or t.lower in ("and", "the")
            for t in toks[a:b]
        )

    def _names_person(self, a: int, b: int) -> bool:
        name_a, name_b = self._strip_titles(a, b)
        return name_a < name_b and self._is_person(name_a, name_b)

    def _strip_titles(self, a: int, b: int) -> tuple[int, int]:
        """Return the personal name at the end of toks[a:b] with its titles dropped, or an empty range."""
        toks = self.toks
        i = b
        while i > a and (
            self._name_token(toks[i - 1])
            or (i < b and self._day_in_name(i - 1))
            # "Hassan Sheikh Mohamud": a title between two names is part of the name
            or (i < b and i - 2 >= a and toks[i - 1].lower == "sheikh" and self._name_token(toks[i - 2]))
        ):
            i -= 1
        if i == b:
            return b, b
        if i == a:
            if b - a > 2 and toks[a].lower in _PERSON_HEADS:
                return a + 1, b  # "Teacher Sani Abdullahi": an occupation used as a title
            return a, b
        if toks[i - 1].lower not in _HEAD_TITLES and toks[i - 1].lower not in _SPEAKER_NOUNS:
            if b - i >= 2 and all(t.word and not t.cap and t.lower not in _CAP_STOP for t in toks[a:i]):
                return i, b  # "councillor Maria Ortiz": lower-case words before a full name describe it
            return b, b
        # What stands before the title describes the person: "Coast guard spokesperson Gan Yu".
        prefix_ok = all(
            (t.word and t.lower not in _CAP_STOP and t.lower not in _CLAUSE_STARTS) or t.text in _POSSESSIVE
            for t in toks[a:i]
        )
        return (i, b) if prefix_ok else (b, b)

    def _is_person(self, a: int, b: int) -> bool:
        if a >= b:
            return False
        toks = self.toks[a:b]
        if any(t.lower in _ORG_WORDS for t in toks):
            return False
        if any(t.text.isupper() and len(t.text) > 1 and not t.text.endswith(".") for t in toks):
            return False  # an acronym: RSF, NATO
        name = _alias(self._text(a, b))
        if name in self.lex.actors or name in self.lex.acronymed:
            return False  # a group the caller names ("Al Shabaab"), or a name given an acronym in the text
        if len(toks) >= 2 or self._text(a, b).lower() in self.people:
            return True
        return self._full_name(a) is not None

    def _full_name(self, i: int) -> str | None:
        """ "Machado" after "opposition leader Maria Corina Machado": the full name printed earlier, remembered."""
        toks = self.toks
        t = toks[i]
        if not self._name_token(t):
            return None
        for j in range(i - 1, 0, -1):
            if toks[j].text != t.text or not self._name_token(toks[j - 1]):
                continue
            first = j - 1
            while first > 0 and j - first < 3 and self._name_token(toks[first - 1]):
                first -= 1
            return self._remember_person(first, j + 1, None)
        return None

    # ----- speakers ---------------------------------------------------------------------
    def _speaker(self, a: int, b: int, s_idx: int, appositive: tuple[int, int] | None = None) -> _Speaker | None:
        """Build the speaker that toks[a:b] describes (with an optional appositive)."""
        toks = self.toks
        if a >= b:
            return None
        if b - a > 2 and toks[a].lower in _DETERMINERS and toks[a + 1].lower == "of":
            a += 2  # "one of the sources" is one of the sources named before
        if b - a == 2 and toks[a].lower in ("both", "two", "the", "each") and toks[a + 1].lower in ("sides", "side"):
            return None  # "both sides said": nobody in particular (gold README rule 2)
        if b - a == 1 and toks[a].lower in _PRONOUNS:
            return self._sentence_antecedent(a, s_idx) or self._resolve_pronoun(toks[a].lower, s_idx)
        # "the statement from X", "a report in X", "a tweet by X" speak for X.
        for i in range(a, b - 1):
            p = i + 1
            while p < min(b - 1, i + 4) and (toks[p].lower in _PUBLISHED or toks[p].lower in _DAYS_MONTHS):
                p += 1  # "a study released Monday by …"
            if toks[i].lower in _DOC_NOUNS and not toks[i].cap and toks[p].lower in ("from", "in", "by", "of", "on"):
                author = self._speaker(p + 1, b, s_idx, appositive)
                if author is not None:  # "the report" later is this author's
                    author.roles = author.roles | {_DOC_SINGULAR.get(toks[i].lower, toks[i].lower)}
                return author
        if all(t.lower in _DOC_NOUNS or t.lower in _DETERMINERS for t in toks[a:b]):
            if appositive:
                # "The document, an internal note from the national police, listed …", "The study, carried out
                # by the London School of Hygiene and Tropical Medicine, estimated …"
                for i in range(appositive[0], appositive[1] - 1):
                    doc_from = toks[i].lower in _DOC_NOUNS and toks[i + 1].lower in ("from", "by", "of")
                    if doc_from or (toks[i + 1].lower == "by" and toks[i].lower.endswith(("ed", "out"))):
                        return self._speaker(i + 2, appositive[1], s_idx)
            if b - a == 2 and toks[a].lower in ("the", "its", "their", "this") and toks[b - 1].lower in _DOC_NOUNS:
                # "The report said", "Their report documented": the author of the report named before
                if toks[a].lower in ("its", "their"):
                    return self._resolve_pronoun("it" if toks[a].lower == "its" else "they", s_idx)
                return self._resolve_role([_DOC_SINGULAR.get(toks[b - 1].lower, toks[b - 1].lower)], s_idx)
            return None
        det = None
        while a < b and (toks[a].lower in _DETERMINERS or toks[a].lower.endswith(_DESCRIBING_SUFFIXES)):
            det = det or toks[a].lower
            a += 1
        if a + 1 < b and toks[a].lower in _COUNT_DETERMINERS and not any(t.lower == "and" for t in toks[a:b]):
            a += 1  # "two security sources" are the security sources (a list keeps its counts)
        if a >= b or toks[b - 1].text in _POSSESSIVE:
            return None
        if toks[b - 1].lower in _DOC_NOUNS and not any(t.cap for t in toks[a:b]):
            return None  # "several reports said": nobody in particular
        lowers = [t.lower for t in toks[a:b]]
        roles = set(lowers)
        if appositive:
            roles |= {t.lower for t in toks[appositive[0] : appositive[1]]}
        roles = frozenset(_ROLE_SYNONYMS.get(r, r) for r in roles)
        has_cap = any(t.cap and t.word for t in toks[a:b])
        side = self._side_of_tokens(a, b, whole=True)
        if side in self.lex.countries and self.lex.independent_in(toks, a, b, strict=True):
            side = self.lex.independent  # "the Syrian Observatory for Human Rights" is a monitor, not Syria
        named = True
        owner = None  # "its spokesman": the body "its" stands for
        if det in ("its", "their", "his", "her"):
            owner = self._resolve_pronoun({"its": "it", "their": "they", "his": "he", "her": "she"}[det], s_idx)
            side = side or (owner.side if owner else None)

        # A role with no name ("the minister", "its spokesman", "the group") stands for the
        # last fitting speaker; a side word keeps it a description ("Azeri officials").
        if not has_cap and appositive is None:
            if owner and (det in ("his", "her") or toks[b - 1].lower not in _ORG_WORDS):
                return owner  # "its spokesman", "his office" speak for the owner; "its foreign ministry" is a body
            if side is None:
                if det in ("the", "this", "that"):
                    found = self._resolve_role(lowers, s_idx) or self._group_in_sentence(lowers, a, s_idx)
                    if found:
                        return found
                named = False

        # A proper-noun appositive names the speaker: "a ministry spokesman, Col. X, said".
        if appositive and self._is_proper(*appositive) and not self._names_person(a, b):
            side = side or self._side_of_tokens(*appositive) or self._role_side(lowers, s_idx)
            if side is None and self.lex.independent_in(self.toks, a, b):
                side = self.lex.independent
            name_a, name_b = self._strip_titles(*appositive)
            if name_a < name_b and self._is_person(name_a, name_b):
                return _Speaker(self._remember_person(name_a, name_b, side), side, True, False, roles, s_idx)
            p, q = appositive
            while p < q and (toks[p].lower in _DETERMINERS or toks[p].lower.endswith(_DESCRIBING_SUFFIXES)):
                p += 1
            return _Speaker(self._text(p, q), side, False, False, roles, s_idx)

        # People: titles and demonyms before the name are dropped; "of X" after it is context.
        cut = b
        for i in range(a + 1, b):
            if toks[i].lower in ("of", "from", "at"):
                if self._is_person(*self._strip_titles(a, i)):
                    cut = i
                break
        name_a, name_b = self._strip_titles(a, cut)
        if name_a < name_b and self._is_person(name_a, name_b):
            known = self.people.get(self._text(name_a, name_b).lower())
            if side is None:
                side = self._side_of_tokens(cut, b)
            if side is None and name_a > a:  # "Government spokesman X": the government last quoted
                side = self._role_side(lowers[: name_a - a], s_idx) or self._title_side(lowers[: name_a - a], s_idx)
            if side is None and appositive:
                side = self._side_of_tokens(*appositive)
            if side is None and known:
                side = known[1]
            if side is None and (
                self.lex.independent_in(toks, a, b) or (appositive and self.lex.independent_in(toks, *appositive))
            ):
                side = self.lex.independent
            if name_b - name_a == 1 and known:
                return _Speaker(known[0], side, True, False, roles, s_idx)
            return _Speaker(self._remember_person(name_a, name_b, side), side, True, False, roles, s_idx)

        # Bodies and groups: as printed, without the article or a trailing "news site"; a
        # description ending in an acronym is named by it: "the UN children's agency UNICEF".
        last_tok = toks[b - 1]
        if b - a > 1 and _ACRONYM.fullmatch(last_tok.text) and not toks[b - 2].cap:
            return _Speaker(last_tok.text, side or self._actor_side(b - 1, b), False, False, roles, s_idx)
        end = b
        e = b
        while e - a > 1 and toks[e - 1].lower in _MEDIA_DESCRIPTORS and not toks[e - 1].cap:
            e -= 1  # "Al Monitor news site" (not "the International Atomic Energy Agency")
        if e < b and toks[e - 1].cap:
            end = e
        if side is None and appositive:
            side = self._side_of_tokens(*appositive)
        if side is None and not has_cap:
            side = self._role_side(lowers, s_idx)
        if side is None and (
            self.lex.independent_in(toks, a, b) or (appositive and self.lex.independent_in(toks, *appositive))
        ):
            side = self.lex.independent
        last = toks[b - 1].lower
        plural = last in ("police", "media") or (
            last.endswith("s")
            and last not in ("news", "press", "headquarters", "forces")
            and _alias(self._text(a, end)) not in self.lex.acronymed  # "Inter-Services Public Relations (ISPR)"
        )
        for i in range(end - 2, a - 1, -1):
            named_body = all(t.cap and t.word and t.lower not in _ORG_WORDS for t in toks[i + 1 : end])
            owned_by_body = all(t.cap and t.word for t in toks[i + 1 : end]) and any(
                not t.cap and t.lower in _SPEAKER_NOUNS for t in toks[a:i]
            )
            if toks[i].text in _POSSESSIVE and (named_body or owned_by_body):
                # "Yemen's Houthis", "the U.S. military's Central Command": the body has a name of its
                # own (not "Russia's Defence Ministry", which is named by its country)
                a = i + 1
                break
        a, end = self._proper_part(a, end)
        for i in range(a + 1, end - 1):
            if toks[i].text in _POSSESSIVE and not any(t.cap for t in toks[i + 1 : end]):
                name_a, name_b = self._strip_titles(a, i)
                if a < name_a < name_b == i and self._is_person(name_a, name_b):
                    a = name_a  # "Ethiopian Prime Minister Abiy Ahmed's office" is Abiy Ahmed's office
                break
        person = not has_cap and last in _PERSON_HEADS  # "a village resident" is a he or a she
        return _Speaker(self._text(a, end), side, person, plural, roles, s_idx, named=named or has_cap)

    def _proper_part(self, a: int, end: int) -> tuple[int, int]:
        """A body's own name inside its description: "the opposition Coalition for Change" is the Coalition for
        Change; "the Islamic Jihad militant group" is Islamic Jihad when the caller or the side table knows it."""
        toks = self.toks
        p = end
        while p > a and (
            (toks[p - 1].cap and toks[p - 1].word) or (toks[p - 1].lower in _NAME_INNER and p < end and p - 1 > a)
        ):
            p -= 1
        while p < end and not toks[p].cap:
            p += 1
        if a < p < end and toks[p - 1].word and not toks[p - 1].cap and toks[p - 1].lower not in _NAME_INNER:
            return p, end  # a lower-case description, then the name
        q = a
        while q < end and toks[q].cap and toks[q].word:
            q += 1
        if (
            a < q < end
            and toks[q].word
            and toks[end - 1].lower in _GENERIC_ORGS
            and not any(t.cap for t in toks[q:end])
        ):
            name = _alias(self._text(a, q))
            if name in self.lex.actors or name in self.lex.aliases:
                return a, q
        return a, end
