"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff."""

from __future__ import annotations

from claimkit.core.enums import Severity
from claimkit.output.base import printable
from claimkit.output.lint.base import Formatter, Output

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class GithubFormatter(Formatter):
    name = "github"
    help = "GitHub Actions annotations (::error file=...,line=...::message)."

    def render(self, output: Output) -> str:
        lines = []
        for f in output.shown:
            properties = ",".join(
                f"{key}={_property(str(value))}"
                for key, value in (
                    ("file", f.path),
                    ("line", f.line),
                    ("col", f.column),
                    ("endLine", f.end_line),
                    ("endColumn", f.end_column),
                    ("title", f"{f.code} {f.name}"),
                )
            )
            message = f.message + (f"\n{f.suggestion}" if f.suggestion else "")
            lines.append(f"::{_COMMAND[f.severity]} {properties}::{_data(message)}")
        return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)  # the log shows, and a terminal may replay, what is echoed


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
