"""Finding articles in a content repository, and reading them safely.

Directories are walked for Markdown, HTML and text files; hidden files and directories and
whatever ``.gitignore`` files exclude are skipped, as git would skip them (the ``.gitignore``
files of the directory's ancestors up to the repository root count too), and so are links
that lead outside the directory. A file named explicitly is always read. Only regular files
are read, and at most ``MAX_ARTICLE_BYTES`` of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from claimkit.core.files import FileReadError, read_limited
from claimkit.core.seal import SEAL_WITHIN, is_sealed

__all__ = [
    "InputError",
    "UnreadableFile",
    "crashed",
    "discover_articles",
    "is_claimkit_report",
    "read_article",
]

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


def crashed(path: str, error: Exception) -> UnreadableFile:
    """What to report when claimkit itself failed on a file: a bug, which the user should
    see as such, while the other files are still read."""
    detail = f"{type(error).__name__}: {error}"[:200]
    return UnreadableFile(
        path, 1, 1, f"claimkit failed on this file ({detail}); please report this as a bug"
    )


class InputError(Exception):
    """A file could not be read as an article; ``line`` and ``column`` say where, if known."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_article(path: Path) -> str:
    """The text of an article file, or ``InputError`` saying why it cannot be read: only a
    regular file of at most ``MAX_ARTICLE_BYTES`` is read."""
    try:
        raw = read_limited(path, MAX_ARTICLE_BYTES, what="article")
    except FileReadError as error:
        raise InputError(str(error)) from None
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
        if path.is_dir():
            found: Iterable[Path] = _walk(path, wanted)
        elif path.exists():  # named: read, or said why not (a FIFO, a device)
            found = [path]
        else:
            raise FileNotFoundError(path)
        for file in found:
            key = Path(os.path.normpath(file.absolute()))  # cheaper than resolve() per file
            if key not in seen:
                seen.add(key)
                yield file


def _walk(root: Path, wanted: frozenset[str]) -> Iterator[Path]:
    # Links are followed only inside the tree: a link to /etc/passwd or to another checkout
    # is not content under review, and a report must never embed it. (os.walk does not
    # descend into linked directories.)
    inside = root.resolve()
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
                and (not file.is_symlink() or inside in file.resolve().parents)
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


def is_claimkit_report(path: Path) -> bool:
    """Whether ``path`` is a review report claimkit wrote on this machine and nobody changed:
    found in a content directory, it is not an article (it would repeat the findings of the
    articles it reviews). Decided by the report's seal (``claimkit.core.seal``), which an
    article cannot fake."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        head = read_limited(path, SEAL_WITHIN, head_only=True)
        if b'name="claimkit-seal"' not in head:
            return False
        return is_sealed(read_limited(path, MAX_ARTICLE_BYTES, what="file"))
    except FileReadError:
        return False
