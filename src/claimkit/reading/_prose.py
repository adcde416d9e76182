"""From pieces of source text to sentences with exact positions.

Each reader (Markdown, HTML, plain text) walks its markup and feeds the prose to a
``ProseBuilder`` piece by piece, each piece with the source range it came from. The builder
groups pieces into blocks (paragraphs, headings, list items, table cells), finds the citations
in them, cuts them into sentences, and maps every sentence back to line and column in the
original file: this is where "exact positions through markup" is kept.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from claimkit.core.identifiers import (
    Identifier,
    IdentifierError,
    find_identifiers,
    parse_identifier,
)
from claimkit.reading._sentences import split_sentences
from claimkit.reading.document import Comment, Document, InputFormat, Sentence, Span

__all__ = ["RUN_IN_LEVEL", "LineIndex", "ProseBuilder"]

RUN_IN_LEVEL = 7
"""Heading level of a run-in heading: below every real heading."""

# Pandoc/Manubot citation keys: [@doi:10.3389/fpsyg.2014.00502; @pmid:26500382]
_CITATION_KEYS = re.compile(r"\[[^\[\]]*?@(?:doi|pmid|pmcid|isbn|url):[^\[\]]*\]", re.IGNORECASE)
_CITATION_KEY = re.compile(r"@((?:doi|pmid|pmcid|isbn|url):[^\s;\]]+)", re.IGNORECASE)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([.,;:!?])(?=\s|$)")
# Cheap test for text that may hold an identifier, before the full search.
_MAY_CITE = re.compile(r"10\.\d|PMC?\d|PMID|[Pp]ub[Mm]ed|ncbi")
# Text that needs tidying for display: runs of spaces, line breaks, a gap before punctuation.
_UNTIDY = re.compile(r"\s\s|[^\S ]| [.,;:!?]")


class LineIndex:
    """Character offset -> (line, column), both 1-based, for one source text."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """(line, column), both 1-based -> character offset: ``position`` undone."""
        return self.starts[line - 1] + column - 1


@dataclass
class _Block:
    is_heading: bool
    level: int
    prose: list[str] = field(default_factory=list)
    # Parallel arrays, one entry per piece: where it starts in the prose and in the source,
    # how long it is in the source, and whether it is the source verbatim (not an entity).
    prose_starts: list[int] = field(default_factory=list)
    source_starts: list[int] = field(default_factory=list)
    source_ends: list[int] = field(default_factory=list)
    verbatim: list[bool] = field(default_factory=list)
    length: int = 0
    citations: list[tuple[int, Identifier]] = field(default_factory=list)
    footnotes: list[tuple[int, str]] = field(default_factory=list)

    def add(self, text: str, source_start: int, source_end: int) -> None:
        self.prose.append(text)
        self.prose_starts.append(self.length)
        self.source_starts.append(source_start)
        self.source_ends.append(source_end)
        self.verbatim.append(len(text) == source_end - source_start)
        self.length += len(text)

    def source_start_of(self, offset: int) -> int:
        piece = bisect.bisect_right(self.prose_starts, offset) - 1
        if self.verbatim[piece]:
            return self.source_starts[piece] + offset - self.prose_starts[piece]
        return self.source_starts[piece]

    def source_end_of(self, offset: int) -> int:
        """Source offset just after the prose character at ``offset - 1``."""
        piece = bisect.bisect_right(self.prose_starts, offset - 1) - 1
        if self.verbatim[piece]:
            return self.source_starts[piece] + offset - self.prose_starts[piece]
        return self.source_ends[piece]


class ProseBuilder:
    """Collects prose pieces into blocks and turns them into a ``Document``."""

    def __init__(self, source: str, prose_ranges: list[tuple[int, int]] | None = None) -> None:
        self.source = source
        self.lines = LineIndex(source)
        self.prose_ranges = prose_ranges
        self.blocks: list[_Block] = []
        self.current: _Block | None = None
        self.footnote_citations: dict[str, list[Identifier]] = {}
        self.comments: list[tuple[str, int, int]] = []

    # -- what readers call ------------------------------------------------------------------

    def start_heading(self, level: int) -> None:
        self.end_block()
        self.current = _Block(is_heading=True, level=level)

    def run_in_heading(self) -> None:
        """What the current block holds so far is a run-in heading ("**Stress relief.** Crying
        gives..."): it becomes a heading under the current section, and the paragraph goes on
        as a block of its own."""
        block = self.current
        if block is None:
            return
        block.is_heading, block.level = True, RUN_IN_LEVEL
        self.end_block()

    def end_block(self) -> None:
        if self.current is not None and "".join(self.current.prose).strip():
            self.blocks.append(self.current)
        self.current = None

    def text(
        self, text: str, source_start: int, source_end: int, *, in_markup: bool = False
    ) -> None:
        """A piece of prose and the source range it came from; ``in_markup`` when that range is
        inside markup rather than text (an image's alt text)."""
        if self.current is None:
            if not text.strip():
                return
            self.current = _Block(is_heading=False, level=0)
        self.current.add(text, source_start, source_end)
        if (
            self.prose_ranges is not None
            and not in_markup
            and len(text) == source_end - source_start
        ):
            self._record(source_start, source_end)

    def space(self, source_start: int, source_end: int) -> None:
        """A line break or markup that separates words without adding any."""
        if self.current is not None:
            self.current.add(" ", source_start, source_end)
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
        self.comments.append((text, source_start, source_end))

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
        sentences: list[Sentence] = []
        paragraph_citations: dict[int, tuple[Identifier, ...]] = {}
        headings: list[tuple[int, str]] = []
        for paragraph, block in enumerate(self.blocks):
            prose = "".join(block.prose)
            prose, citations = self._citations_of(block, prose)
            if citations:
                paragraph_citations[paragraph] = tuple(dict.fromkeys(c for _, c in citations))
            if block.is_heading:
                while headings and headings[-1][0] >= block.level:
                    headings.pop()
                context = tuple(text for _, text in headings)
                headings.append((block.level, " ".join(prose.split())))
                ranges = [_strip(prose, 0, len(prose))]
            else:
                context = tuple(text for _, text in headings)
                ranges = [_strip(prose, start, end) for start, end in split_sentences(prose)]
            ranges = [(start, end) for start, end in ranges if start < end]
            starts = [start for start, _ in ranges]
            cited: list[list[Identifier]] = [[] for _ in ranges]
            for offset, identifier in citations:
                owner = max(bisect.bisect_right(starts, offset) - 1, 0)
                if ranges and identifier not in cited[owner]:
                    cited[owner].append(identifier)
            for (start, end), own in zip(ranges, cited, strict=True):
                line, column = self.lines.position(block.source_start_of(start))
                end_line, end_column = self.lines.position(block.source_end_of(end) - 1)
                sentences.append(
                    Sentence(
                        text=_readable(prose[start:end]),
                        span=Span(line, column, end_line, end_column + 1),
                        index=len(sentences),
                        paragraph=paragraph,
                        headings=context,
                        citations=tuple(own),
                        is_heading=block.is_heading,
                    )
                )
        return Document(
            format=input_format,
            title=title,
            sentences=tuple(sentences),
            paragraph_citations=paragraph_citations,
            front_matter=front_matter,
            comments=self._comments(),
            line_count=len(self.lines.starts),
        )

    def _comments(self) -> tuple[Comment, ...]:
        block_starts = [block.source_starts[0] for block in self.blocks]
        comments = []
        for text, start, end in self.comments:
            following = bisect.bisect_left(block_starts, end)
            line, column = self.lines.position(start)
            end_line, end_column = self.lines.position(end - 1)
            inner = text.removeprefix("<!--").removesuffix("-->").strip()
            comments.append(
                Comment(
                    inner,
                    Span(line, column, end_line, end_column + 1),
                    following if following < len(self.blocks) else None,
                )
            )
        return tuple(comments)

    def _citations_of(self, block: _Block, prose: str) -> tuple[str, list[tuple[int, Identifier]]]:
        """Every work the block cites, by prose offset; citation keys are blanked out of the
        prose (same length, so offsets hold) because they are not words a reader reads."""
        found = list(block.citations)
        for offset, label in block.footnotes:
            found.extend(
                (offset, identifier) for identifier in self.footnote_citations.get(label, ())
            )
        if "@" in prose:
            for match in _CITATION_KEYS.finditer(prose):
                for key in _CITATION_KEY.finditer(match.group()):
                    try:
                        found.append((match.start(), parse_identifier(key.group(1))))
                    except IdentifierError:
                        continue
                prose = prose[: match.start()] + " " * len(match.group()) + prose[match.end() :]
        if _MAY_CITE.search(prose):
            found.extend((start, identifier) for identifier, start, _ in find_identifiers(prose))
        found.sort(key=lambda pair: pair[0])
        return prose, found


def _readable(text: str) -> str:
    """Whitespace collapsed, and no gap left before punctuation where markup was removed."""
    if not _UNTIDY.search(text):
        return text
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def _strip(prose: str, start: int, end: int) -> tuple[int, int]:
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    return start, end
