"""An article as claimkit reads it: its prose, cut into sentences with exact source positions.

Markup is gone (code, URLs, front matter, comments, scripts); what remains is the text a
reader reads, each sentence with the span it occupies in the original file, its section
heading, its paragraph, and the works it cites.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from claimkit.core.identifiers import Identifier

__all__ = ["Comment", "Document", "InputFormat", "Sentence", "Span"]


class InputFormat(StrEnum):
    """How an article's source is written: Markdown, HTML or plain text."""

    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"


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


@dataclass(frozen=True)
class Document:
    """The prose of one article."""

    format: InputFormat
    title: str | None
    sentences: tuple[Sentence, ...]
    paragraph_citations: dict[int, tuple[Identifier, ...]] = field(default_factory=dict)
    """Works cited anywhere in each paragraph, by paragraph index."""
    front_matter: dict[str, Any] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()
    line_count: int = 0

    def citations_near(self, sentence: Sentence) -> tuple[Identifier, ...]:
        """Works cited in the sentence or elsewhere in its paragraph, sentence's own first."""
        nearby = dict.fromkeys(sentence.citations)
        nearby.update(dict.fromkeys(self.paragraph_citations.get(sentence.paragraph, ())))
        return tuple(nearby)
