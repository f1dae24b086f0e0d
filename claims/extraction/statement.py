"""What the reader builds: a speaker, the words attributed to it, and the statement joining them."""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.extraction.candidate import ASSERTS


@dataclass(eq=False)
class _Speaker:
    name: str
    side: str | None
    person: bool
    plural: bool
    roles: frozenset[str]
    sentence: int
    resolved: bool = False  # came from "he", "the minister", …
    named: bool = True  # False for a bare role: "medics", "a spokesman"

    def again(self, s_idx: int) -> _Speaker:
        """Return this speaker as the antecedent of a later mention."""
        return _Speaker(self.name, self.side, self.person, self.plural, self.roles, s_idx, True, self.named)


@dataclass(eq=False)
class _Segment:
    start: int  # normalised offsets of the attributed words
    end: int
    direct: bool  # the words are one quotation
    quote: tuple[int, int]  # normalised span offered as the quote


@dataclass(eq=False)
class _Statement:
    speaker: _Speaker
    kind: str  # say, doc, accuse, deny, according
    sentence: int
    trigger: int  # token index of the attribution verb
    clause_start: int  # token index where this statement's clause begins
    stance: str = ASSERTS
    accused: str | None = None
    segments: list[_Segment] = field(default_factory=list)
    pending: int | None = None  # token index where words after the verb begin, until their end is known
    confidence: float = 0.75
    figures_only: bool = False  # a hedged continuation: only its figures are claims
    has_quote: bool = False
    guessed_blame: bool = False
    self_act: bool = False  # the speaker reports its own side's act: "it had targeted an army post"
    backs_denial: bool = False  # "rejected the accusation, saying …": the reason given for a denial
