"""How a sentence makes a claim: asserted, hedged, negated, attributed or questioned.

The method is NegEx/ConText's: trigger phrases ("cues", kept as data in ``data/cues.yaml``)
each have a direction, and a cue governs the claim when one of the claim's required terms lies
in its scope, which runs to the end (or from the start) of the cue's clause. So in "Crying
relieves stress, but it does not lower blood pressure" the negation governs the blood-pressure
claim and not the stress claim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from claimkit.core.located import load_bundled_data
from claimkit.core.text import Tokens, words_of

__all__ = ["CueLexicon", "Stance", "StanceReading", "classify_stance", "rebuttal"]


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
# Lists of words and phrases that are not cues with a scope.
_WORD_LISTS = frozenset(
    {"rebuttal", "turn", "claim_pointer", "claim_noun", "myth_label", "fact_label"}
)
_BOUNDARY_KINDS = frozenset({"clause_boundary", "concessive"})
# What a denial in a later clause of the sentence turns into a denial.
_ANSWERABLE = frozenset({Stance.ASSERTED, Stance.HEDGED, Stance.ATTRIBUTED})
# Punctuation between two words that ends a clause: semicolon, brackets, em and en dashes.
_CLAUSE_PUNCTUATION = re.compile("[;()\\[\\]\u2014\u2013]|\\s-\\s")
# A question mark, then only closing quotes and brackets.
_QUESTION = re.compile("\\?[\\s\"'\u201d\u2019)\\]]*$")
# A clause opening with one of these refers back to the clause before it ("..., but this is
# a myth"), so a backward negation there reaches into the earlier clause.
_ANAPHORS = frozenset(words_of("this that it which these such"))
# The verbs with which a main clause's predicate opens after a subject that states a claim
# ("The idea that tears flush out toxins | has not held up"): forms of be, have and do, the
# modals, and the verbs that judge a proposition's standing.
_PREDICATE_OPENERS = frozenset(
    words_of(
        "is are was were be isn't aren't wasn't weren't has have had hasn't haven't hadn't "
        "does do did doesn't don't didn't can can't cannot could couldn't will won't would "
        "wouldn't may might must should shouldn't remains remain remained seems seem seemed "
        "appears appear appeared lacks lack lacked holds hold held stands stand fails fail "
        "failed rests rest falls fall deserves deserve needs need turns turned proves proved"
    )
)
# Words that open a clause of its own inside the subject: a predicate after one of them is
# that clause's ("The idea that crying helps people who are not ill"), not the main one's.
_NESTED_OPENERS = frozenset(
    words_of("that which who whom whose when where if because while as since and or")
)
# How far a subject's tail may run after the claim's last term before its predicate opens
# ("The popular idea that crying flushes toxins | from the body | is a misconception").
_MOST_SUBJECT_TAIL = 6


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    """question, negation, hedge, attribution, pseudo_negation, authority, clause_boundary or
    concessive."""
    direction: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StanceReading:
    """A stance and the words that decided it (``None`` for a plain assertion)."""

    stance: Stance
    cue: str | None
    span: tuple[int, int] | None = None
    """Where the cue is in the sentence, as character offsets (end exclusive); ``None`` for a
    plain assertion."""

    @classmethod
    def of(cls, stance: Stance, text: str, start: int, end: int) -> StanceReading:
        """The reading whose cue is ``text[start:end]``."""
        return cls(stance, text[start:end], (start, end))


def _words_in(lexicon: Mapping[str, Any], kind: str) -> frozenset[str]:
    """Every word of the phrases of one list of the lexicon."""
    return frozenset(word for phrase in lexicon.get(kind, ()) for word in words_of(phrase))


class CueLexicon:
    """Cue phrases compiled for lookup by first word, longest first."""

    def __init__(self, lexicon: Mapping[str, Any]) -> None:
        self._starting_with: dict[str, list[_Cue]] = {}
        self._verdicts_starting_with: dict[str, list[_Cue]] = {}
        self._rebuttal_words = _words_in(lexicon, "rebuttal")
        self._turns = tuple(tuple(words_of(phrase)) for phrase in lexicon.get("turn", ()))
        self._claim_nouns = _words_in(lexicon, "claim_noun")
        self._pointers_starting_with: dict[str, list[_Cue]] = {}
        self._myth_labels_starting_with: dict[str, list[_Cue]] = {}
        self._fact_labels_starting_with: dict[str, list[_Cue]] = {}
        for table, kind in (
            (self._pointers_starting_with, "claim_pointer"),
            (self._myth_labels_starting_with, "myth_label"),
            (self._fact_labels_starting_with, "fact_label"),
        ):
            self._add(table, kind, "none", lexicon.get(kind, ()))
        for kind, entries in lexicon.items():
            if kind in _WORD_LISTS:
                continue
            if kind in _VERDICT_STANCE:
                self._add(self._verdicts_starting_with, kind, "none", entries)
            elif isinstance(entries, Mapping):
                for direction in _DIRECTIONS:
                    self._add(self._starting_with, kind, direction, entries.get(direction, ()))
            else:
                self._add(self._starting_with, kind, "none", entries)
        for table in (
            self._starting_with,
            self._verdicts_starting_with,
            self._pointers_starting_with,
            self._myth_labels_starting_with,
            self._fact_labels_starting_with,
        ):
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

    @property
    def rebuttal_words(self) -> frozenset[str]:
        """The words a clause that only denies an earlier clause's claim may use."""
        return self._rebuttal_words

    def names_a_claim(self, word: str) -> bool:
        """Whether ``word`` is a noun that names a claim ("idea", "belief", "claims")."""
        return word in self._claim_nouns

    def labels_myths(self, words: Sequence[str]) -> bool:
        """Whether a heading names myths without answering them ("Myths", "5 myths about
        fasting"), and not facts beside them ("Myths and facts", "Myth vs fact")."""
        return bool(self._find(self._myth_labels_starting_with, words)) and not self._find(
            self._fact_labels_starting_with, words
        )

    def turns(self, words: Sequence[str]) -> bool:
        """Whether a sentence opens by turning from what was said to what is so ("However",
        "In fact", "Research shows")."""
        return any(tuple(words[: len(turn)]) == turn for turn in self._turns)

    @classmethod
    def bundled(cls, extra: Mapping[str, Any] | None = None) -> CueLexicon:
        """The cues in ``data/cues.yaml``, with ``extra`` cues (same shape) added."""
        lexicon: dict[str, Any] = load_bundled_data("cues.yaml")
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

    def claim_pointers(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """Where ``words`` point at claims already made ("these claims", "this idea",
        "backs it up"), as word ranges."""
        return [(start, end) for start, end, _ in self._find(self._pointers_starting_with, words)]

    def verdicts(self, words: Sequence[str]) -> Iterator[tuple[int, int, Stance]]:
        """The verdict phrases in ``words`` ("no", "a myth", "does nothing"), each with the
        stance it gives the claim it answers."""
        for start, end, cue in self._find(self._verdicts_starting_with, words):
            yield start, end, _VERDICT_STANCE[cue.kind]

    @staticmethod
    def _find(table: Mapping[str, list[_Cue]], words: Sequence[str]) -> list[tuple[int, int, _Cue]]:
        if table.keys().isdisjoint(words):  # most sentences: no cue word at all
            return []
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
    *,
    groups: Sequence[Sequence[tuple[int, int]]] = (),
    is_subject: bool = False,
) -> StanceReading:
    """The stance of the sentence ``text`` toward the claim whose required terms sit at the
    token ranges ``anchors``; a cue governs the claim when its scope reaches one of them.
    ``groups``, the ranges of every required group's terms, adds those in the clauses of the
    anchors: "In the cold-prevention studies, vitamin C didn't keep colds at bay" denies the
    claim that its first words make, and in "Crying relieves stress, but it does not lower
    blood pressure" the "lower" of the second clause leaves the stress claim alone.

    A claim stated as the subject of the sentence ("The idea that tears flush out toxins",
    "That crying lowers blood pressure") takes the stance of the predicate that judges it
    ("... has not held up", "... is wishful thinking"); ``is_subject`` says
    that ``anchors`` are the subject themselves ("This idea", pointing back at a claim)."""
    if mark := _QUESTION.search(text):
        return StanceReading.of(Stance.QUESTIONED, text, mark.start(), mark.start() + 1)
    cues = [cue for cue in lexicon.find(tokens.words) if not _joins_a_gerund(tokens, cue)]
    boundary_words = {start for start, _, cue in cues if cue.kind in _BOUNDARY_KINDS}
    concessives = [start for start, _, cue in cues if cue.kind == "concessive"]
    boundaries = _clause_starts(text, tokens, boundary_words, concessives)
    if groups:
        anchors = _in_clauses_of(anchors, groups, boundaries)
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
        if _reaches(scope_start, scope_end, anchors):
            best = StanceReading.of(stance, text, tokens.spans[start][0], tokens.spans[end - 1][1])
    opener = _claim_opener(tokens.words, anchors, boundaries, lexicon)
    if best.stance is Stance.ASSERTED and opener:
        # "It is a common belief that ...": put as a claim, not vouched for
        spans = tokens.spans
        best = StanceReading.of(Stance.ATTRIBUTED, text, spans[opener - 1][0], spans[opener][1])
    if best.stance in _ANSWERABLE:
        states_as_subject = is_subject or opener is not None
        for later in (
            _judged(text, tokens, anchors, cues, boundaries, lexicon)
            if states_as_subject
            else None,
            _rebutted(text, tokens, anchors, cues, boundaries, lexicon),
        ):
            if later is not None and _PRECEDENCE[later.stance] < _PRECEDENCE[best.stance]:
                best = later
    return best


def _judged(
    text: str,
    tokens: Tokens,
    anchors: Sequence[tuple[int, int]],
    cues: Sequence[tuple[int, int, _Cue]],
    boundaries: Sequence[int],
    lexicon: CueLexicon,
) -> StanceReading | None:
    """The stance that the main predicate gives a claim the sentence states as its subject
    ("The notion that crying boosts immunity | is overstated", "That crying lowers blood
    pressure | is not supported by the evidence", "This idea | has not held up"); ``None``
    when its predicate does not judge it."""
    words = tokens.words
    last = max(end for _, end in anchors)
    clause_end = min((b for b in boundaries if b >= last), default=len(words))
    opens = next(
        (
            position
            for position in range(last, min(clause_end, last + _MOST_SUBJECT_TAIL + 1))
            if words[position] in _PREDICATE_OPENERS or words[position] in _NESTED_OPENERS
        ),
        None,
    )
    if opens is None or words[opens] not in _PREDICATE_OPENERS:
        return None
    # A verdict judges whatever it is said of ("... is a misconception"); a negation or a
    # hedge judges the claim only in a predicate that says nothing but how the claim stands
    # ("... has not held up", "... is not supported by the evidence"), not in one that says
    # something else of it ("... does not mean you should cry more", "... can't be dismissed").
    stances: list[Stance] = [
        stance
        for _, _, stance in lexicon.verdicts(words[opens:clause_end])
        if stance is not Stance.ASSERTED
    ]
    only = _only_answers(text, tokens, opens, clause_end, cues, lexicon)
    if only is not None:
        stances.append(only.stance)
    if not stances:
        return None
    stance = min(stances, key=_PRECEDENCE.__getitem__)
    spans = tokens.spans
    return StanceReading.of(stance, text, spans[opens][0], spans[clause_end - 1][1])


def _claim_opener(
    words: Sequence[str],
    anchors: Sequence[tuple[int, int]],
    boundaries: Sequence[int],
    lexicon: CueLexicon,
) -> int | None:
    """Where the clause opens that states the claim as a proposition: "That" at the start
    (0), or "that" after a noun that names a claim ("The popular idea that", "It is a common
    belief that"); ``None`` when the claim is stated outright."""
    first = min(start for start, _ in anchors)
    clause_start = max((b for b in boundaries if b <= first), default=0)
    for position in range(first - 1, clause_start - 1, -1):
        word = words[position]
        if word == "that" and position == 0:
            return 0
        if word == "that":
            return position if lexicon.names_a_claim(words[position - 1]) else None
        if word in _NESTED_OPENERS:
            return None
    return None


def _joins_a_gerund(tokens: Tokens, cue: tuple[int, int, _Cue]) -> bool:
    """Whether a concessive joins a gerund to its clause ("may help preserve muscle while
    facilitating fat loss"): what governs the clause governs the gerund too."""
    start, end, found = cue
    return (
        found.kind == "concessive"
        and end < len(tokens.words)
        and tokens.words[end].endswith("ing")
        and start > 0
    )


def _in_clauses_of(
    anchors: Sequence[tuple[int, int]],
    groups: Sequence[Sequence[tuple[int, int]]],
    boundaries: Sequence[int],
) -> list[tuple[int, int]]:
    """The spans of ``groups`` in the clauses that make the claim: those with a term of every
    group, else those that ``anchors`` lie in."""
    in_clause = [{bisect_right(boundaries, start) for start, _ in spans} for spans in groups]
    clauses = set.intersection(*in_clause) or {
        bisect_right(boundaries, start) for start, _ in anchors
    }
    return sorted(
        {span for spans in groups for span in spans if bisect_right(boundaries, span[0]) in clauses}
        | set(anchors)
    )


def _reaches(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and e > start for s, e in spans)


def _rebutted(
    text: str,
    tokens: Tokens,
    anchors: Sequence[tuple[int, int]],
    cues: Sequence[tuple[int, int, _Cue]],
    boundaries: Sequence[int],
    lexicon: CueLexicon,
) -> StanceReading | None:
    """A later clause of the same sentence that only denies the claim ("..., but no trial
    shows it", "Though many believe ..., it does not") or only narrows it ("..., but only in
    rats"), and the stance it gives the claim."""
    claim_end = max(end for _, end in anchors)
    openers = {start for start, _, cue in cues if cue.kind in _BOUNDARY_KINDS}
    starts = [start for start in boundaries if start >= claim_end]
    for clause_start, clause_end in zip(starts, [*starts[1:], len(tokens)], strict=False):
        first = clause_start + 1 if clause_start in openers else clause_start
        answer = _only_answers(text, tokens, first, clause_end, cues, lexicon)
        if answer is not None:
            return answer
    return None


def rebuttal(text: str, tokens: Tokens, lexicon: CueLexicon) -> StanceReading | None:
    """The stance that a sentence which only denies or narrows what was said before it gives
    that claim ("There is no evidence for this.", "Studies have not confirmed it.", "Science
    says otherwise."), and its words; ``None`` for any other sentence."""
    if not tokens.words or _QUESTION.search(text) or text.rstrip().endswith(":"):
        return None  # a question, or a lead-in ("Myths:")
    return _only_answers(text, tokens, 0, len(tokens), lexicon.find(tokens.words), lexicon)


def _only_answers(
    text: str,
    tokens: Tokens,
    first: int,
    end: int,
    cues: Sequence[tuple[int, int, _Cue]],
    lexicon: CueLexicon,
) -> StanceReading | None:
    """The stance of the words ``first:end`` if they only deny or narrow (a negation or hedge
    cue, or "otherwise", and no word outside the rebuttal list)."""
    words = tokens.words
    found = [
        (start, stop, _KIND_STANCE[cue.kind])
        for start, stop, cue in cues
        if first <= start < end and cue.kind in ("negation", "hedge")
    ]
    found += [(p, p + 1, Stance.NEGATED) for p in range(first, end) if words[p] == "otherwise"]
    if not found:
        return None
    said = set(range(first, end)).difference(*(range(start, stop) for start, stop, _ in found))
    if not said or not all(words[position] in lexicon.rebuttal_words for position in said):
        return None  # nothing but the cue ("Myths"), or more than a denial
    stance = min((stance for _, _, stance in found), key=_PRECEDENCE.__getitem__)
    spans = tokens.spans
    return StanceReading.of(stance, text, spans[first][0], spans[end - 1][1])


def _concessive(text: str) -> bool:
    """Whether a sentence that opens with "whether" means "no matter which" ("Whether you are
    grieving or stressed, crying helps"), not an open question ("Whether crying helps is
    unclear"): an alternative with "or" before the first comma."""
    head, comma, _ = text.partition(",")
    return bool(comma) and " or " in f" {head.lower()} "


def _clause_starts(
    text: str, tokens: Tokens, boundary_words: set[int], concessives: Sequence[int]
) -> list[int]:
    """Token indexes at which a new clause begins: at a boundary word, after punctuation that
    ends a clause, and after the first comma of a clause that a concessive opens."""
    starts = list(boundary_words)
    spans = tokens.spans
    for index in range(1, len(spans)):
        between = (spans[index - 1][1], spans[index][0])
        if _CLAUSE_PUNCTUATION.search(text, *between):
            starts.append(index)
        elif concessives and "," in text[between[0] : between[1]]:
            opened = max((c for c in concessives if c < index), default=None)
            if opened is not None and not any(opened < s < index for s in starts):
                starts.append(index)
    return sorted(set(starts))


def _opens_with_anaphor(tokens: Tokens, clause_start: int, boundary_words: set[int]) -> bool:
    # A boundary word ("but") is its clause's first token; the anaphor follows it.
    first = clause_start + 1 if clause_start in boundary_words else clause_start
    return first < len(tokens) and tokens.words[first] in _ANAPHORS
