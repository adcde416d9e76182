"""The review page: header and summary, the marked article, the side panel, the findings list.

Everything the page shows from an article or a claim file is escaped here or sanitised in
``_article``; the page's own script is allowed by its hash in a Content-Security-Policy that
forbids every network request, so even markup that slipped past the sanitiser could neither
run nor load anything. The details of each marked sentence are rendered into the page (the
panel shows a copy), so the review reads completely without the script and when printed.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from importlib import resources

from claimkit._version import __version__
from claimkit.core.enums import Severity
from claimkit.core.identifiers import IdentifierError, parse_identifier
from claimkit.core.seal import SEAL_META, seal
from claimkit.linting import Finding
from claimkit.linting.rules.base import MAKES
from claimkit.matching import Occurrence
from claimkit.reading import Sentence
from claimkit.registry import Certainty, Citation, Claim, ClaimSet, Verdict
from claimkit.report._article import Mark, render_article
from claimkit.report._review import ArticleReview, RegistryInfo
from claimkit.verify.lockfile import LockFile

__all__ = ["GENERATOR", "render_index", "render_report"]

GENERATOR = f"claimkit {__version__}"
"""The page's ``<meta name="generator">``; its seal (``claimkit.core.seal``) is how claimkit
knows a file is a report it wrote."""

_SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note"}
_ICONS = {"error": "✖", "warning": "▲", "info": "●", "supported": "✓"}
_STANCE_WORDS = {
    "asserted": "asserts it",
    "hedged": "hedges it",
    "attributed": "attributes it to someone else",
    "negated": "denies it",
    "questioned": "asks it as a question",
}
_VERDICT_WORDS = {
    Verdict.SUPPORTED: "the evidence supports the claim as worded.",
    Verdict.MIXED: "the evidence is mixed: it supports part of the claim, or only sometimes.",
    Verdict.UNSUPPORTED: "no good evidence supports the claim.",
    Verdict.REFUTED: "good evidence shows the claim is false.",
}
# GRADE's definitions (Balshem et al., J Clin Epidemiol 2011;64:401-6); "none" is claimkit's.
_CERTAINTY_WORDS = {
    Certainty.HIGH: "We are very confident that the true effect lies close to that of the "
    "estimate of the effect.",
    Certainty.MODERATE: "We are moderately confident in the effect estimate: the true effect is "
    "likely to be close to the estimate, but may be substantially different.",
    Certainty.LOW: "Our confidence in the effect estimate is limited: the true effect may be "
    "substantially different from the estimate of the effect.",
    Certainty.VERY_LOW: "We have very little confidence in the effect estimate: the true effect "
    "is likely to be substantially different from the estimate of effect.",
    Certainty.NONE: "No study has examined the claim.",
}
_CERTAINTY_ORDER = (
    Certainty.HIGH,
    Certainty.MODERATE,
    Certainty.LOW,
    Certainty.VERY_LOW,
    Certainty.NONE,
)


@dataclass
class _Unit:
    """A marked sentence: the claims it makes and the findings about it."""

    number: int
    anchor: str
    sentence: Sentence
    occurrences: list[Occurrence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def tone(self) -> str:
        if self.findings:
            return str(max(f.severity for f in self.findings))
        return "supported"

    @property
    def label(self) -> str:
        if self.findings:
            worst = max(f.severity for f in self.findings)
            names = ", ".join(dict.fromkeys(f.name for f in self.findings))
            return f"{_SEVERITY_WORDS[worst]}: {names}. Show the evidence."
        return "A registered claim, no finding. Show the evidence."


@dataclass(frozen=True)
class _Context:
    claims: ClaimSet
    lock: LockFile | None
    registry: RegistryInfo | None
    generated: dt.datetime


def render_report(
    reviews: Sequence[ArticleReview],
    claims: ClaimSet,
    *,
    lock: LockFile | None = None,
    registry: RegistryInfo | None = None,
    generated: dt.datetime | None = None,
) -> str:
    """One self-contained page reviewing ``reviews``; with several, an index comes first."""
    context = _Context(claims, lock, registry, generated or _now())
    sections = [_review_section(r, f"a{n}", context) for n, r in enumerate(reviews, start=1)]
    if len(reviews) == 1:
        title = f"Review: {reviews[0].title}"
        body = sections[0]
    else:
        title = f"Review of {len(reviews)} articles"
        rows = [(f"#a{n}", r) for n, r in enumerate(reviews, start=1)]
        body = _index(rows, context, title) + "".join(sections)
    return _page(title, body)


def render_index(
    pages: Sequence[tuple[str, ArticleReview]],
    claims: ClaimSet,
    *,
    lock: LockFile | None = None,
    registry: RegistryInfo | None = None,
    generated: dt.datetime | None = None,
) -> str:
    """An index page for reviews written one page each: (the page's file name, its review)."""
    context = _Context(claims, lock, registry, generated or _now())
    title = f"Review of {len(pages)} articles"
    return _page(title, _index(pages, context, title))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# -- the page --------------------------------------------------------------------------------


def _page(title: str, body: str) -> str:
    style = _asset("report.css")
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    return seal(
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(GENERATOR)}">\n'
        f"{SEAL_META}\n"
        f"<title>{escape(title)}</title>\n<style>\n{style}</style>\n</head>\n"
        f"<body>\n{body}\n<script>{script}</script>\n</body>\n</html>\n"
    )


def _asset(name: str) -> str:
    return resources.files("claimkit.report").joinpath("assets", name).read_text(encoding="utf-8")


def _index(rows: Sequence[tuple[str, ArticleReview]], context: _Context, title: str) -> str:
    lines = [
        '<header class="ck-index">',
        f"<h1>{escape(title)}</h1>",
        _provenance(context),
        '<table class="ck-table"><caption>Articles</caption><thead><tr>'
        '<th scope="col">Article</th><th scope="col">Errors</th><th scope="col">Warnings</th>'
        '<th scope="col">Notes</th><th scope="col">Claims made</th></tr></thead><tbody>',
    ]
    for href, review in rows:
        counts = Counter(f.severity for f in review.findings)
        made = len({o.claim for o in review.occurrences if o.stance in MAKES})
        lines.append(
            f'<tr><td><a href="{escape(href)}">{escape(review.title)}</a>'
            f'<div class="ck-path">{escape(review.path)}</div></td>'
            f"<td>{_count(counts[Severity.ERROR], 'error')}</td>"
            f"<td>{_count(counts[Severity.WARNING], 'warning')}</td>"
            f"<td>{_count(counts[Severity.INFO], 'info')}</td><td>{made}</td></tr>"
        )
    lines.append("</tbody></table></header>")
    return "\n".join(lines)


def _count(number: int, tone: str) -> str:
    if not number:
        return "0"
    icon = f'<span aria-hidden="true">{_ICONS[tone]}</span>'
    return f'<span class="ck-badge ck-{tone}">{icon} {number}</span>'


def _provenance(context: _Context) -> str:
    parts = [f"Generated {context.generated:%Y-%m-%d %H:%M} UTC by {escape(GENERATOR)}"]
    registry = context.registry
    if registry is not None:
        revision = f", revision {escape(registry.revision)}" if registry.revision else ""
        parts.append(
            f"registry <code>{escape(registry.path)}</code>: {registry.claims} claims{revision}, "
            f"digest {registry.digest}"
        )
    if context.lock is None:
        parts.append("no citation lock file: citations not verified")
    else:
        parts.append(f"citations verified in <code>{escape(context.lock.path.name)}</code>")
    return f'<p class="ck-provenance">{" · ".join(parts)}</p>'


# -- one article -----------------------------------------------------------------------------


def _review_section(review: ArticleReview, key: str, context: _Context) -> str:
    units = _units(review, key)
    marks = [
        Mark(u.number, u.sentence.span, u.anchor, f"ck-mark ck-{u.tone}", u.label) for u in units
    ]
    article, placed = render_article(
        review.source, review.format, review.prose_ranges, marks, f"{key}-c-"
    )
    return "\n".join(
        [
            f'<section class="ck-review" id="{key}" aria-labelledby="{key}-title">',
            _header(review, key, context),
            '<div class="ck-layout">',
            f'<article class="ck-article" aria-label="The article">{article}</article>',
            '<aside class="ck-panel" aria-label="Evidence for the selected sentence">'
            '<div class="ck-panel-body" aria-live="polite"><p class="ck-hint">Select a '
            "highlighted sentence, or use <kbd>Tab</kbd>, to see its claim, the evidence and "
            "what to change. <kbd>j</kbd> and <kbd>k</kbd> move to the next and previous one; "
            "<kbd>Esc</kbd> clears.</p></div></aside>",
            "</div>",
            _findings_list(review, units, placed),
            _details(units, placed, context),
            "</section>",
        ]
    )


def _units(review: ArticleReview, key: str) -> list[_Unit]:
    """The sentences to mark: each that makes a claim or holds a finding. A finding outside
    every sentence (about a suppression comment) is listed, but marks nothing."""
    sentences = review.document.sentences
    starts = [(s.span.line, s.span.column) for s in sentences]
    by_sentence: dict[int, _Unit] = {}

    def unit_of(sentence: Sentence) -> _Unit:
        if sentence.index not in by_sentence:
            by_sentence[sentence.index] = _Unit(0, "", sentence)
        return by_sentence[sentence.index]

    for occurrence in review.occurrences:
        unit_of(occurrence.sentence).occurrences.append(occurrence)
    for finding in review.findings:
        position = (finding.line, finding.column)
        index = bisect.bisect_right(starts, position) - 1
        span = sentences[index].span if index >= 0 else None
        if span is not None and position < (span.end_line, span.end_column):
            unit_of(sentences[index]).findings.append(finding)
    units = [by_sentence[index] for index in sorted(by_sentence)]
    for number, unit in enumerate(units, start=1):
        unit.number, unit.anchor = number, f"{key}-u{number}"
    return units


def _header(review: ArticleReview, key: str, context: _Context) -> str:
    counts = Counter(f.severity for f in review.findings)
    summary = " ".join(
        f'<span class="ck-badge ck-{severity}"><span aria-hidden="true">{_ICONS[str(severity)]}'
        f"</span> {counts[severity]} {_SEVERITY_WORDS[severity].lower()}"
        f"{'s' if counts[severity] != 1 else ''}</span>"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    return "\n".join(
        [
            '<header class="ck-header">',
            f'<h1 id="{key}-title">{escape(review.title)}</h1>',
            f'<p class="ck-path">{escape(review.path)}</p>',
            _provenance(context),
            f'<p class="ck-summary-counts">{summary}</p>',
            _claims_table(review, context.claims),
            _evidence_strip(review, context.claims),
            "</header>",
        ]
    )


def _claims_table(review: ArticleReview, claims: ClaimSet) -> str:
    stances: dict[str, Counter[str]] = {}
    for occurrence in review.occurrences:
        stances.setdefault(occurrence.claim, Counter())[str(occurrence.stance)] += 1
    if not stances:
        return '<p class="ck-none">The article makes no claim the registry knows.</p>'
    rows = []
    for claim_id in sorted(stances):
        claim = claims[claim_id]
        how = ", ".join(f"{n} {stance}" for stance, n in sorted(stances[claim_id].items()))
        rows.append(
            f'<tr><td>{escape(claim.statement)}<div class="ck-path">{escape(claim.id)}</div></td>'
            f'<td><span class="ck-verdict ck-verdict-{claim.evidence.verdict}">'
            f"{escape(str(claim.evidence.verdict))}</span></td>"
            f"<td>{escape(_certainty_name(claim.evidence.certainty))}</td><td>{escape(how)}</td></tr>"
        )
    return (
        '<table class="ck-table"><caption>Claims the article makes</caption><thead><tr>'
        '<th scope="col">Claim</th><th scope="col">Verdict</th><th scope="col">Certainty</th>'
        '<th scope="col">Sentences</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )


def _evidence_strip(review: ArticleReview, claims: ClaimSet) -> str:
    """How much of what the article passes on to readers rests on each level of certainty."""
    load = Counter(
        claims[o.claim].evidence.certainty for o in review.occurrences if o.stance in MAKES
    )
    total = sum(load.values())
    if not total:
        return ""
    segments, legend = [], []
    for certainty in _CERTAINTY_ORDER:
        share = load[certainty] / total
        name = _certainty_name(certainty)
        if load[certainty]:
            segments.append(
                f'<span class="ck-strip-part ck-certainty-{certainty}" '
                f'style="width:{share * 100:.1f}%" title="{name}: {load[certainty]}"></span>'
            )
        legend.append(
            f'<li><span class="ck-swatch ck-certainty-{certainty}" aria-hidden="true"></span>'
            f"{name}: {load[certainty]} ({share:.0%})</li>"
        )
    return (
        '<figure class="ck-strip-figure"><figcaption>What the article passes on to readers '
        f"({total} sentence{'s' if total != 1 else ''} that assert, hedge or report a claim) "
        'rests on evidence of this certainty:</figcaption><div class="ck-strip" aria-hidden="true">'
        + "".join(segments)
        + '</div><ul class="ck-legend">'
        + "".join(legend)
        + "</ul></figure>"
    )


def _certainty_name(certainty: Certainty) -> str:
    return "no evidence" if certainty is Certainty.NONE else str(certainty).replace("-", " ")


def _findings_list(review: ArticleReview, units: list[_Unit], placed: set[int]) -> str:
    anchor_of = {id(f): u for u in units for f in u.findings}
    if not review.findings:
        return '<section class="ck-findings"><h2>Findings</h2><p>No findings.</p></section>'
    items = []
    for finding in review.findings:
        unit = anchor_of.get(id(finding))
        where = f"line {finding.line}, column {finding.column}"
        if unit is not None and unit.number in placed:
            where = f'<a class="ck-goto" href="#{unit.anchor}">{where}</a>'
        items.append(
            f'<li class="ck-finding ck-{finding.severity}">{_severity_badge(finding.severity)} '
            f"{where} <code>{escape(finding.code)}</code> {escape(finding.name)}: "
            f"{escape(finding.message)}</li>"
        )
    return '<section class="ck-findings"><h2>Findings</h2><ol>' + "".join(items) + "</ol></section>"


def _severity_badge(severity: Severity) -> str:
    return (
        f'<span class="ck-badge ck-{severity}"><span aria-hidden="true">{_ICONS[str(severity)]}'
        f"</span> {_SEVERITY_WORDS[severity]}</span>"
    )


def _details(units: list[_Unit], placed: set[int], context: _Context) -> str:
    parts = ['<section class="ck-details"><h2>The marked sentences</h2>']
    for unit in units:
        parts.append(
            f'<section class="ck-detail" id="detail-{unit.anchor}">'
            + "".join(_detail(unit, unit.number in placed, context))
            + "</section>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _detail(unit: _Unit, placed: bool, context: _Context) -> Iterator[str]:
    span = unit.sentence.span
    where = f"Line {span.line}"
    if placed:
        where = f'<a class="ck-goto" href="#{unit.anchor}">{where}</a>'
    yield f"<h3>{where}: <q>{escape(unit.sentence.text)}</q></h3>"
    if unit.findings:
        yield '<ul class="ck-detail-findings">'
        for finding in unit.findings:
            suggestion = (
                f'<p class="ck-suggestion">{escape(finding.suggestion)}</p>'
                if finding.suggestion
                else ""
            )
            yield (
                f'<li class="ck-{finding.severity}">{_severity_badge(finding.severity)} '
                f"<code>{escape(finding.code)}</code> {escape(finding.name)}: "
                f"{escape(finding.message)}{suggestion}</li>"
            )
        yield "</ul>"
    seen: set[str] = set()
    for occurrence in unit.occurrences:
        if occurrence.claim in seen:
            continue
        seen.add(occurrence.claim)
        yield from _claim_detail(context.claims[occurrence.claim], occurrence, context.lock)


def _claim_detail(claim: Claim, occurrence: Occurrence, lock: LockFile | None) -> Iterator[str]:
    evidence = claim.evidence
    cue = f" (“{escape(occurrence.cue)}”)" if occurrence.cue else ""
    yield '<div class="ck-claim">'
    yield f"<h4>{escape(claim.statement)}</h4>"
    yield (
        f'<p class="ck-claim-id"><code>{escape(claim.id)}</code> · the sentence '
        f"{_STANCE_WORDS.get(str(occurrence.stance), str(occurrence.stance))}{cue}</p>"
    )
    yield (
        '<dl class="ck-evidence">'
        f'<dt>Verdict</dt><dd><span class="ck-verdict ck-verdict-{evidence.verdict}">'
        f"{escape(str(evidence.verdict))}</span>: {_VERDICT_WORDS[evidence.verdict]}</dd>"
        f"<dt>Certainty</dt><dd><strong>{escape(_certainty_name(evidence.certainty))}</strong>"
        f" (GRADE): {escape(_CERTAINTY_WORDS[evidence.certainty])}</dd></dl>"
    )
    yield f'<p class="ck-evidence-summary">{escape(evidence.summary)}</p>'
    if evidence.citations:
        yield '<h5>Citations</h5><ul class="ck-citations">'
        for citation in evidence.citations:
            yield f"<li>{_citation(citation, lock)}</li>"
        yield "</ul>"
    if claim.wording.approved:
        yield '<h5>Approved wording</h5><ul class="ck-approved">'
        for wording in claim.wording.approved:
            yield (
                f"<li><q>{escape(wording)}</q> "
                f'<button type="button" class="ck-copy" data-copy="{escape(wording, quote=True)}">'
                "Copy</button></li>"
            )
        yield "</ul>"
    yield "</div>"


def _citation(citation: Citation, lock: LockFile | None) -> str:
    ref = citation.ref
    try:
        url = parse_identifier(ref).url
    except IdentifierError:
        url = None
    shown = escape(citation.title) + (f" ({citation.year})" if citation.year else "")
    if url and url.startswith(("https://", "http://")):
        shown = f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{shown}</a>'
    entry = lock.lookup(ref) if lock is not None else None
    if entry is None:
        status, tone = "not verified", "unverified"
    else:
        status, tone = str(entry.status), str(entry.status)
    return (
        f"{shown} <code>{escape(ref)}</code> · {escape(str(citation.stance))} · "
        f'<span class="ck-lock ck-lock-{tone}">{escape(status)}</span>'
    )
