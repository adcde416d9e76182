"""The application layer: one run of claimkit, resolved once, and the in-process entry points.

- ``workspace``: ``Workspace`` resolves what every command reads — the configuration (found
  upward, or named), the registry (named, then the configuration's ``claims:``, then
  ``./claims``, then the bundled one), the validated claims, the citation lock file, the
  stance cues, the configured rules and which article files to read — so that ``scan``,
  ``lint``, ``report``, ``trace``, ``claims`` and ``cite verify`` cannot disagree;
- ``lint``: ``lint_text`` and ``lint_paths``, for a CMS calling claimkit in-process.

May import: ``claimkit.config`` and everything below it. Nothing here prints; nothing here
names a command-line flag.
"""

from __future__ import annotations

from claimkit.application.lint import lint_paths, lint_text
from claimkit.application.workspace import (
    ArticleSelection,
    RegistryChoice,
    RegistryLocation,
    Workspace,
    lint_settings,
)

__all__ = [
    "ArticleSelection",
    "RegistryChoice",
    "RegistryLocation",
    "Workspace",
    "lint_paths",
    "lint_settings",
    "lint_text",
]
