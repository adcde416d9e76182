"""What every command shares: its options, opening the workspace, the fatal-error exit.

Heavy modules (pydantic, the registry) are imported inside the helpers, not at the top, so
that ``claimkit --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claimkit.cli._exits import EXIT_CANNOT_RUN as EXIT_CANNOT_RUN
from claimkit.cli._exits import EXIT_CLEAN as EXIT_CLEAN
from claimkit.cli._exits import EXIT_PROBLEMS as EXIT_PROBLEMS
from claimkit.output.base import display_path, printable

if TYPE_CHECKING:
    from claimkit.application import Workspace
    from claimkit.registry import ClaimSet
    from claimkit.verify.lockfile import LockFile


F = TypeVar("F", bound=Callable[..., Any])


class CannotRun(click.ClickException):
    """The command could not do its job; printed as one ``Error:`` line, exit 2."""

    exit_code = EXIT_CANNOT_RUN


def _in_sentence(text: str) -> str:
    """``text`` to follow a colon: "Findings as JSON" becomes "findings as JSON", while a name
    such as "SARIF 2.1.0" or "GitHub Actions" keeps its capitals."""
    first_word = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first_word[1:].islower() else text


def format_option(formats: Mapping[str, Any], intro: str = "") -> Callable[[F], F]:
    """``--format NAME``, its choices the command's table of formats (the first the default)."""
    described = "; ".join(
        f"{name}: {_in_sentence(fmt.help).rstrip('.')}" for name, fmt in formats.items()
    )
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(formats)),
        default=next(iter(formats)),
        show_default=True,
        help=f"{intro} {described}.".strip(),
    )


claims_option = click.option(
    "--claims",
    "claims_path",
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="The claim registry [default: the configuration's claims:, else ./claims, else the "
    "bundled one].",
)
"""``--claims DIR``, the same on every command that reads a registry."""

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Configuration file [default: .claimkit.yaml or pyproject.toml, found upward].",
)
"""``--config FILE``, the same on every command."""

INPUT_FORMATS = ["markdown", "html", "text", "docx"]

input_format_option = click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Read every file as this format instead of guessing from its extension.",
)


def jobs_option(verb: str) -> Callable[[F], F]:
    """``--jobs N``: files in several processes."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=_available_cpus,
        show_default="the CPUs this process may use",
        help=f"{verb} files in this many processes; output is the same as with one.",
    )


def _available_cpus() -> int:
    """The CPUs this process may run on (its affinity, as a container or ``taskset`` sets
    it), not all the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def open_workspace(
    paths: Sequence[Path] = (),
    *,
    config_path: Path | None = None,
    claims_path: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    lock_path: Path | None = None,
    bundled: bool = True,
) -> Workspace:
    """The workspace every command reads from (``Workspace.resolve``), or exit 2 saying why.
    Says on stderr which registry it reads when the configuration or the fallback chose it."""
    from pydantic import ValidationError

    from claimkit.application import RegistryChoice, Workspace
    from claimkit.errors import ConfigError
    from claimkit.output.base import format_problem

    try:
        workspace = Workspace.resolve(
            paths,
            config=config_path,
            claims=claims_path,
            select=select,
            ignore=ignore,
            lock=lock_path,
            bundled=bundled,
        )
    except ConfigError as error:
        for problem in error.problems:
            click.echo(format_problem(problem), err=True)
        raise CannotRun("invalid configuration") from None
    except ValidationError as error:  # an unknown rule code given on the command line
        raise CannotRun(error.errors()[0]["msg"]) from None
    registry = workspace.registry
    if registry.chosen_by is RegistryChoice.BUNDLED:
        click.echo(
            "claimkit: no ./claims directory, using the bundled registry (claims about crying "
            "and tears); choose another with --claims DIR",
            err=True,
        )
    elif registry.chosen_by is RegistryChoice.CONFIGURATION:
        click.echo(f"claimkit: using {registry.describe()}", err=True)
    return workspace


def claims_of(workspace: Workspace) -> ClaimSet:
    """The workspace's claims, for a command that needs a valid registry, or exit 2."""
    from claimkit.errors import InvalidRegistryError, RegistryNotFoundError
    from claimkit.output.base import format_problem

    where = display_path(workspace.registry.path)
    try:
        claims = workspace.claims
    except RegistryNotFoundError as error:
        raise CannotRun(str(error)) from None
    except InvalidRegistryError as error:
        for problem in error.problems:
            click.echo(format_problem(problem), err=True)
        raise CannotRun(
            f"the claim registry {where} is invalid (run: claimkit claims check {where})"
        ) from None
    for example in claims.failing_examples:
        # The run goes on: the claim matches as its rules say, which is not what its author
        # meant; `explain` shows why.
        explain = (
            f"claimkit explain --claims {shlex.quote(where)} --text {shlex.quote(example.sentence)}"
        )
        click.echo(f"{format_problem(example.problem)} (see why: {explain})", err=True)
    return claims


def lock_of(workspace: Workspace) -> LockFile | None:
    """The workspace's citation lock file, if there is one, or exit 2 if it is damaged."""
    from claimkit.verify.lockfile import LockFileError

    try:
        return workspace.lock
    except LockFileError as error:
        raise CannotRun(str(error)) from None


def no_such_path(error: FileNotFoundError) -> CannotRun:
    """The exit for a path named on the command line that does not exist."""
    return CannotRun(f"{display_path(Path(str(error)))}: no such file or directory")


def echo_error(text: str) -> None:
    """One diagnostic line on stderr, control characters in it shown, not acted on."""
    click.echo(printable(text), err=True)


def refuse_to_overwrite(target: Path, inputs: Sequence[Path]) -> None:
    """Exit 2 if ``target`` is one of the files the run reads (or is inside one of the
    directories it reads, such as the registry)."""
    try:
        resolved = target.resolve()
    except OSError:
        return
    for read in inputs:
        try:
            where = read.resolve()
        except OSError:
            continue
        if resolved == where or where in resolved.parents:
            raise CannotRun(
                f"{display_path(target)}: is one of the files this command reads; write elsewhere"
            )


def cannot_write(target: Path, error: OSError) -> CannotRun:
    """The exit for an output that cannot be written (a directory in the way, a full disk)."""
    return CannotRun(f"{display_path(target)}: cannot write it: {error.strerror or error}")


def echo_rendered(text: str) -> None:
    """A renderer's output on stdout, as it is."""
    click.echo(text, nl=False)
