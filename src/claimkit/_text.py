"""Words and stems: the one tokenisation that claim terms, stance cues and sentences share.

Claim terms compare stems, so that "lower" finds "lowers", "lowering" and "lowered". Stance
cues compare whole words, because stemming would merge words a cue must tell apart ("likely"
and "like" share the stem "like"). Hyphens and punctuation separate words ("stress-related"
is "stress related"); typographic apostrophes count as plain ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

__all__ = ["Token", "stem", "stems_of", "tokenize", "words_of"]

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence: lower-cased, its stem, and where it is in the sentence text."""

    word: str
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
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group().casefold().replace("\u2019", "'")
        tokens.append(Token(word, stem(word), match.start(), match.end()))
    return tokens


def stems_of(text: str) -> tuple[str, ...]:
    """The stems of a claim term, as ``tokenize`` would cut it in a sentence."""
    return tuple(token.stem for token in tokenize(text))


def words_of(text: str) -> tuple[str, ...]:
    """The lower-cased words of a cue phrase, as ``tokenize`` would cut it in a sentence."""
    return tuple(token.word for token in tokenize(text))
