"""Suppressions: inline directives and front matter.

Directives are HTML comments, so that they never show in the published article:

- ``<!-- claimkit-ignore CK102 reason="..." -->`` — the next block (paragraph, heading, list
  item, table cell);
- ``<!-- claimkit-disable CK101 CK2 reason="..." -->`` ... ``<!-- claimkit-enable -->`` — the
  lines between (to the end of the file without an ``enable``);
- front matter ``claimkit: {ignore: [CK201], reason: "..."}`` — the whole file.

Codes may be exact (``CK101``), prefixes (``CK1``) or rule names (``unsupported-claim``); no
code means every rule. ``suppress`` returns the findings it kept and how often each directive
was used, so that unused ones (CK901) and ones without a reason (CK902) can be reported:
suppressions are an editor's audit trail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimkit.linting.findings import Finding
from claimkit.reading import Document, Span

__all__ = ["Directive", "Suppression", "directives_of", "suppress"]

_DIRECTIVE = re.compile(r"^claimkit-(ignore|disable|enable)\b(.*)$", re.DOTALL)
_REASON = re.compile(r"""\breason\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_WHOLE_FILE = Span(1, 1, 1, 1)

SelectorResolver = Callable[[str], Iterable[str]]
"""The rule codes a selector names (a code, a code prefix or a rule name)."""


@dataclass(frozen=True)
class Directive:
    """One suppression, where it is written, and the lines and rules it covers."""

    kind: str
    """ignore, disable, enable or file (front matter)."""
    selectors: tuple[str, ...]
    reason: str | None
    span: Span
    text: str
    first_line: int
    last_line: int
    codes: frozenset[str] | None
    """The rule codes the selectors name; ``None`` when no selector is given (every rule)."""

    @property
    def suppresses(self) -> bool:
        return self.kind != "enable"

    def covers(self, finding: Finding) -> bool:
        return self.first_line <= finding.line <= self.last_line and (
            self.codes is None or finding.code in self.codes
        )

    def describe(self) -> str:
        codes = " ".join(self.selectors) or "all rules"
        if self.kind == "file":
            return f"front matter claimkit.ignore ({codes})"
        return f"claimkit-{self.kind} ({codes})"


@dataclass(frozen=True)
class Suppression:
    """What the directives of one article did to its findings."""

    kept: tuple[Finding, ...]
    suppressed: int
    """How many findings a directive covered."""
    uses: tuple[int, ...]
    """For each directive, in order, how many findings it covered."""

    def unused(self, directives: Iterable[Directive]) -> Iterable[Directive]:
        """The directives that suppress something but covered no finding."""
        return (
            d for d, used in zip(directives, self.uses, strict=True) if d.suppresses and not used
        )


def directives_of(document: Document, resolve: SelectorResolver) -> tuple[Directive, ...]:
    """The document's suppression directives, each with the lines and the codes it covers."""
    parsed: list[tuple[str, tuple[str, ...], str | None, Span, str, int, int]] = []
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        kind, rest = match.groups()
        reason_match = _REASON.search(rest)
        reason = (
            next((g for g in reason_match.groups() if g is not None), None)
            if reason_match
            else None
        )
        selectors = tuple(_REASON.sub(" ", rest).replace(",", " ").split())
        first, last = 0, -1
        if kind == "ignore" and comment.next_paragraph is not None:
            lines = [
                (s.span.line, s.span.end_line)
                for s in document.sentences
                if s.paragraph == comment.next_paragraph
            ]
            first, last = min(start for start, _ in lines), max(end for _, end in lines)
        text = f"<!-- {comment.text} -->"
        parsed.append(
            (kind, selectors, (reason or "").strip() or None, comment.span, text, first, last)
        )
    _close_ranges(parsed, document.line_count)
    directives = [
        Directive(kind, selectors, reason, span, text, first, last, _codes(selectors, resolve))
        for kind, selectors, reason, span, text, first, last in parsed
    ]
    return (*directives, *_front_matter(document, resolve))


def _close_ranges(
    parsed: list[tuple[str, tuple[str, ...], str | None, Span, str, int, int]], last_line: int
) -> None:
    """Each disable runs to the next enable that names it (or names nothing), else to the end."""
    for index, (kind, selectors, reason, span, text, _, _) in enumerate(parsed):
        if kind != "disable":
            continue
        end = last_line
        for later_kind, later_selectors, _, later_span, *_ in parsed[index + 1 :]:
            if later_kind == "enable" and (
                not later_selectors or set(later_selectors) & set(selectors)
            ):
                end = later_span.line
                break
        parsed[index] = (kind, selectors, reason, span, text, span.line, end)


def _codes(selectors: tuple[str, ...], resolve: SelectorResolver) -> frozenset[str] | None:
    if not selectors:
        return None
    return frozenset(code for selector in selectors for code in resolve(selector))


def _front_matter(document: Document, resolve: SelectorResolver) -> list[Directive]:
    settings = document.front_matter.get("claimkit")
    if not isinstance(settings, dict) or "ignore" not in settings:
        return []
    ignore = settings["ignore"]
    selectors = tuple(str(code) for code in (ignore if isinstance(ignore, list) else [ignore]))
    reason = settings.get("reason")
    return [
        Directive(
            "file",
            selectors,
            str(reason).strip() or None if reason else None,
            _WHOLE_FILE,
            f"claimkit: {{ignore: {list(selectors)}}}",
            first_line=1,
            last_line=max(document.line_count, 1),
            codes=_codes(selectors, resolve),
        )
    ]


def suppress(findings: Iterable[Finding], directives: tuple[Directive, ...]) -> Suppression:
    """The findings no directive covers, and how many each directive covered. Every directive
    that covers a finding counts it, so that none of them is reported unused."""
    kept: list[Finding] = []
    uses = [0] * len(directives)
    suppressed = 0
    active = [(n, d) for n, d in enumerate(directives) if d.suppresses]
    for finding in findings:
        covering = [n for n, directive in active if directive.covers(finding)]
        for number in covering:
            uses[number] += 1
        if covering:
            suppressed += 1
        else:
            kept.append(finding)
    return Suppression(tuple(kept), suppressed, tuple(uses))
