"""Plain-text articles.

Plain text has no markup, so structure is inferred the way a reader infers it:

- blank lines separate paragraphs;
- text copied from the web often puts each paragraph on one long line with no blank line in
  between, so in a run of lines where any line is longer than a hard-wrapped line would be,
  every line is a paragraph of its own;
- a line that starts with a list marker (``-``, ``*``, ``1.``) is an item of its own;
- among such one-paragraph-per-line text, a short line with no closing punctuation, followed
  by more text, is a heading; a heading that opens the document is its title.
"""

from __future__ import annotations

import re

from claimkit.reading._prose import ProseBuilder
from claimkit.reading.document import Document, InputFormat

__all__ = ["parse_text"]

_WRAPPED_WIDTH = 100
_HEADING_MAX_CHARACTERS = 80
_HEADING_MAX_WORDS = 12
_LIST_ITEM = re.compile(r"\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def parse_text(text: str, prose_ranges: list[tuple[int, int]] | None = None) -> Document:
    builder = ProseBuilder(text, prose_ranges)
    lines = [
        (match.start(), match.group().rstrip("\r\n"))
        for match in _LINE.finditer(text)
        if match.group() or match.start() < len(text)
    ]
    title: str | None = None
    runs = _runs(lines)
    for run_index, run in enumerate(runs):
        one_per_line = any(len(line) > _WRAPPED_WIDTH for _, line in run) or len(run) == 1
        for index, (start, line) in enumerate(run):
            is_last_line = run_index == len(runs) - 1 and index == len(run) - 1
            marker = _LIST_ITEM.match(line)
            if one_per_line and _is_heading(line) and not is_last_line:
                builder.start_heading(2)
                _add_line(builder, start, line)
                builder.end_block()
                if run_index == 0 and index == 0:
                    title = line.strip()
            elif marker or one_per_line:
                builder.end_block()
                _add_line(
                    builder,
                    start + (marker.end() if marker else 0),
                    line[marker.end() :] if marker else line,
                )
                builder.end_block()
            else:
                _add_line(builder, start, line)
        builder.end_block()
    return builder.build(InputFormat.TEXT, title, {})


def _runs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Lines grouped into runs separated by blank lines."""
    runs: list[list[tuple[int, str]]] = [[]]
    for start, line in lines:
        if line.strip():
            runs[-1].append((start, line))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


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
