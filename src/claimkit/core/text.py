"""Words and stems: the one tokenisation that claim terms, stance cues and sentences share.

Claim terms compare *word families*, so that "lower" finds "lowers", "lowering" and
"lowered", "reduce" finds "reduction" and "lose" finds "lost" and "loss", while "effective"
does not find "side effects" nor "useful" find "use". A word's family is its Porter2 stem,
corrected by a table built from WordNet (``data/word_families.tsv``, see
``tools/word_families.py``). Stance cues compare whole words, because stemming would merge
words a cue must tell apart ("likely" and "like" share the stem "like"). Hyphens and
punctuation separate words ("stress-related" is "stress related"); typographic apostrophes
count as plain ones.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import overload

import snowballstemmer

__all__ = [
    "INVISIBLE",
    "Tokens",
    "common_words_met",
    "stem",
    "stems_of",
    "stray_words",
    "tokenize",
    "vocabulary_digest",
    "words_of",
]

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
_STEMMER = snowballstemmer.stemmer("english")
_STEMS: dict[str, str] = {}
_WORDS: dict[str, tuple[str, str]] = {}  # word -> (the word, its stem)
_FAMILIES = resources.files("claimkit.data").joinpath("word_families.tsv")
_COMMON = resources.files("claimkit.data").joinpath("common_words.tsv")


@dataclass(slots=True)
class Tokens:
    """The words of a sentence, lower-cased, with their stems.

    Where each word is in the sentence is worked out only when asked (``spans``): most
    sentences make no claim, and they never need it.
    """

    words: tuple[str, ...]
    stems: tuple[str, ...]
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
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("word index out of range")
        return self._numbers[2 * index], self._numbers[2 * index + 1]


def stem(word: str) -> str:
    """The family of one lower-cased word (its stem, corrected); vocabularies are small, so
    it is cached."""
    stemmed = _STEMS.get(word)
    if stemmed is None:
        if len(_STEMS) > 500_000:  # bound the cache on unbounded input
            _STEMS.clear()
        words, stems = _families()
        stemmed = words.get(word)
        if stemmed is None:
            porter = _STEMMER.stemWord(word)
            stemmed = stems.get(porter, porter)
        _STEMS[word] = stemmed
    return stemmed


@lru_cache(maxsize=1)
def _families() -> tuple[dict[str, str], dict[str, str]]:
    """The corrections to Porter2: by word, and by stem."""
    words: dict[str, str] = {}
    stems: dict[str, str] = {}
    for line in _FAMILIES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, source, key = line.split("\t")
            (words if kind == "word" else stems)[source] = key
    return words, stems


def vocabulary_digest() -> str:
    """A hash of the word families and common words, for caches of anything built with
    them."""
    return hashlib.sha256(_FAMILIES.read_bytes() + _COMMON.read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _common_words() -> tuple[dict[str, int], dict[str, list[str]]]:
    """The common words (``data/common_words.tsv``) by rank, most common first; and by
    family."""
    rank: dict[str, int] = {}
    by_family: dict[str, list[str]] = {}
    for line in _COMMON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word = line.split("\t")[0]
            rank[word] = len(rank)
            by_family.setdefault(stem(word), []).append(word)
    return rank, by_family


def common_words_met(word: str) -> tuple[str, ...]:
    """The common English words, other than ``word`` itself, that a term word meets: its
    family, as far as the common words go ("reduce": "reduction", "reduced")."""
    word = word.lower()
    return tuple(other for other in _common_words()[1].get(stem(word), ()) if other != word)


def stray_words(word: str) -> tuple[str, ...]:
    """The common words that a term word meets only because Porter2 gives them its stem,
    not as forms of it, and that are more common than it: "severe" meets "several", so a
    sentence with "several" has the term "severe". What a reader of the term would not
    expect it to find."""
    word = word.lower()
    rank = _common_words()[0]
    base = _base_form(word, rank)
    own_rank = rank.get(base, len(rank))
    porter = _STEMMER.stemWord(word)
    return tuple(
        other
        for other in common_words_met(word)
        if rank[other] < own_rank
        and other not in _regular_forms(base)
        and base not in _regular_forms(other)
        and word not in _regular_forms(other)
        and _STEMMER.stemWord(other) == porter  # a WordNet family is meant to meet
    )


def _base_form(word: str, known: dict[str, int]) -> str:
    """``word`` without a regular ending, when that gives a known word ("tears": "tear")."""
    for ending, replacement in (
        ("", ""),
        ("s", ""),
        ("es", ""),
        ("ying", "ie"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("ies", "y"),
    ):
        if word.endswith(ending) and len(word) - len(ending) + len(replacement) >= 3:
            base = word[: len(word) - len(ending)] + replacement if ending else word
            if base in known:
                return base
    return word


def _regular_forms(word: str) -> set[str]:
    """The regular inflections of ``word`` (plurals, tenses, comparatives, "-ly")."""
    forms = {word, *(word + ending for ending in ("s", "es", "ed", "d", "ing", "er", "est", "ly"))}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed", word + "r", word + "st"}
    if word.endswith("ie"):
        forms.add(word[:-2] + "ying")  # die, dying
    if word.endswith("y"):
        forms |= {word[:-1] + ending for ending in ("ies", "ied", "ier", "iest", "ily")}
    forms |= {word + word[-1:] + ending for ending in ("ed", "ing", "er")}
    return forms


def tokenize(text: str) -> Tokens:
    """The words of ``text`` in order, with their stems."""
    lowered = _lowered(text)
    words = []
    stems = []
    for word in _WORD.findall(lowered):
        known = _WORDS.get(word)
        if known is None:
            if len(_WORDS) > 500_000:  # bound the cache on unbounded input
                _WORDS.clear()
            read = word if word.isascii() else _as_read(word)
            known = _WORDS[word] = (read, stem(read))
        # The cached copy of the word: a long article repeats its words, and holding each
        # sentence's words costs one pointer per word, not one string.
        words.append(known[0])
        stems.append(known[1])
    return Tokens(tuple(words), tuple(stems), text)


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


@lru_cache(maxsize=100_000)
def stems_of(text: str) -> tuple[str, ...]:
    """The stems of a claim term, as ``tokenize`` would cut it in a sentence."""
    return tuple(tokenize(text).stems)


def words_of(text: str) -> tuple[str, ...]:
    """The lower-cased words of a cue phrase, as ``tokenize`` would cut it in a sentence."""
    return tuple(tokenize(text).words)
