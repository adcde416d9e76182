"""Suppressions: inline directives, front matter, and the baseline.

Directives are HTML comments, so that they never show in the published article:

- ``<!-- claimkit-ignore CK102 reason="..." -->`` — the next block (paragraph, heading, list
  item, table cell);
- ``<!-- claimkit-disable CK101 CK2 reason="..." -->`` ... ``<!-- claimkit-enable -->`` — the
  lines between (to the end of the file without an ``enable``);
- front matter ``claimkit: {ignore: [CK201], reason: "..."}`` — the whole file.

Codes may be exact (``CK101``), prefixes (``CK1``) or rule names (``unsupported-claim``); no
code means every rule. Each directive counts what it suppressed, so that unused ones (CK901)
and ones without a reason (CK902) can be reported: suppressions are an editor's audit trail.

The baseline is a file of finding fingerprints (rule, file, claim and sentence words, not
line numbers), so that a finding recorded there stays suppressed when unrelated edits move it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimkit._version import __version__
from claimkit.document import Document, Span
from claimkit.errors import ClaimkitError
from claimkit.findings import Finding
from claimkit.rules import resolve_selector

__all__ = [
    "BaselineError",
    "Directive",
    "apply_baseline",
    "directives_of",
    "read_baseline",
    "suppress",
    "write_baseline",
]

_DIRECTIVE = re.compile(r"^claimkit-(ignore|disable|enable)\b(.*)$", re.DOTALL)
_REASON = re.compile(r"""\breason\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_WHOLE_FILE = Span(1, 1, 1, 1)


@dataclass
class Directive:
    """One suppression, where it is written, and what it covers."""

    kind: str
    """ignore, disable, enable or file (front matter)."""
    selectors: tuple[str, ...]
    reason: str | None
    span: Span
    text: str
    first_line: int = 0
    last_line: int = -1
    used: int = 0

    @property
    def suppresses(self) -> bool:
        return self.kind != "enable"

    def covers(self, finding: Finding) -> bool:
        if not self.first_line <= finding.line <= self.last_line:
            return False
        return not self.selectors or any(
            finding.code in resolve_selector(selector) for selector in self.selectors
        )

    def describe(self) -> str:
        codes = " ".join(self.selectors) or "all rules"
        if self.kind == "file":
            return f"front matter claimkit.ignore ({codes})"
        return f"claimkit-{self.kind} ({codes})"


def directives_of(document: Document) -> list[Directive]:
    """The document's suppression directives, each with the lines it covers."""
    directives = []
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
        directives.append(
            Directive(
                kind,
                selectors,
                (reason or "").strip() or None,
                comment.span,
                f"<!-- {comment.text} -->",
            )
        )
        if kind == "ignore" and comment.next_paragraph is not None:
            lines = [
                (s.span.line, s.span.end_line)
                for s in document.sentences
                if s.paragraph == comment.next_paragraph
            ]
            directives[-1].first_line = min(start for start, _ in lines)
            directives[-1].last_line = max(end for _, end in lines)
    _close_ranges(directives, document.line_count)
    directives.extend(_front_matter(document))
    return directives


def _close_ranges(directives: list[Directive], last_line: int) -> None:
    """Each disable runs to the next enable that names it (or names nothing), else to the end."""
    for index, directive in enumerate(directives):
        if directive.kind != "disable":
            continue
        directive.first_line = directive.span.line
        directive.last_line = last_line
        for later in directives[index + 1 :]:
            if later.kind == "enable" and (
                not later.selectors or set(later.selectors) & set(directive.selectors)
            ):
                directive.last_line = later.span.line
                break


def _front_matter(document: Document) -> list[Directive]:
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
        )
    ]


def suppress(findings: Iterable[Finding], directives: list[Directive]) -> tuple[list[Finding], int]:
    """The findings no directive covers, and how many were suppressed. Every directive that
    covers a finding counts it, so that none of them is reported unused."""
    kept, suppressed = [], 0
    for finding in findings:
        covering = [d for d in directives if d.suppresses and d.covers(finding)]
        for directive in covering:
            directive.used += 1
        if covering:
            suppressed += 1
        else:
            kept.append(finding)
    return kept, suppressed


class BaselineError(ClaimkitError):
    """The baseline file cannot be read."""


def read_baseline(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline accepts."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter(entry["fingerprint"] for entry in data["findings"])
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot read the baseline: {error.strerror or error}"
        ) from None
    except (ValueError, KeyError, TypeError):
        raise BaselineError(
            f"{path}: not a claimkit baseline (write one with --write-baseline)"
        ) from None


def write_baseline(path: Path, findings: Iterable[Finding]) -> None:
    entries = [
        {
            "fingerprint": f.fingerprint,
            "path": f.path,
            "code": f.code,
            "claim": f.claim,
            "text": f.text,
        }
        for f in findings
    ]
    payload = {"claimkit": __version__, "findings": entries}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def apply_baseline(
    findings: Iterable[Finding], baseline: Counter[str]
) -> tuple[list[Finding], int]:
    """The findings the baseline does not account for, and how many it did. A fingerprint
    recorded twice accepts two findings, not more."""
    remaining = Counter(baseline)
    kept, known = [], 0
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            known += 1
        else:
            kept.append(finding)
    return kept, known
