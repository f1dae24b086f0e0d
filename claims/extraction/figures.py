"""Figures in running text: spotting counts with their qualifiers, and telling counts from dates, ages and labels."""

from __future__ import annotations

import re

from claims.extraction.words import _CAP_STOP, _DAYS_MONTHS, _words
from claims.figures import vocabulary

# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------
_MAX_FIGURES = 20  # per attributed passage
# The spotting pattern is built from claims.figures' own vocabulary: every wording the parser reads
# can be found in text ("not fewer than 300", "circa 40", "approx. 500", "25 or more"), and the
# longest phrase wins, so "not fewer than" is never read as "fewer than".
_VOCABULARY = vocabulary()


def _phrase(words: tuple[str, ...]) -> str:
    """A regex for a phrase given as words: spaces between words, none before punctuation."""
    out = ""
    for word in words:
        if out and word[:1].isalnum():
            out += r"\s+" if out[-1:].isalnum() else r"\s*"
        elif out:
            out += r"\s*"
        out += re.escape(word)
    return out


def _alternation(phrases) -> str:
    return "|".join(_phrase(p) for p in sorted(phrases, key=lambda p: -len(" ".join(p))))


_UNIT = "|".join(_VOCABULARY["ones"])
_NUM_WORD = (
    rf"(?:(?:{'|'.join(_VOCABULARY['tens'])})(?:[- ](?:{_UNIT}))?"
    rf"|{'|'.join(_VOCABULARY['teens'])}|{_UNIT})"
)
_SCALE = "|".join(w for w in _VOCABULARY["scales"] if w != "billion")
_WORD_NUMBER = rf"{_NUM_WORD}(?: (?:hundred|{_SCALE}))?(?: (?:and )?{_NUM_WORD}(?: (?:hundred|thousand))?)?"
_DIGITS = (
    r"\d{1,3}(?:(?:,|\.|\u202f|\u00a0|\u2009)\d{3})+(?![\d.,]\d)"  # 2,300 2.300
    r"|\d{1,3}(?: \d{3})+(?!\d)"  # 2 300
    rf"|\d+(?:\.\d+)?(?: (?:{_SCALE}))?"  # 25, 1.5 million
)
# "half a million", "one and a half million": the halves and the scales both come from the vocabulary.
_HALF = "|".join(_VOCABULARY["halves"])
_FRACTION = rf"(?:(?:{_NUM_WORD}|\d+) and a (?:{_HALF})|(?:{_HALF}) an?) (?:{_SCALE})"
_NUMBER = rf"(?:{_FRACTION}|{_DIGITS}|{_WORD_NUMBER})"
_QUALIFIER = _alternation(_VOCABULARY["prefixes"])
_SUFFIX = _alternation(_VOCABULARY["suffixes"])
_VAGUE = (
    rf"(?:{'|'.join(_VOCABULARY['vague_multipliable'])}) of (?:{'|'.join(_VOCABULARY['vague_multipliers'])})"
    rf"|{'|'.join(_VOCABULARY['vague'])}"
    rf"|(?:a|{_UNIT}|ten) (?:{'|'.join(_VOCABULARY['dozens'])})"
)
_RANGES = "|".join(
    rf"{opener} (?P<{opener}_a>{_NUMBER}) (?:{'|'.join(map(re.escape, separators))}) (?P<{opener}_b>{_NUMBER})"
    for opener, separators in _VOCABULARY["ranges"]
)
_FIGURE = re.compile(
    rf"(?<![\w.,\-–/:$€£])(?:(?P<qual>{_QUALIFIER})\s*)?"
    rf"(?:{_RANGES}"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<r1>{_NUMBER}) ?(?:-|–|—|to) ?(?P<r2>{_NUMBER})"
    rf"|(?P<n>{_NUMBER})(?:(?P<suffix>\s?(?:{_SUFFIX}))(?![\w%]))?)"
    r"(?![\w%])",
    re.IGNORECASE,
)
_PERSON_NOUN = (
    r"(?:soldier|civilian|serviceman|servicewoman|person|child|woman|man|officer|policeman|fighter|journalist|worker|"
    r"resident|medic|guard|border guard|crew member|pilot|paramedic|volunteer|peacekeeper|hostage|"
    r"teacher|nurse|doctor|farmer|student|driver|trader)"
)
# One person harmed, in either voice: "an Armenian soldier was killed", "…, wounding a soldier".
_SINGLE_CASUALTY = re.compile(
    rf"\b(?:a|an|one)\s(?:[\w-]+\s){{0,2}}?{_PERSON_NOUN}\s(?:was|has been|had been|is)\s(?:(?:\w+ly|also|later)\s)?"
    r"(?:killed|wounded|injured|hurt|captured|detained|abducted)\b"
    rf"|\b(?:killing|wounding|injuring|capturing)\s(?:a|an|one)\s(?:[\w-]+\s){{0,2}}?{_PERSON_NOUN}\b",
    re.IGNORECASE,
)
# One person among the counted: "killed nine people, including a soldier" (a casualty word must come before).
_INCLUDED_CASUALTY = re.compile(rf"\bincluding\s(?:a|an|one)\s(?:[\w-]+\s){{0,2}}?{_PERSON_NOUN}\b", re.IGNORECASE)
_CASUALTY_BEFORE = re.compile(
    r"\b(?:killed|killing|dead|died|deaths|wounded|wounding|injured|injuring|hurt|casualties|victims)\b[^.;:!?]*$",
    re.IGNORECASE,
)
# Capitalised units a number names: "the rival 444 Brigade", "3 Commando" (not "444 brigade fighters").
_UNIT_NAMES = _words("brigade battalion division regiment squadron corps company platoon commando fleet army")
# Nouns that a lone "one" counts: "one casualty", "one civilian".
_ONE_COUNTS = re.compile(
    rf"(?:casualty|death|fatality|dead|{_PERSON_NOUN[3:-1]})\b",
    re.IGNORECASE,
)
# People described by their age: "children under five", "those over 60".
_AGE_BEFORE = re.compile(
    r"\b(?:children|child|boys|girls|babies|infants|people|those|men|women|adults)\s+$", re.IGNORECASE
)
# A toll's wording before a count: "put the toll at five".
_TOLL_BEFORE = re.compile(r"\b(?:toll|tally|number|figure|count)\b[\w\s]{0,20}\b(?:at|to|of)\s+$", re.IGNORECASE)
# Numbers that name a thing, not count it: "reactor unit 6", "units 3 and 4", "Channel 24" (capitalised: below).
_LABEL_BEFORE = re.compile(
    r"\b(?:units?|reactors?|gates?|blocks?|sectors?|routes?|highways?|roads?|channels?|flights?|lines?|"
    r"platforms?|zones?|buildings?|wards?|rooms?|floors?|no|number|brigades?|battalions?|divisions?|regiments?|"
    r"resolutions?|articles?|clauses?|phases?|stages?|levels?|grades?|categor(?:y|ies)|types?|models?|"
    r"checkpoints?|posts?|towers?|terminals?|piers?|runways?|hangars?|exits?|camps?|lots?|plots?|tranches?|"
    r"batch|rounds?)\s+(?:\d+\s*(?:,|and|or|&)\s*)*$",
    re.IGNORECASE,
)
_NOT_COUNTED = _words(
    """km nautical kilometres kilometers kilometre kilometer miles mile metres meters metre meter m
    hours hour minutes minute seconds second days day nights night weeks week months month years year
    decades decade percent per cent a.m p.m am pm gmt utc local o'clock degrees tonnes
    tons kg dollars euros pounds manat rubles roubles dram drams hryvnia mm calibre caliber
    sides side countries nations parties st nd rd th years-old
    year-old bn billion"""
)
_COUNT_WORDS = _words(
    """dead killed wounded injured people persons civilians soldiers troops servicemen
    children women men prisoners captives hostages casualties deaths others more aircraft personnel
    police livestock cattle sheep"""
)
_NOT_PLURAL = _words(
    "this was has is his its as us yes whereas always perhaps across less unless thus its towards afterwards besides"
)


# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------
def _find_figures(norm: str, cs: int, ce: int) -> list[tuple[int, int, str]]:
    """Return (start, end, wording) for each count in norm[cs:ce]."""
    singles = [(m.start(), m.end(), "1") for m in _SINGLE_CASUALTY.finditer(norm, cs, ce)]
    singles += [
        (m.start(), m.end(), "1")
        for m in _INCLUDED_CASUALTY.finditer(norm, cs, ce)
        if _CASUALTY_BEFORE.search(norm, max(cs, m.start() - 120), m.start())
        and not any(a <= m.start() < b for a, b, _ in singles)
    ]
    found = list(singles)
    for m in _FIGURE.finditer(norm, cs, ce):
        if len(found) >= _MAX_FIGURES:
            break  # a table pasted as prose: the first counts are draft enough
        if any(a <= m.start() < b for a, b, _ in singles):
            continue
        if _is_count(norm, m, cs):
            found.append((m.start(), m.end(), m.group()))
    found.sort()
    return found


def _is_count(norm: str, m: re.Match, cs: int) -> bool:
    after = norm[m.end() : m.end() + 60]
    # "wounded 42, local officials said": a word after punctuation is not what the number counts
    next_words = [] if re.match(r"[,;)]", after) else [w.rstrip(".") for w in re.findall(r"[\w.'’%-]+", after)[:5]]
    nxt = next_words[0].lower() if next_words else ""
    before = norm[max(0, m.start() - 30) : m.start()]
    prev_words = re.findall(r"[\w.'’]+", before)
    prev = prev_words[-1] if prev_words else ""
    if nxt in _NOT_COUNTED or (after[:1] and after[:1] in "%:") or re.match(r"[.,]\d", after):
        return False
    if nxt == "times" and re.match(
        r"\s*times\s+(?:as|more|less|fewer|higher|lower|larger|bigger|greater|the)\b", after
    ):
        return False  # "three times as many": a multiplier ("fired 12 times since 2010" counts occasions)
    if re.match(r"(?:under|below|over|above)\b", m.group(), re.IGNORECASE) and _AGE_BEFORE.search(before):
        return False  # "children under five": an age
    if re.search(r"\bthe\s+$", before) and not m.group("qual"):
        return False  # "the two boats", "the five Iranians": a group already counted, not a new count
    if m.group().lower() == "one" and re.match(r"\s+of\s+the\s+(?:\w+est|most|worst|best|first|last|few)\b", after):
        return False  # "one of the biggest setbacks"
    if prev.lower() in _DAYS_MONTHS or nxt in _DAYS_MONTHS:
        return False
    if before.endswith((":", "$", "€", "£", "#")) or re.search(r"[A-Za-z]-$|\bage(?:d| of) ?$", before):
        return False  # a label, money, or an age: "under the age of 10", "aged 54"
    if not m.group("qual") and _LABEL_BEFORE.search(before):
        return False  # "reactor unit 6"
    if not m.group("qual") and next_words and next_words[0][:1].isupper() and nxt in _UNIT_NAMES:
        return False  # "the rival 444 Brigade": a unit's name
    if re.match(r"-[a-z]", after):
        return False  # a number glued to what it measures: "a 16-year-old boy", "a 24-hour truce"
    ranged = [m.group(f"{opener}_{end}") for opener, _ in _VOCABULARY["ranges"] for end in "ab"]
    numbers = [g for g in (*ranged, m.group("r1"), m.group("r2"), m.group("n")) if g]
    qualified = bool(m.group("qual")) or any(ranged) or bool(m.group("suffix"))
    for g in numbers:
        if re.fullmatch(r"1[89]\d\d|20\d\d", g) and nxt not in _COUNT_WORDS:
            return False  # a year
        if re.fullmatch(r"\d+\.\d{1,2}", g):
            return False  # a time or a decimal: "18.30"
    if m.group("vague"):
        return True
    if not qualified and prev[:1].isupper() and prev.lower() not in _CAP_STOP and m.start() - len(prev) - 1 > cs:
        return False  # "Resolution 2334", "Su 25"
    word_number = not any(ch.isdigit() for ch in m.group())
    if word_number and not qualified and _TOLL_BEFORE.search(before):
        return True  # "put the toll at five", "raised the number of dead to nine"
    if word_number and not qualified:
        lowers = [w.lower() for w in next_words]
        if lowers[:1] == ["of"] and lowers[1:2] in (["the"], ["them"], ["its"], ["their"], ["our"], ["his"], ["her"]):
            return True  # "nine of its staff", "one of its vessels"
        if m.group().lower() == "one":
            if lowers[:1] and _ONE_COUNTS.fullmatch(lowers[0]):
                return True  # "there had been one casualty"
            return lowers[1:2] in (["was"], ["is"], ["had"], ["has"]) and lowers[0].isalpha()  # "one jet was lost"
        for w, original in zip(lowers[:5], next_words, strict=False):  # "four Chinese coast guard ships"
            bare = w.replace("-", "")  # "two anti-ship missiles"
            if w in _COUNT_WORDS or (w.endswith("s") and bare.isalpha() and len(w) > 3 and w not in _NOT_PLURAL):
                return w not in _NOT_COUNTED
            if not (original[:1].isupper() or bare.isalpha()):
                break  # "three U.S. soldiers" reads on
        return False
    return True
