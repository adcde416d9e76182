"""Turning an article's source, or an article file, into a ``Document``."""

from __future__ import annotations

from pathlib import Path, PurePath

from claimkit.core.files import display_path
from claimkit.reading._html import parse_html
from claimkit.reading._markdown import parse_markdown
from claimkit.reading._plain import parse_text
from claimkit.reading.document import Document, InputFormat
from claimkit.reading.files import InputError, UnreadableFile, read_article

__all__ = ["FORMAT_BY_SUFFIX", "format_for_path", "parse_document", "read_document"]

FORMAT_BY_SUFFIX = {
    ".md": InputFormat.MARKDOWN,
    ".markdown": InputFormat.MARKDOWN,
    ".mdown": InputFormat.MARKDOWN,
    ".mkd": InputFormat.MARKDOWN,
    ".mdx": InputFormat.MARKDOWN,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".docx": InputFormat.DOCX,
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
}


def format_for_path(path: str | PurePath) -> InputFormat | None:
    """The format a file's extension implies, or ``None`` when it is not an article."""
    return FORMAT_BY_SUFFIX.get(PurePath(path).suffix.lower())


def parse_document(
    text: str,
    input_format: InputFormat | str,
    *,
    prose_ranges: list[tuple[int, int]] | None = None,
) -> Document:
    """Read ``text`` as Markdown, HTML or plain text. ``prose_ranges``, when given, receives
    the source range of every piece of prose that stands verbatim in the source (not a
    character reference), in reading order: where the report may mark the text."""
    text = text.removeprefix("\ufeff")
    match InputFormat(input_format):
        case InputFormat.MARKDOWN:
            return parse_markdown(text, prose_ranges)
        case InputFormat.HTML:
            return parse_html(text, prose_ranges)
        case InputFormat.TEXT:
            return parse_text(text, prose_ranges)
        case InputFormat.DOCX:
            raise ValueError("a Word document is read from its file (read_document), not text")


def read_document(
    file: Path, input_format: InputFormat | str | None = None
) -> Document | UnreadableFile:
    """The file read as an article of ``input_format`` (else as its extension says), or why
    it cannot be."""
    shown = display_path(file)
    chosen = InputFormat(input_format) if input_format else format_for_path(file)
    if chosen is None:
        formats = ", ".join(str(known) for known in InputFormat)
        message = (
            f"unknown article format {file.suffix or file.name!r}: name its format ({formats})"
        )
        return UnreadableFile(shown, 1, 1, message)
    try:
        if chosen is InputFormat.DOCX:
            # Imported here: zip and XML handling that Markdown, HTML and text never need.
            from claimkit.reading._docx import docx_paragraphs, parse_docx_paragraphs

            return parse_docx_paragraphs(docx_paragraphs(file))[1]
        text = read_article(file)
    except InputError as error:
        return UnreadableFile(shown, error.line, error.column, error.message)
    return parse_document(text, chosen)
