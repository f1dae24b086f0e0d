"""An article as tokens, quotations and sentences, mapped back to the offsets of the text as given."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.extraction.words import _TITLE_ABBREVIATIONS, _words

# --------------------------------------------------------------------------------------
# Text preparation
# --------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?![\d,])"  # "1,000" is one token: its comma is no clause boundary
    r"|(?:[A-Z]\.){2,}"
    rf"|(?:{'|'.join(_TITLE_ABBREVIATIONS)})\.(?=\s)"
    r"|[A-Z]\.(?= [A-Z])"
    r"|[’']s\b"
    r"|\w+(?:[-‐‑]\w+)*(?:[’'](?!s\b)\w+)*"
    r"|[^\w\s]"
)
# A run of stops is read once from its first character (the lookbehind) and never given back
# (possessive quantifiers): 100 KB of dots is one linear pass, not a retry from every dot.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’»)\]]*+(?= +[\"“‘«(\[]?[A-Z0-9])|\n")
_ABBREVIATIONS = frozenset(title.lower() for title in _TITLE_ABBREVIATIONS) | _words(
    "no vs etc inc ltd co approx jan feb mar apr jun jul aug sep sept oct nov dec"
)
_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_CLOSE_QUOTES = frozenset('”»"')
_MAX_QUOTE = 3000


# A name behind a lower-case particle reads as capitalised: "al-Daqran", "el-Drese", "wal-Muslimin".
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ag|ar|as|ash|at|az|ul|ud|wal|bin|ibn|ben|abu|bint)-[A-Z]")


@dataclass(slots=True)
class _Tok:
    text: str
    lower: str
    start: int
    end: int
    quoted: bool
    cap: bool

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


class _Doc:
    """The article with whitespace runs collapsed, mapped back to the original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self.origin = self._normalise(text)
        self.quotes = self._quotes()
        inside = bytearray(len(self.norm))
        for open_at, close_at in self.quotes:
            inside[open_at + 1 : close_at] = b"\x01" * (close_at - open_at - 1)
        self.inside = inside
        self.toks = [
            _Tok(
                m.group(),
                m.group().lower().replace("’", "'"),
                m.start(),
                m.end(),
                bool(inside[m.start()]),
                m.group()[:1].isupper() or bool(_PARTICLE_NAME.match(m.group())),
            )
            for m in _TOKEN.finditer(self.norm)
        ]
        self.sentences = self._sentences()

    @staticmethod
    def _normalise(text: str) -> tuple[str, list[int]]:
        parts: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in _WS.finditer(text):
            a, b = m.span()
            parts.append(text[pos:a])
            origin.extend(range(pos, a))
            pos = b
            if a == 0 or b == len(text):
                continue
            run = m.group()
            after = text[b]
            if "\n" in run and text[a - 1] == "-" and a >= 2 and text[a - 2].isalpha() and after.isalpha():
                continue  # a word hyphenated across lines: "Nagorno-\nKarabakh"
            if run.count("\n") >= 2 and not after.islower():
                parts.append("\n")  # a paragraph break, unless the sentence runs on
            else:
                parts.append(" ")
            origin.append(a)
        parts.append(text[pos:])
        origin.extend(range(pos, len(text)))
        return "".join(parts), origin

    def _quotes(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        opened = -1
        closers = ""
        for i, ch in enumerate(self.norm):
            if ch == "\n":
                opened = -1
            elif opened >= 0 and ch in closers:
                spans.append((opened, i))
                opened = -1
            elif ch in _OPEN_QUOTES:
                opened, closers = i, _OPEN_QUOTES[ch]
            if opened >= 0 and i - opened > _MAX_QUOTE:
                opened = -1
        return spans

    def _sentences(self) -> list[tuple[int, int]]:
        """Return sentences as token index ranges; quotations are never split."""
        cuts = [0]
        norm = self.norm
        for m in _SENTENCE_END.finditer(norm):
            end = m.end()
            if m.group() != "\n":
                if self.inside[end - 1]:
                    continue
                before = norm[max(0, m.start() - 24) : m.start() + 1]
                word = re.search(r"(\w+)\W*$", before)
                if word and word.group(1).lower() in _ABBREVIATIONS:
                    continue
                if word and re.fullmatch(r"[A-Z]", word.group(1)) and not re.search(r"\b[a-z]+ [A-Z]\W*$", before):
                    continue  # an initial ("John F. Kennedy"), not a letter after a lower-case word ("wrote on X.")
            cuts.append(end)
        cuts.append(len(norm) + 1)
        sentences = []
        t = 0
        toks = self.toks
        for a, b in zip(cuts, cuts[1:], strict=False):
            first = t
            while t < len(toks) and toks[t].start < b:
                t += 1
            if t > first and toks[first].start >= a:
                sentences.append((first, t))
        return sentences

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Map a normalised [a, b) span to the original text."""
        return self.origin[a], self.origin[b - 1] + 1

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """Return the quotation that opens at ``pos``."""
        i = bisect.bisect_left(self.quotes, (pos, -1))
        return self.quotes[i] if i < len(self.quotes) and self.quotes[i][0] == pos else None

    def quotes_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """Return the quotations that open inside [a, b)."""
        i = bisect.bisect_left(self.quotes, (a, -1))
        j = bisect.bisect_left(self.quotes, (b, -1))
        return self.quotes[i:j]
