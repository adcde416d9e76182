"""A problem found in a claim file, with the position an editor needs to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimkit.core.enums import Severity

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Problem"]


@dataclass(frozen=True)
class Problem:
    """One problem in one claim file.

    ``line`` and ``column`` are 1-based and point at the offending key or value in the YAML
    source.
    """

    path: Path
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, int, str]:
        """File, then position, then errors before warnings."""
        return (self.path.as_posix(), self.line, self.column, -self.severity.rank, self.message)

    def __str__(self) -> str:
        label = "" if self.is_error else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}"
