"""Lint in-process: ``lint_text`` and ``lint_paths``, for a CMS or a script.

Both take a ``Config`` (the defaults when ``None``) and resolve it as every command does
(``lint_settings``, ``ArticleSelection``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from claimkit.application.workspace import ArticleSelection, lint_settings
from claimkit.config import Config
from claimkit.linting import Linter, Report
from claimkit.linting.baseline import read_baseline
from claimkit.reading import InputFormat, parse_document
from claimkit.registry import ClaimSet
from claimkit.verify.lockfile import LockFile

__all__ = ["lint_paths", "lint_text"]


def lint_text(
    text: str,
    claims: ClaimSet,
    *,
    format: InputFormat | str = InputFormat.MARKDOWN,  # noqa: A002 - the name users expect
    path: str = "<text>",
    config: Config | None = None,
    lock: LockFile | None = None,
) -> Report:
    """Lint one article given as text. ``lock`` is the citation lock file
    (``LockFile.read``), for the citation rules CK204 and CK205."""
    linter = Linter(claims, lint_settings(config or Config()), lock)
    linted = linter.lint_document(parse_document(text, format), path)
    return Report(linted.findings, (), 1, linted.suppressed)


def lint_paths(
    paths: Iterable[str | Path],
    claims: ClaimSet,
    *,
    config: Config | None = None,
    input_format: InputFormat | str | None = None,
    jobs: int = 1,
    baseline: Path | None = None,
    changed_lines: Mapping[str, Collection[int]] | None = None,
    lock: LockFile | None = None,
    force_exclude: bool = False,
) -> Report:
    """Lint files and directories, in ``jobs`` processes (the result does not depend on it).

    ``baseline`` is a file of accepted findings (``write_baseline``): those are left out.
    ``changed_lines`` maps resolved file paths to the line numbers changed in them: only
    findings touching those lines are kept (pull-request mode). ``FileNotFoundError`` for a
    path that does not exist; ``BaselineError`` for an unreadable baseline. With
    ``force_exclude``, the configuration's ``include`` and ``exclude`` apply to the files
    named in ``paths`` too, as they do to files found in directories.
    """
    config = config or Config()
    files = ArticleSelection.from_config(config).articles(paths, force_exclude=force_exclude)
    linter = Linter(claims, lint_settings(config), lock)
    return linter.lint_files(
        files,
        input_format=input_format,
        jobs=jobs,
        baseline=read_baseline(baseline) if baseline is not None else None,
        changed_lines=changed_lines,
    )
