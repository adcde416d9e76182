"""The ``claimkit`` command: a thin layer over the public API.

This package is the only place that prints or exits. Results go to stdout, diagnostics to
stderr. Exit codes are a contract: 0 clean, 1 problems found, 2 could not run (usage, a
missing path, an unreadable registry). Heavy modules are imported inside the commands, so
that ``claimkit --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from importlib import import_module
from types import FrameType
from typing import NoReturn

import click

from claimkit._version import __version__
from claimkit.cli._exits import EXIT_CANNOT_RUN, EXIT_CLEAN
from claimkit.errors import ClaimkitError

__all__ = ["cli", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Each subcommand, and where it is defined: imported only when it runs (or --help lists it),
# so that `claimkit --version` loads almost nothing and `claimkit lint` only what lint uses.
_SUBCOMMANDS = {
    "lint": "claimkit.cli.lint:lint_command",
    "scan": "claimkit.cli.scan:scan_command",
    "explain": "claimkit.cli.explain:explain_command",
    "report": "claimkit.cli.report:report_command",
    "rules": "claimkit.cli.rules:rules_command",
    "claims": "claimkit.cli.claims:claims_group",
    "cite": "claimkit.cli.cite:cite_group",
    "init": "claimkit.cli.init:init_command",
    "trace": "claimkit.cli.trace:trace_command",
}


class _LazyGroup(click.Group):
    """A group whose subcommands are imported when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*_SUBCOMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = _SUBCOMMANDS.get(cmd_name)
        if where is None:
            return super().get_command(ctx, cmd_name)
        module, _, name = where.partition(":")
        command: click.Command = getattr(import_module(module), name)
        return command


@click.group(cls=_LazyGroup, context_settings=CONTEXT_SETTINGS)
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
      claimkit explain article.md            why a sentence does or does not make a claim
      claimkit report article.md             an HTML review for editors, evidence included
      claimkit claims check claims/          validate the registry
      claimkit cite verify                   check the cited works exist, and are not retracted
      claimkit trace content/                which pages make which claims, on what sources
      claimkit claims list --stale           claims whose review is overdue
      claimkit claims show crying.lowers-blood-pressure

    Exit status: 0 clean, 1 problems found, 2 could not run.
    """


def main() -> None:
    """Entry point of the console script and of ``python -m claimkit``.

    Exit codes hold whatever happens: 2 for a ``ClaimkitError`` that a command did not turn
    into a message itself, and for a bug (one line, with a request to report it, and the
    traceback only with ``CLAIMKIT_DEBUG=1``); 130 after Ctrl-C and 143 after SIGTERM, with
    the worker processes stopped.
    """
    signal.signal(signal.SIGTERM, _terminated)
    try:
        status = cli.main(prog_name="claimkit", standalone_mode=False)
    except click.exceptions.Abort:  # click's form of KeyboardInterrupt
        click.echo("claimkit: interrupted", err=True)
        _exit_now(EXIT_INTERRUPTED)
    except SystemExit as stop:
        if stop.code == EXIT_TERMINATED:
            _exit_now(EXIT_TERMINATED)
        raise
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except ClaimkitError as error:
        from claimkit.output.base import printable

        click.echo(f"Error: {printable(str(error))}", err=True)
        from claimkit.core.parallel import WorkerError

        if isinstance(error, WorkerError):
            # Exit now: the interpreter's exit handlers would join the broken pool's queue
            # threads, which then print a traceback of their own after this line.
            _exit_now(EXIT_CANNOT_RUN)
        sys.exit(EXIT_CANNOT_RUN)
    except Exception as error:
        if os.environ.get("CLAIMKIT_DEBUG"):
            raise
        from claimkit.output.base import printable

        detail = printable(f"{type(error).__name__}: {error}")[:300]
        click.echo(
            f"claimkit: internal error ({detail}); this is a bug, please report it with the "
            "command you ran (CLAIMKIT_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(status if isinstance(status, int) else EXIT_CLEAN)


EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


def _terminated(signal_number: int, frame: FrameType | None) -> None:
    # Unwinds like Ctrl-C does, so that worker processes are stopped on the way out.
    raise SystemExit(EXIT_TERMINATED)


def _exit_now(status: int) -> NoReturn:
    """Exit after a signal without the interpreter's exit handlers: the workers are already
    stopped, and concurrent.futures' handler waits for a pool whose queues the stopped
    workers may have left full (seen under load: the command never ended)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)
