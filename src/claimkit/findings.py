"""What lint reports: immutable findings, gathered in a report."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from claimkit._enums import RankedStrEnum

__all__ = ["FileError", "Finding", "Report", "Severity"]


class Severity(RankedStrEnum):
    """How serious a problem or finding is: ``INFO < WARNING < ERROR``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


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
    stance: str | None = None
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


@dataclass(frozen=True)
class Report:
    """The findings of a lint run, sorted by file and position, and what could not be read."""

    findings: tuple[Finding, ...] = ()
    errors: tuple[FileError, ...] = ()
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


@dataclass(frozen=True, slots=True)
class FileError:
    """An input file that could not be read; the others still were."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
