"""``claimkit claims new --from FILE:LINE``: a draft claim file from a sentence of an article.

An editor who meets a health claim the registry does not know (CK301) writes it down as a
claim. The draft takes what the sentence says: its statement, a topic, a ``match`` block of
the sentence's own effect verb and outcome (with the concept lexicons that name them, so that
other phrasings match too), and the sentence itself as a match example. The evidence is left
for the editor: certainty ``none``, verdict ``unsupported``, no citations, review ``draft``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import yaml

from claimkit.core.text import Tokens, tokenize, words_of
from claimkit.core.words import forms_of, term_meets
from claimkit.linting.rules.base import inflected_phrase_positions
from claimkit.linting.rules.unregistered_claim import UnregisteredClaimOptions, closest_effect
from claimkit.reading.document import Document, Sentence
from claimkit.registry import ClaimSet
from claimkit.registry.vocabulary import bundled_concepts

__all__ = ["DraftClaim", "NoClaimHereError", "draft_claim"]


class NoClaimHereError(ValueError):
    """The place named holds no sentence, or none that states an effect on a health outcome."""


@dataclass(frozen=True)
class DraftClaim:
    """A claim file to write: its id, where in the registry it goes, and its YAML."""

    claim_id: str
    relative_path: PurePosixPath
    text: str
    sentence: Sentence
    topic_file: tuple[PurePosixPath, str] | None = None
    """A topic file to write beside it, when the registry declares topics and not this one
    (its path in the registry, and its YAML)."""


_TOPIC_HEADER = "# Draft topic made by `claimkit claims new`: add every way articles name it.\n"
_SUBJECT_WORDS = 4
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "your",
        "you",
        "our",
        "we",
        "it",
        "this",
        "that",
        "these",
        "those",
        "can",
        "may",
        "might",
        "will",
    ]
)


def draft_claim(
    document: Document,
    line: int,
    column: int | None = None,
    registry: ClaimSet | None = None,
    claim_id: str | None = None,
    source: str | None = None,
) -> DraftClaim:
    """The draft claim made from the sentence at ``line`` (and ``column``) of ``document``.

    ``registry`` supplies its declared topics (a sentence or title that names one gets it as
    its topic). ``claim_id`` replaces the id made from the sentence; ``source``, the article's
    path, is named in the draft's header. ``NoClaimHereError`` when no sentence starts on that
    line or the sentence states no effect on a health outcome."""
    sentence = _sentence_at(document, line, column)
    options = UnregisteredClaimOptions()
    tokens = tokenize(sentence.text)
    # The same outcome and effect as the CK301 finding on the sentence names.
    outcomes = list(inflected_phrase_positions(tokens.words, options.outcomes))
    effects = list(inflected_phrase_positions(tokens.words, options.verbs))
    pair = closest_effect(outcomes, effects)
    if pair is None:
        raise NoClaimHereError(
            f"{sentence.text!r} states no effect on a health outcome that claimkit can see; "
            "write the claim file by hand (docs/claims.md)"
        )
    outcome, verb = pair
    verb_text = tokens.written(*verb[1:]).lower()
    outcome_text = tokens.written(*outcome[1:]).lower()
    # The subject is what the sentence says first: "Laughing" in "Laughing boosts your mood
    # and lowers cholesterol", whichever effect the draft is about.
    first_claim_word = min(start for _, start, _ in (*outcomes, *effects))
    found = _topic(sentence, tokens, first_claim_word, document, registry)
    if found is None and claim_id is None:
        raise NoClaimHereError(
            f"{sentence.text!r} names no subject of its own; give the claim an id with "
            "--id TOPIC.NAME"
        )
    topic, subject_terms = found or (str(claim_id).split(".", 1)[0], [])
    identifier = claim_id or f"{topic}.{_slug(verb_text)}-{_slug(outcome_text)}"
    match: dict[str, object] = {
        "required": [_group(outcome_text, "outcome"), _group(verb_text, "effect")],
    }
    topic_file = None
    if subject_terms and registry is not None and registry.topics:
        # The registry declares its topics: declare this one, which supplies the subject.
        declared = {"topic": topic, "name": subject_terms[0].capitalize(), "terms": subject_terms}
        topic_yaml = yaml.safe_dump(declared, sort_keys=False, allow_unicode=True)
        topic_file = (PurePosixPath(topic, "topic.yaml"), _TOPIC_HEADER + topic_yaml)
    elif subject_terms:
        match["context"] = [subject_terms]
    claim = {
        "id": identifier,
        "statement": sentence.text,
        "topic": topic,
        "evidence": {
            "certainty": "none",
            "verdict": "unsupported",
            "summary": "Draft: summarise what the evidence says, then set certainty and verdict.",
            "citations": [],
        },
        "match": match,
        "examples": {"match": [sentence.text], "no_match": []},
        "review": {"status": "draft"},
    }
    where = (
        f"{source}:{sentence.span.line}" if source else f"line {sentence.span.line} of an article"
    )
    header = (
        f"# Draft made by `claimkit claims new` from {where}.\n"
        "# Before review: write the evidence (certainty, verdict, summary, citations), check\n"
        "# the match block against examples (`claimkit explain --text`), add approved wording.\n"
    )
    body = yaml.safe_dump(claim, sort_keys=False, allow_unicode=True, width=100)
    short = identifier.split(".", 1)[1]
    path = PurePosixPath(topic, f"{short}.yaml")
    return DraftClaim(identifier, path, header + body, sentence, topic_file)


def _sentence_at(document: Document, line: int, column: int | None) -> Sentence:
    on_line = [s for s in document.sentences if s.span.line == line]
    if column is not None:
        on_line = [s for s in on_line if s.span.column <= column][-1:]
    if not on_line:
        raise NoClaimHereError("no sentence starts on this line")
    return on_line[0]


def _group(term: str, kind: str) -> list[str]:
    """The term, and the concept lexicon that names it (``@blood-pressure``, ``@lower``), so
    that the claim also matches the other words of that idea."""
    named = [
        f"@{concept.name}"
        for concept in bundled_concepts().values()
        if concept.kind == kind and any(term_meets(word, term) for word in concept.terms)
    ]
    return [*named[:1], term]


def _topic(
    sentence: Sentence,
    tokens: Tokens,
    first_claim_word: int,
    document: Document,
    registry: ClaimSet | None,
) -> tuple[str, list[str]] | None:
    """The claim's topic and, when no declared topic supplies it, a context group of the
    sentence's subject (the words before the claim's verb or outcome); ``None`` when the
    sentence has no words before them."""
    around = set(words_of(f"{sentence.text} {document.title or ''} {' '.join(sentence.headings)}"))
    for topic in registry.topics.values() if registry is not None else ():
        if any(all(forms_of(word) & around for word in words_of(term)) for term in topic.terms):
            return topic.topic, []
    words = [w for w in tokens.words[:first_claim_word] if w not in _FILLER][-_SUBJECT_WORDS:]
    if not words:
        return None
    subject = " ".join(words)
    return _slug(subject), [subject]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "claim"
