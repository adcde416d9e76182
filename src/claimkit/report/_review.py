"""What a report shows: each article's source, the claims it makes and lint's findings."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimkit.core.files import display_path
from claimkit.linting import Finding, Linter
from claimkit.matching import Occurrence
from claimkit.reading import (
    Document,
    InputError,
    InputFormat,
    UnreadableFile,
    crashed,
    docx_paragraphs,
    format_for_path,
    parse_document,
    parse_docx_paragraphs,
    read_article,
)
from claimkit.registry import ClaimSet

__all__ = ["ArticleReview", "RegistryInfo", "describe_registry", "review_paths", "review_text"]


@dataclass(frozen=True)
class ArticleReview:
    """One article as the report shows it: its source, the claims it makes, lint's findings."""

    path: str
    source: str
    format: InputFormat
    document: Document
    occurrences: tuple[Occurrence, ...]
    findings: tuple[Finding, ...]
    prose_ranges: tuple[tuple[int, int], ...]
    """Where prose stands verbatim in ``source``: where the report may mark it."""

    @property
    def title(self) -> str:
        return self.document.title or self.path


@dataclass(frozen=True)
class RegistryInfo:
    """Which registry judged the articles, so that a printed review can be traced back."""

    path: str
    claims: int
    digest: str
    """The first 12 hex digits of a SHA-256 over the claim files' names and contents."""
    revision: str | None = None
    """The last git commit that touched the registry, with "+ changes" when it has some."""


def review_text(
    text: str,
    linter: Linter,
    *,
    input_format: InputFormat | str = InputFormat.MARKDOWN,
    path: str = "<text>",
) -> ArticleReview:
    """Review one article given as text."""
    text = text.removeprefix("\ufeff")
    chosen = InputFormat(input_format)
    prose_ranges: list[tuple[int, int]] = []
    document = parse_document(text, chosen, prose_ranges=prose_ranges)
    linted = linter.lint_document(document, path)
    return ArticleReview(
        path,
        text,
        chosen,
        document,
        linted.occurrences,
        linted.findings,
        tuple(prose_ranges),
    )


def _review_docx(file: Path, linter: Linter, path: str) -> ArticleReview:
    """Review a Word document: its paragraphs, one per line of the text the report shows."""
    prose_ranges: list[tuple[int, int]] = []
    source, document = parse_docx_paragraphs(docx_paragraphs(file), prose_ranges)
    linted = linter.lint_document(document, path)
    return ArticleReview(
        path,
        source,
        InputFormat.DOCX,
        document,
        linted.occurrences,
        linted.findings,
        tuple(prose_ranges),
    )


def review_paths(
    files: Iterable[Path],
    linter: Linter,
    *,
    input_format: InputFormat | str | None = None,
) -> tuple[list[ArticleReview], list[UnreadableFile]]:
    """Review article ``files`` (as ``Workspace.articles`` chooses them); and the files that
    could not be read."""
    reviews: list[ArticleReview] = []
    errors: list[UnreadableFile] = []
    for file in files:
        shown = display_path(file)
        chosen = InputFormat(input_format) if input_format else format_for_path(file)
        if chosen is None:
            errors.append(UnreadableFile(shown, 1, 1, "unknown article format"))
            continue
        try:
            if chosen is InputFormat.DOCX:
                reviews.append(_review_docx(file, linter, shown))
                continue
            text = read_article(file)
            reviews.append(review_text(text, linter, input_format=chosen, path=shown))
        except InputError as error:
            errors.append(UnreadableFile(shown, error.line, error.column, error.message))
        except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
            errors.append(crashed(shown, error))
    return reviews, errors


def describe_registry(path: Path, claims: ClaimSet) -> RegistryInfo:
    """The registry's size, a digest of its files, and its git revision when it has one."""
    digest = hashlib.sha256()
    files = (
        sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")) if path.is_dir() else []
    )
    for file in files:
        digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return RegistryInfo(_shown(path), len(claims), digest.hexdigest()[:12], _git_revision(path))


def _git_revision(path: Path) -> str | None:
    directory = path if path.is_dir() else path.parent
    try:
        last = subprocess.run(
            ["git", "log", "-1", "--format=%h", "--", "."],  # noqa: S607 - git from PATH, as users run it
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if last.returncode != 0 or not last.stdout.strip():
            return None
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", "."],  # noqa: S607
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    revision = last.stdout.strip()
    return f"{revision} + changes" if changes.stdout.strip() else revision


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()
