"""The review page: header and summary, the marked article, the side panel, the findings list.

Everything the page shows from an article or a claim file is escaped here or sanitised in
``_article``; the page's own script is allowed by its hash in a Content-Security-Policy that
forbids every network request, so even markup that slipped past the sanitiser could neither
run nor load anything.

What a long article repeats is in the page once: each claim's evidence, and each distinct
thing the findings say ("CK101 unsupported-claim: asserts crying.removes-toxins, which the
evidence does not support ..."). A marked sentence carries only references to them, and the
script puts the sentence, what is said of it and its claims' evidence together in the panel.
Without the script the findings list leads from each sentence to what is said of it, and the
claims' evidence follows; print keeps the article and the findings list.
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
from claimkit.reading import InputFormat, Sentence
from claimkit.registry import Certainty, Citation, Claim, ClaimSet, Verdict
from claimkit.report._article import Mark, render_article
from claimkit.report._review import ArticleReview, RegistryInfo
from claimkit.verify.lockfile import LockFile

__all__ = ["GENERATOR", "render_index", "render_report"]

GENERATOR = f"claimkit {__version__}"
"""The page's ``<meta name="generator">``; its seal (``claimkit.core.seal``) is how claimkit
knows a file is a report it wrote."""

_SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note"}
# A sentence with no finding is marked "no finding", not "supported": its claim's evidence
# may be mixed and of low certainty; the mark's title says which.
_ICONS = {"error": "✖", "warning": "▲", "info": "●", "supported": "○"}
_LEGEND = {
    "error": "Error: the sentence makes a claim the evidence does not allow as worded, or "
    "cites a retracted work",
    "warning": "Warning: wording, citations or a claim to look at",
    "info": "Note: for information",
    "supported": "A registered claim with no finding: not a verdict; see the claim's evidence",
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
# Worst first: what an editor must look at before anything else.
_VERDICT_ORDER = (Verdict.REFUTED, Verdict.UNSUPPORTED, Verdict.MIXED, Verdict.SUPPORTED)
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

    def label(self, claims: ClaimSet) -> str:
        if self.findings:
            worst = max(f.severity for f in self.findings)
            names = ", ".join(dict.fromkeys(f.name for f in self.findings))
            return f"{_SEVERITY_WORDS[worst]}: {names}. Show the evidence."
        evidence = [
            claims[claim].evidence for claim in dict.fromkeys(o.claim for o in self.occurrences)
        ]
        said = "; ".join(
            f"evidence {e.verdict}, {_certainty_name(e.certainty)} certainty" for e in evidence
        )
        return f"A registered claim, no finding ({said}). Show the evidence."


@dataclass(frozen=True)
class _Said:
    """What a finding says, as the page shows it: one entry for every finding alike."""

    severity: Severity
    code: str
    name: str
    message: str
    suggestion: str | None
    """The suggestion, unless it is the claim's approved wording (shown with its evidence)."""


@dataclass
class _SaidTable:
    """Each distinct thing an article's findings say, numbered in the article's order, and
    the number of each finding's entry (by the finding's identity)."""

    entries: dict[_Said, int] = field(default_factory=dict)
    of_finding: dict[int, int] = field(default_factory=dict)

    def number(self, finding: Finding) -> int:
        return self.of_finding[id(finding)]


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
    # One h1 a page: the article's title, or the index's when the page reviews several.
    level = 1 if len(reviews) == 1 else 2
    sections = [_review_section(r, f"a{n}", context, level) for n, r in enumerate(reviews, start=1)]
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
        f"<body>\n<main>\n{body}\n</main>\n<script>{script}</script>\n</body>\n</html>\n"
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
    return f'<span class="ck-badge ck-{tone}">{number}</span>'


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


def _review_section(review: ArticleReview, key: str, context: _Context, level: int = 1) -> str:
    units = _units(review, key)
    said = _said_table(review, units, context)
    line_word = _line_word(review)
    marks = [
        Mark(
            u.number,
            u.sentence.span,
            u.anchor,
            f"ck-mark ck-{u.tone}",
            u.label(context.claims),
            f"{key}-legend-{u.tone}",
            _panel_data(u, said, line_word),
        )
        for u in units
    ]
    article, placed = render_article(
        review.source, review.format, review.prose_ranges, marks, f"{key}-c-"
    )
    return "\n".join(
        [
            f'<section class="ck-review" id="{key}" aria-labelledby="{key}-title">',
            _header(review, key, context, level, _first_marks(units, placed)),
            '<div class="ck-layout">',
            f'<article class="ck-article" aria-label="The article">{article}</article>',
            '<aside class="ck-panel" aria-label="Evidence for the selected sentence">'
            '<button type="button" class="ck-panel-close" aria-label="Close the evidence">'
            "Close</button>"
            '<div class="ck-panel-body" aria-live="polite" tabindex="-1">'
            '<p class="ck-hint">Select a '
            "highlighted sentence, or use <kbd>Tab</kbd>, to see its claim, the evidence and "
            "what to change. <kbd>j</kbd> and <kbd>k</kbd> move to the next and previous one; "
            "<kbd>Esc</kbd> clears.</p></div></aside>",
            _findings_list(review, units, placed, said, key),
            "</div>",
            _said_section(said, key),
            _claim_details(units, key, context),
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


def _first_marks(units: list[_Unit], placed: set[int]) -> dict[str, str]:
    """For each claim, the anchor of the first marked sentence that makes it."""
    first: dict[str, str] = {}
    for unit in units:
        if unit.number in placed:
            for occurrence in unit.occurrences:
                first.setdefault(occurrence.claim, unit.anchor)
    return first


def _header(
    review: ArticleReview, key: str, context: _Context, level: int, first_mark: dict[str, str]
) -> str:
    counts = Counter(f.severity for f in review.findings)
    summary = " ".join(
        f'<span class="ck-badge ck-{severity}">{counts[severity]} '
        f"{_SEVERITY_WORDS[severity].lower()}"
        f"{'s' if counts[severity] != 1 else ''}</span>"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    return "\n".join(
        [
            '<header class="ck-header">',
            f'<h{level} id="{key}-title">{escape(review.title)}</h{level}>',
            f'<p class="ck-path">{escape(review.path)}</p>',
            _provenance(context),
            f'<p class="ck-summary-counts">{summary}</p>',
            _legend(key),
            _claims_table(review, context.claims, first_mark),
            _evidence_strip(review, context.claims),
            "</header>",
        ]
    )


def _legend(key: str) -> str:
    entries = "".join(
        f'<li id="{key}-legend-{tone}"><mark class="ck-mark ck-{tone}">'
        f'<span aria-hidden="true">{_ICONS[tone]}</span></mark> {escape(text)}</li>'
        for tone, text in _LEGEND.items()
    )
    return f'<ul class="ck-marks-legend" aria-label="What the marks mean">{entries}</ul>'


def _claims_table(review: ArticleReview, claims: ClaimSet, first_mark: dict[str, str]) -> str:
    """The claims the article makes, worst first (the weakest verdict, then the lowest
    certainty), each leading to the first sentence that makes it."""
    stances: dict[str, Counter[str]] = {}
    for occurrence in review.occurrences:
        stances.setdefault(occurrence.claim, Counter())[str(occurrence.stance)] += 1
    if not stances:
        return '<p class="ck-none">The article makes no claim the registry knows.</p>'

    def worst_first(claim_id: str) -> tuple[int, int, str]:
        evidence = claims[claim_id].evidence
        return (
            _VERDICT_ORDER.index(evidence.verdict),
            -_CERTAINTY_ORDER.index(evidence.certainty),
            claim_id,
        )

    rows = []
    for claim_id in sorted(stances, key=worst_first):
        claim = claims[claim_id]
        how = escape(", ".join(f"{n} {stance}" for stance, n in sorted(stances[claim_id].items())))
        if claim_id in first_mark:
            how = f'<a class="ck-goto" href="#{first_mark[claim_id]}">{how}</a>'
        rows.append(
            f'<tr><td>{escape(claim.statement)}<div class="ck-path">{escape(claim.id)}</div></td>'
            f'<td><span class="ck-verdict ck-verdict-{claim.evidence.verdict}">'
            f"{escape(str(claim.evidence.verdict))}</span></td>"
            f"<td>{escape(_certainty_name(claim.evidence.certainty))}</td><td>{how}</td></tr>"
        )
    return (
        '<div class="ck-table-wrap"><table class="ck-table"><caption>Claims the article makes, '
        "worst first</caption><thead><tr>"
        '<th scope="col">Claim</th><th scope="col">Verdict</th><th scope="col">Certainty</th>'
        '<th scope="col">Sentences</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></div>"
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


def _findings_list(
    review: ArticleReview,
    units: list[_Unit],
    placed: set[int],
    said: _SaidTable,
    key: str,
) -> str:
    """The findings, one entry per sentence, worst sentence first: the sentence, and the rules
    it breaks, each leading to what it says. Findings about no sentence (a suppression
    comment) come last, one each."""
    if not review.findings:
        return '<section class="ck-findings"><h2>Findings</h2><p>No findings.</p></section>'
    flagged = [unit for unit in units if unit.findings]
    flagged.sort(key=lambda u: (-max(f.severity for f in u.findings).rank, u.sentence.index))
    items = []
    for unit in flagged:
        worst = max(f.severity for f in unit.findings)
        span = unit.sentence.span
        where = f"{_line_word(review)} {span.line}"
        if unit.number in placed:
            where = f'<a class="ck-goto" href="#{unit.anchor}">{where}</a>'
        items.append(
            f'<li class="ck-finding ck-{worst}"><span class="ck-n">[{unit.number}]</span> '
            f"{_severity_badge(worst)} {where}: <q>{escape(_shortened(unit.sentence.text))}</q>"
            f'<div class="ck-finding-rules">{_rules_said(unit.findings, said, key)}'
            "</div></li>"
        )
    in_units = {id(f) for unit in flagged for f in unit.findings}
    for finding in review.findings:
        if id(finding) not in in_units:
            items.append(
                f'<li class="ck-finding ck-{finding.severity}">'
                f"{_severity_badge(finding.severity)} {_line_word(review)} {finding.line}: "
                f"{_rules_said([finding], said, key)}</li>"
            )
    return (
        '<section class="ck-findings"><h2>Findings</h2>'
        + _filters(review, units)
        + '<ol class="ck-findings-list">'
        + "".join(items)
        + "</ol></section>"
    )


def _rules_said(findings: Sequence[Finding], said: _SaidTable, key: str) -> str:
    """The rules that ``findings`` break, "CK101, CK101 unsupported-claim · CK201
    uncited-claim", each code leading to what that finding says."""
    by_rule: dict[tuple[str, str], list[str]] = {}
    for finding in findings:
        number = said.number(finding)
        by_rule.setdefault((finding.code, finding.name), []).append(
            f'<a href="#{key}-f{number}">{escape(finding.code)}</a>'
        )
    return " · ".join(f"{', '.join(links)} {escape(name)}" for (_, name), links in by_rule.items())


def _filters(review: ArticleReview, units: list[_Unit]) -> str:
    """Controls that narrow the findings list by severity, rule and claim (with the script)."""
    present = sorted({f.severity for f in review.findings}, reverse=True)
    boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{severity}" checked> '
        f"{_SEVERITY_WORDS[severity]}s</label>"
        for severity in present
    )
    rules = sorted({(f.code, f.name) for f in review.findings})
    rule_options = "".join(
        f'<option value="{code}">{code} {escape(name)}</option>' for code, name in rules
    )
    claims = sorted({o.claim for unit in units if unit.findings for o in unit.occurrences})
    claim_options = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in claims)
    return (
        '<form class="ck-filters" aria-label="Filter the findings">'
        f"<fieldset><legend>Severity</legend>{boxes}</fieldset>"
        '<label>Rule <select name="rule"><option value="">all</option>'
        f"{rule_options}</select></label>"
        '<label>Claim <select name="claim"><option value="">all</option>'
        f"{claim_options}</select></label>"
        '<output class="ck-filter-count" aria-live="polite"></output></form>'
    )


def _shortened(text: str, most: int = 160) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _severity_badge(severity: Severity) -> str:
    return f'<span class="ck-badge ck-{severity}">{_SEVERITY_WORDS[severity]}</span>'


def _said_table(review: ArticleReview, units: list[_Unit], context: _Context) -> _SaidTable:
    """What the article's findings say, each distinct entry once, the marked sentences'
    first, in the article's order."""
    table = _SaidTable()
    in_units = [f for unit in units for f in unit.findings]
    for finding in (*in_units, *review.findings):
        if id(finding) in table.of_finding:
            continue
        suggestion = None if _quotes_approved(finding, context) else finding.suggestion
        said = _Said(finding.severity, finding.code, finding.name, finding.message, suggestion)
        number = table.entries.setdefault(said, len(table.entries) + 1)
        table.of_finding[id(finding)] = number
    return table


def _said_section(said: _SaidTable, key: str) -> str:
    """What the findings say, each once: the panel shows a sentence's entries; without the
    script the findings list leads here."""
    if not said.entries:
        return ""
    items = []
    for entry, number in said.entries.items():
        suggestion = (
            f'<p class="ck-suggestion">{escape(entry.suggestion)}</p>' if entry.suggestion else ""
        )
        items.append(
            f'<li id="{key}-f{number}" class="ck-{entry.severity}" '
            f'data-severity="{entry.severity}" data-rule="{escape(entry.code)}">'
            f"{_severity_badge(entry.severity)} <code>{escape(entry.code)}</code> "
            f"{escape(entry.name)}: {escape(entry.message)}{suggestion}</li>"
        )
    return (
        '<section class="ck-said"><h2>What the findings say</h2>'
        '<ul class="ck-detail-findings">' + "".join(items) + "</ul></section>"
    )


def _line_word(review: ArticleReview) -> str:
    """What a position's first number counts: a Word document's paragraphs, else lines."""
    return "paragraph" if review.format is InputFormat.DOCX else "line"


def _panel_data(unit: _Unit, said: _SaidTable, line_word: str) -> tuple[tuple[str, str], ...]:
    """What the panel shows for a sentence, by reference: where it is ("Line 12"), the
    numbers of what its findings say, and the claims it makes with how
    ("crying.lowers-blood-pressure hedged may", the cue last)."""
    numbers = dict.fromkeys(said.number(f) for f in unit.findings)
    claims: dict[str, str] = {}
    for occurrence in unit.occurrences:
        how = f"{occurrence.claim} {occurrence.stance}"
        claims.setdefault(occurrence.claim, f"{how} {occurrence.cue}" if occurrence.cue else how)
    data = [("where", f"{line_word.capitalize()} {unit.sentence.span.line}")]
    if numbers:
        data.append(("f", " ".join(map(str, numbers))))
    if claims:
        data.append(("c", "|".join(claims.values())))
    return tuple(data)


def _quotes_approved(finding: Finding, context: _Context) -> bool:
    """Whether a finding's suggestion is its claim's approved wording, which the claim's
    evidence below it shows once, with a Copy button."""
    if finding.claim is None or finding.suggestion is None or finding.claim not in context.claims:
        return False
    approved = context.claims[finding.claim].wording.approved
    return any(wording in finding.suggestion for wording in approved)


def _claim_anchor(key: str, claim_id: str) -> str:
    # report.js finds a claim's evidence by this id, made the same way from a mark's data-c.
    return f"{key}-claim-{claim_id.replace('.', '--')}"


def _claim_details(units: list[_Unit], key: str, context: _Context) -> str:
    """Each claim the marked sentences make, once: its evidence, citations and wording. A
    sentence's detail refers to it, and the panel shows the two together; a long article that
    makes one claim hundreds of times carries its evidence once."""
    claim_ids = dict.fromkeys(o.claim for unit in units for o in unit.occurrences)
    if not claim_ids:
        return ""
    parts = ['<section class="ck-claim-details"><h2>The claims and their evidence</h2>']
    for claim_id in claim_ids:
        parts.append(
            f'<section class="ck-claim-detail" id="{_claim_anchor(key, claim_id)}">'
            + "".join(_claim_detail(context.claims[claim_id], context.lock))
            + "</section>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _claim_detail(claim: Claim, lock: LockFile | None) -> Iterator[str]:
    evidence = claim.evidence
    yield '<div class="ck-claim">'
    yield f"<h4>{escape(claim.statement)}</h4>"
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
