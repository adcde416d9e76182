"""git, read-only: which lines changed since a revision (lint's ``--diff REF``), and files as
they were at a revision (trace's ``--changed-since REF``)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from claimkit.core.files import FileReadError, read_limited
from claimkit.errors import ClaimkitError

__all__ = ["GitError", "changed_lines", "files_at"]

MAX_UNTRACKED_BYTES = 64_000_000
"""New files are changed on every line; counting the lines of one reads at most this much."""
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(ClaimkitError):
    """git could not say what changed (not a repository, unknown revision)."""


def changed_lines(revision: str, paths: Iterable[Path]) -> dict[str, set[int]]:
    """Resolved path -> the line numbers added or changed since ``revision``, in the working
    tree; a file git does not track yet counts as changed throughout."""
    paths = list(paths) or [Path()]
    root = Path(_git(["rev-parse", "--show-toplevel"], paths[0]).strip())
    commit = _commit(revision, root)
    specs = [str(path.resolve()) for path in paths]
    diff = _git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            "--relative",
            commit,
            "--",
            *specs,
        ],
        root,
    )
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = (
                None
                if name == "/dev/null"
                else changed.setdefault(str((root / name.removeprefix("b/")).resolve()), set())
            )
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            current.update(range(start, start + count))
    untracked = _git(
        ["ls-files", "--others", "--exclude-standard", "--full-name", "--", *specs], root
    )
    for name in untracked.splitlines():
        file = (root / name).resolve()
        try:
            lines = read_limited(file, MAX_UNTRACKED_BYTES).count(b"\n") + 1
        except FileReadError:
            continue  # not a file lint reads either: it reports it itself
        changed[str(file)] = set(range(1, lines + 1))
    return changed


def files_at(revision: str, path: Path) -> dict[Path, str]:
    """The files under ``path`` (a directory or one file) as they were at ``revision``, by
    their paths now; empty when ``path`` did not exist then. ``GitError`` for an unknown
    revision or a path outside a repository."""
    anchor = path if path.exists() else path.parent
    root = Path(_git(["rev-parse", "--show-toplevel"], anchor).strip())
    commit = _commit(revision, root)
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    listed = _git(["ls-tree", "-r", "-z", "--name-only", commit, "--", relative], root)
    return {
        root / name: _git(["show", f"{commit}:{name}"], root)
        for name in filter(None, listed.split("\0"))
    }


def _commit(revision: str, root: Path) -> str:
    """The commit ``revision`` names, as an id: a revision is never read as an option (a
    revision that starts with "-" could make git write files), and never empty."""
    if not revision.strip() or revision.startswith("-"):
        raise GitError(f"not a git revision: {revision!r}")
    try:
        found = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            root,
        )
    except GitError:
        raise GitError(f"unknown git revision {revision!r}") from None
    return found.strip()


def _git(arguments: list[str], where: Path) -> str:
    directory = where if where.is_dir() else where.parent
    try:
        completed = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            # Names as they are (not quoted), in bytes that round-trip to paths.
            ["git", "-c", "core.quotePath=false", *arguments],  # noqa: S607 - git from PATH
            cwd=directory,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    if completed.returncode != 0:
        message = (
            completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "failed"
        )
        raise GitError(f"git {arguments[0]}: {message}")
    return completed.stdout
