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
import sys
from array import array
from bisect import bisect_left, bisect_right
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


@dataclass(frozen=True, slots=True)
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
    parsed: list[_Parsed] = []
    seen_selectors: dict[tuple[str, ...], tuple[str, ...]] = {}
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
        # An article repeats the same few directives: one copy of each part, not one each.
        selectors = seen_selectors.setdefault(selectors, selectors)
        reason = sys.intern((reason or "").strip()) or None
        text = sys.intern(f"<!-- {comment.text} -->")
        target = comment.next_paragraph if kind == "ignore" else None
        parsed.append(
            _Parsed(
                sys.intern(kind),
                selectors,
                reason,
                comment.span,
                text,
                target,
            )
        )
    lines = _paragraph_lines(document, {d.target for d in parsed if d.target is not None})
    for directive in parsed:
        if directive.target is not None:
            directive.first, directive.last = lines.get(directive.target, (0, -1))
    _close_ranges(parsed, document.line_count)
    codes: dict[tuple[str, ...], frozenset[str] | None] = {}  # many directives name the same
    directives = []
    for d in parsed:
        if d.selectors not in codes:
            codes[d.selectors] = _codes(d.selectors, resolve)
        directives.append(
            Directive(
                d.kind, d.selectors, d.reason, d.span, d.text, d.first, d.last, codes[d.selectors]
            )
        )
    return (*directives, *_front_matter(document, resolve))


class _Parsed:
    """A directive as written, before its lines are known."""

    __slots__ = (
        "first",
        "is_open",
        "kind",
        "last",
        "reason",
        "selectors",
        "span",
        "target",
        "text",
    )

    def __init__(
        self,
        kind: str,
        selectors: tuple[str, ...],
        reason: str | None,
        span: Span,
        text: str,
        target: int | None,
    ) -> None:
        self.kind = kind
        self.selectors = selectors
        self.reason = reason
        self.span = span
        self.text = text
        self.target = target
        """The paragraph an ignore covers."""
        self.first, self.last = 0, -1  # no lines
        self.is_open = False


def _paragraph_lines(document: Document, paragraphs: set[int]) -> dict[int, tuple[int, int]]:
    """The first and last line of each of ``paragraphs``, in one pass over the sentences (a
    paragraph without a sentence, such as a lone citation key, has none)."""
    lines: dict[int, tuple[int, int]] = {}
    if not paragraphs:
        return lines
    last_wanted = max(paragraphs)
    for sentence in document.sentences:
        paragraph = sentence.paragraph
        if paragraph > last_wanted:
            break
        if paragraph in paragraphs:
            span = sentence.span
            first, last = lines.get(paragraph, (span.line, span.end_line))
            lines[paragraph] = (min(first, span.line), max(last, span.end_line))
    return lines


def _close_ranges(parsed: list[_Parsed], last_line: int) -> None:
    """Each disable runs to the next enable that names it (or names nothing), else to the end.
    Open disables are found by the selectors they name, so that each is closed once."""
    open_disables: list[_Parsed] = []
    by_selector: dict[str, list[_Parsed]] = {}
    for directive in parsed:
        if directive.kind == "disable":
            directive.first, directive.last = directive.span.line, last_line
            directive.is_open = True
            open_disables.append(directive)
            for selector in set(directive.selectors):
                by_selector.setdefault(selector, []).append(directive)
        elif directive.kind == "enable":
            if directive.selectors:
                ending = [
                    disable
                    for selector in set(directive.selectors)
                    for disable in by_selector.pop(selector, ())
                ]
            else:
                ending, open_disables = open_disables, []
                by_selector.clear()
            for disable in ending:
                if disable.is_open:  # else an earlier enable closed it
                    disable.is_open = False
                    disable.last = directive.span.line


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
    that covers a finding counts it, so that none of them is reported unused.

    The lines the directives cover are merged into sorted ranges, for every rule and for each
    rule named, so that each finding is checked with two binary searches as it comes and a
    covered one is dropped at once: an article of a million ignored claims never holds them.
    Only the line of each finding is kept, to count afterwards how many each directive
    covered, again by binary search: no finding is compared with every directive."""
    every_rule: list[tuple[int, int]] = []
    by_rule: dict[str, list[tuple[int, int]]] = {}
    for directive in directives:
        if directive.suppresses and directive.first_line <= directive.last_line:
            lines = (directive.first_line, directive.last_line)
            if directive.codes is None:
                every_rule.append(lines)
            else:
                for code in directive.codes:
                    by_rule.setdefault(code, []).append(lines)
    covering_all = _Ranges(every_rule)
    covering = {code: _Ranges(ranges) for code, ranges in by_rule.items()}
    kept: list[Finding] = []
    lines_by_code: dict[str, array[int]] = {}
    suppressed = 0
    for finding in findings:
        lines_by_code.setdefault(finding.code, array("q")).append(finding.line)
        code_ranges = covering.get(finding.code)
        if finding.line in covering_all or (
            code_ranges is not None and finding.line in code_ranges
        ):
            suppressed += 1
        else:
            kept.append(finding)
    sorted_by_code = {code: _in_order(lines) for code, lines in lines_by_code.items()}
    if len(sorted_by_code) == 1:  # one rule's findings, as the linter passes them
        all_sorted = next(iter(sorted_by_code.values()))
    else:
        all_sorted = _in_order(array("q", (n for lines in sorted_by_code.values() for n in lines)))
    uses = [0] * len(directives)
    for number, directive in enumerate(directives):
        first, last = directive.first_line, directive.last_line
        if not directive.suppresses or first > last:
            continue
        if directive.codes is None:
            uses[number] = bisect_right(all_sorted, last) - bisect_left(all_sorted, first)
        else:
            uses[number] = sum(
                bisect_right(lines, last) - bisect_left(lines, first)
                for lines in (sorted_by_code.get(code, ()) for code in directive.codes)
            )
    return Suppression(tuple(kept), suppressed, tuple(uses))


def _in_order(lines: array[int]) -> array[int]:
    """``lines`` sorted; as they are when a rule reports in reading order, without the list of
    a million numbers that sorting them would build."""
    if all(lines[i] <= lines[i + 1] for i in range(len(lines) - 1)):
        return lines
    return array("q", sorted(lines))


class _Ranges:
    """Line ranges, merged where they meet, for asking whether they hold a line."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._starts, self._ends = array("q"), array("q")
        for first, last in sorted(ranges):
            if self._ends and first <= self._ends[-1] + 1:
                self._ends[-1] = max(self._ends[-1], last)
            else:
                self._starts.append(first)
                self._ends.append(last)

    def __contains__(self, line: int) -> bool:
        at = bisect_right(self._starts, line) - 1
        return at >= 0 and line <= self._ends[at]
