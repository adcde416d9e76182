"""How a sentence makes a claim: asserted, hedged, negated, attributed or questioned.

The method is NegEx/ConText's: trigger phrases ("cues", kept as data in ``data/cues.yaml``)
each have a direction, and a cue governs the claim when one of the claim's required terms lies
in its scope, which runs to the end (or from the start) of the cue's clause. So in "Crying
relieves stress, but it does not lower blood pressure" the negation governs the blood-pressure
claim and not the stress claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

import yaml

from claimkit.core.text import Tokens, words_of

__all__ = ["CueLexicon", "Stance", "StanceReading", "classify_stance"]


class Stance(StrEnum):
    """How a sentence makes a claim, strongest reading first (the order of precedence)."""

    QUESTIONED = "questioned"
    NEGATED = "negated"
    HEDGED = "hedged"
    ATTRIBUTED = "attributed"
    ASSERTED = "asserted"


_PRECEDENCE = {stance: rank for rank, stance in enumerate(Stance)}
_KIND_STANCE = {
    "question": Stance.QUESTIONED,
    "negation": Stance.NEGATED,
    "hedge": Stance.HEDGED,
    "attribution": Stance.ATTRIBUTED,
}
_VERDICT_STANCE = {
    "verdict_negated": Stance.NEGATED,
    "verdict_hedged": Stance.HEDGED,
    "verdict_asserted": Stance.ASSERTED,
}
_DIRECTIONS = ("forward", "backward", "both")
# Punctuation between two words that ends a clause: semicolon, brackets, em and en dashes.
_CLAUSE_PUNCTUATION = re.compile("[;()\\[\\]\u2014\u2013]|\\s-\\s")
# A question mark, then only closing quotes and brackets.
_QUESTION = re.compile("\\?[\\s\"'\u201d\u2019)\\]]*$")
# A clause opening with one of these refers back to the clause before it ("..., but this is
# a myth"), so a backward negation there reaches into the earlier clause.
_ANAPHORS = frozenset(words_of("this that it which these such"))


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    """negation, hedge, attribution, pseudo_negation, authority or clause_boundary."""
    direction: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StanceReading:
    """A stance and the words that decided it (``None`` for a plain assertion)."""

    stance: Stance
    cue: str | None


class CueLexicon:
    """Cue phrases compiled for lookup by first word, longest first."""

    def __init__(self, lexicon: Mapping[str, Any]) -> None:
        self._starting_with: dict[str, list[_Cue]] = {}
        self._verdicts_starting_with: dict[str, list[_Cue]] = {}
        for kind, entries in lexicon.items():
            if kind in _VERDICT_STANCE:
                self._add(self._verdicts_starting_with, kind, "none", entries)
            elif isinstance(entries, Mapping):
                for direction in _DIRECTIONS:
                    self._add(self._starting_with, kind, direction, entries.get(direction, ()))
            else:
                self._add(self._starting_with, kind, "none", entries)
        for table in (self._starting_with, self._verdicts_starting_with):
            for cues in table.values():
                cues.sort(key=lambda cue: -len(cue.words))

    @staticmethod
    def _add(
        table: dict[str, list[_Cue]], kind: str, direction: str, phrases: Iterable[str]
    ) -> None:
        for phrase in phrases:
            words = words_of(phrase)
            if words:
                table.setdefault(words[0], []).append(_Cue(kind, direction, words))

    @classmethod
    def bundled(cls, extra: Mapping[str, Any] | None = None) -> CueLexicon:
        """The cues in ``data/cues.yaml``, with ``extra`` cues (same shape) added."""
        text = resources.files("claimkit.data").joinpath("cues.yaml").read_text(encoding="utf-8")
        lexicon: dict[str, Any] = yaml.safe_load(text)
        for kind, entries in (extra or {}).items():
            if isinstance(entries, Mapping):
                for direction, phrases in entries.items():
                    lexicon.setdefault(kind, {}).setdefault(direction, [])
                    lexicon[kind][direction] = [*lexicon[kind][direction], *phrases]
            else:
                lexicon[kind] = [*lexicon.get(kind, []), *entries]
        return cls(lexicon)

    def find(self, words: Sequence[str]) -> list[tuple[int, int, _Cue]]:
        """Non-overlapping cues in ``words``, longest first at each word."""
        return self._find(self._starting_with, words)

    def verdicts(self, words: Sequence[str]) -> Iterator[tuple[int, int, Stance]]:
        """The verdict phrases in ``words`` ("no", "a myth", "does nothing"), each with the
        stance it gives the claim it answers."""
        for start, end, cue in self._find(self._verdicts_starting_with, words):
            yield start, end, _VERDICT_STANCE[cue.kind]

    @staticmethod
    def _find(table: Mapping[str, list[_Cue]], words: Sequence[str]) -> list[tuple[int, int, _Cue]]:
        found = []
        position = 0
        while position < len(words):
            for cue in table.get(words[position], ()):
                end = position + len(cue.words)
                if tuple(words[position:end]) == cue.words:
                    found.append((position, end, cue))
                    position = end
                    break
            else:
                position += 1
        return found


def classify_stance(
    text: str,
    tokens: Tokens,
    anchors: Sequence[tuple[int, int]],
    lexicon: CueLexicon,
) -> StanceReading:
    """The stance of the sentence ``text`` toward the claim whose required terms sit at the
    token ranges ``anchors``."""
    if _QUESTION.search(text):
        return StanceReading(Stance.QUESTIONED, "?")
    cues = lexicon.find(tokens.words)
    boundary_words = {start for start, _, cue in cues if cue.kind == "clause_boundary"}
    boundaries = _clause_starts(text, tokens, boundary_words)
    best: StanceReading = StanceReading(Stance.ASSERTED, None)
    for start, end, cue in cues:
        stance = _KIND_STANCE.get(cue.kind)
        if stance is None or _PRECEDENCE[stance] >= _PRECEDENCE[best.stance]:
            continue
        if cue.kind == "question" and start == 0 and _concessive(text):
            continue
        clause_start = max((b for b in boundaries if b <= start), default=0)
        clause_end = min((b for b in boundaries if b > start), default=len(tokens))
        if (
            stance is Stance.NEGATED
            and cue.direction == "backward"
            and clause_start > 0
            and _opens_with_anaphor(tokens, clause_start, boundary_words)
        ):
            clause_start = max((b for b in boundaries if b < clause_start), default=0)
        scope_start = end if cue.direction == "forward" else clause_start
        scope_end = start if cue.direction == "backward" else clause_end
        if any(a_start < scope_end and a_end > scope_start for a_start, a_end in anchors):
            best = StanceReading(stance, text[tokens.spans[start][0] : tokens.spans[end - 1][1]])
    return best


def _concessive(text: str) -> bool:
    """Whether a sentence that opens with "whether" means "no matter which" ("Whether you are
    grieving or stressed, crying helps"), not an open question ("Whether crying helps is
    unclear"): an alternative with "or" before the first comma."""
    head, comma, _ = text.partition(",")
    return bool(comma) and " or " in f" {head.lower()} "


def _clause_starts(text: str, tokens: Tokens, boundary_words: set[int]) -> list[int]:
    """Token indexes at which a new clause begins."""
    starts = list(boundary_words)
    spans = tokens.spans
    for index in range(1, len(spans)):
        if _CLAUSE_PUNCTUATION.search(text, spans[index - 1][1], spans[index][0]):
            starts.append(index)
    return sorted(set(starts))


def _opens_with_anaphor(tokens: Tokens, clause_start: int, boundary_words: set[int]) -> bool:
    # A boundary word ("but") is its clause's first token; the anaphor follows it.
    first = clause_start + 1 if clause_start in boundary_words else clause_start
    return first < len(tokens) and tokens.words[first] in _ANAPHORS
