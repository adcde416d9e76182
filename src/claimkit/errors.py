"""Exceptions raised by claimkit's public API.

The hierarchy::

    ClaimkitError                 anything claimkit raises on purpose
    ├── RegistryError             the claim registry could not be loaded
    │   ├── RegistryNotFoundError the registry does not exist or holds no claim file
    │   └── InvalidRegistryError  claim files have problems; ``.problems`` lists every one
    ├── ConfigError               the configuration is invalid; ``.problems`` lists every one
    ├── LockFileError             the citation lock file is damaged (``claimkit.verify``)
    ├── BaselineError             a lint baseline cannot be read (``claimkit.linting.baseline``)
    ├── GitError                  git failed or does not know a revision (``claimkit.core.git``)
    └── RevisionError             the registry or lock file at a revision is invalid
                                  (``claimkit.trace``)

The first five are defined here; the others beside the code that raises them. Catch
``ClaimkitError`` to handle every failure that is the user's input rather than a bug.

May import: nothing of claimkit at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from claimkit.core.problems import Problem

__all__ = [
    "ClaimkitError",
    "ConfigError",
    "InvalidRegistryError",
    "RegistryError",
    "RegistryNotFoundError",
]


class ClaimkitError(Exception):
    """Base class of every error claimkit raises on purpose."""


class RegistryError(ClaimkitError):
    """The claim registry could not be loaded."""


class RegistryNotFoundError(RegistryError):
    """The registry path is neither a directory nor a claim file, or holds no claim file: a
    run against no claims at all would pass every article without saying so."""

    def __init__(self, path: Path, *, empty: bool = False) -> None:
        self.path = path
        shown = path.as_posix()
        if empty:
            message = f"{shown}: no claim files (*.yaml or *.yml) in this directory"
        else:
            message = f"{shown}: no such claims directory or claim file"
        super().__init__(message)


class InvalidRegistryError(RegistryError):
    """One or more claim files are invalid.

    ``problems`` holds every problem found, errors and warnings, sorted by file and position,
    so that an editor can fix them all in one pass.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        errors = sum(1 for problem in self.problems if problem.is_error)
        noun = "problem" if errors == 1 else "problems"
        super().__init__(f"the claim registry has {errors} {noun}")


class ConfigError(ClaimkitError):
    """The configuration file (or a configuration given in code) is invalid."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))
