"""What every rule shares: its identity, its options, what it sees, and how it reports."""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from claimkit.core.enums import Severity
from claimkit.core.identifiers import Identifier
from claimkit.core.located import load_bundled_data
from claimkit.core.text import Tokens, words_of
from claimkit.core.words import forms_of
from claimkit.linting.findings import Finding
from claimkit.linting.suppressions import Directive, Suppression
from claimkit.matching import CueLexicon, Occurrence, Stance
from claimkit.reading import Document, Sentence, Span
from claimkit.registry import Certainty, Claim, ClaimSet
from claimkit.verify.lockfile import LockEntry, LockFile
from claimkit.verify.model import VERIFIABLE_SCHEMES

__all__ = [
    "DEFAULT_CERTAINTY_POLICY",
    "AllowedStance",
    "ArticleContext",
    "ArticleRule",
    "CertaintyPolicy",
    "NoOptions",
    "Rule",
    "SuppressionRule",
    "inflected_phrase_positions",
    "lexicon",
    "phrase_positions",
]

DOCSTRING_HEADINGS = (
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## Options",
)
"""Every rule's docstring has these sections, in this order (ruff's), and becomes its page."""

GRADE_WORDING = {
    Certainty.HIGH: "results in",
    Certainty.MODERATE: "likely results in",
    Certainty.LOW: "may result in",
    Certainty.VERY_LOW: "the evidence is very uncertain",
    Certainty.NONE: "there is no evidence",
}
"""How GRADE words a finding at each certainty (Santesso et al., 2020)."""

MAKES = frozenset({Stance.ASSERTED, Stance.HEDGED, Stance.ATTRIBUTED})
"""Stances in which a sentence passes a claim on to the reader rather than denying or asking it."""

AllowedStance = Literal["asserted", "hedged"]
"""How a claim of some certainty may be worded: stated as fact, or only hedged."""

DEFAULT_CERTAINTY_POLICY: Mapping[Certainty, AllowedStance] = {
    Certainty.HIGH: "asserted",
    Certainty.MODERATE: "asserted",
    Certainty.LOW: "hedged",
    Certainty.VERY_LOW: "hedged",
    Certainty.NONE: "hedged",
}
"""GRADE's wording: high and moderate certainty may be stated ("likely" for moderate is a
matter of style); low and below must be hedged ("may", "very uncertain")."""


@dataclass(frozen=True)
class CertaintyPolicy:
    """For each certainty, whether a claim may be asserted or must be hedged."""

    wording: Mapping[Certainty, AllowedStance]

    def allows(self, certainty: Certainty, stance: Stance) -> bool:
        """Whether a claim of this certainty may be made with this stance."""
        return stance is not Stance.ASSERTED or self.wording.get(certainty) != "hedged"


class NoOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class ArticleContext:
    """Everything a rule may look at for one article. Immutable: rules only read it."""

    path: str
    document: Document
    occurrences: tuple[Occurrence, ...]
    claims: ClaimSet
    policy: CertaintyPolicy
    cues: CueLexicon
    tokens: Sequence[Tokens]
    """The words of each sentence, by sentence index: tokenised once for all rules."""
    lock: LockFile | None = None
    """What citation verification found (``claimkit cite verify``), if a lock file exists."""
    directives: tuple[Directive, ...] = ()
    """The article's suppression directives."""

    def verifiable_citations(self) -> Iterator[tuple[Sentence, Identifier, LockEntry | None]]:
        """Each DOI, PMID and PMCID a sentence cites, with what the lock file says of it.
        Nothing without a lock file."""
        if self.lock is None:
            return
        for sentence in self.document.sentences:
            for cited in sentence.citations:
                if cited.scheme in VERIFIABLE_SCHEMES:
                    yield sentence, cited, self.lock.lookup(str(cited))


class Rule:
    """A lint rule. Subclasses of ``ArticleRule`` or ``SuppressionRule`` set ``code``, ``name``
    and ``severity``, write ``check`` and a docstring with the sections of
    ``DOCSTRING_HEADINGS``, which is the rule's documentation. A rule with options sets
    ``Options`` to a frozen pydantic model and declares ``options`` with that type. Codes never
    change meaning and are never reused; a renamed rule keeps its old code in ``aliases``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    aliases: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar[type[BaseModel]] = NoOptions
    options: BaseModel

    def __init__(self, options: BaseModel | None = None) -> None:
        if options is None:
            options = self.Options()
        if not isinstance(options, self.Options):
            raise TypeError(
                f"{self.code} takes {self.Options.__name__}, not {type(options).__name__}"
            )
        self.options = options

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first sentence of "What it does"."""
        text = cls.documentation().split("## What it does", 1)[-1].strip()
        paragraph = text.split("\n\n", 1)[0].replace("\n", " ").strip()
        return re.split(r"(?<=\.)\s", paragraph, maxsplit=1)[0]

    def finding(
        self,
        context: ArticleContext,
        sentence: Sentence,
        message: str,
        suggestion: str | None = None,
        *,
        claim: str | None = None,
        stance: Stance | None = None,
    ) -> Finding:
        """A finding of this rule about a whole sentence."""
        return self.finding_at(
            context, sentence.span, sentence.text, message, suggestion, claim=claim, stance=stance
        )

    def finding_at(
        self,
        context: ArticleContext,
        span: Span,
        text: str,
        message: str,
        suggestion: str | None = None,
        *,
        claim: str | None = None,
        stance: Stance | None = None,
    ) -> Finding:
        """A finding of this rule at ``span``, whose source text is ``text``."""
        return Finding(
            path=context.path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=self.code,
            name=self.name,
            severity=self.severity,
            # Many findings share these words: one copy of each, not one per finding.
            message=sys.intern(message),
            suggestion=None if suggestion is None else sys.intern(suggestion),
            claim=claim,
            stance=stance,
            text=text,
        )


class ArticleRule(Rule):
    """A rule about what an article says: it runs before suppressions are applied."""

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        raise NotImplementedError


class SuppressionRule(Rule):
    """A rule about the suppressions themselves: it runs once the article rules' findings are
    suppressed, and sees what each directive covered."""

    def check(self, context: ArticleContext, suppression: Suppression) -> Iterator[Finding]:
        raise NotImplementedError


def approved(claim: Claim, fallback: str) -> str:
    """The suggestion to give: the claim's first approved wording, else ``fallback``."""
    if claim.wording.approved:
        return f"Use the approved wording: {' '.join(claim.wording.approved[0].split())}"
    return fallback


def certainty_words(certainty: Certainty) -> str:
    return f"{certainty.label} certainty" if certainty is not Certainty.NONE else "no evidence"


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """A word list from ``data/lexicons.yaml``."""
    return tuple(str(entry) for entry in _lexicons()[name])


@cache
def _lexicons() -> dict[str, list[object]]:
    loaded: dict[str, list[object]] = load_bundled_data("lexicons.yaml")
    return loaded


def word_list(filename: str) -> tuple[str, ...]:
    """A list of terms, one per line, from a file in ``claimkit/data`` ("#" starts a comment).
    A line may give, after a tab, what each of the term's words meets (``reach``), worked out
    when the file was made: the forms of a word, space-separated, "|" between words."""
    text = (resources.files("claimkit.data") / filename).read_text(encoding="utf-8")
    terms = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, _, forms = line.partition("\t")
        terms.append(term.strip())
        if forms:
            _KNOWN_FORMS[terms[-1]] = forms
    return tuple(terms)


_KNOWN_FORMS: dict[str, str] = {}
"""Terms whose words' forms a data file gives (``word_list``), as written there: parsed only
when a rule compiles the list."""


_Phrase = tuple[frozenset[str], ...]
_PhraseIndex = dict[str, list[tuple[str, _Phrase]]]
# Compiled phrase lists, by the identity of the tuple: a rule passes the same tuple for every
# sentence, and hashing a list of thousands of phrases for each lookup would cost more than
# the lookup (CK301's outcomes). The tuple is kept with its index, so its id stays its own.
_COMPILED: dict[tuple[int, bool], tuple[tuple[str, ...], _PhraseIndex]] = {}


def _index(phrases: tuple[str, ...], inflected: bool) -> _PhraseIndex:
    key = (id(phrases), inflected)
    entry = _COMPILED.get(key)
    if entry is None or entry[0] is not phrases:
        if len(_COMPILED) > 1000:  # bound it: configurations and claims bring new lists
            _COMPILED.clear()
        entry = _COMPILED[key] = (phrases, _compile(phrases, inflected))
    return entry[1]


def _compile(phrases: tuple[str, ...], inflected: bool) -> _PhraseIndex:
    """Phrases by each form of their first word, longest first, for one pass over a
    sentence."""
    index: _PhraseIndex = {}
    written: dict[str, frozenset[str]] = {}  # a word's forms, once for all its phrases
    for phrase in phrases:
        known = _KNOWN_FORMS.get(phrase) if inflected else None
        if known:
            forms = tuple(
                written.get(word) or written.setdefault(word, frozenset(word.split()))
                for word in known.split("|")
            )
        else:
            words = words_of(phrase)
            if not words:
                continue
            forms = tuple(forms_of(word) if inflected else frozenset((word,)) for word in words)
        for form in forms[0]:
            index.setdefault(form, []).append((phrase, forms))
    for candidates in index.values():
        candidates.sort(key=lambda pair: -len(pair[1]))
    return index


def _positions(words: Sequence[str], index: _PhraseIndex) -> Iterator[tuple[str, int, int]]:
    if index.keys().isdisjoint(words):  # most sentences: nothing to look at
        return
    position = 0
    while position < len(words):
        for phrase, forms in index.get(words[position], ()):
            end = position + len(forms)
            if end == position + 1 or (
                end <= len(words)
                and words[position + 1] in forms[1]
                and (end == position + 2 or _rest_meets(words, position, forms))
            ):
                yield phrase, position, end
                position = end
                break
        else:
            position += 1


def _rest_meets(words: Sequence[str], start: int, forms: _Phrase) -> bool:
    """Whether the words after ``start`` meet the rest of a phrase's words (its third on)."""
    return all(words[start + offset] in forms[offset] for offset in range(2, len(forms)))


def phrase_positions(
    words: Sequence[str], phrases: tuple[str, ...]
) -> Iterator[tuple[str, int, int]]:
    """Each phrase of ``phrases`` found in ``words`` (a sentence's lower-cased words), with its
    word range; at each word the longest phrase wins."""
    return _positions(words, _index(phrases, inflected=False))


def inflected_phrase_positions(
    words: Sequence[str], phrases: tuple[str, ...]
) -> Iterator[tuple[str, int, int]]:
    """Like ``phrase_positions``, each word of a phrase meeting what a claim term's word
    meets (``claimkit.core.words``): "immune system" finds "immune systems"."""
    return _positions(words, _index(phrases, inflected=True))
