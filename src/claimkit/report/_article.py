"""An article rendered as readers see it, with the sentences the review is about marked.

The article goes through its real renderer (pulldown-cmark for Markdown) and then through a
real sanitiser (ammonia, through nh3): it is untrusted input. To mark sentences without
touching the markup, invisible markers — characters from Unicode's private use area — are
put into the source at the start and end of each piece of prose that belongs to a marked
sentence. They are text, so the renderer and the sanitiser pass them through where the text
goes, and only afterwards are they replaced with ``<mark>`` elements. A sentence that runs
through several elements (emphasis, a link) gets one ``<mark>`` per piece of text.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import nh3
import pyromark

from claimkit.linting.rules.hidden_characters import BIDI_CONTROLS, ZERO_WIDTH
from claimkit.reading import MARKDOWN_OPTIONS, InputFormat, LineIndex, Span

__all__ = ["Mark", "render_article"]

_OPEN, _OPEN_END, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKERS = {ord(_OPEN): "\ufffd", ord(_OPEN_END): "\ufffd", ord(_CLOSE): "\ufffd"}
# Characters that change what the page shows without being seen (CK303): written out, so that
# the editor sees the text that was checked, not a reordered or seamless one.
_SHOWN_HIDDEN = {ord(c): f"\u27e8U+{ord(c):04X}\u27e9" for c in BIDI_CONTROLS + ZERO_WIDTH}
_MARKER = re.compile(f"{_OPEN}(\\d+){_OPEN_END}|{_CLOSE}")
_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body\s*>|\Z)", re.IGNORECASE | re.DOTALL)

_TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup"),
    *("dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li"),
    *("ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup"),
    *("table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var"),
    *("article", "aside", "footer", "header", "main", "nav", "section"),
}
# Removed with everything inside them, not just unwrapped.
_DROPPED_WITH_CONTENT = {
    *("script", "style", "title", "noscript", "template", "iframe", "object", "embed"),
    *("svg", "math", "textarea", "select", "button"),
}
_ATTRIBUTES = {
    "*": {"id", "lang", "dir"},
    "a": {"href", "title"},
    "img": {"alt", "title", "width", "height"},  # no src: the report makes no requests
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "ol": {"start"},
    "li": {"value"},
    "input": {"checked"},  # a task list's box; made a disabled checkbox below, whatever it was
    "sup": {"class"},
    "div": {"class"},
}


@dataclass(frozen=True)
class Mark:
    """One sentence to mark: where it is, and the attributes of its ``<mark>`` elements."""

    number: int
    span: Span
    anchor: str
    """The ``id`` of the first ``<mark>``, which the findings list links to."""
    css_class: str
    label: str
    """What the mark means, shown on hover ("Error: unsupported-claim. Show the evidence.");
    a screen reader announces the sentence itself, then the legend entry ``described_by``."""
    described_by: str = ""
    data: tuple[tuple[str, str], ...] = ()
    """``data-*`` attributes of the first ``<mark>``: what the script shows in the panel."""


def render_article(
    source: str,
    input_format: InputFormat,
    prose_ranges: Sequence[tuple[int, int]],
    marks: Sequence[Mark],
    id_prefix: str,
) -> tuple[str, set[int]]:
    """The article as sanitised HTML with ``marks`` in place, and the numbers of the marks
    that made it into the text (a sentence inside an image's alt text cannot be marked)."""
    marked = _insert_markers(source.translate(_MARKERS), prose_ranges, marks)
    if input_format is InputFormat.MARKDOWN:
        rendered = pyromark.html(marked, options=MARKDOWN_OPTIONS)
    elif input_format is InputFormat.HTML:
        body = _BODY.search(marked)
        rendered = body.group(1) if body else marked
    elif input_format is InputFormat.DOCX:  # one paragraph per line
        rendered = "\n".join(f"<p>{html.escape(line)}</p>" for line in marked.split("\n"))
    else:
        rendered = _plain_text(marked)
    shown = _demoted(_sanitise(rendered, id_prefix)).translate(_SHOWN_HIDDEN)
    return _replace_markers(shown, {m.number: m for m in marks})


# Heading tags in sanitised markup (where text is escaped, so "<h1" is always a tag).
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def _demoted(sanitised: str) -> str:
    """The article's headings one level down, so that the page's own title is its only h1."""
    return _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", sanitised)


def _insert_markers(
    source: str, prose_ranges: Sequence[tuple[int, int]], marks: Sequence[Mark]
) -> str:
    lines = LineIndex(source)
    starts = [start for start, _ in prose_ranges]
    insertions: list[tuple[int, int, str]] = []  # (offset, closing before opening, marker)
    for mark in marks:
        begin = lines.offset(mark.span.line, mark.span.column)
        end = lines.offset(mark.span.end_line, mark.span.end_column)
        first = max(bisect.bisect_right(starts, begin) - 1, 0)
        for piece_start, piece_end in prose_ranges[first:]:
            if piece_start >= end:
                break
            low, high = max(begin, piece_start), min(end, piece_end)
            if low < high and source[low:high].strip():
                insertions.append((low, 1, f"{_OPEN}{mark.number}{_OPEN_END}"))
                insertions.append((high, 0, _CLOSE))
    insertions.sort(key=lambda insertion: (insertion[0], insertion[1]))
    pieces, last = [], 0
    for offset, _, marker in insertions:
        pieces.append(source[last:offset])
        pieces.append(marker)
        last = offset
    pieces.append(source[last:])
    return "".join(pieces)


def _plain_text(text: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n(?:[ \t]*\n)*", text.replace("\r\n", "\n").strip("\n"))
    return "\n".join(
        f"<p>{html.escape(paragraph).replace(chr(10), '<br>')}</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def _sanitise(rendered: str, id_prefix: str) -> str:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        value = value.translate(_MARKERS)  # markers belong in text, never in an attribute
        if tag == "a" and attribute == "href" and value.startswith("#"):
            return f"#{id_prefix}{value[1:]}"  # footnote links follow their prefixed ids
        return value

    return nh3.clean(
        rendered,
        tags=_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto"},
        filter_style_properties={"text-align"},
        set_tag_attribute_values={"input": {"type": "checkbox", "disabled": ""}},
        id_prefix=id_prefix,
        link_rel="noopener noreferrer nofollow",
    )


def _replace_markers(sanitised: str, marks: Mapping[int, Mark]) -> tuple[str, set[int]]:
    placed: set[int] = set()
    depth = 0

    def element(match: re.Match[str]) -> str:
        nonlocal depth
        if match.group(1) is None:
            depth -= 1
            return "</mark>"
        depth += 1
        mark = marks[int(match.group(1))]
        attributes = f'class="{mark.css_class}" data-unit="{mark.anchor}"'
        if mark.number not in placed:
            placed.add(mark.number)
            label = html.escape(mark.label, quote=True)
            attributes += (
                f' id="{mark.anchor}" data-n="{mark.number}" tabindex="0" role="button"'
                f' title="{label}"'
            )
            if mark.described_by:
                attributes += f' aria-describedby="{mark.described_by}"'
            for name, value in mark.data:
                attributes += f' data-{name}="{html.escape(value, quote=True)}"'
        return f"<mark {attributes}>"

    result = _MARKER.sub(element, sanitised)
    if depth != 0:  # never expected; an unmarked article beats broken markup
        return _MARKER.sub("", sanitised), set()
    return result, placed
