"""Sentence boundaries in a block of prose.

sentencex (Wikimedia's rule-based segmenter, with a Rust core) finds the candidate boundaries
and knows the common abbreviations, decimals and ellipses. Two corrections follow, both about
splits that a reader would never make: after an abbreviation that health writing uses and
sentencex does not list (data/abbreviations.txt), and before a lower-case word.

sentencex's sentences cover the text without gaps, so their offsets are their running
lengths; its ``segment`` gives them as plain strings, much lighter than the dictionaries of
``get_sentence_boundaries`` on a block of a million sentences. A correction looks only at the
end of the sentence so far (its last word), never at all of it: a run of corrections would
otherwise cost the square of its length.

sentencex itself takes time that grows with the square of a paragraph's length on some text
(a run of "<!" with no space, many brackets among many "!": at every stop it looks for the
next word as far as the next space, and goes through every bracketed span). So a block longer
than ``_WINDOW`` characters is given to it a window at a time, each window starting where a
sentence that sentencex found well inside the previous one ended (a quarter of a window from
its end). Real paragraphs are shorter; a longer one is cut exactly as a whole one would be
unless a quotation or a bracket runs over more than that quarter across a window's end. A
block with a "word" of ``_SMALL_WINDOW`` characters, which no prose has, gets windows of that
size: looking for the next space costs most there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources

import sentencex

__all__ = ["sentence_ranges", "split_sentences"]

_ABBREVIATIONS = frozenset(
    line.strip()
    for line in resources.files("claimkit.data")
    .joinpath("abbreviations.txt")
    .read_text()
    .splitlines()
    if line.strip() and not line.startswith("#")
)
_WHITESPACE = re.compile(r"\s")
_LAST_SPACE = re.compile(r".*\s", re.DOTALL)
_WINDOW = 16384
_SMALL_WINDOW = 1024
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{_SMALL_WINDOW}}}")  # tried once per word
# A longer sentence (no stop sentencex accepts, or a run of false splits) is cut at a space:
# no prose has one, and a sentence is tokenised whole.
_LARGEST_WINDOW = 65536


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each sentence of ``text``, covering it without gaps."""
    return list(sentence_ranges(text))


def sentence_ranges(text: str) -> Iterator[tuple[int, int]]:
    """``split_sentences``, one sentence at a time."""
    current: tuple[int, int] | None = None
    end = 0
    for segment in _segments(text):
        start, end = end, end + len(segment)
        if (
            current is not None
            and end - current[0] <= _LARGEST_WINDOW
            and _is_false_split(text, current, segment)
        ):
            current = (current[0], end)
        else:
            if current is not None:
                yield current
            current = (start, end)
    if current is not None:
        yield current


def _segments(text: str) -> Iterator[str]:
    """sentencex's sentences of ``text``, a window at a time when it is long."""
    window = _SMALL_WINDOW if _LONG_WORD.search(text) else _WINDOW
    start, size = 0, window
    while len(text) - start > size:
        end = start + size
        kept = []
        position = start
        for segment in sentencex.segment("en", text[start:end]):
            position += len(segment)
            if position > end - size // 4:
                break  # may end differently with what follows the window
            kept.append(segment)
        if kept:
            yield from kept
            start += sum(len(segment) for segment in kept)
            size = window
        elif size < _LARGEST_WINDOW:
            size *= 2
        else:
            space = _LAST_SPACE.match(text, start + size // 2, end)
            cut = space.end() if space else end
            yield text[start:cut]
            start = cut
    yield from sentencex.segment("en", text[start:])


def _is_false_split(text: str, before: tuple[int, int], after: str) -> bool:
    """Whether the split between ``text[before[0]:before[1]]`` and ``after`` is one a reader
    would not make."""
    after = after.lstrip()
    if after[:1].islower():
        return True
    start, end = before
    size = 64
    while True:
        window = max(start, end - size)
        tail = text[window:end].rstrip()
        if window > start and not tail:
            size *= 2  # only spaces so far: the sentence ends further back
            continue
        if not tail.endswith("."):
            return False
        body = tail[:-1].rstrip()
        if window == start or _WHITESPACE.search(body):
            break
        size *= 2  # the last word may start further back
    last_word = tail[:-1].rsplit(maxsplit=1)[-1:]
    return bool(last_word) and last_word[0].casefold().strip("(") in _ABBREVIATIONS
