"""Which registered claims a sentence makes: one index for the whole registry.

Every term of every claim's ``match`` block is compiled once into a table keyed by its first
stem. A sentence is read once, word by word; each word looks up the terms that can start there
and checks the few candidates against the following words. Only claims with a term in the
sentence are then examined, so the cost of a sentence grows with what it says, not with the
size of the registry, and no user-supplied pattern is ever run as a regular expression.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimkit._text import Token, stems_of, tokenize
from claimkit.models import Claim

__all__ = ["ClaimIndex", "ClaimMatch"]

TermHits = dict[int, list[tuple[int, int]]]
"""Term id -> every (first token, end token) where the term occurs."""


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    """A claim that a sentence makes, and the words that make it."""

    claim_id: str
    anchors: tuple[tuple[int, int], ...]
    """Token ranges of the required terms found in the sentence."""


@dataclass(frozen=True, slots=True)
class _CompiledClaim:
    claim_id: str
    required: tuple[frozenset[int], ...]
    context: tuple[frozenset[int], ...]
    veto: frozenset[int]


class ClaimIndex:
    """The match rules of a registry, compiled for one pass per sentence."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self._term_ids: dict[tuple[str, ...], int] = {}
        self._starting_with: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._claims: list[_CompiledClaim] = []
        self._by_id: dict[str, _CompiledClaim] = {}
        self._required_by: dict[int, list[int]] = {}
        self._term_text: dict[int, str] = {}
        for claim in claims:
            self._add(claim)
        for candidates in self._starting_with.values():
            candidates.sort(key=lambda pair: -len(pair[0]))

    def _term(self, text: str) -> int:
        stems = stems_of(text)
        term_id = self._term_ids.get(stems)
        if term_id is None:
            term_id = self._term_ids[stems] = len(self._term_ids)
            self._term_text[term_id] = text
            if stems:
                self._starting_with.setdefault(stems[0], []).append((stems, term_id))
        return term_id

    def _add(self, claim: Claim) -> None:
        number = len(self._claims)
        required = tuple(frozenset(self._term(t) for t in group) for group in claim.match.required)
        context = tuple(frozenset(self._term(t) for t in group) for group in claim.match.context)
        veto = frozenset(self._term(term) for term in claim.match.veto)
        compiled = _CompiledClaim(claim.id, required, context, veto)
        self._claims.append(compiled)
        self._by_id[claim.id] = compiled
        for term_id in set().union(*required):
            self._required_by.setdefault(term_id, []).append(number)

    def terms_in(self, tokens: Sequence[Token]) -> TermHits:
        """Every registry term that occurs in ``tokens``."""
        hits: TermHits = {}
        stems = [token.stem for token in tokens]
        starting_with = self._starting_with
        for position, first in enumerate(stems):
            candidates = starting_with.get(first)
            if candidates is None:
                continue
            for term_stems, term_id in candidates:
                end = position + len(term_stems)
                if len(term_stems) == 1 or tuple(stems[position:end]) == term_stems:
                    hits.setdefault(term_id, []).append((position, end))
        return hits

    def match(
        self, hits: TermHits, context: frozenset[int] | set[int] = frozenset()
    ) -> list[ClaimMatch]:
        """The claims whose rules ``hits`` satisfy; ``context`` holds the terms that the
        paragraph so far, the headings and the title supply to context groups."""
        candidates: set[int] = set()
        for term_id in hits:
            candidates.update(self._required_by.get(term_id, ()))
        matches = []
        for number in sorted(candidates):
            claim = self._claims[number]
            if not all(any(term in hits for term in group) for group in claim.required):
                continue
            if any(term in hits for term in claim.veto):
                continue
            if not all(any(t in hits or t in context for t in group) for group in claim.context):
                continue
            anchors = sorted(
                {span for group in claim.required for term in group for span in hits.get(term, ())}
            )
            matches.append(ClaimMatch(claim.claim_id, tuple(anchors)))
        return matches

    def unmatched_group(self, claim_id: str, sentence: str) -> str | None:
        """Why ``sentence`` does not make the claim, in terms of its match block; ``None`` if
        it does. Claim files' examples are checked with this."""
        hits = self.terms_in(tokenize(sentence))
        claim = self._by_id[claim_id]
        for section, groups in (("required", claim.required), ("context", claim.context)):
            for index, group in enumerate(groups):
                if not any(term in hits for term in group):
                    words = ", ".join(sorted(self._term_text[term] for term in group))
                    return f"no term of match.{section}[{index}] ({words})"
        vetoed = [self._term_text[term] for term in claim.veto if term in hits]
        if vetoed:
            return f"the veto term {vetoed[0]!r}"
        return None
