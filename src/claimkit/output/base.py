"""What every output table shares: a format's name, its help, and its renderer."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import click

from claimkit._version import __version__
from claimkit.core.problems import Problem

__all__ = ["Format", "display_path", "format_problem", "format_table", "versioned_json"]

Result = TypeVar("Result")


@dataclass(frozen=True)
class Format(Generic[Result]):
    """One output format of one command."""

    name: str
    help: str
    render: Callable[[Result], str]


def format_table(*formats: Format[Result]) -> dict[str, Format[Result]]:
    """A command's formats by name, in the order given (the first is the default)."""
    return {format_.name: format_ for format_ in formats}


def versioned_json(payload: Mapping[str, Any]) -> str:
    """``{"claimkit": VERSION, ...}``, indented, with a final newline."""
    return json.dumps({"claimkit": __version__, **payload}, indent=2, ensure_ascii=False) + "\n"


def display_path(path: Path) -> str:
    """A path as users write it: forward slashes on every platform."""
    return path.as_posix()


def format_problem(problem: Problem) -> str:
    """``path:line:column: message``, the location in bold, a warning labelled."""
    location = f"{display_path(problem.path)}:{problem.line}:{problem.column}:"
    label = "" if problem.is_error else click.style(f"{problem.severity}: ", fg="yellow")
    return f"{click.style(location, bold=True)} {label}{problem.message}"
