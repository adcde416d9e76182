"""``claimkit lint``: judge the claims articles make against the evidence."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from claimkit.cli._common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    CannotRun,
    cannot_write,
    claims_of,
    claims_option,
    config_option,
    echo_error,
    format_option,
    input_format_option,
    jobs_option,
    lock_of,
    no_such_path,
    open_workspace,
    refuse_to_overwrite,
)
from claimkit.output.base import display_path
from claimkit.output.lint import FORMATTERS

SEVERITIES = ["error", "warning", "info"]


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@claims_option
@config_option
@format_option(FORMATTERS)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="Write the report here, not stdout."
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES, "never"]),
    help="Exit 1 when a finding is at least this severe [default: error].",
)
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    help="Show findings at least this severe; what fails is --fail-on's [default: info].",
)
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (e.g. CK1,CK201).")
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path),
    help="Record the current findings in this file, and exit 0.",
)
@click.option(
    "--diff",
    "revision",
    metavar="REF",
    help="Report only findings on lines changed since git revision REF (pull requests).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the configuration's include and exclude to files named on the command line "
    "too (for pre-commit, which names every changed file).",
)
@input_format_option
@jobs_option("Lint")
def lint_command(
    paths: tuple[Path, ...],
    claims_path: Path | None,
    config_path: Path | None,
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    min_severity: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    baseline: Path | None,
    write_baseline: Path | None,
    revision: str | None,
    force_exclude: bool,
    input_format: str | None,
    jobs: int,
) -> None:
    """Check the health claims in PATHS against the evidence in the claim registry.

    Reports claims the evidence does not support (CK101), wording stronger than the
    evidence (CK102), claims denied against good evidence (CK103), avoided phrasings (CK104),
    uncited claims (CK2xx), health claims the registry does not know and absolute health
    language (CK3xx). `claimkit rules` lists them all; `claimkit rules CK101` explains one.

    \b
    Examples:
      claimkit lint content/
      claimkit lint post.md --format json --fail-on warning
      claimkit lint content/ --format sarif -o claimkit.sarif --diff origin/main
      claimkit lint content/ --write-baseline .claimkit-baseline.json

    Exit status: 0 no finding reaches --fail-on, 1 one does, 2 could not run (bad usage,
    configuration or registry, a missing path, an unreadable file).
    """
    from claimkit.core.enums import Severity
    from claimkit.core.files import write_atomically
    from claimkit.core.git import GitError, changed_lines
    from claimkit.linting.baseline import BaselineError, read_baseline
    from claimkit.linting.baseline import write_baseline as record_baseline
    from claimkit.output.lint import Output

    workspace = open_workspace(
        paths,
        config_path=config_path,
        claims_path=claims_path,
        select=_codes(select),
        ignore=_codes(ignore),
    )
    claims_of(workspace)
    lock_of(workspace)
    config = workspace.config
    try:
        files = workspace.articles(paths, force_exclude=force_exclude)
        changed = changed_lines(revision, paths) if revision is not None else None
        report = workspace.linter.lint_files(
            files,
            input_format=input_format,
            jobs=jobs,
            baseline=read_baseline(baseline) if baseline is not None else None,
            changed_lines=changed,
        )
    except FileNotFoundError as error:
        raise no_such_path(error) from None
    except (GitError, BaselineError) as error:
        raise CannotRun(str(error)) from None
    # What lint writes must never replace what it reads (`-o post.md` is a slip, not a wish);
    # rewriting the baseline it read is how a baseline is updated.
    inputs = [*files, *workspace.inputs()]
    if output is not None:
        refuse_to_overwrite(output, [*inputs, *([baseline] if baseline else [])])
    if write_baseline is not None:
        refuse_to_overwrite(write_baseline, inputs)

    for unreadable in report.errors:
        echo_error(str(unreadable))
    if write_baseline is not None:
        try:
            record_baseline(write_baseline, report.findings)
        except OSError as error:
            raise cannot_write(write_baseline, error) from None
        click.echo(
            f"Recorded {len(report.findings)} findings in {display_path(write_baseline)}.",
            err=True,
        )
        click.get_current_context().exit(EXIT_CANNOT_RUN if report.errors else EXIT_CLEAN)

    shown_from = Severity(min_severity or config.min_severity)
    shown = tuple(f for f in report.findings if f.severity >= shown_from)
    ran = tuple(type(rule) for rule in workspace.linter.settings.rules)
    rendered = FORMATTERS[output_format]().chunks(
        Output(report, shown, ran, color=output is None and output_format == "text" and _tty())
    )
    if output is None:
        for piece in rendered:
            click.echo(piece, nl=False)
    else:
        try:
            write_atomically(output, rendered)
        except OSError as error:
            raise cannot_write(output, error) from None

    threshold = fail_on or str(config.fail_on)
    failed = report.fails(None if threshold == "never" else Severity(threshold))
    if report.errors:
        click.get_current_context().exit(EXIT_CANNOT_RUN)
    click.get_current_context().exit(EXIT_PROBLEMS if failed else EXIT_CLEAN)


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select CK1,CK201 --select CK3`` -> (CK1, CK201, CK3)."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _tty() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
