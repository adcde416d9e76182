"""``claimkit lint --format``: output formats for lint reports, each a small class, chosen by
name from ``FORMATTERS``."""

from __future__ import annotations

from claimkit.output.lint.base import Formatter, Output
from claimkit.output.lint.github import GithubFormatter
from claimkit.output.lint.gitlab import GitlabFormatter
from claimkit.output.lint.json import JsonFormatter
from claimkit.output.lint.sarif import SarifFormatter
from claimkit.output.lint.text import TextFormatter

__all__ = ["FORMATTERS", "Formatter", "Output"]

FORMATTERS: dict[str, type[Formatter]] = {
    formatter.name: formatter
    for formatter in (
        TextFormatter,
        JsonFormatter,
        SarifFormatter,
        GithubFormatter,
        GitlabFormatter,
    )
}
