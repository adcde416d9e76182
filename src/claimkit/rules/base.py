"""What every rule shares: its identity, its options, what it sees, and how it reports."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

import yaml
from pydantic import BaseModel, ConfigDict

from claimkit._stance import Stance
from claimkit._text import Tokens, stems_of, words_of
from claimkit.findings import Finding, Severity
from claimkit.models import Certainty, Claim
from claimkit.verify.model import VERIFIABLE_SCHEMES

if TYPE_CHECKING:
    from claimkit._stance import CueLexicon
    from claimkit.claims import ClaimSet
    from claimkit.config import Config
    from claimkit.document import Document, Sentence, Span
    from claimkit.identifiers import Identifier
    from claimkit.scanning import Occurrence
    from claimkit.verify.lockfile import LockEntry, LockFile

__all__ = [
    "ArticleContext",
    "NoOptions",
    "Rule",
    "lexicon",
    "phrase_positions",
    "stem_phrase_positions",
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


class NoOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass
class ArticleContext:
    """Everything a rule may look at for one article."""

    path: str
    document: Document
    occurrences: tuple[Occurrence, ...]
    claims: ClaimSet
    config: Config
    cues: CueLexicon
    tokens: Sequence[Tokens]
    """The words of each sentence, by sentence index: tokenised once for all rules."""
    lock: LockFile | None = None
    """What citation verification found (``claimkit cite verify``), if a lock file exists."""
    directives: list[Any] = field(default_factory=list)
    """Suppression directives, with how often each was used (for CK901 and CK902)."""

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
    """A lint rule. Subclasses set ``code``, ``name`` and ``severity``, write ``check`` and a
    docstring with the sections of ``DOCSTRING_HEADINGS``, which is the rule's documentation.
    Codes never change meaning and are never reused; a renamed rule keeps its old code in
    ``aliases``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    aliases: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar[type[BaseModel]] = NoOptions
    after_suppression: ClassVar[bool] = False
    """Rules about the suppressions themselves run once the others' findings are suppressed."""

    def __init__(self, options: BaseModel | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first sentence of "What it does"."""
        text = cls.documentation().split("## What it does", 1)[-1].strip()
        paragraph = text.split("\n\n", 1)[0].replace("\n", " ").strip()
        return re.split(r"(?<=\.)\s", paragraph, maxsplit=1)[0]

    def report(
        self,
        context: ArticleContext,
        sentence: Sentence,
        message: str,
        suggestion: str | None = None,
        *,
        claim: str | None = None,
        stance: Stance | None = None,
    ) -> Finding:
        return self.report_at(
            context, sentence.span, sentence.text, message, suggestion, claim=claim, stance=stance
        )

    def report_at(
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
        return Finding(
            path=context.path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            suggestion=suggestion,
            claim=claim,
            stance=str(stance) if stance else None,
            text=text,
        )


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
    text = (resources.files("claimkit.data") / "lexicons.yaml").read_text(encoding="utf-8")
    return tuple(str(entry) for entry in yaml.safe_load(text)[name])


@cache
def _index(phrases: tuple[str, ...], by_stem: bool) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Phrases by their first word (or stem), longest first, for one pass over a sentence."""
    cut = stems_of if by_stem else words_of
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for phrase in phrases:
        words = cut(phrase)
        if words:
            index.setdefault(words[0], []).append((phrase, words))
    for candidates in index.values():
        candidates.sort(key=lambda pair: -len(pair[1]))
    return index


def _positions(
    words: list[str], index: dict[str, list[tuple[str, tuple[str, ...]]]]
) -> Iterator[tuple[str, int, int]]:
    if index.keys().isdisjoint(words):  # most sentences: nothing to look at
        return
    position = 0
    while position < len(words):
        for phrase, target in index.get(words[position], ()):
            end = position + len(target)
            if tuple(words[position:end]) == target:
                yield phrase, position, end
                position = end
                break
        else:
            position += 1


def phrase_positions(words: list[str], phrases: tuple[str, ...]) -> Iterator[tuple[str, int, int]]:
    """Each phrase of ``phrases`` found in ``words`` (a sentence's lower-cased words), with its
    word range; at each word the longest phrase wins."""
    return _positions(words, _index(phrases, by_stem=False))


def stem_phrase_positions(
    stems: list[str], phrases: tuple[str, ...]
) -> Iterator[tuple[str, int, int]]:
    """Like ``phrase_positions``, comparing stems: "immune system" finds "immune systems"."""
    return _positions(stems, _index(phrases, by_stem=True))
