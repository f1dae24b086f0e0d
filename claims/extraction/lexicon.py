"""Who belongs to which side: the built-in countries, the caller's sides and actors, acronyms tied to names."""

from __future__ import annotations

import re
from collections.abc import Mapping

from claims.extraction.candidate import INDEPENDENT
from claims.extraction.text import _Tok
from claims.extraction.words import (
    _BUILTIN_ALIASES,
    _BUILTIN_CAPITALS,
    _INDEPENDENT_MARKERS,
    _NOT_SIDES,
    _alias,
)

# --------------------------------------------------------------------------------------
# Lexicon: who belongs to which side
# --------------------------------------------------------------------------------------
_DEFINED_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]*,? (?:(?:of|for|the|and|on) ){0,2}){1,8})\(([A-Z][A-Za-z]{1,9})\)")
_MINOR_WORDS = frozenset(["of", "for", "the", "and", "on"])


def _initials(name: str) -> str:
    """ "Rapid Support Forces" → "RSF", "International Atomic Energy Agency" → "IAEA"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _MINOR_WORDS).upper()


class _Lexicon:
    def __init__(self, sides: Mapping[str, str] | None, actors: Mapping[str, str] | None) -> None:
        aliases = dict(_BUILTIN_ALIASES)
        capitals = dict(_BUILTIN_CAPITALS)
        rename: dict[str, str] = {}
        for alias, name in (sides or {}).items():
            builtin = aliases.get(_alias(alias)) or capitals.get(_alias(alias))
            if name and builtin and builtin != name:
                rename[builtin] = name
            if name and _alias(alias) == _alias(INDEPENDENT):
                rename[INDEPENDENT] = name
        self.aliases = {a: rename.get(s, s) for a, s in aliases.items()}
        self.capitals = {a: rename.get(s, s) for a, s in capitals.items()}
        for alias, name in (sides or {}).items():
            if name:
                self.aliases[_alias(alias)] = name
        self.actors = {_alias(a): s for a, s in (actors or {}).items() if a and s}
        for name, side in list(self.actors.items()):  # "Rapid Support Forces" is also "RSF"
            initials = _initials(name)
            if len(initials) >= 2:
                self.actors.setdefault(initials.lower(), side)
        self.acronymed: set[str] = set()  # names the text gives an acronym: bodies, never people
        self.independent = rename.get(INDEPENDENT, INDEPENDENT)
        self.countries = frozenset(self.aliases.values()) | frozenset(self.capitals.values())
        words = (len(a.replace("'s", " 's").split()) for a in [*self.aliases, *self.actors, *_INDEPENDENT_MARKERS])
        self.longest = min(max(words, default=1), 8)

    def tie_acronyms(self, norm: str) -> None:
        """Give "ACR" the side of "Full Name" when the text writes "the Full Name (ACR)"."""
        for m in _DEFINED_ACRONYM.finditer(norm):
            name, acronym = m.group(1), m.group(2)
            words = name.split()
            for i in range(len(words)):  # the longest tail of the words whose initials spell the acronym
                tail = " ".join(words[i:])
                if _initials(tail) == acronym.upper():
                    self.acronymed.add(_alias(re.sub(r"^(?:The|the) ", "", tail)))
                    side = self.actors.get(_alias(tail)) or self.aliases.get(_alias(tail))
                    if side:
                        self.actors.setdefault(acronym.lower(), side)
                    break

    def mentions(self, toks: list[_Tok], a: int, b: int) -> list[tuple[int, int, str, str]]:
        """Return (first, end, side, kind) for each side named in toks[a:b]; kind is actor, alias or capital."""
        found = []
        i = a
        while i < b:
            step = 1
            for n in range(min(self.longest, b - i), 0, -1):
                words = toks[i : i + n]
                if not words[0].word or not words[-1].word:
                    continue
                key = " ".join(t.lower for t in words).replace(" 's", "'s")
                if key in _NOT_SIDES:
                    step = n
                    break
                if len(key) <= 3 and not all(t.text.isupper() for t in words):
                    continue  # "us" is not the US
                hit = None
                if key in self.actors:
                    hit = (self.actors[key], "actor")
                elif key in self.aliases:
                    hit = (self.aliases[key], "alias")
                elif key in self.capitals and words[0].cap:
                    hit = (self.capitals[key], "capital")
                if hit:
                    found.append((i, i + n, *hit))
                    step = n
                    break
            i += step
        return found

    def independent_in(self, toks: list[_Tok], a: int, b: int, *, strict: bool = False) -> bool:
        """A marker of research, monitoring or aid in toks[a:b]; ``strict``: not the bare word "independent"."""
        lowers = [t.lower for t in toks[a:b]]
        for n in (3, 2, 1):
            for i in range(len(lowers) - n + 1):
                marker = " ".join(lowers[i : i + n])
                if marker in _INDEPENDENT_MARKERS and not (strict and marker == "independent"):
                    return True
        return False
