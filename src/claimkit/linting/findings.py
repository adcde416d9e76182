"""What lint reports: immutable findings, gathered in a report."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from claimkit.core.enums import Severity
from claimkit.matching import Stance
from claimkit.reading import UnreadableFile

__all__ = ["Finding", "Report", "sort_findings"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place of one article.

    ``message`` says what is wrong; ``suggestion`` says what to do, with the claim's approved
    wording where it has one. Positions are 1-based; ``end_column`` is exclusive.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    suggestion: str | None = None
    claim: str | None = None
    stance: Stance | None = None
    """How the sentence makes the claim, for findings about a claim."""
    text: str = ""
    """The sentence (or directive) the finding is about."""

    @property
    def fingerprint(self) -> str:
        """Identifies the finding across edits that move it: the rule, the file, the claim and
        the words of the sentence, not the line."""
        words = " ".join(self.text.split()).casefold()
        key = "\0".join((self.code, self.path, self.claim or "", words))
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.claim or "")


def sort_findings(findings: list[Finding]) -> None:
    """Sort ``findings`` in place by ``Finding.sort_key``, one field at a time (the sort is
    stable): a key tuple for every finding at once would cost some 100 bytes each, more than
    the findings themselves when an article has millions."""
    findings.sort(key=lambda finding: finding.claim or "")
    findings.sort(key=attrgetter("code"))
    findings.sort(key=attrgetter("column"))
    findings.sort(key=attrgetter("line"))
    findings.sort(key=attrgetter("path"))


@dataclass(frozen=True)
class Report:
    """The findings of a lint run, sorted by file and position, and what could not be read."""

    findings: tuple[Finding, ...] = ()
    errors: tuple[UnreadableFile, ...] = ()
    files: int = 0
    suppressed: int = field(default=0)
    """Findings that suppression comments, front matter or a baseline removed."""

    def counts(self) -> dict[str, int]:
        """Number of findings at each severity, every severity present."""
        counter = Counter(str(finding.severity) for finding in self.findings)
        return {str(severity): counter.get(str(severity), 0) for severity in Severity}

    def fails(self, fail_on: Severity | None) -> bool:
        """Whether a finding reaches ``fail_on`` (``None``: never fail on findings)."""
        return fail_on is not None and any(f.severity >= fail_on for f in self.findings)
