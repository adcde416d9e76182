"""What every output table shares: a format's name, its help, and its renderer."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import click

from claimkit._version import __version__
from claimkit.core import files
from claimkit.core.problems import Problem

__all__ = [
    "Format",
    "display_path",
    "format_problem",
    "format_table",
    "printable",
    "versioned_json",
]

# Characters a terminal acts on rather than shows: C0 controls but tab and newline, DEL, C1
# controls (ESC sequences set window titles, write the clipboard, hide text), and the bidi
# controls that show text in another order than it is checked in. Shown as escapes instead.
_UNPRINTABLE = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}

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


def display_path(path: Path | str) -> str:
    """A path as users write it (forward slashes), safe to print."""
    return printable(files.display_path(path))


def printable(text: str) -> str:
    """``text`` safe to show in a terminal or a log: control characters, bidi controls and
    bytes that were not UTF-8 appear as escapes (``\\x1b``) instead of acting."""
    if text.isascii() and text.isprintable():
        return text
    if any("\udc80" <= character <= "\udcff" for character in text):
        text = files.display_path(text)
    return text.translate(_UNPRINTABLE)


def format_problem(problem: Problem) -> str:
    """``path:line:column: message``, the location in bold, a warning labelled."""
    location = f"{display_path(problem.path)}:{problem.line}:{problem.column}:"
    label = (
        ""
        if problem.is_error
        else click.style(
            f"{problem.severity}: ", fg="yellow" if problem.severity == "warning" else None
        )
    )
    return f"{click.style(location, bold=True)} {label}{printable(problem.message)}"
