"""Markdown articles, read with pulldown-cmark (through pyromark).

CommonMark with GFM tables, strikethrough, footnotes and YAML front matter. pulldown-cmark
reports the source range of every event, so each piece of prose is placed exactly; ranges are
UTF-8 byte offsets and are turned into character offsets here. What is not prose is skipped:
front matter, code blocks and code spans, HTML comments and tags, autolinks and link
destinations. Raw HTML blocks are read with the HTML reader, at their place in the file.

pulldown-cmark builds its tree of the whole text before the first event: some 1.5 bytes per
character of prose, but up to 65 for text that is all syntax ("[[[[", ">>>>", a million
one-letter paragraphs). So an article over a mebibyte is read a piece at a time, cut between
paragraphs, with its link and footnote definitions given to every piece; the events
themselves are taken one at a time.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator
from typing import Any

import pyromark

from claimkit.core.identifiers import Identifier, find_identifiers, identifier_from_url
from claimkit.core.located import YamlError, load_document
from claimkit.reading._html import HtmlBlocks
from claimkit.reading._prose import ProseBuilder
from claimkit.reading.document import Document, InputFormat

__all__ = ["MARKDOWN_OPTIONS", "parse_markdown"]

MARKDOWN_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
)
# Events after which the current block of prose is over.
_BLOCK_TAGS = frozenset(
    {
        "Paragraph",
        "Heading",
        "BlockQuote",
        "CodeBlock",
        "HtmlBlock",
        "List",
        "Item",
        "FootnoteDefinition",
        "Table",
        "TableHead",
        "TableRow",
        "TableCell",
        "MetadataBlock",
        "DefinitionList",
        "DefinitionListTitle",
        "DefinitionListDefinition",
    }
)
# Inside these, text is not prose.
_SKIPPED_TAGS = frozenset({"CodeBlock", "MetadataBlock"})
_HEADING_LEVEL = re.compile(r"H([1-6])")
# Real front matter is a few hundred bytes, rarely a few KB. YAML read with positions costs
# about 6 s per MB and 90 bytes of memory per byte, so 32 MB of it would take minutes and
# gigabytes; past this size it counts as none, as unreadable front matter does.
MAX_FRONT_MATTER = 65_536
"""Characters of YAML front matter read at most."""
_RUN_IN_END = re.compile(r"[.:!?]\s*$")
_PIECE = 1 << 20  # characters: pulldown-cmark's tree of a piece stays under 70 MB
_MOST_DEFINITIONS = 65_536
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n(?=[^\W\d_])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$", re.MULTILINE)
_LAST_SPACE = re.compile(r"\s(?=\S*\Z)")
_LINK_DEFINITION = re.compile(
    r"^ {0,3}\[(?!\^)(?:[^\]\\\n]|\\.){1,999}\]:[ \t]*\n?[ \t]*(?:<[^>\n]*>|\S+)",
    re.MULTILINE,
)
_FOOTNOTE_LABEL = re.compile(r"^ {0,3}\[\^([^\]\s]{1,999})\]:", re.MULTILINE)


class _ByteOffsets:
    """UTF-8 byte offset -> character offset. For text that is not all ASCII, the byte offset
    of every ``_STEP``-th character is kept (an eighth of a byte per character, where one
    entry per non-ASCII character would cost some 70 bytes each), and the rest of the way is
    counted by encoding at most ``_STEP`` characters."""

    _STEP = 64

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: array[int] | None = None
        if not text.isascii():
            self.marks = array("q")
            total = 0
            for start in range(0, len(text), self._STEP):
                self.marks.append(total)
                total += len(text[start : start + self._STEP].encode())

    def char(self, byte_offset: int) -> int:
        if self.marks is None:
            return byte_offset
        block = bisect.bisect_right(self.marks, byte_offset) - 1
        start = block * self._STEP
        rest = byte_offset - self.marks[block]
        if not rest:
            return start
        return start + len(self.text[start : start + self._STEP].encode()[:rest].decode())


def parse_markdown(text: str, prose_ranges: list[tuple[int, int]] | None = None) -> Document:
    builder = ProseBuilder(text, prose_ranges)
    walker = _Walker(builder, text)
    definitions = _definitions(text) if len(text) > _PIECE else ""
    for start, end in _pieces(text):
        piece = text[start:end]
        offsets = _ByteOffsets(piece)
        piece_bytes = len(piece.encode())
        events = pyromark.events_with_range(piece + definitions, options=MARKDOWN_OPTIONS)
        for event, byte_range in events:
            if byte_range["start"] >= piece_bytes:
                continue  # in the definitions appended to the piece
            walker.handle(
                event,
                start + offsets.char(byte_range["start"]),
                start + offsets.char(min(byte_range["end"], piece_bytes)),
            )
    front_matter = (
        {} if walker.front_matter is None else _front_matter("".join(walker.front_matter))
    )
    title = front_matter.get("title") if isinstance(front_matter.get("title"), str) else None
    return builder.build(InputFormat.MARKDOWN, title or walker.first_h1, front_matter)


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Where to cut ``text`` into pieces of at most ``_PIECE`` characters that pulldown-cmark
    reads one at a time. Each cut is, where possible, at a blank line before a line that opens
    a paragraph with a letter, outside a fenced code block: there every block before it has
    ended, so the pieces read as the whole would. Failing that (a million-character paragraph,
    which no article has) at the last line break or space, or anywhere."""
    start = 0
    fence: str | None = None
    scanned = 0
    while len(text) - start > _PIECE:
        limit = start + _PIECE
        cut = None
        for found in _PARAGRAPH_BREAK.finditer(text, start + _PIECE // 2, limit):
            fence = _fence_after(text, scanned, found.start(), fence)
            scanned = found.start()
            if fence is None:
                cut = found.end()
        if cut is None:
            newline = text.rfind("\n", start + 1, limit)
            space = _LAST_SPACE.search(text, start + 1, limit)
            cut = newline + 1 if newline > 0 else space.end() if space else limit
        yield start, cut
        start = cut
    yield start, len(text)


def _fence_after(text: str, start: int, end: int, fence: str | None) -> str | None:
    """The fenced code block open at ``end``, given the one open at ``start``."""
    for found in _FENCE.finditer(text, start, end):
        marker = found.group(1)
        if fence is None:
            fence = marker
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not found.group(2).strip():
            fence = None
    return fence


def _definitions(text: str) -> str:
    """The link reference definitions of ``text``, and a stand-in for each footnote
    definition, to append to every piece: references and footnotes read alike whichever
    piece their definition is in. At most ``_MOST_DEFINITIONS`` characters of them."""
    found = [match.group(0) for match in _LINK_DEFINITION.finditer(text)]
    found += [f"[^{label}]: ." for label in dict.fromkeys(_FOOTNOTE_LABEL.findall(text))]
    kept, total = [], 0
    for definition in found:
        total += len(definition) + 2
        if total > _MOST_DEFINITIONS:
            break
        kept.append(definition)
    return "\n\n" + "\n\n".join(kept) + "\n" if kept else ""


class _Walker:
    def __init__(self, builder: ProseBuilder, text: str) -> None:
        self.builder = builder
        self.text = text
        self.html = HtmlBlocks(builder, text)
        self.skipping = 0
        self.in_autolink = False
        self.images = 0
        self.footnote: tuple[str, list[Identifier]] | None = None
        self.front_matter: list[str] | None = []  # None once it is too long to read
        self.front_matter_length = 0
        self.in_front_matter = False
        self.first_h1: str | None = None
        self.h1_text: list[str] | None = None
        # A paragraph that opens with bold text ending in a full stop or colon opens with a
        # run-in heading: the text seen so far in such a strong span, or None.
        self.paragraph_start = False
        self.run_in: list[str] | None = None

    def handle(self, event: Any, start: int, end: int) -> None:
        if isinstance(event, str):
            if event in ("SoftBreak", "HardBreak") and not self.skipping:
                self.builder.space(start, end)
            elif event == "Rule":
                self.builder.end_block()
            return
        ((kind, value),) = event.items()
        if kind == "Text":
            self._text(value, start, end)
        elif kind == "Start":
            self._start(value, start, end)
        elif kind == "End":
            self._end(value)
        elif kind == "FootnoteReference":
            self.builder.footnote_reference(value)
        elif kind in ("Code", "InlineMath", "DisplayMath"):
            self.builder.space(start, end)
        elif kind == "InlineHtml" and value.startswith("<!--"):
            self.builder.comment(value, start, end)
        # Other tags are not prose. Html comes inside an HtmlBlock, whose whole range is read
        # as HTML (comments included) when the block starts.

    def _text(self, text: str, start: int, end: int) -> None:
        self.paragraph_start = False
        if self.run_in is not None:
            self.run_in.append(text)
        if self.in_front_matter:
            self.front_matter_length += len(text)
            if self.front_matter is not None and self.front_matter_length <= MAX_FRONT_MATTER:
                self.front_matter.append(text)
            else:
                self.front_matter = None
        elif self.footnote is not None:
            self.footnote[1].extend(identifier for identifier, _, _ in find_identifiers(text))
        elif not self.skipping and not self.in_autolink:
            self.builder.text(text, start, end, in_markup=self.images > 0)
            if self.h1_text is not None:
                self.h1_text.append(text)

    def _start(self, tag: Any, start: int, end: int) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in _BLOCK_TAGS:
            self.builder.end_block()
        starts_paragraph, self.paragraph_start = self.paragraph_start, name == "Paragraph"
        if name == "Strong" and starts_paragraph and self.footnote is None:
            self.run_in = []
        if name == "List":
            self.builder.start_list()
        if name == "Heading":
            level = int(_HEADING_LEVEL.fullmatch(tag["Heading"]["level"]).group(1))  # type: ignore[union-attr]
            self.builder.start_heading(level)
            if level == 1 and self.first_h1 is None:
                self.h1_text = []
        elif name == "MetadataBlock":
            self.in_front_matter = True
        elif name in _SKIPPED_TAGS:
            self.skipping += 1
        elif name == "HtmlBlock":
            self.html.read(start, end)
            self.skipping += 1
        elif name == "FootnoteDefinition":
            self.footnote = (tag["FootnoteDefinition"], [])
        elif name in ("Link", "Image"):
            self.images += name == "Image"
            link = tag[name]
            if link["link_type"] in ("Autolink", "Email"):
                self.in_autolink = True
            identifier = identifier_from_url(link["dest_url"])
            if identifier is not None:
                if self.footnote is not None:
                    self.footnote[1].append(identifier)
                else:
                    self.builder.cite(identifier)

    def _end(self, tag: Any) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))
        self.paragraph_start = False
        if name == "Strong" and self.run_in is not None:
            if _RUN_IN_END.search("".join(self.run_in)):
                self.builder.run_in_heading()
            self.run_in = None
        if name in _BLOCK_TAGS:
            self.builder.end_block()
        if name == "List":
            self.builder.end_list()
        if name == "Heading" and self.h1_text is not None:
            self.first_h1 = " ".join("".join(self.h1_text).split()) or None
            self.h1_text = None
        elif name == "MetadataBlock":
            self.in_front_matter = False
        elif name in _SKIPPED_TAGS or name == "HtmlBlock":
            self.skipping -= 1
        elif name == "FootnoteDefinition" and self.footnote is not None:
            self.builder.footnote_definition(*self.footnote)
            self.footnote = None
        elif name in ("Link", "Image"):
            self.in_autolink = False
            self.images -= name == "Image"


def _front_matter(text: str) -> dict[str, Any]:
    """The front matter as a mapping; anything unreadable counts as none."""
    try:
        document = load_document(text)
    except YamlError:
        return {}
    return document.data if document is not None and isinstance(document.data, dict) else {}
