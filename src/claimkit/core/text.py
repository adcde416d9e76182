"""Words: the one tokenisation that claim terms, stance cues and sentences share.

A sentence's words are compared as written, lower-cased: what a claim term's word meets
(its inflections and curated relatives, ``claimkit.core.words``) is worked out once, for the
term, so that no sentence is ever stemmed or lemmatised. Stance cues compare whole words.
Hyphens and punctuation separate words ("stress-related" is "stress related"); typographic
apostrophes count as plain ones; a possessive "'s" is dropped ("crying's" is "crying").
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

__all__ = ["INVISIBLE", "Tokens", "tokenize", "words_of"]

INVISIBLE = (
    "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Characters that take no room on the page: soft hyphen, zero-width space, joiners, word
joiner, byte order mark, and the bidirectional marks, embeddings, overrides and isolates.
Inside a word they hide it from matching ("Cry\u200bing", "tox\u2066ins\u2069"), so words
are read across them and without them. (A bidirectional override changes the order in which
the text is shown, not the text checked; CK303 hidden-characters flags it.)"""
# A word: letters and digits, joined by apostrophes ("crying's") or invisible characters.
_WORD = re.compile(rf"[^\W_]+(?:['{INVISIBLE}]+[^\W_]+)*")
_HIDDEN = re.compile(f"[{INVISIBLE}]")
_WORDS: dict[str, str] = {}  # a word as cut from the text -> as a reader reads it
# Words whose "'s" is "is", "has" or "us" and which stance cues name as they are ("it's a
# myth"); any other word is read without its "'s", so that "crying's power" is "crying power"
# to a claim's terms.
_CONTRACTIONS = frozenset(
    {"it's", "that's", "there's", "here's", "what's", "who's", "where's", "when's", "why's"}
    | {"how's", "let's", "he's", "she's"}
)


@dataclass(slots=True)
class Tokens:
    """The words of a sentence, lower-cased.

    Where each word is in the sentence is worked out only when asked (``spans``): most
    sentences make no claim, and they never need it.
    """

    words: tuple[str, ...]
    text: str = ""
    """The text as written, for what only its case tells ("IF" is not "if")."""
    _spans: _Spans | None = None

    def __len__(self) -> int:
        return len(self.words)

    @property
    def lowered(self) -> str:
        """The text as its words were cut from it (worked out again when asked: a sentence's
        tokens are kept while its article is linted, and most are never asked)."""
        return _lowered(self.text)

    @property
    def spans(self) -> Sequence[tuple[int, int]]:
        """(start, end) of each word in the sentence text."""
        if self._spans is None:
            self._spans = _Spans(_WORD.finditer(self.lowered))
        return self._spans

    def written(self, start: int, end: int) -> str:
        """Words ``start`` to ``end`` (exclusive) as the sentence writes them."""
        spans = self.spans
        return self.text[spans[start][0] : spans[end - 1][1]]

    def is_upper(self, position: int) -> bool:
        """Whether the word at ``position`` is written in capitals, as an abbreviation is."""
        start, end = self.spans[position]
        return self.text[start:end].isupper()


class _Spans(Sequence[tuple[int, int]]):
    """Word spans as a flat array of numbers: a sentence's tokens are kept while its article
    is linted, and a tuple per word would cost more than the words."""

    __slots__ = ("_numbers",)

    def __init__(self, matches: Iterator[re.Match[str]]) -> None:
        self._numbers = array("i")
        for match in matches:
            self._numbers.extend(match.span())

    def __len__(self) -> int:
        return len(self._numbers) // 2

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        if type(index) is int and 0 <= index < len(self._numbers) >> 1:
            numbers = self._numbers  # the common case, asked for once per word looked at
            return numbers[2 * index], numbers[2 * index + 1]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("word index out of range")
        return self._numbers[2 * index], self._numbers[2 * index + 1]


def tokenize(text: str) -> Tokens:
    """The words of ``text`` in order."""
    # The cached copy of each word: a long article repeats its words, and holding each
    # sentence's words costs one pointer per word, not one string.
    known = _WORDS.get
    return Tokens(
        tuple(
            read if (read := known(word)) is not None else _read(word)
            for word in _WORD.findall(_lowered(text))
        ),
        text,
    )


def _read(word: str) -> str:
    """A word as ``tokenize`` reads it, cached."""
    if len(_WORDS) > 500_000:  # bound the cache on unbounded input
        _WORDS.clear()
    read = word if word.isascii() else _as_read(word)
    if read.endswith("'s") and read not in _CONTRACTIONS:
        read = read[:-2]
    _WORDS[word] = read
    return read


def _as_read(word: str) -> str:
    """A word as a reader reads it: without invisible characters, in its compatibility form
    (NFKC: the ligature U+FB01 is "fi", a full-width U+FF23 is "c")."""
    return unicodedata.normalize("NFKC", _HIDDEN.sub("", word)).lower()


def _lowered(text: str) -> str:
    """``text`` lower-cased with typographic apostrophes made plain, as words are cut from it;
    as long as ``text``, so that offsets in one are offsets in the other."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters change length when lower-cased ("İ"); keep offsets true.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.replace("\u2019", "'")


def words_of(text: str) -> tuple[str, ...]:
    """The lower-cased words of a term or cue phrase, as ``tokenize`` would cut it in a
    sentence."""
    return tokenize(text).words
