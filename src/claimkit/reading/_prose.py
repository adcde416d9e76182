"""From pieces of source text to sentences with exact positions.

Each reader (Markdown, HTML, plain text) walks its markup and feeds the prose to a
``ProseBuilder`` piece by piece, each piece with the source range it came from. The builder
groups pieces into blocks (paragraphs, headings, list items, table cells), finds the citations
in them, cuts them into sentences, and maps every sentence back to line and column in the
original file: this is where "exact positions through markup" is kept.

Memory stays a small multiple of the source, whatever its shape. A block becomes sentences as
soon as it ends, and only the sentences are kept (compactly, ``Sentences``). Within a block, a
piece that is its source verbatim is kept as its source range alone, and one that continues
the previous such piece extends it: a reader that hands over text a character at a time
(Markdown's ``[[[[``, HTML's ``<a<a<a``) costs one piece, not one per character.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterable
from typing import Any

from claimkit.core.identifiers import (
    Identifier,
    IdentifierError,
    find_identifiers,
    parse_identifier,
)
from claimkit.reading._sentences import sentence_ranges
from claimkit.reading.document import Comments, Document, InputFormat, Sentences

__all__ = ["RUN_IN_LEVEL", "LineIndex", "ProseBuilder"]

RUN_IN_LEVEL = 7
"""Heading level of a run-in heading: below every real heading."""

# Pandoc/Manubot citation keys: [@doi:10.3389/fpsyg.2014.00502; @pmid:26500382]. A bracket
# with no bracket inside is found first, then the key in it: one pattern for both would go
# back over the whole bracket for every "@" in it.
_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_HAS_CITATION_KEY = re.compile(r"@(?:doi|pmid|pmcid|isbn|url):", re.IGNORECASE)
_CITATION_KEY = re.compile(r"@((?:doi|pmid|pmcid|isbn|url):[^\s;\]]+)", re.IGNORECASE)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([.,;:!?])(?=\s|$)")
# Cheap test for text that may hold an identifier, before the full search.
_MAY_CITE = re.compile(r"10\.\d|PMC?\d|PMID|[Pp]ub[Mm]ed|ncbi")
# Text that needs tidying for display: runs of spaces, line breaks, a gap before punctuation.
_UNTIDY = re.compile(r"\s\s|[^\S ]| [.,;:!?]")

# An article cites the same few works again and again: one object each, not one per mention.
_citation_key = functools.lru_cache(maxsize=4096)(parse_identifier)

# How a piece's prose relates to its source range.
_VERBATIM = 0  # the prose is the source
_SPACE = 1  # a single space standing for its source (a line break, a tag, nothing)
_OTHER = 2  # anything else (an entity, an escape, alt text): kept in the block's ``texts``


def _offsets(size: int) -> array[int]:
    """An array for offsets into a text of ``size`` characters: 4 bytes each when they fit."""
    return array("i" if size < 2**31 else "q")


class LineIndex:
    """Character offset -> (line, column), both 1-based, for one source text."""

    def __init__(self, text: str) -> None:
        self.starts = _offsets(len(text) + 1)
        self.starts.append(0)
        self.starts.extend(match.end() for match in _NEWLINE.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """(line, column), both 1-based -> character offset: ``position`` undone."""
        return self.starts[line - 1] + column - 1


class _Block:
    """The prose of one block so far, as pieces: where each starts in the prose, and the
    source range it came from. A piece whose prose is as long as its source range maps
    character by character; any other maps as a whole onto its range."""

    __slots__ = (
        "citations",
        "footnotes",
        "has_words",
        "is_heading",
        "kinds",
        "length",
        "level",
        "prose_starts",
        "source_ends",
        "source_starts",
        "texts",
    )

    def __init__(self, *, is_heading: bool, level: int, size: int) -> None:
        self.is_heading = is_heading
        self.level = level
        self.prose_starts = _offsets(size)
        self.source_starts = _offsets(size)
        self.source_ends = _offsets(size)
        self.kinds = bytearray()
        self.texts: list[str] = []  # of the _OTHER pieces, in order
        self.length = 0
        self.has_words = False
        self.citations: list[tuple[int, Identifier]] = []
        self.footnotes: list[tuple[int, str]] = []

    def add(self, source: str, text: str, source_start: int, source_end: int) -> None:
        if len(text) == source_end - source_start and source.startswith(text, source_start):
            if self.kinds and self.kinds[-1] == _VERBATIM and self.source_ends[-1] == source_start:
                self.source_ends[-1] = source_end
            else:
                self._append(_VERBATIM, source_start, source_end)
        elif text == " ":
            self._append(_SPACE, source_start, source_end)
        else:
            self.texts.append(text)
            self._append(_OTHER, source_start, source_end)
        self.length += len(text)
        if not self.has_words and text and not text.isspace():
            self.has_words = True

    def _append(self, kind: int, source_start: int, source_end: int) -> None:
        self.prose_starts.append(self.length)
        self.source_starts.append(source_start)
        self.source_ends.append(source_end)
        self.kinds.append(kind)

    def prose(self, source: str) -> str:
        parts = []
        others = iter(self.texts)
        for piece, kind in enumerate(self.kinds):
            if kind == _VERBATIM:
                parts.append(source[self.source_starts[piece] : self.source_ends[piece]])
            else:
                parts.append(" " if kind == _SPACE else next(others))
        return "".join(parts)

    def _maps_by_character(self, piece: int) -> bool:
        following = piece + 1
        prose_end = self.prose_starts[following] if following < len(self.kinds) else self.length
        prose_length = prose_end - self.prose_starts[piece]
        return prose_length == self.source_ends[piece] - self.source_starts[piece]

    def source_start_of(self, offset: int) -> int:
        piece = bisect.bisect_right(self.prose_starts, offset) - 1
        if self._maps_by_character(piece):
            return self.source_starts[piece] + offset - self.prose_starts[piece]
        return self.source_starts[piece]

    def source_end_of(self, offset: int) -> int:
        """Source offset just after the prose character at ``offset - 1``."""
        piece = bisect.bisect_right(self.prose_starts, offset - 1) - 1
        if self._maps_by_character(piece):
            return self.source_starts[piece] + offset - self.prose_starts[piece]
        return self.source_ends[piece]


_MOST_WAITING = 10_000
"""Blocks with footnote references kept until the end, when every definition is known."""


class _Citing:
    """What a block that refers to footnotes cites, by prose offset, and where its sentences
    start: given out at the end, once every footnote's definition (anywhere) is known."""

    __slots__ = ("derived", "first", "footnotes", "linked", "paragraph", "starts")

    def __init__(
        self,
        paragraph: int,
        first: int,
        starts: array[int],
        linked: list[tuple[int, Identifier]],
        footnotes: list[tuple[int, str]],
        derived: list[tuple[int, Identifier]],
    ) -> None:
        self.paragraph = paragraph
        self.first = first
        self.starts = starts
        self.linked = linked
        self.footnotes = footnotes
        self.derived = derived


class ProseBuilder:
    """Collects prose pieces into blocks and turns them into a ``Document``."""

    def __init__(self, source: str, prose_ranges: list[tuple[int, int]] | None = None) -> None:
        self.source = source
        self.lines = LineIndex(source)
        self.prose_ranges = prose_ranges
        self.current: _Block | None = None
        self.footnote_citations: dict[str, list[Identifier]] = {}
        self.sentences = Sentences(len(source) + 1)
        self.paragraph_citations: dict[int, tuple[Identifier, ...]] = {}
        self.paragraph_starts = _offsets(len(source) + 1)
        # The headings above the current point, outermost first: (level, section number).
        self.sections: list[tuple[int, int]] = []
        self.waiting: list[_Citing] = []  # blocks with footnote references
        self.comments = Comments(len(source) + 1)
        self.comment_ends = _offsets(len(source) + 1)
        self.lists: list[int] = []  # the lead-in sentence of each open list (-1: none)

    # -- what readers call ------------------------------------------------------------------

    def start_heading(self, level: int) -> None:
        self.end_block()
        self.current = _Block(is_heading=True, level=level, size=len(self.source) + 1)

    def run_in_heading(self) -> None:
        """What the current block holds so far is a run-in heading ("**Stress relief.** Crying
        gives..."): it becomes a heading under the current section, and the paragraph goes on
        as a block of its own."""
        block = self.current
        if block is None:
            return
        block.is_heading, block.level = True, RUN_IN_LEVEL
        self.end_block()

    def start_list(self) -> None:
        """A list starts: the sentence before it introduces it ("Fans of the tonic say it
        will:", "This tonic offers a long list of benefits."), unless it is a heading; its
        items are read in its frame."""
        self.end_block()
        last = len(self.sentences) - 1
        introduced = last >= 0 and not self.sentences[last].is_heading
        self.lists.append(last if introduced else -1)

    def end_list(self) -> None:
        self.end_block()
        if self.lists:
            self.lists.pop()

    def end_block(self) -> None:
        block, self.current = self.current, None
        if block is not None and block.has_words:
            self._sentences_of(block)

    def text(
        self, text: str, source_start: int, source_end: int, *, in_markup: bool = False
    ) -> None:
        """A piece of prose and the source range it came from; ``in_markup`` when that range is
        inside markup rather than text (an image's alt text)."""
        if self.current is None:
            if not text.strip():
                return
            self.current = _Block(is_heading=False, level=0, size=len(self.source) + 1)
        self.current.add(self.source, text, source_start, source_end)
        if (
            self.prose_ranges is not None
            and not in_markup
            and len(text) == source_end - source_start
        ):
            self._record(source_start, source_end)

    def space(self, source_start: int, source_end: int) -> None:
        """A line break or markup that separates words without adding any."""
        if self.current is not None:
            self.current.add(self.source, " ", source_start, source_end)
            if self.prose_ranges is not None and self.source[source_start:source_end].isspace():
                self._record(source_start, source_end)

    def _record(self, source_start: int, source_end: int) -> None:
        # Pieces that touch make one range, so that a sentence wrapped over two source lines
        # is marked as one stretch of text.
        ranges = self.prose_ranges
        if ranges is None:
            return
        if ranges and ranges[-1][1] == source_start:
            ranges[-1] = (ranges[-1][0], source_end)
        else:
            ranges.append((source_start, source_end))

    def cite(self, identifier: Identifier) -> None:
        """A work cited at the current point, e.g. by a link."""
        if self.current is not None:
            self.current.citations.append((self.current.length, identifier))

    def comment(self, text: str, source_start: int, source_end: int) -> None:
        """An HTML comment, ``<!--`` to ``-->`` inclusive, at that source range."""
        line, column = self.lines.position(source_start)
        end_line, end_column = self.lines.position(source_end - 1)
        inner = text.removeprefix("<!--").removesuffix("-->").strip()
        self.comments.append(inner, (line, column, end_line, end_column + 1))
        self.comment_ends.append(source_end)

    def footnote_reference(self, label: str) -> None:
        if self.current is not None:
            self.current.footnotes.append((self.current.length, label))

    def footnote_definition(self, label: str, identifiers: Iterable[Identifier]) -> None:
        self.footnote_citations.setdefault(label, []).extend(identifiers)

    # -- the result ---------------------------------------------------------------------------

    def build(
        self, input_format: InputFormat, title: str | None, front_matter: dict[str, Any]
    ) -> Document:
        self.end_block()
        while self.waiting:  # emptied as it goes, so as not to hold it and the result at once
            citing = self.waiting.pop()
            found = [*citing.linked, *self._footnoted(citing.footnotes), *citing.derived]
            self._cite(citing.paragraph, citing.first, citing.starts, found)
        self.sentences.complete(len(self.source))
        paragraphs = len(self.paragraph_starts)
        for index, end in enumerate(self.comment_ends):
            following = bisect.bisect_left(self.paragraph_starts, end)
            self.comments.follow(index, following if following < paragraphs else None)
        return Document(
            format=input_format,
            title=title,
            sentences=self.sentences,
            paragraph_citations=self.paragraph_citations,
            front_matter=front_matter,
            comments=self.comments,
            line_count=len(self.lines.starts),
        )

    def _footnoted(self, footnotes: list[tuple[int, str]]) -> list[tuple[int, Identifier]]:
        """What the footnotes referred to at these prose offsets cite."""
        return [
            (offset, identifier)
            for offset, label in footnotes
            for identifier in self.footnote_citations.get(label, ())
        ]

    def _sentences_of(self, block: _Block) -> None:
        """Cut a finished block into sentences, with their positions and citations."""
        paragraph = len(self.paragraph_starts)
        self.paragraph_starts.append(block.source_starts[0])
        prose, derived = self._citations_of(block.prose(self.source))
        section = self.sections[-1][1] if self.sections else -1
        if block.is_heading:
            while self.sections and self.sections[-1][0] >= block.level:
                self.sections.pop()
            section = self.sections[-1][1] if self.sections else -1
            opened = self.sentences.open_section(section, " ".join(prose.split()))
            self.sections.append((block.level, opened))
            ranges: Iterable[tuple[int, int]] = [(0, len(prose))]
        else:
            ranges = sentence_ranges(prose)
        cites = bool(block.citations or block.footnotes or derived)
        starts = array("q")  # where each sentence starts, to give it its citations
        first = len(self.sentences)
        for whole_start, whole_end in ranges:
            start, end = _strip(prose, whole_start, whole_end)
            if start == end:
                continue
            line, column = self.lines.position(block.source_start_of(start))
            end_line, end_column = self.lines.position(block.source_end_of(end) - 1)
            self.sentences.append(
                _readable(prose[start:end]),
                (line, column, end_line, end_column + 1),
                paragraph,
                section,
                is_heading=block.is_heading,
                lead_in=self.lists[-1] if self.lists and not block.is_heading else -1,
            )
            if cites:
                starts.append(start)
        if block.footnotes and len(self.waiting) < _MOST_WAITING:
            citing = _Citing(paragraph, first, starts, block.citations, block.footnotes, derived)
            self.waiting.append(citing)
        elif block.footnotes:
            # Past that many, a block takes what the footnotes defined so far cite: bounded
            # memory on an article of a million footnotes, which no real one has.
            found = [*block.citations, *derived, *self._footnoted(block.footnotes)]
            self._cite(paragraph, first, starts, found)
        elif cites:
            self._cite(paragraph, first, starts, [*block.citations, *derived])

    def _cite(
        self, paragraph: int, first: int, starts: array[int], found: list[tuple[int, Identifier]]
    ) -> None:
        """Give the paragraph its citations (by prose offset), and each to the sentence it is
        in: of the paragraph's sentences, the first is ``first`` and they start at ``starts``."""
        if not found:
            return
        found.sort(key=lambda pair: pair[0])
        self.paragraph_citations[paragraph] = tuple(dict.fromkeys(c for _, c in found))
        if not starts:
            return
        cited: dict[int, dict[Identifier, None]] = {}
        for offset, identifier in found:
            owner = max(bisect.bisect_right(starts, offset) - 1, 0)
            cited.setdefault(owner, {})[identifier] = None
        for owner, identifiers in cited.items():
            self.sentences.cite(first + owner, tuple(identifiers))

    @staticmethod
    def _citations_of(prose: str) -> tuple[str, list[tuple[int, Identifier]]]:
        """The works a block's prose cites (citation keys and identifiers written out), by
        prose offset; citation keys are blanked out of the prose (same length, so offsets
        hold) because they are not words a reader reads."""
        found: list[tuple[int, Identifier]] = []
        if "@" in prose:
            parts: list[str] = []
            last = 0
            for match in _BRACKETED.finditer(prose):
                if not _HAS_CITATION_KEY.search(match.group()):
                    continue
                for key in _CITATION_KEY.finditer(match.group()):
                    try:
                        found.append((match.start(), _citation_key(key.group(1))))
                    except IdentifierError:
                        continue
                parts.extend((prose[last : match.start()], " " * (match.end() - match.start())))
                last = match.end()
            if parts:
                parts.append(prose[last:])
                prose = "".join(parts)
        if _MAY_CITE.search(prose):
            found.extend((start, identifier) for identifier, start, _ in find_identifiers(prose))
        return prose, found


def _readable(text: str) -> str:
    """Whitespace collapsed, and no gap left before punctuation where markup was removed."""
    if not _UNTIDY.search(text):
        return text
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def _strip(prose: str, start: int, end: int) -> tuple[int, int]:
    text = prose[start:end]
    stripped = text.lstrip()
    start += len(text) - len(stripped)
    return start, start + len(stripped.rstrip())
