"""Names a match term may use instead of words: concepts and topics.

A term written ``@name`` in a claim file's ``match`` block stands for a list of terms kept
once, elsewhere:

- a **concept** that ships with claimkit (``data/concepts.yaml``): effect verbs grouped by
  direction (``@lower``, ``@raise``, ``@remove``, ``@improve``, ``@prevent``, ``@cause``,
  ``@cure``, ``@worsen``, ``@relieve``) and health outcomes with their synonyms
  (``@blood-pressure``, ``@weight``, ``@blood-sugar`` ...);
- a **topic** of the registry (a ``topic.yaml`` file): what a group of claims is about, and
  every way an article names it ("crying", "a good cry", "weeping", "shedding tears").

Topics do more than stand for words: a claim whose ``topic`` a registry declares gets the
topic's terms wherever it names its subject (see ``Vocabulary.expand_match``), so that a
claim file need not repeat every synonym, and an article titled "Why we weep" supplies the
subject of the crying claims.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from claimkit.core.located import load_bundled_data
from claimkit.core.words import term_meets
from claimkit.registry.models import Claim, Topic

__all__ = ["REFERENCE", "Concept", "Vocabulary", "bundled_concepts", "concepts_digest"]

REFERENCE = "@"
"""What starts a term that names a concept or a topic."""


@dataclass(frozen=True)
class Concept:
    """One idea and the terms that say it."""

    name: str
    kind: str
    """``effect`` (a verb of change, by direction) or ``outcome`` (what changes)."""
    description: str
    terms: tuple[str, ...]


_CONCEPTS = resources.files("claimkit.data").joinpath("concepts.yaml")


@cache
def bundled_concepts() -> Mapping[str, Concept]:
    """The concept lexicons that ship with claimkit, by name."""
    data = load_bundled_data("concepts.yaml")
    concepts = {}
    for section, kind in (("effects", "effect"), ("outcomes", "outcome")):
        for name, entry in data[section].items():
            terms = tuple(" ".join(str(term).split()) for term in entry["terms"])
            concepts[name] = Concept(name, kind, str(entry.get("description", "")), terms)
    return concepts


def concepts_digest() -> str:
    """A hash of the concept lexicons, for caches of anything compiled with them."""
    return hashlib.sha256(_CONCEPTS.read_bytes()).hexdigest()[:16]


@dataclass(frozen=True)
class Vocabulary:
    """The concepts and topics a registry's terms may name."""

    topics: Mapping[str, Topic] = field(default_factory=dict)
    concepts: Mapping[str, Concept] = field(default_factory=bundled_concepts)

    def terms_of(self, name: str) -> tuple[str, ...] | None:
        """The terms ``@name`` stands for; ``None`` when it names nothing."""
        topic = self.topics.get(name)
        if topic is not None:
            return topic.terms
        concept = self.concepts.get(name)
        return concept.terms if concept is not None else None

    def unknown(self, term: str) -> str | None:
        """Why the reference ``term`` (``@name``) names nothing, with a suggestion; ``None``
        when it names a concept or a topic, or is no reference at all."""
        if not term.startswith(REFERENCE) or self.terms_of(term[1:]) is not None:
            return None
        known = sorted([*self.concepts, *self.topics])
        close = difflib.get_close_matches(term[1:], known, n=1, cutoff=0.6)
        hint = f"; did you mean '@{close[0]}'?" if close else " (see: claimkit claims concepts)"
        return f"{term!r} names no concept or topic{hint}"

    def expand(self, group: Iterable[str]) -> tuple[str, ...]:
        """A group's terms with every reference replaced by the terms it stands for."""
        expanded: dict[str, None] = {}
        for term in group:
            named = self.terms_of(term[1:]) if term.startswith(REFERENCE) else None
            for word in named if named is not None else (term,):
                expanded.setdefault(word, None)
        return tuple(expanded)

    def expand_match(
        self, claim: Claim
    ) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
        """The claim's required and context groups as the index compiles them: references
        expanded and, when the registry declares the claim's topic, every context group that
        names the topic extended with all the topic's terms — or, if no group at all names
        it, the topic added as a context group of its own. Required groups are left as they
        are: a group that asks for "emotional tears" must not be met by "tears"."""
        required = tuple(self.expand(group) for group in claim.match.required)
        context = tuple(self.expand(group) for group in claim.match.context)
        topic = self.topics.get(claim.topic)
        if topic is None:
            return required, context

        def names_topic(group: tuple[str, ...]) -> bool:
            return any(term_meets(term, name) for term in group for name in topic.terms)

        if not any(names_topic(group) for group in (*required, *context)):
            return required, (*context, topic.terms)
        return required, tuple(
            tuple(dict.fromkeys((*group, *topic.terms))) if names_topic(group) else group
            for group in context
        )
