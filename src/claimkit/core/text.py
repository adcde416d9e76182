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

__all__ = ["Tokens", "stem", "stems_of", "tokenize", "words_of"]

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_STEMMER = snowballstemmer.stemmer("english")
_STEMS: dict[str, str] = {}


@dataclass(slots=True)
class Tokens:
    """The words of a sentence, lower-cased, with their stems.

    Where each word is in the sentence is worked out only when asked (``spans``): most
    sentences make no claim, and they never need it.
    """

    lowered: str
    words: list[str]
    stems: list[str]
    _spans: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.words)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each word in the sentence text."""
        if self._spans is None:
            self._spans = [match.span() for match in _WORD.finditer(self.lowered)]
        return self._spans


def stem(word: str) -> str:
    """The Porter2 stem of one lower-cased word; vocabularies are small, so it is cached."""
    stemmed = _STEMS.get(word)
    if stemmed is None:
        if len(_STEMS) > 500_000:  # bound the cache on unbounded input
            _STEMS.clear()
        stemmed = _STEMS[word] = _STEMMER.stemWord(word)
    return stemmed


def tokenize(text: str) -> Tokens:
    """The words of ``text`` in order, with their stems."""
    lowered = text.lower().replace("\u2019", "'")
    if len(lowered) != len(text):
        # A few characters change length when lower-cased ("İ"); keep offsets true.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text).replace(
            "\u2019", "'"
        )
    words = _WORD.findall(lowered)
    stems = [_STEMS.get(word) or stem(word) for word in words]
    return Tokens(lowered, words, stems)


@lru_cache(maxsize=100_000)
def stems_of(text: str) -> tuple[str, ...]:
    """The stems of a claim term, as ``tokenize`` would cut it in a sentence."""
    return tuple(tokenize(text).stems)


def words_of(text: str) -> tuple[str, ...]:
    """The lower-cased words of a cue phrase, as ``tokenize`` would cut it in a sentence."""
    return tuple(tokenize(text).words)
