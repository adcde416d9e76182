"""``claimkit lint``: judge the claims articles make against the evidence."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from claimkit.claims import ClaimSet
    from claimkit.config import Config
    from claimkit.verify.lockfile import LockFile

from claimkit.cli._common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    CannotRun,
    claims_option,
    config_option,
    display_path,
    format_problem,
    input_format_option,
    jobs_option,
    load_registry,
    registry_for,
)

FORMATS = ["text", "json", "sarif", "github", "gitlab"]
SEVERITIES = ["error", "warning", "info"]


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select CK1,CK201 --select CK3`` -> (CK1, CK201, CK3)."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@claims_option("the configuration's, else ./claims, else the bundled one")
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people; json for programs; sarif for code scanning; github and gitlab "
    "for CI annotations.",
)
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
    registry_path: Path | None,
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
    from claimkit._gitdiff import GitError, changed_lines
    from claimkit._suppress import BaselineError
    from claimkit._suppress import write_baseline as record_baseline
    from claimkit.findings import Severity
    from claimkit.formatters import FORMATTERS, Output
    from claimkit.linter import lint_paths, selected_rules

    config = load_lint_config(paths, config_path, select, ignore)
    _, registry, lock = load_registry_and_lock(registry_path, config)
    try:
        changed = changed_lines(revision, paths) if revision else None
        report = lint_paths(
            paths,
            registry,
            config=config,
            input_format=input_format,
            jobs=jobs,
            baseline=baseline,
            changed_lines=changed,
            lock=lock,
            force_exclude=force_exclude,
        )
    except FileNotFoundError as error:
        raise CannotRun(f"{display_path(Path(str(error)))}: no such file or directory") from None
    except (GitError, BaselineError) as error:
        raise CannotRun(str(error)) from None

    for unreadable in report.errors:
        click.echo(str(unreadable), err=True)
    if write_baseline is not None:
        record_baseline(write_baseline, report.findings)
        click.echo(
            f"Recorded {len(report.findings)} findings in {display_path(write_baseline)}.",
            err=True,
        )
        click.get_current_context().exit(EXIT_CANNOT_RUN if report.errors else EXIT_CLEAN)

    shown_from = Severity(min_severity or config.min_severity)
    shown = tuple(f for f in report.findings if f.severity >= shown_from)
    ran = tuple(selected_rules(config))
    rendered = FORMATTERS[output_format]().render(
        Output(report, shown, ran, color=output is None and output_format == "text" and _tty())
    )
    if output is None:
        click.echo(rendered, nl=False)
    else:
        output.write_text(rendered, encoding="utf-8")

    threshold = fail_on or str(config.fail_on)
    failed = report.fails(None if threshold == "never" else Severity(threshold))
    if report.errors:
        click.get_current_context().exit(EXIT_CANNOT_RUN)
    click.get_current_context().exit(EXIT_PROBLEMS if failed else EXIT_CLEAN)


def load_lint_config(
    paths: tuple[Path, ...],
    config_path: Path | None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> Config:
    """The configuration that applies to ``paths``, with --select and --ignore applied;
    ``CannotRun`` when it is invalid (its problems printed first)."""
    from pydantic import ValidationError

    from claimkit.config import find_config, load_config
    from claimkit.errors import ConfigError

    try:
        config = load_config(config_path if config_path else find_config(paths))
        overrides: dict[str, object] = {}
        if select:
            overrides["select"] = _codes(select)
        if ignore:
            overrides["ignore"] = (*config.ignore, *_codes(ignore))
        if overrides:
            config = (
                type(config)
                .model_validate({**config.model_dump(by_alias=True), **overrides})
                .model_copy(update={"path": config.path, "rule_options": config.rule_options})
            )
    except ConfigError as error:
        for problem in error.problems:
            click.echo(format_problem(problem), err=True)
        raise CannotRun("invalid configuration") from None
    except ValidationError as error:  # an unknown code given on the command line
        raise CannotRun(error.errors()[0]["msg"]) from None
    return config


def load_registry_and_lock(
    registry_path: Path | None, config: Config
) -> tuple[Path, ClaimSet, LockFile | None]:
    """The registry (--claims, the configuration's, ./claims or the bundled one), its
    directory, and the citation lock file beside it when there is one."""
    from claimkit.verify import lock_path_for
    from claimkit.verify.lockfile import LockFile, LockFileError

    if registry_path is None and config.claims is not None:
        registry_path = config.base / config.claims
    registry_dir = registry_for(registry_path)
    registry = load_registry(registry_dir)
    try:
        lock_file = lock_path_for(registry_dir, config)
        lock = LockFile.read(lock_file) if lock_file.is_file() else None
    except LockFileError as error:
        raise CannotRun(str(error)) from None
    return registry_dir, registry, lock


def _tty() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
