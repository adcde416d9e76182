"""Readers that turn an article's source into a ``Document``."""

from __future__ import annotations

from pathlib import PurePath

from claimkit.document import Document, InputFormat

__all__ = ["FORMAT_BY_SUFFIX", "format_for_path", "parse_document"]

FORMAT_BY_SUFFIX = {
    ".md": InputFormat.MARKDOWN,
    ".markdown": InputFormat.MARKDOWN,
    ".mdown": InputFormat.MARKDOWN,
    ".mkd": InputFormat.MARKDOWN,
    ".mdx": InputFormat.MARKDOWN,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
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
            from claimkit._parsing.markdown import parse_markdown

            return parse_markdown(text, prose_ranges)
        case InputFormat.HTML:
            from claimkit._parsing.html import parse_html

            return parse_html(text, prose_ranges)
        case InputFormat.TEXT:
            from claimkit._parsing.text import parse_text

            return parse_text(text, prose_ranges)
