"""Finding the registered claims that articles make, and how they make them.

``scan_text`` reads one article; ``scan_paths`` walks files and directories. Both return
``Occurrence`` values: the claim, the sentence that makes it with its exact position, the
stance (asserted, hedged, negated, attributed, questioned) and the works cited nearby.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from claimkit.core.files import display_path
from claimkit.core.identifiers import Identifier
from claimkit.core.parallel import map_files
from claimkit.core.text import Tokens, tokenize, words_of
from claimkit.matching.discourse import continues_subject
from claimkit.matching.stance import (
    CueLexicon,
    Stance,
    StanceReading,
    classify_stance,
    rebuttal,
)
from claimkit.reading import (
    FORMAT_BY_SUFFIX,
    Document,
    InputFormat,
    Sentence,
    UnreadableFile,
    crashed,
    discover_articles,
    parse_document,
    read_document,
)
from claimkit.registry import ClaimIndex, ClaimMatch, ClaimSet, NearMiss

__all__ = [
    "Occurrence",
    "ScanResult",
    "SentenceReading",
    "explain_document",
    "scan_document",
    "scan_paths",
    "scan_text",
]


@dataclass(frozen=True, slots=True)
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
    subject: str = "sentence"
    """Where the claim's subject (its context terms) comes from: the sentence itself, or the
    sentence it continues — "previous sentence", "paragraph", "heading" or "title"."""
    refers_to: int | None = None
    """For a sentence that makes the claim by referring back to it ("These claims have not
    held up.", "That is a myth."), the line of the sentence that made it."""
    cue_span: tuple[int, int] | None = None
    """Where ``cue`` is in the sentence's text, as character offsets (end exclusive);
    ``None`` when the stance comes from another sentence (a heading, an answer, a lead-in)
    or the claim is asserted."""

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
    return tuple(
        occurrence
        for reading in _read(document, claims, cues or bundled_cues(), tokens, path)
        for occurrence in reading.occurrences
    )


def explain_document(
    document: Document,
    claims: ClaimSet,
    *,
    path: str | None = None,
    cues: CueLexicon | None = None,
) -> tuple[SentenceReading, ...]:
    """Every sentence of a document as scanning reads it: the claims it makes, and the
    claims it makes but for one group of their match blocks (``claimkit explain``)."""
    return tuple(_read(document, claims, cues or bundled_cues(), None, path, near=True))


@dataclass(frozen=True)
class SentenceReading:
    """One sentence, the claims it makes, and those it nearly makes."""

    sentence: Sentence
    occurrences: tuple[Occurrence, ...]
    near_misses: tuple[NearMiss, ...] = ()


def _read(
    document: Document,
    claims: ClaimSet,
    cues: CueLexicon,
    tokens: Sequence[Tokens] | None,
    path: str | None,
    *,
    near: bool = False,
) -> Iterator[SentenceReading]:
    index = claims.index
    title_terms = frozenset(index.terms_in(tokenize(document.title or "")))
    heading_terms: dict[str, frozenset[int]] = {}
    lead_in_terms: dict[int, frozenset[int]] = {}
    paragraph, paragraph_terms = -1, set[int]()
    previous_terms: frozenset[int] = frozenset()
    seen_terms: dict[tuple[str, ...], tuple[str, ...]] = {}
    # Headings that deny a claim ("Myth: crying detoxifies you"), with the denial's words: the
    # section under one describes the myth it denies.
    denied_in: dict[str, dict[str, str]] = {}
    # Headings that name myths without answering them ("Myths", "6 myths about vinegar"),
    # with their words: what the sections under them say, they say as myths.
    labels_myths: dict[str, str | None] = {}
    title_labels = _myth_label(document.title or "", cues)
    turned: set[str] = set()  # sections that turned from the myths to the evidence
    # The latest question heading that asked about claims, until an answer in its section
    # ("## Does it lower blood pressure?" ... "There is no evidence that it does.").
    question: SentenceReading | None = None
    # The last few readings wait for the sentences after them, which may answer them ("That
    # is a myth.") and so change how they make their claims: those of the same paragraph, and
    # the sentence just before (a question heading).
    waiting: deque[SentenceReading] = deque()
    # The latest sentence that made a claim, for one that points back at its claims ("These
    # claims have not held up."): its reading, and its headings.
    latest: SentenceReading | None = None
    for sentence in document.sentences:
        if sentence.paragraph != paragraph:
            paragraph, paragraph_terms = sentence.paragraph, set()
            while len(waiting) > 1:
                yield waiting.popleft()
        words = tokens[sentence.index] if tokens is not None else tokenize(sentence.text)
        hits = index.terms_in(words)
        lead_in = None if sentence.lead_in is None else document.sentences[sentence.lead_in]
        # What the sentence may continue: the sentence before (even across a paragraph
        # break: "It also flushes out toxins." may open one), its paragraph, the headings
        # above it, the title. Most sentences meet no term, and need none of it.
        sources: list[tuple[str, frozenset[int] | set[int]]] = []
        context: set[int] = set()
        matches: list[ClaimMatch] = []
        if hits or near:
            sources = [("previous sentence", previous_terms), ("paragraph", paragraph_terms)]
            if lead_in is not None:
                if lead_in.index not in lead_in_terms:
                    lead_in_terms[lead_in.index] = frozenset(index.terms_in(tokenize(lead_in.text)))
                sources.insert(1, ("lead-in", lead_in_terms[lead_in.index]))
            for heading in reversed(sentence.headings):
                if heading not in heading_terms:
                    heading_terms[heading] = frozenset(index.terms_in(tokenize(heading)))
                sources.append(("heading", heading_terms[heading]))
            sources.append(("title", title_terms))
            context = set().union(*(terms for _, terms in sources))
            matches = index.match(hits, context)
        # The claims the sentence makes on its own, its context groups met by its own words.
        own = {
            match.claim_id
            for match in matches
            if not any(group.isdisjoint(hits) for group in index.context_of(match.claim_id))
        }
        found: list[Occurrence] = []
        other_subjects: list[NearMiss] = []
        for match in matches:
            if (
                sentence.is_heading
                and match.claim_id not in own
                and len({span for spans in match.groups for span in spans}) < len(match.groups)
            ):
                # A heading that leans on the title for its subject states an effect only in
                # words of its own for each part of the claim: "Stress relief." or "Clears
                # out toxins" does, a label such as "Relief." (one word for two groups) names
                # a section. One that names its subject ("Crying detoxifies you") is a claim.
                continue
            subject = "sentence"
            if match.claim_id not in own:
                if not _continues(sentence.text, words, match):
                    # The sentence has a subject of its own, and it is something else.
                    if near:
                        why = "its subject is its own, and not one the claim's context names"
                        other_subjects.append(NearMiss(match.claim_id, why))
                    continue
                subject = _source(index, match.claim_id, hits, sources)
            reading = classify_stance(
                sentence.text, words, match.anchors, cues, groups=match.groups
            )
            if lead_in is not None and reading.cue is None and lead_in.text.endswith(":"):
                reading = _through_lead_in(lead_in.text, sentence.text, match, cues) or reading
            if match.opposite:
                if reading.stance in (Stance.NEGATED, Stance.QUESTIONED):
                    continue  # "Crying does not make you feel worse" says neither
                # "I felt worse after crying": a denial, however sure or whose.
                said = words.written(match.anchors[0][0], match.anchors[-1][1])
                reading = StanceReading(
                    Stance.NEGATED,
                    f"{said} (the opposite)",
                    (words.spans[match.anchors[0][0]][0], words.spans[match.anchors[-1][1] - 1][1]),
                )
            spans = words.spans
            terms = tuple(
                dict.fromkeys(
                    sys.intern(sentence.text[spans[start][0] : spans[end - 1][1]])
                    for start, end in match.anchors
                )
            )
            terms = seen_terms.setdefault(terms, terms)  # one tuple per wording, not per claim
            found.append(
                Occurrence(
                    claim=match.claim_id,
                    stance=reading.stance,
                    sentence=sentence,
                    cue=reading.cue,
                    terms=terms,
                    citations=document.citations_near(sentence),
                    path=path,
                    subject=subject,
                    cue_span=reading.span,
                )
            )
        if sentence.is_heading:
            question = None
            if found and not cues.turns(words.words):
                # "## 6 myths about vinegar" / "### It helps you lose weight"
                label = next(
                    (
                        labelled
                        for heading in reversed(sentence.headings)
                        if (labelled := _myth_label_of(heading, labels_myths, cues))
                    ),
                    title_labels,
                )
                if label is not None:
                    # the heading's claim, under one that names myths, is the myth it names
                    found = [_denied(o, f"{label} (heading above)") for o in found]
            elif not found:
                _myth_label_of(sentence.text, labels_myths, cues)
            denials = {o.claim: o.cue or "" for o in found if o.stance is Stance.NEGATED}
            if denials:
                denied_in[sentence.text] = denials
        elif sentence.heading in denied_in or (
            sentence.heading != document.title and labels_myths.get(sentence.heading or "")
        ):
            if cues.turns(words.words):
                # "However, studies suggest ...": the section has moved from the myth to
                # what the evidence says, in the author's own voice.
                denied_in.pop(sentence.heading or "", None)
                turned.add(sentence.heading or "")
            elif found and sentence.heading not in turned:
                found = [
                    _under_denial(o, sentence.heading or "", denied_in, labels_myths) for o in found
                ]
        claimed = None if found else _latest_claim(waiting, sentence.paragraph)
        answer = None if claimed is None else _verdict(sentence.text, words, cues)
        if claimed is not None and answer is not None:
            answered = "previous sentence" if claimed == len(waiting) - 1 else "paragraph"
            waiting[claimed], found = _answered(
                waiting[claimed], sentence, answer, document, answered
            )
        elif (
            claimed is None
            and not found
            and question is not None
            and sentence.heading == question.sentence.text
            and sentence.index - question.sentence.index <= _QUESTION_REACH
        ):
            answer = _verdict(sentence.text, words, cues)
            if answer is not None:
                _, found = _answered(question, sentence, answer, document, "question heading")
                question = None
        elif not found and latest is not None and _in_reach(latest.sentence, sentence):
            pointer = next(iter(cues.claim_pointers(words.words)), None)
            if pointer is not None:
                found = _pointed_back(latest, sentence, words, pointer, cues, document)
                if found and found[0].stance is Stance.NEGATED:
                    _rebut(waiting, latest.sentence.index, found[0].cue)
        misses = (*other_subjects, *index.near_misses(hits, context)) if near else ()
        reading_of_sentence = SentenceReading(sentence, tuple(found), misses)
        waiting.append(reading_of_sentence)
        if sentence.is_heading and found and all(o.stance is Stance.QUESTIONED for o in found):
            question = reading_of_sentence
        if found and not sentence.is_heading:
            latest = reading_of_sentence
        if len(waiting) > _ANSWER_REACH:
            yield waiting.popleft()
        paragraph_terms.update(hits)
        # A sentence that points back passes on what it points back to: "Crying has its
        # benefits. It relaxes you. This release also lowers blood pressure."
        # (So does a sentence that made a claim of what it continues: "Promotes digestion".)
        continued = bool(previous_terms) and (
            any(o.subject != "sentence" for o in found)
            or continues_subject(words.words, len(words.words))
        )
        previous_terms = frozenset(hits).union(previous_terms) if continued else frozenset(hits)
    yield from waiting


# A sentence points back at the claims of a sentence at most this many sentences before it,
# in the same section ("Fans say it flushes toxins. Little evidence supports these claims.").
_POINTER_REACH = 4


def _in_reach(claimed: Sentence, pointing: Sentence) -> bool:
    return (
        pointing.index - claimed.index <= _POINTER_REACH and pointing.headings == claimed.headings
    )


def _pointed_back(
    claimed: SentenceReading,
    sentence: Sentence,
    words: Tokens,
    pointer: tuple[int, int],
    cues: CueLexicon,
    document: Document,
) -> list[Occurrence]:
    """The claims a sentence makes by pointing back at those of an earlier one, with the stance
    it takes toward them: its own cue if it has one ("Little evidence supports these claims":
    negated), else the one the claims were made with if that was a denial ("This myth ...
    Over sixty years of research have cemented this notion"), else asserted."""
    reading = classify_stance(sentence.text, words, [pointer], cues, is_subject=True)
    spans = words.spans
    pointing = sentence.text[spans[pointer[0]][0] : spans[pointer[1] - 1][1]]
    made = []
    for occurrence in claimed.occurrences:
        stance, cue, cue_span = reading.stance, reading.cue, reading.span
        if stance is Stance.ASSERTED and occurrence.stance is Stance.NEGATED:
            stance, cue, cue_span = Stance.NEGATED, f"{occurrence.cue} (referred to)", None
        made.append(
            replace(
                occurrence,
                stance=stance,
                sentence=sentence,
                cue=cue,
                cue_span=cue_span,
                terms=(pointing,),
                citations=document.citations_near(sentence),
                subject="claim referred back to",
                refers_to=claimed.sentence.span.line,
            )
        )
    return made


def _rebut(waiting: deque[SentenceReading], index: int, cue: str | None) -> None:
    """A later sentence's denial of the claims of sentence ``index`` reaches back to it, if it
    is still waiting ("Fans say it flushes toxins. Little evidence supports these claims.")."""
    for position, reading in enumerate(waiting):
        if reading.sentence.index == index:
            waiting[position] = _rebutted(reading, cue)


def _rebutted(reading: SentenceReading, cue: str | None) -> SentenceReading:
    """A reading whose claims a later sentence denies: what it made, it made to be denied."""
    rebutted = f"{cue} (answered later)"
    return replace(reading, occurrences=tuple(_denied(o, rebutted) for o in reading.occurrences))


def _denied(occurrence: Occurrence, cue: str) -> Occurrence:
    """The occurrence read as denied, its stance coming from another sentence (``cue`` says
    which); a question or a denial stays as it is."""
    if occurrence.stance not in _REBUTTABLE:
        return occurrence
    return replace(occurrence, stance=Stance.NEGATED, cue=cue, cue_span=None)


# A verdict answers a claim in a few words: "No.", "Not true, say experts."
_MOST_VERDICT_WORDS = 12
# It answers the latest claim of its paragraph, at most this many sentences back ("Many
# believe vitamin C helps with colds. They rush to buy it. Unfortunately, this is a myth.").
_ANSWER_REACH = 3
# A question heading is answered by a verdict at most this many sentences into its section
# ("## Does it lower blood pressure?" / "Researchers have looked. No trial shows it.").
_QUESTION_REACH = 6
_EVIDENCE = frozenset(words_of("evidence research science studies study data trials experts"))
# What may follow a verdict and still end its clause.
_CLAUSE_END = frozenset(",.;:!?)\u2014\u2013\"'\u201d\u2019")
_CLOSING = " \"'\u201d\u2019)]"
# What a denial in the next sentence turns into a denial (a question stays a question).
_REBUTTABLE = frozenset({Stance.ASSERTED, Stance.HEDGED, Stance.ATTRIBUTED})


def _latest_claim(waiting: deque[SentenceReading], paragraph: int) -> int | None:
    """Where in ``waiting`` the latest sentence that makes a claim is, if an answer in
    ``paragraph`` may answer it: one of its paragraph, or the sentence just before."""
    for position in range(len(waiting) - 1, -1, -1):
        reading = waiting[position]
        if position < len(waiting) - 1 and reading.sentence.paragraph != paragraph:
            return None
        if reading.occurrences:
            return position
    return None


def _verdict(text: str, words: Tokens, cues: CueLexicon) -> StanceReading | None:
    """The stance of a sentence that only answers the one before it ("No.", "That is a
    myth.", "It does nothing.", "Research suggests otherwise.", "There is no evidence for
    this."), and its verdict words; ``None`` for any other sentence."""
    if len(words) > _MOST_VERDICT_WORDS or text.rstrip(_CLOSING).endswith("?"):
        return None
    spans = words.spans
    found: list[StanceReading] = []
    for start, end, stance in cues.verdicts(words.words):
        after = text[spans[end - 1][1] :].lstrip()
        if after and after[0] not in _CLAUSE_END:
            continue  # "No amount of crying ...", "It does nothing for stress"
        before = words.words[:start]
        if continues_subject(before, start) or _EVIDENCE.intersection(before):
            found.append(StanceReading.of(stance, text, spans[start][0], spans[end - 1][1]))
    denial = rebuttal(text, words, cues)
    if denial is not None:
        found.append(denial)
    # The strongest answer wins: "Perhaps, surprisingly, there's not a lot of evidence" denies.
    return min(found, key=lambda reading: list(Stance).index(reading.stance), default=None)


def _answered(
    answered: SentenceReading,
    answer: Sentence,
    verdict: StanceReading,
    document: Document,
    subject: str,
) -> tuple[SentenceReading, list[Occurrence]]:
    """The answered sentence's reading, negated when the answer denies it, and the claims
    the answer makes: the answered sentence's, with the verdict's stance."""
    made = [
        replace(
            occurrence,
            stance=verdict.stance,
            sentence=answer,
            cue=None if verdict.stance is Stance.ASSERTED else verdict.cue,
            cue_span=None if verdict.stance is Stance.ASSERTED else verdict.span,
            terms=(verdict.cue or "",),
            citations=document.citations_near(answer),
            subject=subject,
            refers_to=answered.sentence.span.line,
        )
        for occurrence in answered.occurrences
    ]
    if verdict.stance is Stance.NEGATED:
        answered = _rebutted(answered, verdict.cue)
    return answered, made


def _under_denial(
    occurrence: Occurrence,
    heading: str,
    denied_in: Mapping[str, Mapping[str, str]],
    labels_myths: Mapping[str, str | None],
) -> Occurrence:
    """The occurrence read as the denial it is when its heading denies its claim, or names
    the myths its section lists."""
    cue = denied_in.get(heading, {}).get(occurrence.claim) or labels_myths.get(heading)
    return occurrence if cue is None else _denied(occurrence, f"{cue} (heading)")


def _myth_label(heading: str, cues: CueLexicon) -> str | None:
    """The heading, if it names myths ("6 Myths About Vinegar") or ends on a denial of what
    it names ("Crying Doesn't Work", "Why detox teas are a myth")."""
    if not heading or heading.rstrip().endswith("?"):
        return None
    words = tokenize(heading).words
    if cues.labels_myths(words):
        return heading
    denials = [end for _, end, stance in cues.verdicts(words) if stance is Stance.NEGATED]
    return heading if denials and denials[-1] == len(words) else None


def _myth_label_of(
    heading: str, labels_myths: dict[str, str | None], cues: CueLexicon
) -> str | None:
    """``_myth_label``, worked out once per heading."""
    if heading not in labels_myths:
        labels_myths[heading] = _myth_label(heading, cues)
    return labels_myths[heading]


def _through_lead_in(
    lead_in: str, item: str, match: ClaimMatch, cues: CueLexicon
) -> StanceReading | None:
    """The stance a list item takes from the lead-in that its list completes (one that ends
    with a colon), read as the one sentence they make ("Fans of the tonic say it will" + "cut
    bad cholesterol"):
    ``None`` when the lead-in has no denial or attribution that reaches the item."""
    opening = lead_in.removesuffix(":").rstrip()
    joined = f"{opening} {item}"
    words = tokenize(joined)
    shift = len(tokenize(opening))
    anchors = [(start + shift, end + shift) for start, end in match.anchors]
    reading = classify_stance(joined, words, anchors, cues)
    # A lead-in lends its denial ("Myths:") or its attribution ("Fans say it will:"); a hedge
    # in it ("Crying can:") leaves each item to say how sure it is.
    if reading.stance not in (Stance.NEGATED, Stance.ATTRIBUTED):
        return None
    return StanceReading(reading.stance, reading.cue)  # its words are the lead-in's


def _source(
    index: ClaimIndex,
    claim_id: str,
    hits: Mapping[int, object],
    sources: list[tuple[str, frozenset[int] | set[int]]],
) -> str:
    """Where the subject the sentence continues comes from: the nearest source that meets
    the claim's context groups that the sentence does not meet itself."""
    needed = [group for group in index.context_of(claim_id) if group.isdisjoint(hits)]
    for name, terms in sources:
        if all(not group.isdisjoint(terms) for group in needed):
            return name
    return "context"


def _continues(text: str, words: Tokens, match: ClaimMatch) -> bool:
    """Whether the sentence's subject, before the claim's first term, is missing or points
    back. The subject is looked for after the last comma, colon or semicolon before it
    ("For many people, it lowers stress")."""
    first = min(start for start, _ in match.anchors)
    spans = words.spans
    clause = 0
    for position in range(1, first + 1):
        if any(mark in text[spans[position - 1][1] : spans[position][0]] for mark in ",:;"):
            clause = position
    return continues_subject(words.words[clause:first], first - clause)


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
    shown = display_path(file)
    try:
        document = read_document(file, input_format)
        if isinstance(document, UnreadableFile):
            return document
        return scan_document(document, claims, path=shown, cues=cues)
    except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
        return crashed(shown, error)
