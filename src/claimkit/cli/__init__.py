"""The ``claimkit`` command: a thin layer over the public API.

This package is the only place that prints or exits. Results go to stdout, diagnostics to
stderr. Exit codes are a contract: 0 clean, 1 problems found, 2 could not run (usage, a
missing path, an unreadable registry). Heavy modules are imported inside the commands, so
that ``claimkit --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import click

from claimkit._version import __version__
from claimkit.cli.cite import cite_group
from claimkit.cli.claims import claims_group
from claimkit.cli.init import init_command
from claimkit.cli.lint import lint_command
from claimkit.cli.report import report_command
from claimkit.cli.rules import rules_command
from claimkit.cli.scan import scan_command
from claimkit.cli.trace import trace_command

__all__ = ["cli", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="claimkit")
def cli() -> None:
    """Check health claims in articles against a reviewed registry of evidence.

    Each claim ("crying lowers blood pressure") is a YAML file in a claims/ directory: the
    canonical statement, the certainty of the evidence (GRADE), a verdict, citations, and the
    wording an article may and may not use. Editors review these files like code.

    \b
    Examples:
      claimkit init                          set a content repository up for claimkit
      claimkit lint content/                 check articles against the evidence
      claimkit scan article.md               the claims an article makes
      claimkit report article.md             an HTML review for editors, evidence included
      claimkit claims check claims/          validate the registry
      claimkit cite verify                   check the cited works exist, and are not retracted
      claimkit trace content/                which pages make which claims, on what sources
      claimkit claims list --stale           claims whose review is overdue
      claimkit claims show crying.lowers-blood-pressure

    Exit status: 0 clean, 1 problems found, 2 could not run.
    """


cli.add_command(lint_command)
cli.add_command(scan_command)
cli.add_command(report_command)
cli.add_command(rules_command)
cli.add_command(claims_group)
cli.add_command(cite_group)
cli.add_command(init_command)
cli.add_command(trace_command)


def main() -> None:
    """Entry point of the console script and of ``python -m claimkit``."""
    cli(prog_name="claimkit")
