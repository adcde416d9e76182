"""What every command shares: the fatal-error exit and JSON output."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claimkit._version import __version__

if TYPE_CHECKING:
    from claimkit.claims import ClaimSet
    from claimkit.problems import Problem


F = TypeVar("F", bound=Callable[..., Any])


def format_option(help_text: str) -> Callable[[F], F]:
    """``--format text|json``, the same on every command."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


def claims_option(default_help: str) -> Callable[[F], F]:
    """``--claims DIR``, the registry, the same on every command that reads one."""
    return click.option(
        "--claims",
        "registry_path",
        metavar="DIR",
        type=click.Path(path_type=Path),
        help=f"The claim registry [default: {default_help}].",
    )


INPUT_FORMATS = ["markdown", "html", "text"]

input_format_option = click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Read every file as this format instead of guessing from its extension.",
)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Configuration file [default: .claimkit.yaml or pyproject.toml, found upward].",
)
"""``--config FILE``, the same for every command that reads the configuration."""


def jobs_option(verb: str) -> Callable[[F], F]:
    """``--jobs N``: files in several processes."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=os.cpu_count() or 1,
        show_default="all cores",
        help=f"{verb} files in this many processes; output is the same as with one.",
    )


EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_CANNOT_RUN = 2


class CannotRun(click.ClickException):
    """The command could not do its job; printed as one ``Error:`` line, exit 2."""

    exit_code = EXIT_CANNOT_RUN


def echo_json(payload: dict[str, Any]) -> None:
    """Versioned JSON on stdout: ``{"claimkit": VERSION, ...}``."""
    click.echo(json.dumps({"claimkit": __version__, **payload}, indent=2, ensure_ascii=False))


def display_path(path: Path) -> str:
    """A path as users write it: forward slashes on every platform."""
    return path.as_posix()


def format_problem(problem: Problem) -> str:
    location = f"{display_path(problem.path)}:{problem.line}:{problem.column}:"
    label = "" if problem.is_error else click.style(f"{problem.severity}: ", fg="yellow")
    return f"{click.style(location, bold=True)} {label}{problem.message}"


DEFAULT_REGISTRY = Path("claims")


def registry_for(explicit: Path | None) -> Path:
    """The registry a command reads: ``--claims DIR`` if given, else ``./claims`` if it exists,
    else the bundled registry, which is announced on stderr."""
    if explicit is not None:
        return explicit
    if DEFAULT_REGISTRY.is_dir():
        return DEFAULT_REGISTRY
    from claimkit.claims import bundled_claims_path

    click.echo(
        "claimkit: no ./claims directory, using the bundled registry (claims about crying "
        "and tears); choose another with --claims DIR",
        err=True,
    )
    return bundled_claims_path()


def load_registry(directory: Path) -> ClaimSet:
    """Load the registry for a command that needs a valid one, or exit 2 saying why."""
    from claimkit.claims import load_claims
    from claimkit.errors import InvalidRegistryError, RegistryNotFoundError

    try:
        return load_claims(directory)
    except RegistryNotFoundError as error:
        raise CannotRun(str(error)) from None
    except InvalidRegistryError as error:
        for problem in error.problems:
            click.echo(format_problem(problem), err=True)
        raise CannotRun(
            f"the claim registry {display_path(directory)} is invalid "
            f"(run: claimkit claims check {display_path(directory)})"
        ) from None
