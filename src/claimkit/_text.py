"""Words and stems: the one tokenisation that claim terms, stance cues and sentences share.

Matching compares stems, so that "lower" finds "lowers", "lowering" and "lowered", and the
registry and the article are always cut the same way. Hyphens and punctuation separate words
("stress-related" is "stress related"); typographic apostrophes count as plain ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

__all__ = ["Token", "stem", "stems_of", "tokenize"]

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence: its stem and where it is in the sentence text."""

    stem: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter2 stem of one lower-cased word; vocabularies are small, so it is cached."""
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` in order, with their stems and offsets."""
    return [
        Token(stem(match.group().casefold().replace("\u2019", "'")), match.start(), match.end())
        for match in _WORD.finditer(text)
    ]


def stems_of(text: str) -> tuple[str, ...]:
    """The stems of a term or cue phrase, as ``tokenize`` would cut it in a sentence."""
    return tuple(token.stem for token in tokenize(text))
