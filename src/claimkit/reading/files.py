"""Finding articles in a content repository, and reading them safely.

Directories are walked for Markdown, HTML and text files; hidden files and directories and
whatever ``.gitignore`` files exclude are skipped, as git would skip them (the ``.gitignore``
files of the directory's ancestors up to the repository root count too). A file named
explicitly is always read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

__all__ = ["InputError", "UnreadableFile", "discover_articles", "read_article"]

MAX_ARTICLE_BYTES = 32_000_000
_BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class UnreadableFile:
    """An input file that could not be read, and why; the others still were."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class InputError(Exception):
    """A file could not be read as an article; ``line`` and ``column`` say where, if known."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_article(path: Path) -> str:
    """The text of an article file, or ``InputError`` saying why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(
                f"the file is {size / 1_000_000:.1f} MB; articles larger than "
                f"{MAX_ARTICLE_BYTES // 1_000_000} MB are not read"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}") from None
    return decode_utf8(raw)


def decode_utf8(raw: bytes) -> str:
    """UTF-8 text (a byte-order mark allowed), or ``InputError`` at the first bad byte."""
    if b"\x00" in raw[:_BINARY_SNIFF_BYTES]:
        raise InputError("this is a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8-sig", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02X}); save the file as UTF-8",
            line,
            column,
        ) from None


def discover_articles(paths: Iterable[Path], suffixes: Iterable[str]) -> Iterator[Path]:
    """The article files under ``paths``, in a stable order, each once.

    ``FileNotFoundError`` for a path that does not exist.
    """
    wanted = frozenset(suffix.lower() for suffix in suffixes)
    seen: set[Path] = set()
    for path in paths:
        if path.is_file():
            found: Iterable[Path] = [path]
        elif path.is_dir():
            found = _walk(path, wanted)
        else:
            raise FileNotFoundError(path)
        for file in found:
            key = Path(os.path.normpath(file.absolute()))  # cheaper than resolve() per file
            if key not in seen:
                seen.add(key)
                yield file


def _walk(root: Path, wanted: frozenset[str]) -> Iterator[Path]:
    ignores = _ancestor_ignores(root)
    for directory, subdirectories, files in os.walk(root):
        here = Path(directory)
        own = _ignore_file(here)
        if own is not None:
            ignores = [*ignores, (here, own)]
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if not name.startswith(".") and not _ignored(here / name, ignores, is_dir=True)
        )
        for name in sorted(files):
            file = here / name
            if (
                not name.startswith(".")
                and file.suffix.lower() in wanted
                and not _ignored(file, ignores, is_dir=False)
            ):
                yield file


IgnoreRules = list[tuple[Path, pathspec.GitIgnoreSpec]]


def _ignore_file(directory: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = (
            (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
        )
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _ancestor_ignores(root: Path) -> IgnoreRules:
    """The .gitignore rules of ``root``'s ancestors, up to the repository root."""
    if (root / ".git").exists():
        return []
    ancestors: IgnoreRules = []
    for directory in root.resolve().parents:
        spec = _ignore_file(directory)
        if spec is not None:
            ancestors.append((directory, spec))
        if (directory / ".git").exists():
            break
    else:
        return []  # not inside a git repository: its ancestors' ignore files do not apply
    return ancestors[::-1]


def _ignored(path: Path, ignores: IgnoreRules, *, is_dir: bool) -> bool:
    """As git decides: the deepest .gitignore with a rule for the path wins, so that a
    nested ``!keep.md`` can re-include what an outer file ignores."""
    absolute = path.resolve()
    for base, spec in reversed(ignores):
        try:
            relative = absolute.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
        decision: bool | None = spec.check_file(relative + ("/" if is_dir else "")).include
        if decision is not None:
            return decision
    return False


REPORT_GENERATOR = '<meta name="generator" content="claimkit '
"""What marks an HTML file as a review report claimkit wrote (``claimkit report``)."""


def is_claimkit_report(path: Path) -> bool:
    """Whether ``path`` is a report claimkit wrote: found in a content directory, it is not an
    article (it would repeat the findings of the articles it reviews)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with path.open("rb") as file:
            head = file.read(2048)
    except OSError:
        return False
    return REPORT_GENERATOR.encode() in head
