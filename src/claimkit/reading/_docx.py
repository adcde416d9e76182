"""Word documents (.docx).

Clinical reviewers receive copy as Word files more often than as Markdown. python-docx opens
the package (with an XML parser that resolves no entities) and gives each paragraph's style,
so headings come from the styles ("Heading 2", "Title") and list items from their numbering
or list style; the text is read from the paragraph's XML so that tracked insertions count as
the text an editor reads and tracked deletions do not. Hyperlinks to a DOI or PubMed are
citations, as in HTML, and so are those in footnotes.

Each paragraph becomes one line of a plain text, in reading order: the body's paragraphs and
the paragraphs of its table cells, then the footnotes. Bold text that opens a paragraph and
ends with a full stop or colon ("**Stress relief.** Crying gives...") is a run-in heading, as
in Markdown. Positions are reported as
``file.docx:PARAGRAPH:COLUMN`` — the paragraph's number in that order and the character in
it — and the report renders that text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimkit.core.identifiers import Identifier, identifier_from_url
from claimkit.reading._prose import ProseBuilder
from claimkit.reading.document import Document, InputFormat
from claimkit.reading.files import MAX_ARTICLE_BYTES, InputError

__all__ = ["docx_paragraphs", "parse_docx_paragraphs"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# A Word file is a zip of XML; one whose parts unpack to far more than an article could hold
# is not read (a "zip bomb").
_MOST_UNPACKED_BYTES = 20 * MAX_ARTICLE_BYTES
_RUN_IN_END = re.compile(r"[.:!?]\s*$")
_OFF = ("0", "false", "off")


@dataclass
class DocxParagraph:
    """One paragraph of a Word document, as claimkit reads it."""

    text: str
    heading: int = 0
    """Its heading level (1 for the title), 0 for body text."""
    list_item: bool = False
    citations: list[tuple[int, Identifier]] = field(default_factory=list)
    """Works its links cite, at the character where each link ends."""
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    """Footnotes it refers to, at the character of each reference."""
    footnote: str | None = None
    """For a paragraph of a footnote, the footnote's number."""
    run_in: int = 0
    """The length of the run-in heading that opens it, if it opens with one."""


def docx_paragraphs(path: Path) -> list[DocxParagraph]:
    """The paragraphs of the Word document at ``path``, or ``InputError`` saying why it cannot
    be read (not a Word document, password-protected, damaged, too large)."""
    # Imported here, not above: python-docx and lxml take some 140 ms to load, which only a
    # run that reads a Word document should pay.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"cannot read the article: {error.strerror or error}") from None
    if size > MAX_ARTICLE_BYTES:
        raise InputError(f"the document is larger than {MAX_ARTICLE_BYTES // 2**20} MB")
    try:
        with zipfile.ZipFile(path) as package:
            if sum(info.file_size for info in package.infolist()) > _MOST_UNPACKED_BYTES:
                raise InputError("the document unpacks to too much data to be an article")
        document = docx.Document(str(path))
    except InputError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise InputError(
            "not a Word document (.docx), or it is password-protected: save it unprotected as .docx"
        ) from None
    except Exception as error:  # noqa: BLE001 - a damaged package fails in many ways
        raise InputError(f"cannot read this Word document: it is damaged ({error})") from None
    part = document.part
    paragraphs = [*_body(document.element.body, part)]
    paragraphs.extend(_footnotes(part))
    return paragraphs


def _body(body: Any, part: Any) -> Iterator[DocxParagraph]:
    """The paragraphs of the body and of its tables' cells, in reading order."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield _paragraph(child, part)
        elif child.tag == f"{_W}tbl":
            for cell_paragraph in child.iter(f"{_W}p"):
                yield _paragraph(cell_paragraph, part)
        elif child.tag == f"{_W}sdt":  # a content control: its paragraphs are body text
            yield from _body(child.find(f"{_W}sdtContent") or child, part)


def _paragraph(element: Any, part: Any) -> DocxParagraph:
    paragraph = DocxParagraph("")
    pieces: list[str] = []
    length = 0
    leading_bold, in_leading_bold = 0, True  # the bold text that opens it, and its length
    for node in element.iter():
        tag = node.tag
        if tag == f"{_W}t" and not _deleted(node, element):
            pieces.append(node.text or "")
            length += len(node.text or "")
            if in_leading_bold and node.text:
                in_leading_bold = _bold(node.getparent())
                leading_bold = length if in_leading_bold else leading_bold
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr") and not _deleted(node, element):
            pieces.append(" ")
            length += 1
        elif tag == f"{_W}hyperlink":
            identifier = _linked(node, part)
            if identifier is not None:
                end = length + sum(len(t.text or "") for t in node.iter(f"{_W}t"))
                paragraph.citations.append((end, identifier))
        elif tag == f"{_W}footnoteReference":
            paragraph.footnotes.append((length, str(node.get(f"{_W}id"))))
    paragraph.text = " ".join("".join(pieces).splitlines())
    paragraph.heading = _heading_level(element, part)
    paragraph.list_item = _is_list_item(element, part)
    run_in = paragraph.text[:leading_bold]
    if leading_bold and not paragraph.heading and _RUN_IN_END.search(run_in):
        paragraph.run_in = leading_bold
    return paragraph


def _bold(run: Any) -> bool:
    """Whether a run is bold, by its own formatting or the "Strong" character style."""
    properties = run.find(f"{_W}rPr") if run is not None else None
    if properties is None:
        return False
    bold = properties.find(f"{_W}b")
    if bold is not None:
        return (bold.get(f"{_W}val") or "true").lower() not in _OFF
    style = properties.find(f"{_W}rStyle")
    return style is not None and style.get(f"{_W}val") == "Strong"


def _deleted(node: Any, paragraph: Any) -> bool:
    """Whether a tracked deletion holds ``node``: the editor reads the document without it."""
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in (f"{_W}del", f"{_W}moveFrom"):
            return True
        parent = parent.getparent()
    return False


def _linked(hyperlink: Any, part: Any) -> Identifier | None:
    relationship = hyperlink.get(_R_ID)
    if not relationship or relationship not in part.rels:
        return None
    target = part.rels[relationship]
    return identifier_from_url(target.target_ref) if target.is_external else None


def _style_name(element: Any, part: Any) -> str:
    style = element.find(f"{_W}pPr/{_W}pStyle")
    if style is None:
        return ""
    style_id = style.get(f"{_W}val") or ""
    try:
        found = part.styles.element.get_by_id(style_id)
    except Exception:  # noqa: BLE001 - a document without a styles part
        found = None
    return str(found.name_val) if found is not None and found.name_val else style_id


def _heading_level(element: Any, part: Any) -> int:
    name = _style_name(element, part).lower()
    if name == "title":
        return 1
    if name.startswith("heading"):
        number = name.removeprefix("heading").strip()
        return min(int(number), 6) + 1 if number.isdigit() else 2
    outline = element.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None and (outline.get(f"{_W}val") or "").isdigit():
        return min(int(outline.get(f"{_W}val")), 5) + 2
    return 0


def _is_list_item(element: Any, part: Any) -> bool:
    if element.find(f"{_W}pPr/{_W}numPr") is not None:
        return True
    return _style_name(element, part).lower().startswith("list")


def _footnotes(part: Any) -> Iterator[DocxParagraph]:
    """The paragraphs of the footnotes (not the separators Word keeps with them)."""
    for relationship in part.rels.values():
        if relationship.is_external or not relationship.reltype.endswith("/footnotes"):
            continue
        notes = relationship.target_part
        from docx.oxml import parse_xml

        root = parse_xml(notes.blob)
        for note in root.iter(f"{_W}footnote"):
            number = note.get(f"{_W}id") or ""
            if note.get(f"{_W}type") in ("separator", "continuationSeparator"):
                continue
            for element in note.iter(f"{_W}p"):
                paragraph = _paragraph(element, notes)
                paragraph.footnote = number
                yield paragraph


def parse_docx_paragraphs(
    paragraphs: list[DocxParagraph], prose_ranges: list[tuple[int, int]] | None = None
) -> tuple[str, Document]:
    """The plain text the paragraphs make (one per line), and the document read from it.
    ``prose_ranges`` receives the ranges of that text that are prose (all of it)."""
    source = "\n".join(paragraph.text for paragraph in paragraphs)
    builder = ProseBuilder(source, prose_ranges)
    title: str | None = None
    in_list = False
    start = 0
    for paragraph in paragraphs:
        text, end = paragraph.text, start + len(paragraph.text)
        if paragraph.footnote is not None:
            builder.footnote_definition(paragraph.footnote, [c for _, c in paragraph.citations])
        if paragraph.list_item and not in_list:
            builder.start_list()
            in_list = True
        elif not paragraph.list_item and in_list:
            builder.end_list()
            in_list = False
        if paragraph.heading:
            builder.start_heading(paragraph.heading)
            if title is None and paragraph.heading == 1 and text.strip():
                title = text.strip()
        else:
            builder.end_block()
        _add(builder, paragraph, start)
        builder.end_block()
        start = end + 1
    if in_list:
        builder.end_list()
    return source, builder.build(InputFormat.DOCX, title, {})


def _add(builder: ProseBuilder, paragraph: DocxParagraph, start: int) -> None:
    """The paragraph's text, with its citations and footnote references where they are."""
    marks: list[tuple[int, Identifier | str | None]] = [
        *paragraph.citations,
        *paragraph.footnotes,
    ]
    if paragraph.run_in:
        marks.append((paragraph.run_in, None))  # None: where the run-in heading ends
    marks.sort(key=lambda mark: (mark[0], mark[1] is None))
    done = 0
    for at, what in marks:
        at = min(at, len(paragraph.text))
        if at > done:
            builder.text(paragraph.text[done:at], start + done, start + at)
            done = at
        if what is None:
            builder.run_in_heading()
        elif isinstance(what, str):
            builder.footnote_reference(what)
        else:
            builder.cite(what)
    if done < len(paragraph.text):
        builder.text(paragraph.text[done:], start + done, start + len(paragraph.text))
