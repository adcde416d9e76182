"""Markdown articles, read with pulldown-cmark (through pyromark).

CommonMark with GFM tables, strikethrough, footnotes and YAML front matter. pulldown-cmark
reports the source range of every event, so each piece of prose is placed exactly; ranges are
UTF-8 byte offsets and are turned into character offsets here. What is not prose is skipped:
front matter, code blocks and code spans, HTML comments and tags, autolinks and link
destinations. Raw HTML blocks are read with the HTML reader, at their place in the file.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import pyromark

from claimkit.core.identifiers import Identifier, find_identifiers, identifier_from_url
from claimkit.core.located import YamlError, load_document
from claimkit.reading._html import read_html_into
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
_RUN_IN_END = re.compile(r"[.:!?]\s*$")


class _ByteOffsets:
    """UTF-8 byte offset -> character offset, cheap when the text is mostly ASCII."""

    def __init__(self, text: str) -> None:
        self.byte_ends: list[int] = []
        self.extra: list[int] = []
        extra = 0
        if not text.isascii():
            for match in re.finditer(r"[^\x00-\x7f]", text):
                size = len(match.group().encode())
                extra += size - 1
                self.byte_ends.append(match.start() + extra + 1)
                self.extra.append(extra)

    def char(self, byte_offset: int) -> int:
        index = bisect.bisect_right(self.byte_ends, byte_offset) - 1
        return byte_offset - (self.extra[index] if index >= 0 else 0)


def parse_markdown(text: str, prose_ranges: list[tuple[int, int]] | None = None) -> Document:
    builder = ProseBuilder(text, prose_ranges)
    offsets = _ByteOffsets(text)
    walker = _Walker(builder, text, offsets)
    for event, byte_range in pyromark.events_with_range(text, options=MARKDOWN_OPTIONS):
        walker.handle(event, offsets.char(byte_range["start"]), offsets.char(byte_range["end"]))
    front_matter = _front_matter(walker.front_matter)
    title = front_matter.get("title") if isinstance(front_matter.get("title"), str) else None
    return builder.build(InputFormat.MARKDOWN, title or walker.first_h1, front_matter)


class _Walker:
    def __init__(self, builder: ProseBuilder, text: str, offsets: _ByteOffsets) -> None:
        self.builder = builder
        self.text = text
        self.offsets = offsets
        self.skipping = 0
        self.in_autolink = False
        self.images = 0
        self.footnote: tuple[str, list[Identifier]] | None = None
        self.front_matter = ""
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
            self.front_matter += text
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
            read_html_into(self.builder, self.text, start, end)
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
