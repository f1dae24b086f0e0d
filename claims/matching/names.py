"""Names as compared when matching: pure functions over strings, no ORM.

A name is read into words: lower case, accents, punctuation, articles and possessives dropped,
British and American spellings made one, and country names and demonyms ("Armenia",
"Armenian", "Armenians") made one word for the country, so that word order and the
"Armenia's X" / "Armenian X" / "X of Armenia" forms compare equal. Where the actor's side is
known, its own country's word is dropped too: the Armenian defence ministry is "defence
ministry" among Armenia's actors.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping

# Words that carry no identity: articles, linking words, and "side" ("the Armenian side" is the side).
STOP_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "de", "du", "des", "la", "le"})
SIDE_WORDS = frozenset({"side", "sides", "camp", "people", "nation", "state", "country", "republic"})
SPELLINGS = {
    "defense": "defence",
    "organization": "organisation",
    "center": "centre",
    "labor": "labour",
    "ministery": "ministry",
}
# Names the built-in country table (claims.extraction) gives a state's institutions: they tell extraction
# whose side a quote is on ("the Kremlin said"), but the institution is a speaker, not the side, so
# matching reads them as the plain words they are ("the Kremlin", "US State Department", "IDF").
INSTITUTIONS = frozenset({
    "kremlin", "elysee", "downing street", "whitehall", "foreign office", "state department", "pentagon",
    "white house", "idf",
})
COUNTRY_MARK = "§"  # prefix of a word standing for a country, so that it never equals a plain word
MAX_COUNTRY_WORDS = 4  # the longest country name or demonym, in words ("democratic republic of the congo" has 5,
# read without "of"/"the" as 3)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")
_ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Za-z]{2,8}$")


def plain(text: str) -> str:
    """Return text lower-cased, without accents, possessives or punctuation, its words single-spaced."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)  # M.O.D. → MOD
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("’", "'").replace("`", "'")
    text = re.sub(r"(\w)'s\b", r"\1", text)  # Armenia's → Armenia
    text = re.sub(r"(\w)s'(?=\s|$)", r"\1s", text)  # the ministers' → the ministers
    return " ".join(_WORD.findall(text))


def country_table(aliases: Mapping[str, str]) -> dict[tuple[str, ...], str]:
    """Return {words of a country's name, demonym or capital: country} from {alias: country}, aliases read plainly.

    The names of institutions (`INSTITUTIONS`) are left out: they name speakers.
    """
    table = {}
    for alias, country in aliases.items():
        words = tuple(w for w in plain(alias).split() if w not in STOP_WORDS)
        if words and " ".join(words) not in INSTITUTIONS:
            table[words] = country
    return table


def words(name: str, countries: Mapping[tuple[str, ...], str] = {}) -> list[str]:  # noqa: B006  (read only)
    """Return the name's identifying words in order: stop words dropped, spellings unified, countries marked."""
    raw = [SPELLINGS.get(w, w) for w in plain(name).split() if w not in STOP_WORDS]
    out, i = [], 0
    while i < len(raw):
        for n in range(min(MAX_COUNTRY_WORDS, len(raw) - i), 0, -1):
            country = countries.get(tuple(raw[i:i + n]))
            if country is not None:
                out.append(COUNTRY_MARK + plain(country))
                i += n
                break
        else:
            out.append(raw[i])
            i += 1
    return out


def countries_in(tokens: Iterable[str]) -> set[str]:
    """Return the countries (as plain names) a name's words mention."""
    return {t[len(COUNTRY_MARK):] for t in tokens if t.startswith(COUNTRY_MARK)}


def key(tokens: Iterable[str], side: str | None = None) -> tuple[str, ...]:
    """Return the name's key among the actors of `side`: its words in any order, the side's own country left out."""
    own = _country_word(side) if side else None
    return tuple(sorted(t for t in tokens if t != own))


@functools.lru_cache(maxsize=256)
def _country_word(side: str) -> str:
    return COUNTRY_MARK + plain(side)


def only_a_side(tokens: list[str]) -> bool:
    """Whether the words name nothing but a country or side ("Armenia", "the Armenian side", "Armenians")."""
    rest = [t for t in tokens if t not in SIDE_WORDS]
    return bool(rest) and all(t.startswith(COUNTRY_MARK) for t in rest)


def looks_like_acronym(name: str) -> bool:
    """Whether a name as printed is an acronym: one short word with at least two capitals ("OSCE", "MoD")."""
    return bool(_ACRONYM.match(name.strip().strip(".").replace(".", "")))


def initials(name: str, side: str | None = None, countries: Mapping[tuple[str, ...], str] = {}) -> set[str]:  # noqa: B006
    """Return the acronyms a name may be printed as: initials of its words, with and without linking words.

    "Ministry of Defence" gives "mod" and "md"; "Organisation for Security and Co-operation in
    Europe" gives "osce" (a hyphenated word is one word). The side's own country is left out.
    """
    own = _country_word(side) if side else None
    spaced = [w for w in re.sub(r"['’]s\b", "", name).split() if _WORD.search(w)]
    all_words = [plain(w) for w in spaced if not ((read := words(w, countries)) and read[0] == own)]
    content = [w for w in all_words if w not in STOP_WORDS]
    found = set()
    for group in (all_words, content):
        letters = "".join(w[:1] for w in group if w)
        if len(letters) >= 2:
            found.add(letters)
    return found


def trigrams(text: str) -> set[str]:
    """Return the character trigrams of a text as PostgreSQL's pg_trgm takes them (each word padded)."""
    grams = set()
    for word in plain(text).split():
        padded = f"  {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    """Return pg_trgm's similarity of two names: shared trigrams over all trigrams of either (0 to 1)."""
    ga, gb = trigrams(a), trigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)
