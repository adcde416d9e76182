"""``--format text``: compiler-style lines for a terminal, with the suggestion under each."""

from __future__ import annotations

from collections.abc import Iterator

import click

from claimkit.core.enums import Severity
from claimkit.output.base import printable
from claimkit.output.lint.base import Formatter, Output

_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextFormatter(Formatter):
    name = "text"
    help = "path:line:col: severity CODE name message, then the suggestion."

    def chunks(self, output: Output) -> Iterator[str]:
        for f in output.shown:
            location = f"{printable(f.path)}:{f.line}:{f.column}:"
            severity = str(f.severity)
            if output.color:
                location = click.style(location, bold=True)
                severity = click.style(severity, fg=_COLOR[f.severity], bold=True)
            line = f"{location} {severity} {f.code} {f.name} {printable(f.message)}\n"
            if f.suggestion:
                line += f"    suggestion: {printable(f.suggestion)}\n"
            yield line
        yield _summary(output) + "\n"


def _summary(output: Output) -> str:
    counts = output.report.counts()
    parts = [_count(counts["error"], "error"), _count(counts["warning"], "warning")]
    parts.append(_count(counts["info"], "note"))
    files = _count(output.report.files, "file")
    text = f"Found {parts[0]}, {parts[1]} and {parts[2]} in {files}"
    extras = []
    hidden = len(output.report.findings) - len(output.shown)
    if hidden:
        extras.append(f"{hidden} below the minimum severity not shown")
    if output.report.suppressed:
        extras.append(f"{output.report.suppressed} suppressed")
    if output.report.errors:
        extras.append(f"{_count(len(output.report.errors), 'file')} could not be read")
    return text + (f" ({'; '.join(extras)})." if extras else ".")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
