"""HTML articles, tokenised as the standard library's tolerant ``html.parser`` does, in linear
time.

``html.parser`` reports where every tag and every run of text starts, which is what exact
positions need (lxml gives lines but not columns; html5lib gives neither). But it is
quadratic on unfinished markup: from every ``<`` that starts a construct it cannot finish
(``<a`` without ``>``, ``</``, ``<!--`` without ``-->``, ``<?``, an attribute quote left
open) it searches to the end of the input again, and a 400 KB article of ``<a`` took over a
minute. What it makes of unfinished markup also changed in later patch releases (3.11.13,
3.12.11, 3.13.4 drop the rest of the article after an unfinished tag). So ``_Tokenizer``
tokenises exactly as ``html.parser`` of CPython 3.11.7 does (the same tags, text, comments
and character references at the same offsets, ``convert_charrefs=False``, as if fed the
whole text and closed) with every forward search remembered, so that no stretch of the
input is searched again and again. The one difference: a ``<![`` that is not a marked
section ``html.parser`` knows crashes it, and is a bogus comment here, as in HTML5.

Character references are kept apart from the text around them so that each piece of prose
maps onto its own source range. Block elements end a paragraph; text inside scripts, styles,
code, forms and the document head (apart from its title) is not prose.
"""

from __future__ import annotations

import html
import re
from string import ascii_letters

from claimkit.core.identifiers import identifier_from_url
from claimkit.reading._prose import ProseBuilder
from claimkit.reading.document import Document, InputFormat

__all__ = ["HtmlBlocks", "parse_html"]

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
_LISTS = frozenset({"ul", "ol", "dl"})
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

# html.parser's own patterns (CPython 3.11).
_INTERESTING = re.compile("[&<]")
_CHARREF = re.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_ENTITYREF = re.compile("&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]")
_INCOMPLETE_REFERENCE = re.compile("&[a-zA-Z#]")
_START_TAG_OPEN = re.compile("<[a-zA-Z]")
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_TAG_NAME = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?"""
    r"""(?:\s|/(?!>))*"""
)
_DECLARATION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_GREATER = re.compile(">")
_LESS = re.compile("<")
_AMPERSAND = re.compile("&")
_COMMENT_CLOSE = re.compile(r"--\s*>")
_MARKED_SECTION_CLOSE = re.compile(r"]\s*]\s*>")
_MS_MARKED_SECTION_CLOSE = re.compile(r"]\s*>")
_CDATA_END = {
    "script": re.compile(r"</\s*script\s*>", re.IGNORECASE),
    "style": re.compile(r"</\s*style\s*>", re.IGNORECASE),
}
# html.parser finds where a start tag ends with one regular expression (its
# locatestarttagend_tolerant): the name, then attributes, each of which may start only after
# a quote, a space or a slash. These are its pieces, so that the scan can go attribute by
# attribute and stop where an earlier scan has been.
_TAG_NAME_END = re.compile(r"[\t\n\r\f />\x00]")
_TAG_NAME_REST = re.compile(r"[^\t\n\r\f />\x00]*")
_SPACES_OR_SLASHES = re.compile(r"[\s/]*")
_ATTRIBUTE_NAME_REST = re.compile(r"[^\s/=>]*")
_SPACES = re.compile(r"\s*")
_EQUALS = re.compile("=*")
_BARE_VALUE = re.compile(r"[^>\s]*")
_SEPARATORS = re.compile(r"(?:\s|/(?!>))*")
_DOUBLE_QUOTE = re.compile('"')
_SINGLE_QUOTE = re.compile("'")
_COMMENT_END = re.compile("-->")


def _skip(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where the run that ``pattern`` (which may match nothing) matches at ``position`` ends."""
    match = pattern.match(text, position)
    return position if match is None else match.end()


class _Search:
    """The first match of a pattern at or after a position, remembered for the next question.

    ``html.parser`` searches from each unfinished construct onwards; asked again from a later
    position, the remembered answer stands while it is not behind that position, and "none"
    stands for good, so a run of unfinished constructs costs one search, not one each."""

    __slots__ = ("_after", "_match", "_pattern", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern = pattern
        self._text = text
        self._after = len(text) + 1  # nothing remembered yet
        self._match: re.Match[str] | None = None

    def at(self, position: int) -> re.Match[str] | None:
        match = self._match
        if position < self._after or (match is not None and match.start() < position):
            match = self._pattern.search(self._text, position)
            self._after, self._match = position, match
        return match

    def start(self, position: int) -> int:
        """Where the first match at or after ``position`` starts, or -1."""
        match = self.at(position)
        return -1 if match is None else match.start()


class _Tokenizer:
    """The tags, text, comments and character references of ``text``, as ``html.parser``
    (CPython 3.11.7, ``convert_charrefs=False``) reports them for ``feed(text); close()``,
    each with the offset where it starts. Subclasses handle them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._greater = _Search(_GREATER, text)
        self._less = _Search(_LESS, text)
        self._ampersand = _Search(_AMPERSAND, text)
        self._comment_close = _Search(_COMMENT_CLOSE, text)
        self._marked_section_close = _Search(_MARKED_SECTION_CLOSE, text)
        self._ms_marked_section_close = _Search(_MS_MARKED_SECTION_CLOSE, text)
        self._tag_name_end = _Search(_TAG_NAME_END, text)
        self._double_quote = _Search(_DOUBLE_QUOTE, text)
        self._single_quote = _Search(_SINGLE_QUOTE, text)
        self._cdata_end: re.Pattern[str] | None = None
        # Where scans of start tags have found an attribute (allocated at the first one): a
        # later scan that gets to one ends unfinished, as the earlier one did.
        self._scanned: bytearray | None = None

    # -- what subclasses handle -------------------------------------------------------------

    def handle_starttag(
        self, tag: str, attrs: list[tuple[str, str | None]], start: int, source: str
    ) -> None:
        """A start tag; ``source`` is the tag as written (``get_starttag_text``)."""

    def handle_startendtag(
        self, tag: str, attrs: list[tuple[str, str | None]], start: int, source: str
    ) -> None:
        """A self-closing tag (``<br/>``)."""

    def handle_endtag(self, tag: str) -> None:
        """An end tag."""

    def handle_comment(self, data: str, start: int) -> None:
        """A comment (``<!--data-->``) or a bogus one (``<!data>``, ``</ data>``)."""

    def handle_data(self, data: str, start: int) -> None:
        """Text, verbatim."""

    def handle_entityref(self, name: str, start: int) -> None:
        """``&name;`` (the semicolon may be missing)."""

    def handle_charref(self, name: str, start: int) -> None:
        """``&#name;`` (the semicolon may be missing)."""

    # -- html.parser's goahead(), feed then close, without searching anything twice --------

    def run(self) -> None:
        text = self.text
        n = len(text)
        i = 0
        # html.parser's feed() stops at the first construct it cannot finish and close()
        # goes on from there; only an invalid "&#" is treated differently before and after.
        closing = False
        while i < n:
            if self._cdata_end is not None:
                match = self._cdata_end.search(text, i)
                if match is None:
                    break  # the rest of an unclosed script or style is dropped
                j = match.start()
            else:
                match = _INTERESTING.search(text, i)
                j = match.start() if match else n
            if i < j:
                self.handle_data(text[i:j], i)
            i = j
            if i == n:
                break
            if text[i] == "<":
                if self._greater.at(i + 1) is None and self._ampersand.at(i) is None:
                    # Nothing ahead can end a tag, a comment or a declaration, and nothing is
                    # a reference: html.parser takes the rest as text, "<" by "<".
                    self.handle_data(text[i:], i)
                    i = n
                    break
                if _START_TAG_OPEN.match(text, i):
                    k = self._start_tag(i)
                elif text.startswith("</", i):
                    k = self._end_tag(i)
                elif text.startswith("<!--", i):
                    k = self._comment(i)
                elif text.startswith("<?", i):
                    k = self._processing_instruction(i)
                elif text.startswith("<!", i):
                    k = self._declaration(i)
                elif i + 1 < n:
                    self.handle_data("<", i)
                    k = i + 1
                else:
                    break
                if k < 0:
                    # Unfinished: text up to the next ">", else up to the next "<".
                    closing = True
                    k = self._greater.start(i + 1)
                    if k >= 0:
                        k += 1
                    else:
                        k = self._less.start(i + 1)
                        if k < 0:
                            k = i + 1
                    self.handle_data(text[i:k], i)
                i = k
            elif text.startswith("&#", i):
                match = _CHARREF.match(text, i)
                if match:
                    self.handle_charref(match.group()[2:-1], i)
                    i = match.end() if text[match.end() - 1] == ";" else match.end() - 1
                    continue
                if text.find(";", i) >= 0:  # twice at most: the second ends the loop
                    self.handle_data("&#", i)
                    i += 2
                if closing:
                    break  # close() then takes the rest as text, markup and all
                closing = True
            else:  # "&"
                match = _ENTITYREF.match(text, i)
                if match:
                    self.handle_entityref(match.group(1), i)
                    i = match.end() if text[match.end() - 1] == ";" else match.end() - 1
                    continue
                if _INCOMPLETE_REFERENCE.match(text, i):
                    if i + 2 == n:
                        i += 1  # html.parser drops the "&" of a final "&x"
                    break
                if i + 1 < n:
                    self.handle_data("&", i)
                    i += 1
                else:
                    break
        if i < n and self._cdata_end is None:
            self.handle_data(text[i:n], i)

    def _start_tag(self, i: int) -> int:
        """html.parser's parse_starttag: where the tag ends, or -1 when it is unfinished."""
        end = self._start_tag_end(i)
        if end < 0:
            return -1
        text = self.text
        name_end = _skip(_TAG_NAME_REST, text, i + 2)
        tag = text[i + 1 : name_end].lower()
        k = _skip(_SEPARATORS, text, name_end)
        attrs: list[tuple[str, str | None]] = []
        while k < end:
            attribute = _ATTRIBUTE.match(text, k)
            if attribute is None:
                break
            attribute_name, rest, value = attribute.group(1, 2, 3)
            if not rest:
                value = None
            elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            if value:
                value = html.unescape(value)
            attrs.append((attribute_name.lower(), value))
            k = attribute.end()
        tag_end = text[k:end].strip()
        if tag_end not in (">", "/>"):
            self.handle_data(text[i:end], i)
        elif tag_end.endswith("/>"):
            self.handle_startendtag(tag, attrs, i, text[i:end])
        else:
            self.handle_starttag(tag, attrs, i, text[i:end])
            self._cdata_end = _CDATA_END.get(tag)
        return end

    def _start_tag_end(self, i: int) -> int:
        """html.parser's check_for_whole_start_tag."""
        text = self.text
        if self._greater.at(i + 1) is None:
            # With no ">" ahead, the scan can only end unfinished (at the end, or at an
            # attribute's unclosed quote), unless the name stops at a NUL with no attribute.
            name_end = self._tag_name_end.start(i + 2)
            if name_end < 0 or text[name_end] != "\x00":
                return -1
            before = text[name_end - 1]
            return -1 if before in "'\"" or before.isspace() else name_end
        j = self._scan_start_tag(i)
        following = text[j : j + 1] if j >= 0 else ""
        if following == ">":
            return j + 1
        if following == "/":
            return j + 2 if text.startswith("/>", j) else -1
        if following in ("", "=") or following in ascii_letters:
            return -1
        return j

    def _scan_start_tag(self, i: int) -> int:
        """Where html.parser's scan of the start tag at ``i`` ends (locatestarttagend_tolerant),
        or -1 if it reaches an attribute where an earlier, unfinished scan has been (and so
        ends unfinished too). A finished tag is consumed whole, so only unfinished scans can
        be met again: each attribute is scanned once."""
        text = self.text
        n = len(text)
        name_end = self._tag_name_end.start(i + 2)
        p = _skip(_SPACES_OR_SLASHES, text, n if name_end < 0 else name_end)
        while p < n and (text[p - 1] in "'\"/" or text[p - 1].isspace()):
            if text[p] in "/>" or text[p].isspace():
                break
            if self._scanned is None:
                self._scanned = bytearray(n)
            elif self._scanned[p]:
                return -1
            self._scanned[p] = 1
            p = self._attribute_end(p)
        return p

    def _attribute_end(self, p: int) -> int:
        """Where one attribute starting at ``p`` ends, with the spaces and slashes after it,
        backtracking as the regular expression does when a quoted value is not closed."""
        text = self.text
        end = _skip(_ATTRIBUTE_NAME_REST, text, p + 1)
        equals = _skip(_SPACES, text, end)
        after_equals = _skip(_EQUALS, text, equals)
        if after_equals > equals:
            value = _skip(_SPACES, text, after_equals)
            value_end = self._value_end(value)
            if value_end >= 0:
                end = value_end
            elif value > after_equals:
                end = value  # an empty value before the unclosed quote
            elif after_equals - equals > 1:
                end = _skip(_BARE_VALUE, text, after_equals - 1)  # "==": "=..." is the value
        return _skip(_SEPARATORS, text, end)

    def _value_end(self, at: int) -> int:
        """Where an attribute value starting at ``at`` ends; -1 for an unclosed quote."""
        quote = self.text[at : at + 1]
        if quote == '"' or quote == "'":
            close = (self._double_quote if quote == '"' else self._single_quote).start(at + 1)
            return close + 1 if close >= 0 else -1
        return _skip(_BARE_VALUE, self.text, at)

    def _end_tag(self, i: int) -> int:
        """html.parser's parse_endtag."""
        text = self.text
        greater = self._greater.start(i + 1)
        if greater < 0:
            return -1
        # In a script or style, only its own end tag gets here, and matches.
        match = _END_TAG.match(text, i)
        if match is None:
            name = _TAG_NAME.match(text, i + 2)
            if name is None:
                return i + 3 if text.startswith("</>", i) else self._bogus_comment(i)
            self.handle_endtag(name.group(1).lower())
            return greater + 1
        self.handle_endtag(match.group(1).lower())
        self._cdata_end = None
        return greater + 1

    def _processing_instruction(self, i: int) -> int:
        greater = self._greater.start(i + 2)
        return greater + 1 if greater >= 0 else -1

    def _comment(self, i: int) -> int:
        close = self._comment_close.at(i + 4)
        if close is None:
            return -1
        self.handle_comment(self.text[i + 4 : close.start()], i)
        return close.end()

    def _declaration(self, i: int) -> int:
        """html.parser's parse_html_declaration, for "<!" not followed by "--"."""
        text = self.text
        if text.startswith("<![", i):
            return self._marked_section(i)
        if text[i : i + 9].lower() == "<!doctype":
            greater = self._greater.start(i + 9)
            return greater + 1 if greater >= 0 else -1
        return self._bogus_comment(i)

    def _marked_section(self, i: int) -> int:
        text = self.text
        if i + 3 == len(text):
            return -1
        name = _DECLARATION_NAME.match(text, i + 3)
        if name is not None and name.end() == len(text):
            return -1
        keyword = name.group().strip().lower() if name else ""
        if keyword in ("temp", "cdata", "ignore", "include", "rcdata"):
            close = self._marked_section_close.at(i + 3)
        elif keyword in ("if", "else", "endif"):
            close = self._ms_marked_section_close.at(i + 3)
        else:
            return self._bogus_comment(i)  # html.parser raises AssertionError here
        return -1 if close is None else close.end()

    def _bogus_comment(self, i: int) -> int:
        greater = self._greater.start(i + 2)
        if greater < 0:
            return -1
        self.handle_comment(self.text[i + 2 : greater], i)
        return greater + 1


def parse_html(text: str, prose_ranges: list[tuple[int, int]] | None = None) -> Document:
    builder = ProseBuilder(text, prose_ranges)
    reader = _Reader(builder, text, 0, len(text), _Search(_COMMENT_END, text))
    reader.run()
    return builder.build(InputFormat.HTML, reader.title or reader.first_h1, {})


class HtmlBlocks:
    """The HTML blocks of a Markdown article, each read into the article's builder."""

    def __init__(self, builder: ProseBuilder, source: str) -> None:
        self.builder = builder
        self.source = source
        self.comment_ends = _Search(_COMMENT_END, source)

    def read(self, start: int, end: int) -> None:
        """Read ``source[start:end]`` (an HTML block) into the builder."""
        _Reader(self.builder, self.source, start, end, self.comment_ends).run()
        self.builder.end_block()


class _Reader(_Tokenizer):
    def __init__(
        self, builder: ProseBuilder, source: str, start: int, end: int, comment_ends: _Search
    ) -> None:
        super().__init__(source if (start, end) == (0, len(source)) else source[start:end])
        self.builder = builder
        self.source = source
        self.base = start
        self.comment_ends = comment_ends
        # Open elements whose text is not prose, innermost last, and how many of each.
        self.skipped: list[str] = []
        self.open_skipped: dict[str, int] = {}
        self.title: str | None = None
        self.title_parts: list[str] | None = None
        self.first_h1: str | None = None
        self.h1_parts: list[str] | None = None

    def handle_starttag(
        self, tag: str, attrs: list[tuple[str, str | None]], start: int, source: str
    ) -> None:
        if tag == "title":
            self.title_parts = []
        elif tag in _SKIPPED:
            if tag not in _VOID:
                self.skipped.append(tag)
                self.open_skipped[tag] = self.open_skipped.get(tag, 0) + 1
        elif self.skipped:
            return
        elif tag in _HEADINGS:
            self.builder.start_heading(_HEADINGS[tag])
            if tag == "h1" and self.first_h1 is None:
                self.h1_parts = []
        elif tag in _LISTS:
            self.builder.start_list()
        elif tag in _BLOCKS:
            self.builder.end_block()
        elif tag == "br":
            offset = self.base + start
            self.builder.space(offset, offset + len(source))
        elif tag == "a":
            identifier = identifier_from_url(dict(attrs).get("href") or "")
            if identifier is not None:
                self.builder.cite(identifier)
        elif tag == "img":
            self._alt_text(start, source)

    def handle_startendtag(
        self, tag: str, attrs: list[tuple[str, str | None]], start: int, source: str
    ) -> None:
        if tag in _VOID or tag not in _SKIPPED:
            self.handle_starttag(tag, attrs, start, source)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split()) or None
            self.title_parts = None
        elif self.skipped:
            if self.open_skipped.get(tag):
                # Close the element and anything left open inside it.
                while True:
                    closed = self.skipped.pop()
                    self.open_skipped[closed] -= 1
                    if closed == tag:
                        break
        elif tag in _HEADINGS or tag in _BLOCKS:
            if tag in _LISTS:
                self.builder.end_list()
            self.builder.end_block()
            if tag == "h1" and self.h1_parts is not None:
                self.first_h1 = " ".join("".join(self.h1_parts).split()) or None
                self.h1_parts = None

    def handle_comment(self, data: str, start: int) -> None:
        offset = self.base + start
        end = self.comment_ends.start(offset + 4 + len(data))
        end = end + 3 if end >= 0 else offset + 4 + len(data)
        self.builder.comment(self.source[offset:end], offset, end)

    def handle_data(self, data: str, start: int) -> None:
        self._prose(data, self.base + start, len(data))

    def handle_entityref(self, name: str, start: int) -> None:
        self._reference(f"&{name};", name, start)

    def handle_charref(self, name: str, start: int) -> None:
        self._reference(f"&#{name};", "#" + name, start)

    def _reference(self, entity: str, name: str, start: int) -> None:
        offset = self.base + start
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

    def _alt_text(self, start: int, source: str) -> None:
        match = _ALT.search(source)
        if match is None:
            return
        group = next(index for index in (1, 2, 3) if match.group(index) is not None)
        offset = self.base + start + match.start(group)
        alt = match.group(group)
        self.builder.text(html.unescape(alt), offset, offset + len(alt), in_markup=True)
