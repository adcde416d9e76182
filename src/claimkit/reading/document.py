"""An article as claimkit reads it: its prose, cut into sentences with exact source positions.

Markup is gone (code, URLs, front matter, comments, scripts); what remains is the text a
reader reads, each sentence with the span it occupies in the original file, its section
heading, its paragraph, and the works it cites.

A document's sentences and comments are stored compactly (``Sentences``, ``Comments``) and
become ``Sentence`` and ``Comment`` values as they are read: a value object with its span,
text and numbers costs about 250 bytes, far more than a short sentence's source, and an
article of a million tiny paragraphs would otherwise need gigabytes. Making a value costs a
few microseconds, though, and lint reads every sentence several times: so the sentences of an
article whose sentences are not tiny (``MATERIAL_SENTENCE``) are made into values once, when
the document is complete, which costs less than the article's own text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, overload

from claimkit.core.identifiers import Identifier

__all__ = ["Comment", "Comments", "Document", "InputFormat", "Sentence", "Sentences", "Span"]


class InputFormat(StrEnum):
    """How an article's source is written: Markdown, HTML, plain text or a Word document."""

    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"
    DOCX = "docx"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text is in the source file.

    Lines and columns are 1-based; columns count characters (Unicode code points), not bytes,
    and ignore the ``\\r`` of CRLF line endings. The end is exclusive, as in SARIF: a one-line
    sentence of 20 characters starting at column 1 ends at column 21.
    """

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading, list item, table cell) of an article's prose."""

    text: str
    """The sentence as a reader reads it: markup removed, whitespace collapsed."""
    span: Span
    index: int
    """Position among the document's sentences, from 0."""
    paragraph: int
    """Index of the paragraph (or heading, list item, cell) the sentence belongs to."""
    headings: tuple[str, ...]
    """The headings it sits under, outermost first."""
    citations: tuple[Identifier, ...]
    """Works cited in the sentence itself: links, citation keys, footnotes, identifiers."""
    is_heading: bool = False
    lead_in: int | None = None
    """For an item of a list, the index of the sentence that introduces the list: the one
    just before it ("Fans of the tonic say it will:", "It has many benefits."), if that is
    not a heading."""

    @property
    def heading(self) -> str | None:
        """The nearest heading above the sentence."""
        return self.headings[-1] if self.headings else None


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment in the article (``<!-- ... -->``), where claimkit directives live."""

    text: str
    """What is between ``<!--`` and ``-->``, stripped."""
    span: Span
    next_paragraph: int | None
    """The paragraph (block) that follows the comment, if any."""


MATERIAL_SENTENCE = 32
"""Source characters per sentence, on average, from which a document keeps its sentences as
``Sentence`` values: some 250 bytes each is then at most 8 bytes per character."""


# Line, column and paragraph numbers fit in 4 bytes for any text under 2**31 characters.
def _numbers(size: int) -> array[int]:
    return array("i" if size < 2**31 else "q")


class _Strings:
    """Many strings kept as a few long ones (a short ``str`` costs some 50 bytes on its own)."""

    __slots__ = ("_chunk_starts", "_chunks", "_ends", "_flushed", "_pending")

    _CHUNK = 4096  # strings per long string

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._chunk_starts: list[int] = []
        self._ends = array("q")  # where each string ends, counting all before it
        self._pending: list[str] = []
        self._flushed = 0  # characters in the chunks

    def __len__(self) -> int:
        return len(self._ends)

    def append(self, text: str) -> None:
        self._pending.append(text)
        self._ends.append((self._ends[-1] if self._ends else 0) + len(text))
        if len(self._pending) == self._CHUNK:
            self._flush()

    def _flush(self) -> None:
        chunk = "".join(self._pending)
        self._chunk_starts.append(self._flushed)
        self._chunks.append(chunk)
        self._flushed += len(chunk)
        self._pending.clear()

    def __getitem__(self, index: int) -> str:
        start = self._ends[index - 1] if index else 0
        end = self._ends[index]
        if start == end:
            return ""
        if end > self._flushed:
            self._flush()
        chunk = bisect_right(self._chunk_starts, start) - 1
        offset = self._chunk_starts[chunk]
        return self._chunks[chunk][start - offset : end - offset]


class _SpanTable:
    """Spans as four numbers each."""

    __slots__ = ("_numbers",)

    def __init__(self, size: int) -> None:
        self._numbers = _numbers(size)

    def append(self, line: int, column: int, end_line: int, end_column: int) -> None:
        self._numbers.extend((line, column, end_line, end_column))

    def __getitem__(self, index: int) -> Span:
        numbers, at = self._numbers, 4 * index
        return Span(numbers[at], numbers[at + 1], numbers[at + 2], numbers[at + 3])


class Sentences(Sequence[Sentence]):
    """A document's sentences, in order; each is made into a ``Sentence`` when read.

    ``size`` is the length of the source text (it sets how wide the stored numbers are).
    Readers add sentences with ``append`` and the heading each section opens with
    ``open_section``, and call ``complete`` once all are in."""

    __slots__ = (
        "_citations",
        "_headings",
        "_is_heading",
        "_lead_ins",
        "_paragraphs",
        "_section_names",
        "_section_parents",
        "_sections",
        "_spans",
        "_texts",
        "_values",
    )

    def __init__(self, size: int = 0) -> None:
        self._texts = _Strings()
        self._spans = _SpanTable(size)
        self._paragraphs = _numbers(size)
        self._sections = _numbers(size)
        self._is_heading = bytearray()
        self._lead_ins = _numbers(size)  # -1: none
        self._citations: dict[int, tuple[Identifier, ...]] = {}
        # Sections as a tree: each has its heading and the section it sits in (-1: none).
        self._section_names = _Strings()
        self._section_parents = _numbers(size)
        self._headings: tuple[int, tuple[str, ...]] = (-1, ())  # the last section read
        self._values: tuple[Sentence, ...] | None = None

    def open_section(self, parent: int, heading: str) -> int:
        """A section under ``parent`` (-1: at the top) with this heading; its number."""
        self._section_names.append(heading)
        self._section_parents.append(parent)
        return len(self._section_parents) - 1

    def append(
        self,
        text: str,
        span: tuple[int, int, int, int],
        paragraph: int,
        section: int,
        *,
        is_heading: bool,
        lead_in: int = -1,
    ) -> int:
        """A sentence in ``section`` (-1: before any heading), an item of the list introduced
        by sentence ``lead_in`` (-1: none); its index."""
        self._texts.append(text)
        self._lead_ins.append(lead_in)
        self._spans.append(*span)
        self._paragraphs.append(paragraph)
        self._sections.append(section)
        self._is_heading.append(is_heading)
        return len(self._is_heading) - 1

    def cite(self, index: int, citations: tuple[Identifier, ...]) -> None:
        """The works sentence ``index`` cites."""
        self._citations[index] = citations

    def complete(self, source_length: int) -> None:
        """All sentences are in: make them values if they are few for the source's length."""
        if len(self) * MATERIAL_SENTENCE > source_length:
            return
        self._values = tuple(map(self._sentence, range(len(self))))
        # The values hold it all now.
        self._texts, self._section_names = _Strings(), _Strings()
        self._spans = _SpanTable(0)
        self._paragraphs, self._sections, self._section_parents, self._lead_ins = (
            _numbers(0),
            _numbers(0),
            _numbers(0),
            _numbers(0),
        )
        self._is_heading = bytearray()
        self._citations = {}

    def __len__(self) -> int:
        return len(self._is_heading) if self._values is None else len(self._values)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Sentence]: ...

    def __getitem__(self, index: int | slice) -> Sentence | Sequence[Sentence]:
        if self._values is not None:
            return self._values[index]
        if isinstance(index, slice):
            return tuple(self._sentence(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("sentence index out of range")
        return self._sentence(index)

    def __iter__(self) -> Iterator[Sentence]:
        if self._values is not None:
            return iter(self._values)
        return map(self._sentence, range(len(self)))

    def __repr__(self) -> str:
        return f"<{len(self)} sentences>"

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same sentences, so that documents compare by value."""
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # equal by value, yet filled in place

    def _sentence(self, index: int) -> Sentence:
        return Sentence(
            self._texts[index],
            self._spans[index],
            index,
            self._paragraphs[index],
            self._headings_of(self._sections[index]),
            self._citations.get(index, ()),
            bool(self._is_heading[index]),
            self._lead_ins[index] if self._lead_ins[index] >= 0 else None,
        )

    def _headings_of(self, section: int) -> tuple[str, ...]:
        last, headings = self._headings
        if section != last:
            names = []
            number = section
            while number >= 0:
                names.append(self._section_names[number])
                number = self._section_parents[number]
            headings = tuple(reversed(names))
            self._headings = (section, headings)
        return headings


class Comments(Sequence[Comment]):
    """A document's HTML comments, in order; each is made into a ``Comment`` when read."""

    __slots__ = ("_following", "_spans", "_texts")

    def __init__(self, size: int = 0) -> None:
        self._texts = _Strings()
        self._spans = _SpanTable(size)
        self._following = _numbers(size)  # the next paragraph, or -1

    def append(self, text: str, span: tuple[int, int, int, int]) -> None:
        """A comment; the paragraph after it is set with ``follow``."""
        self._texts.append(text)
        self._spans.append(*span)
        self._following.append(-1)

    def follow(self, index: int, next_paragraph: int | None) -> None:
        """The paragraph after comment ``index``."""
        self._following[index] = -1 if next_paragraph is None else next_paragraph

    def __len__(self) -> int:
        return len(self._following)

    @overload
    def __getitem__(self, index: int) -> Comment: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Comment]: ...

    def __getitem__(self, index: int | slice) -> Comment | Sequence[Comment]:
        if isinstance(index, slice):
            return tuple(self._comment(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("comment index out of range")
        return self._comment(index)

    def __iter__(self) -> Iterator[Comment]:
        return map(self._comment, range(len(self)))

    def __repr__(self) -> str:
        return f"<{len(self)} comments>"

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same comments."""
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # equal by value, yet filled in place

    def _comment(self, index: int) -> Comment:
        following = self._following[index]
        return Comment(self._texts[index], self._spans[index], None if following < 0 else following)


@dataclass(frozen=True)
class Document:
    """The prose of one article."""

    format: InputFormat
    title: str | None
    sentences: Sequence[Sentence]
    paragraph_citations: dict[int, tuple[Identifier, ...]] = field(default_factory=dict)
    """Works cited anywhere in each paragraph, by paragraph index."""
    front_matter: dict[str, Any] = field(default_factory=dict)
    comments: Sequence[Comment] = ()
    line_count: int = 0

    def citations_near(self, sentence: Sentence) -> tuple[Identifier, ...]:
        """Works cited in the sentence or elsewhere in its paragraph, sentence's own first."""
        paragraph = self.paragraph_citations.get(sentence.paragraph, ())
        if not sentence.citations:
            return paragraph  # one tuple for the paragraph's sentences, not one each
        nearby = dict.fromkeys(sentence.citations)
        nearby.update(dict.fromkeys(paragraph))
        return tuple(nearby)
