"""Sentence boundaries in a block of prose.

sentencex (Wikimedia's rule-based segmenter, with a Rust core) finds the candidate boundaries
and knows the common abbreviations, decimals and ellipses. Two corrections follow, both about
splits that a reader would never make: after an abbreviation that health writing uses and
sentencex does not list (data/abbreviations.txt), and before a lower-case word.
"""

from __future__ import annotations

from importlib import resources

import sentencex

__all__ = ["split_sentences"]

_ABBREVIATIONS = frozenset(
    line.strip()
    for line in resources.files("claimkit.data")
    .joinpath("abbreviations.txt")
    .read_text()
    .splitlines()
    if line.strip() and not line.startswith("#")
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each sentence of ``text``, covering it without gaps."""
    ranges: list[tuple[int, int]] = []
    for boundary in sentencex.get_sentence_boundaries("en", text):
        start, end = boundary["start_index"], boundary["end_index"]
        if ranges and _is_false_split(text[ranges[-1][0] : ranges[-1][1]], text[start:end]):
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _is_false_split(before: str, after: str) -> bool:
    after = after.lstrip()
    if after[:1].islower():
        return True
    before = before.rstrip()
    if not before.endswith("."):
        return False
    last_word = before[:-1].rsplit(maxsplit=1)[-1:]
    return bool(last_word) and last_word[0].casefold().strip("(") in _ABBREVIATIONS
