"""``--format text``: compiler-style lines for a terminal, with the suggestion under each."""

from __future__ import annotations

import click

from claimkit.core.enums import Severity
from claimkit.output.base import printable
from claimkit.output.lint.base import Formatter, Output

_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextFormatter(Formatter):
    name = "text"
    help = "path:line:col: severity CODE name message, then the suggestion."

    def render(self, output: Output) -> str:
        lines = []
        for f in output.shown:
            location = f"{printable(f.path)}:{f.line}:{f.column}:"
            severity = str(f.severity)
            if output.color:
                location = click.style(location, bold=True)
                severity = click.style(severity, fg=_COLOR[f.severity], bold=True)
            lines.append(f"{location} {severity} {f.code} {f.name} {printable(f.message)}")
            if f.suggestion:
                lines.append(f"    suggestion: {printable(f.suggestion)}")
        lines.append(_summary(output))
        return "\n".join(lines) + "\n"


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
