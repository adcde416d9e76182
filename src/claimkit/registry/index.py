"""Which registered claims a sentence makes: one index for the whole registry.

Every term of every claim's ``match`` block is compiled once into a table keyed by each form
its first word meets (``claimkit.core.words``: "lower" is filed under "lower", "lowers",
"lowered", "lowering"). A sentence is read once, word by word, as written; each word looks up
the terms that can start there and checks the few candidates against the following words.
No user-supplied pattern is ever run as a regular expression.

Which claims are then examined must not grow with the registry: in a registry of 10,000
claims, thousands share words such as "help" or "improve". So each claim is filed under one
*anchor* group only, the group whose terms the fewest other claims use (often the context
group naming the intervention), and a sentence examines a claim only when a term of that
anchor group is present. Every other group is then checked for that claim alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimkit.core.text import Tokens, tokenize, words_of
from claimkit.core.words import forms_of
from claimkit.registry.models import Claim
from claimkit.registry.vocabulary import Vocabulary

__all__ = ["ClaimIndex", "ClaimMatch", "NearMiss", "TermHits"]

TermHits = dict[int, list[tuple[int, int]]]

_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,5}")
"""A term in capitals: an abbreviation, matched only in capitals."""
_TELLING = 2
"""A term used by at most this many claims says which claim a sentence is close to."""
"""Term id -> every (first token, end token) where the term occurs."""


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    """A claim that a sentence makes, and the words that make it."""

    claim_id: str
    anchors: tuple[tuple[int, int], ...]
    """Token ranges of the required terms in the shortest stretch of the sentence that has a
    term of every required group: where the sentence makes the claim."""
    groups: tuple[tuple[tuple[int, int], ...], ...] = ()
    """For each required group, the token ranges of every term of it in the sentence."""
    opposite: bool = False
    """The sentence meets the claim's ``contrary`` groups, not its ``required`` ones: it says
    the opposite ("I felt worse after crying" of "crying improves mood")."""


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A claim a sentence makes but for one group of its match block."""

    claim_id: str
    missing: str
    """What is missing, in words: the group no term of the sentence (or its context) meets,
    with its terms."""


@dataclass(frozen=True, slots=True)
class _CompiledClaim:
    claim_id: str
    required: tuple[frozenset[int], ...]
    context: tuple[frozenset[int], ...]
    veto: frozenset[int]
    opposite: bool = False
    """Compiled from the claim's ``contrary`` groups, in the place of its required ones."""


_Forms = tuple[frozenset[str], ...]


def _with_context(claims: list[_CompiledClaim]) -> frozenset[int]:
    """The numbers of the claims that have context groups."""
    return frozenset(number for number, claim in enumerate(claims) if claim.context)


"""What each word of a term meets, in order."""


class ClaimIndex:
    """The match rules of a registry, compiled for one pass per sentence."""

    def __init__(self, claims: Iterable[Claim], vocabulary: Vocabulary | None = None) -> None:
        self._term_ids: dict[tuple[tuple[str, ...], bool], int] = {}
        self._term_text: dict[int, str] = {}
        self._starting_with: dict[str, list[tuple[_Forms, int]]] = {}
        self._cased: set[int] = set()
        self._forms: dict[str, frozenset[str]] = {}
        self._claims: list[_CompiledClaim] = []
        self._by_id: dict[str, _CompiledClaim] = {}
        self._opposite_of: dict[str, _CompiledClaim] = {}
        vocabulary = vocabulary or Vocabulary()
        for claim in claims:
            self._add(claim, vocabulary)
        for candidates in self._starting_with.values():
            candidates.sort(key=lambda pair: -len(pair[0]))
        self._by_required: dict[int, list[int]] = {}
        self._by_context: dict[int, list[int]] = {}
        self._term_users: dict[int, list[int]] | None = None
        self._file_under_anchors()

    # The index as plain data, for the registry cache; ``from_state`` rebuilds it without
    # re-reading a single claim, or working out again what a word meets.
    def to_state(self) -> dict[str, Any]:
        reach: dict[str, list[str]] = {}
        terms = []
        for (words, cased), term_id in self._term_ids.items():
            for word in words:
                if not cased and word not in reach:
                    reach[word] = sorted(self._forms[word])
            terms.append([self._term_text[term_id], list(words), cased])
        return {
            "reach": reach,
            "terms": terms,
            "claims": [
                [
                    c.claim_id,
                    [sorted(g) for g in c.required],
                    [sorted(g) for g in c.context],
                    sorted(c.veto),
                    c.opposite,
                ]
                for c in self._claims
            ],
            "by_required": list(self._by_required.items()),
            "by_context": list(self._by_context.items()),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> ClaimIndex:
        index = cls.__new__(cls)
        index._term_ids, index._term_text, index._starting_with = {}, {}, {}
        index._cased = set()
        index._forms = {word: frozenset(forms) for word, forms in state["reach"].items()}
        for text, words, cased in state["terms"]:
            index._file_term(text, tuple(words), cased)
        for candidates in index._starting_with.values():
            candidates.sort(key=lambda pair: -len(pair[0]))
        index._claims = [
            _CompiledClaim(
                claim_id,
                tuple(frozenset(group) for group in required),
                tuple(frozenset(group) for group in context),
                frozenset(veto),
                opposite,
            )
            for claim_id, required, context, veto, opposite in state["claims"]
        ]
        index._by_id = {c.claim_id: c for c in index._claims if not c.opposite}
        index._opposite_of = {c.claim_id: c for c in index._claims if c.opposite}
        index._term_users = None
        index._by_required = dict(state["by_required"])
        index._by_context = dict(state["by_context"])
        index._with_context = _with_context(index._claims)
        return index

    def _term(self, text: str) -> int:
        # An abbreviation in capitals ("IF", "BP") matches only in capitals, and only itself.
        cased = bool(_ABBREVIATION.fullmatch(text))
        words = words_of(text)
        if not cased:
            for word in words:
                if word not in self._forms:
                    self._forms[word] = forms_of(word)
        return self._file_term(text, words, cased)

    def _file_term(self, text: str, words: tuple[str, ...], cased: bool) -> int:
        term_id = self._term_ids.get((words, cased))
        if term_id is None:
            term_id = self._term_ids[words, cased] = len(self._term_ids)
            self._term_text[term_id] = text
            if words:
                forms = tuple(frozenset((word,)) if cased else self._forms[word] for word in words)
                for form in forms[0]:
                    self._starting_with.setdefault(form, []).append((forms, term_id))
            if cased:
                self._cased.add(term_id)
        return term_id

    def _add(self, claim: Claim, vocabulary: Vocabulary) -> None:
        required_terms, context_terms = vocabulary.expand_match(claim)
        required = tuple(frozenset(self._term(t) for t in group) for group in required_terms)
        context = tuple(frozenset(self._term(t) for t in group) for group in context_terms)
        veto = frozenset(self._term(term) for term in vocabulary.expand(claim.match.veto))
        compiled = _CompiledClaim(claim.id, required, context, veto)
        self._claims.append(compiled)
        self._by_id[claim.id] = compiled
        if claim.match.contrary:
            contrary = tuple(
                frozenset(self._term(t) for t in vocabulary.expand(group))
                for group in claim.match.contrary
            )
            opposite = _CompiledClaim(claim.id, contrary, context, veto, opposite=True)
            self._claims.append(opposite)
            self._opposite_of[claim.id] = opposite

    def _file_under_anchors(self) -> None:
        """File each claim under the terms of its rarest required group, which the sentence
        itself must meet, and of its rarest context group, which the sentence or what it
        continues must meet: a claim is looked at only when both are there."""
        users: dict[int, int] = {}
        for claim in self._claims:
            for group in (*claim.required, *claim.context):
                for term in group:
                    users[term] = users.get(term, 0) + 1

        def rarest(groups: tuple[frozenset[int], ...]) -> frozenset[int]:
            return min(groups, key=lambda group: sum(users[term] for term in group))

        for number, claim in enumerate(self._claims):
            for term in rarest(claim.required):
                self._by_required.setdefault(term, []).append(number)
            if claim.context:
                for term in rarest(claim.context):
                    self._by_context.setdefault(term, []).append(number)
        self._with_context = _with_context(self._claims)

    def terms_in(self, tokens: Tokens) -> TermHits:
        """Every registry term that occurs in a sentence, given its words."""
        hits: TermHits = {}
        starting_with = self._starting_with
        words = tokens.words
        cased = self._cased
        for position, first in enumerate(words):
            candidates = starting_with.get(first)
            if candidates is None:
                continue
            for term_forms, term_id in candidates:
                end = position + len(term_forms)
                if len(term_forms) > 1 and (
                    end > len(words)
                    or not all(
                        word in forms
                        for word, forms in zip(
                            words[position + 1 : end], term_forms[1:], strict=True
                        )
                    )
                ):
                    continue
                if term_id in cased and not tokens.is_upper(position):
                    continue  # "IF" the abbreviation, not "if"
                hits.setdefault(term_id, []).append((position, end))
        return hits

    def match(
        self, hits: TermHits, context: frozenset[int] | set[int] = frozenset()
    ) -> list[ClaimMatch]:
        """The claims whose rules ``hits`` satisfy; ``context`` holds the terms that the
        paragraph so far, the headings and the title supply to context groups."""
        candidates: set[int] = set()
        for term in hits:
            candidates.update(self._by_required.get(term, ()))
        needs_context = candidates & self._with_context
        if needs_context:
            in_context: set[int] = set()
            for terms in (hits, context):
                for term in terms:
                    in_context.update(self._by_context.get(term, ()))
            candidates -= needs_context - in_context
        matches = []
        for number in sorted(candidates):
            claim = self._claims[number]
            # isdisjoint runs in C, over the few terms of the sentence
            if any(group.isdisjoint(hits) for group in claim.required):
                continue
            if not claim.veto.isdisjoint(hits):
                continue
            if any(group.isdisjoint(hits) and group.isdisjoint(context) for group in claim.context):
                continue
            groups = tuple(
                tuple(sorted(span for term in group for span in hits.get(term, ())))
                for group in claim.required
            )
            matches.append(
                ClaimMatch(claim.claim_id, _closest_anchors(groups), groups, claim.opposite)
            )
        if self._opposite_of:
            matches = _one_way_each(matches)
        return matches

    def context_of(self, claim_id: str) -> tuple[frozenset[int], ...]:
        """The claim's context groups, as term ids."""
        return self._by_id[claim_id].context

    def near_misses(
        self, hits: TermHits, context: frozenset[int] | set[int] = frozenset()
    ) -> list[NearMiss]:
        """The claims that ``hits`` (and ``context``) satisfy but for one group, and that
        group: what an editor writing match rules wants to see."""
        users = self._users()
        # A claim comes close only through a term of its own: one that few claims share
        # ("blood pressure"), not "lower" or the topic, which would bring up half a registry.
        telling = [term for term in hits if 0 < len(users.get(term, ())) <= _TELLING]
        candidates = sorted({n for term in telling for n in users[term]})
        misses = []
        for number in candidates:
            claim = self._claims[number]
            if claim.opposite:
                continue  # what is missing is said of the claim's own groups
            vetoed = sorted(self._term_text[term] for term in claim.veto if term in hits)
            missing = [
                (section, index, group)
                for section, groups, supplied in (
                    ("required", claim.required, hits.keys()),
                    ("context", claim.context, hits.keys() | context),
                )
                for index, group in enumerate(groups)
                if group.isdisjoint(supplied)
            ]
            if vetoed and not missing:
                terms = ", ".join(repr(term) for term in vetoed)
                misses.append(NearMiss(claim.claim_id, f"the veto term {terms} cancels it"))
            elif len(missing) == 1 and not vetoed:
                section, index, group = missing[0]
                words = ", ".join(sorted(self._term_text[term] for term in group)[:12])
                more = " ..." if len(group) > 12 else ""
                missing_group = f"no term of match.{section}[{index}] ({words}{more})"
                misses.append(NearMiss(claim.claim_id, missing_group))
        return misses

    def _users(self) -> dict[int, list[int]]:
        """Term -> the claims that use it in any group, built on first use."""
        if self._term_users is None:
            self._term_users = {}
            for number, claim in enumerate(self._claims):
                for group in (*claim.required, *claim.context):
                    for term in group:
                        self._term_users.setdefault(term, []).append(number)
        return self._term_users

    def unmatched_group(self, claim_id: str, sentence: str) -> str | None:
        """Why ``sentence`` does not make the claim, in terms of its match block; ``None`` if
        it does, with its own groups or its contrary ones. Claim files' examples are checked
        with this."""
        hits = self.terms_in(tokenize(sentence))
        opposite = self._opposite_of.get(claim_id)
        if (
            opposite is not None
            and all(
                any(term in hits for term in group)
                for group in (*opposite.required, *opposite.context)
            )
            and not any(term in hits for term in opposite.veto)
        ):
            return None  # "I felt worse after crying": the claim, said the other way round
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


def _one_way_each(matches: list[ClaimMatch]) -> list[ClaimMatch]:
    """Of a claim made and its opposite said in one sentence, the one whose words sit closer
    together: "may help preserve lean body mass while facilitating fat loss" says the
    opposite of muscle loss, though "lean body mass ... loss" is there too; a tie is the
    claim."""
    width = {
        (match.claim_id, match.opposite): match.anchors[-1][1] - match.anchors[0][0]
        for match in matches
    }
    return [
        match
        for match in matches
        if (match.claim_id, not match.opposite) not in width
        or width[match.claim_id, match.opposite] < width[match.claim_id, not match.opposite]
        or (not match.opposite and width[match.claim_id, False] == width[match.claim_id, True])
    ]


def _closest_anchors(
    groups: Sequence[Sequence[tuple[int, int]]],
) -> tuple[tuple[int, int], ...]:
    """The spans in the shortest stretch of the sentence that has a span of every group, a
    different one for each group where the sentence has them ("relieves stress", not the
    "relieves" that also fills the group of "relief"). In "Crying relieves stress, but it
    does not lower blood pressure" the stress claim is made by "relieves stress", not by the
    "lower" of the clause the negation governs."""
    found = sorted((span, number) for number, spans in enumerate(groups) for span in spans)
    wanted = min(len(groups), len({span for span, _ in found}))
    covered: Counter[int] = Counter()
    spans_in: Counter[tuple[int, int]] = Counter()
    best: tuple[int, int, int] | None = None  # (-distinct spans, width, first) of the best
    best_end = 0
    first = 0
    for last, (span, number) in enumerate(found):
        covered[number] += 1
        spans_in[span] += 1
        while len(covered) == len(groups):
            key = (-min(len(spans_in), wanted), span[1] - found[first][0][0], first)
            if best is None or key < best:
                best, best_end = key, last + 1
            dropped_span, dropped = found[first]
            covered[dropped] -= 1
            spans_in[dropped_span] -= 1
            covered += Counter()  # drops the groups and spans no longer in the stretch
            spans_in += Counter()
            first += 1
    start = best[2] if best is not None else 0
    return tuple(sorted({span for span, _ in found[start:best_end]}))
