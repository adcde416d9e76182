"""Reading articles: Markdown, HTML and plain text into a ``Document`` of sentences with
exact positions, headings, comments and the works cited near each sentence.

- ``document``: ``Document``, ``Sentence``, ``Span``, ``Comment``, ``InputFormat``;
- ``parsing``: ``parse_document`` (text) and ``read_document`` (a file), formats by suffix;
- ``files``: walking a content repository (.gitignore honoured), reading files safely,
  ``UnreadableFile``;
- ``_markdown`` (pyromark), ``_html`` (html.parser), ``_plain``, ``_sentences`` (sentencex)
  and ``_prose`` (pieces of prose -> sentences -> positions) are this package's own.

May import: ``claimkit.core``. Knows nothing of claims or rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimkit.reading._markdown import MARKDOWN_OPTIONS
from claimkit.reading._prose import LineIndex
from claimkit.reading._sentences import split_sentences
from claimkit.reading.document import Comment, Document, InputFormat, Sentence, Span
from claimkit.reading.files import (
    InputError,
    UnreadableFile,
    crashed,
    discover_articles,
    is_claimkit_report,
    read_article,
)
from claimkit.reading.parsing import (
    FORMAT_BY_SUFFIX,
    format_for_path,
    parse_document,
    read_document,
)

__all__ = [
    "FORMAT_BY_SUFFIX",
    "MARKDOWN_OPTIONS",
    "Comment",
    "Document",
    "InputError",
    "InputFormat",
    "LineIndex",
    "Sentence",
    "Span",
    "UnreadableFile",
    "crashed",
    "discover_articles",
    "docx_paragraphs",
    "format_for_path",
    "is_claimkit_report",
    "parse_document",
    "parse_docx_paragraphs",
    "read_article",
    "read_document",
    "split_sentences",
]

if TYPE_CHECKING:
    from claimkit.reading._docx import docx_paragraphs, parse_docx_paragraphs


def __getattr__(name: str) -> Any:
    # The Word reader is imported when first asked for: zip and XML handling that a run on
    # Markdown, HTML or text never needs.
    if name in ("docx_paragraphs", "parse_docx_paragraphs"):
        from claimkit.reading import _docx

        return getattr(_docx, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
