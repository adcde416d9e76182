"""What every output format shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Iterator

    from claimkit.linting.findings import Finding, Report
    from claimkit.linting.rules import Rule


@dataclass(frozen=True)
class Output:
    """What a formatter renders: the report, the findings to show (already filtered by
    ``--min-severity``), the rules that ran, and the directory paths are relative to."""

    report: Report
    shown: tuple[Finding, ...]
    rules: tuple[type[Rule], ...]
    root: Path = field(default_factory=Path.cwd)
    color: bool = False


class Formatter:
    """One output format. Subclasses set ``name`` and write ``chunks``, or ``render`` for a
    format that can only be written whole (each of the two is made from the other)."""

    name: ClassVar[str]
    help: ClassVar[str]

    def render(self, output: Output) -> str:
        """The whole output as one string."""
        return "".join(self.chunks(output))

    def chunks(self, output: Output) -> Iterator[str]:
        """The output a piece at a time, for writing as it is made: a report of a million
        findings is never held whole, as a string and as data, on top of the findings."""
        yield self.render(output)
