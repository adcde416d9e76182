"""Finding the registered claims that articles make, and how they make them.

``scan_text`` reads one article; ``scan_paths`` walks files and directories. Both return
``Occurrence`` values: the claim, the sentence that makes it with its exact position, the
stance (asserted, hedged, negated, attributed, questioned) and the works cited nearby.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claimkit.core.identifiers import Identifier
from claimkit.core.parallel import map_files
from claimkit.core.text import Tokens, tokenize
from claimkit.matching.stance import CueLexicon, Stance, classify_stance
from claimkit.reading import (
    FORMAT_BY_SUFFIX,
    Document,
    InputFormat,
    Sentence,
    UnreadableFile,
    discover_articles,
    parse_document,
    read_document,
)
from claimkit.registry import ClaimSet

__all__ = [
    "Occurrence",
    "ScanResult",
    "scan_document",
    "scan_paths",
    "scan_text",
]


@dataclass(frozen=True)
class Occurrence:
    """One sentence that makes one registered claim."""

    claim: str
    """The claim's id."""
    stance: Stance
    sentence: Sentence
    cue: str | None
    """The words that decided the stance, e.g. "no evidence that"; ``None`` when asserted."""
    terms: tuple[str, ...]
    """The words of the sentence that matched the claim's required terms."""
    citations: tuple[Identifier, ...]
    """Works cited in the sentence or its paragraph."""
    path: str | None = None

    @property
    def line(self) -> int:
        return self.sentence.span.line

    @property
    def column(self) -> int:
        return self.sentence.span.column

    @property
    def end_line(self) -> int:
        return self.sentence.span.end_line

    @property
    def end_column(self) -> int:
        return self.sentence.span.end_column

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass(frozen=True)
class ScanResult:
    """What ``scan_paths`` found across files."""

    occurrences: tuple[Occurrence, ...]
    errors: tuple[UnreadableFile, ...]
    files: int
    """How many files were read (including those with errors)."""


@cache
def bundled_cues() -> CueLexicon:
    return CueLexicon.bundled()


def scan_document(
    document: Document,
    claims: ClaimSet,
    *,
    path: str | None = None,
    cues: CueLexicon | None = None,
    tokens: Sequence[Tokens] | None = None,
) -> tuple[Occurrence, ...]:
    """The claim occurrences in an already parsed document. ``cues`` replaces the bundled
    stance cues (see ``CueLexicon.bundled``); ``tokens``, one per sentence, saves tokenising
    again when the caller already has them."""
    index = claims.index
    cues = cues or bundled_cues()
    title_terms = frozenset(index.terms_in(tokenize(document.title or "").stems))
    heading_terms: dict[str, frozenset[int]] = {}
    paragraph, paragraph_terms = -1, set[int]()
    found: list[Occurrence] = []
    for sentence in document.sentences:
        if sentence.paragraph != paragraph:
            paragraph, paragraph_terms = sentence.paragraph, set()
        words = tokens[sentence.index] if tokens is not None else tokenize(sentence.text)
        hits = index.terms_in(words.stems)
        if sentence.is_heading:
            # A heading makes a claim only when it says it all itself; a topic label such as
            # "Lower blood pressure" under a title about crying is not an assertion.
            context: frozenset[int] | set[int] = frozenset()
        else:
            context = paragraph_terms | title_terms
            for heading in sentence.headings:
                if heading not in heading_terms:
                    heading_terms[heading] = frozenset(index.terms_in(tokenize(heading).stems))
                context |= heading_terms[heading]
        for match in index.match(hits, context):
            reading = classify_stance(sentence.text, words, match.anchors, cues)
            spans = words.spans
            terms = tuple(
                dict.fromkeys(
                    sentence.text[spans[start][0] : spans[end - 1][1]]
                    for start, end in match.anchors
                )
            )
            found.append(
                Occurrence(
                    claim=match.claim_id,
                    stance=reading.stance,
                    sentence=sentence,
                    cue=reading.cue,
                    terms=terms,
                    citations=document.citations_near(sentence),
                    path=path,
                )
            )
        paragraph_terms.update(hits)
    return tuple(found)


def scan_text(
    text: str,
    claims: ClaimSet,
    format: InputFormat | str = InputFormat.MARKDOWN,  # noqa: A002 - the name users expect
    *,
    path: str | None = None,
    cues: CueLexicon | None = None,
) -> tuple[Occurrence, ...]:
    """The claim occurrences in an article's text, read as ``format`` (markdown, html, text).
    ``cues`` replaces the bundled stance cues (``CueLexicon.bundled``)."""
    return scan_document(parse_document(text, format), claims, path=path, cues=cues)


def scan_paths(
    paths: Iterable[str | Path],
    claims: ClaimSet,
    *,
    input_format: InputFormat | str | None = None,
    jobs: int = 1,
    cues: CueLexicon | None = None,
) -> ScanResult:
    """Scan files and directories (walked for articles, hidden and .gitignored paths skipped).

    A file that cannot be read becomes an ``UnreadableFile`` and the others are still scanned.
    ``input_format`` overrides the format that each file's extension implies. ``jobs`` > 1
    scans files in that many processes; the result is the same as a serial scan's. ``cues``
    replaces the bundled stance cues. ``FileNotFoundError`` for a path that does not exist.
    """
    files = list(discover_articles([Path(p) for p in paths], FORMAT_BY_SUFFIX))
    occurrences: list[Occurrence] = []
    errors: list[UnreadableFile] = []
    for result in map_files(_scan_one, files, (claims, input_format, cues), jobs):
        if isinstance(result, UnreadableFile):
            errors.append(result)
        else:
            occurrences.extend(result)
    return ScanResult(tuple(occurrences), tuple(errors), len(files))


def _scan_one(
    shared: tuple[ClaimSet, InputFormat | str | None, CueLexicon | None], file: Path
) -> tuple[Occurrence, ...] | UnreadableFile:
    claims, input_format, cues = shared
    document = read_document(file, input_format)
    if isinstance(document, UnreadableFile):
        return document
    return scan_document(document, claims, path=file.as_posix(), cues=cues)
