"""HTML articles, read with the standard library's tolerant HTML parser.

``html.parser`` reports where every tag and every run of text starts, which is what exact
positions need (lxml gives lines but not columns; html5lib gives neither). Character
references are kept apart from the text around them (``convert_charrefs=False``) so that each
piece of prose maps onto its own source range. Block elements end a paragraph; text inside
scripts, styles, code, forms and the document head (apart from its title) is not prose.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from claimkit.core.identifiers import identifier_from_url
from claimkit.reading._prose import ProseBuilder
from claimkit.reading.document import Document, InputFormat

__all__ = ["parse_html", "read_html_into"]

_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "code",
        "pre",
        "iframe",
        "object",
        "textarea",
        "select",
        "head",
        "button",
    }
)
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def parse_html(text: str, prose_ranges: list[tuple[int, int]] | None = None) -> Document:
    builder = ProseBuilder(text, prose_ranges)
    reader = _Reader(builder, text, 0)
    reader.run(text)
    return builder.build(InputFormat.HTML, reader.title or reader.first_h1, {})


def read_html_into(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    """Read ``text[start:end]`` (an HTML block inside Markdown) into ``builder``."""
    _Reader(builder, text, start).run(text[start:end])
    builder.end_block()


class _Reader(HTMLParser):
    def __init__(self, builder: ProseBuilder, source: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = builder
        self.source = source
        self.base = base
        self.line_starts: list[int] = []
        self.skipped: list[str] = []
        self.title: str | None = None
        self.title_parts: list[str] | None = None
        self.first_h1: str | None = None
        self.h1_parts: list[str] | None = None

    def run(self, fragment: str) -> None:
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", fragment)]
        self.feed(fragment)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.base + self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.title_parts = []
        elif tag in _SKIPPED:
            if tag not in _VOID:
                self.skipped.append(tag)
        elif self.skipped:
            return
        elif tag in _HEADINGS:
            self.builder.start_heading(_HEADINGS[tag])
            if tag == "h1" and self.first_h1 is None:
                self.h1_parts = []
        elif tag in _BLOCKS:
            self.builder.end_block()
        elif tag == "br":
            offset = self._offset()
            self.builder.space(offset, offset + len(self.get_starttag_text() or ""))
        elif tag == "a":
            identifier = identifier_from_url(dict(attrs).get("href") or "")
            if identifier is not None:
                self.builder.cite(identifier)
        elif tag == "img":
            self._alt_text()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or tag not in _SKIPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split()) or None
            self.title_parts = None
        elif self.skipped:
            if tag in self.skipped:
                # Close the element and anything left open inside it.
                del self.skipped[len(self.skipped) - 1 - self.skipped[::-1].index(tag) :]
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.builder.end_block()
            if tag == "h1" and self.h1_parts is not None:
                self.first_h1 = " ".join("".join(self.h1_parts).split()) or None
                self.h1_parts = None

    def handle_comment(self, data: str) -> None:
        offset = self._offset()
        end = self.source.find("-->", offset + 4 + len(data))
        end = end + 3 if end >= 0 else offset + 4 + len(data)
        self.builder.comment(self.source[offset:end], offset, end)

    def handle_data(self, data: str) -> None:
        self._prose(data, self._offset(), len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};", name)

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};", "#" + name)

    def _reference(self, entity: str, name: str) -> None:
        offset = self._offset()
        length = len(name) + 1
        if self.source.startswith(";", offset + length):
            length += 1
        self._prose(html.unescape(entity), offset, length)

    def _prose(self, text: str, offset: int, source_length: int) -> None:
        if self.title_parts is not None:
            self.title_parts.append(text)
            return
        if self.skipped:
            return
        self.builder.text(text, offset, offset + source_length)
        if self.h1_parts is not None:
            self.h1_parts.append(text)

    def _alt_text(self) -> None:
        tag_text = self.get_starttag_text() or ""
        match = _ALT.search(tag_text)
        if match is None:
            return
        group = next(index for index in (1, 2, 3) if match.group(index) is not None)
        offset = self._offset() + match.start(group)
        alt = match.group(group)
        self.builder.text(html.unescape(alt), offset, offset + len(alt), in_markup=True)
