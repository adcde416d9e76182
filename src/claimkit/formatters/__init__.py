"""Output formats for lint reports, each a small class, chosen by name."""

from __future__ import annotations

from claimkit.formatters.base import Formatter, Output
from claimkit.formatters.github import GithubFormatter
from claimkit.formatters.gitlab import GitlabFormatter
from claimkit.formatters.json import JsonFormatter
from claimkit.formatters.sarif import SarifFormatter
from claimkit.formatters.text import TextFormatter

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
