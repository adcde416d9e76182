"""Plain-text articles.

Plain text has no markup, so structure is inferred the way a reader infers it:

- blank lines separate paragraphs;
- text copied from the web often puts each paragraph on one long line with no blank line in
  between, so in a run of lines where any line is longer than a hard-wrapped line would be,
  every line is a paragraph of its own;
- a line that starts with a list marker (``-``, ``*``, ``1.``) is an item of its own;
- among such one-paragraph-per-line text, a short line with no closing punctuation, followed
  by more text, is a heading; a heading that opens the document is its title.

Lines are read twice, once to find each run and how it is written, once to read it, and never
kept: a list of them would cost some 100 bytes for each line of a few characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimkit.reading._prose import ProseBuilder
from claimkit.reading.document import Document, InputFormat

__all__ = ["parse_text"]

_WRAPPED_WIDTH = 100
_HEADING_MAX_CHARACTERS = 80
_HEADING_MAX_WORDS = 12
_LIST_ITEM = re.compile(r"\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


class _Run:
    """Lines with no blank line between them: where they are, and how they are written."""

    __slots__ = ("end", "lines", "one_per_line", "start")

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = start
        self.lines = 0
        self.one_per_line = False


def parse_text(text: str, prose_ranges: list[tuple[int, int]] | None = None) -> Document:
    builder = ProseBuilder(text, prose_ranges)
    title: str | None = None
    runs = _runs(text)
    run = next(runs, None)
    first_run = True
    in_list = False
    while run is not None:
        following = next(runs, None)
        one_per_line = run.one_per_line or run.lines == 1
        for index, (start, line) in enumerate(_lines(text, run.start, run.end)):
            is_last_line = following is None and index == run.lines - 1
            marker = _LIST_ITEM.match(line)
            if one_per_line and _is_heading(line) and not is_last_line:
                builder.start_heading(2)
                _add_line(builder, start, line)
                builder.end_block()
                if first_run and index == 0:
                    title = line.strip()
            elif marker or one_per_line:
                if marker and not in_list:
                    builder.start_list()
                    in_list = True
                elif not marker and in_list:
                    builder.end_list()
                    in_list = False
                builder.end_block()
                _add_line(
                    builder,
                    start + (marker.end() if marker else 0),
                    line[marker.end() :] if marker else line,
                )
                builder.end_block()
            else:
                if in_list and not marker:
                    builder.end_list()
                    in_list = False
                _add_line(builder, start, line)
        builder.end_block()
        if in_list and (following is None or not _LIST_ITEM.match(text, following.start)):
            builder.end_list()
            in_list = False
        run, first_run = following, False
    return builder.build(InputFormat.TEXT, title, {})


def _lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """Each line of ``text[start:end]`` (which starts a line) without its line break."""
    stop = len(text) if end is None else end
    for match in _LINE.finditer(text, start, stop):
        if match.group() or match.start() < stop:
            yield match.start(), match.group().rstrip("\r\n")


def _runs(text: str) -> Iterator[_Run]:
    """Runs of lines separated by blank lines."""
    run: _Run | None = None
    for start, line in _lines(text):
        if line.strip():
            if run is None:
                run = _Run(start)
            run.end = start + len(line)
            run.lines += 1
            run.one_per_line = run.one_per_line or len(line) > _WRAPPED_WIDTH
        elif run is not None:
            yield run
            run = None
    if run is not None:
        yield run


def _add_line(builder: ProseBuilder, start: int, line: str) -> None:
    builder.text(line, start, start + len(line))
    builder.space(start + len(line), start + len(line))


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) <= _HEADING_MAX_CHARACTERS
        and len(stripped.split()) <= _HEADING_MAX_WORDS
        and stripped[-1] not in ".!,;:"
        and (stripped[0].isupper() or stripped[0].isdigit())
        and not _LIST_ITEM.match(line)
    )
