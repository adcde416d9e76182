"""Linting: judging the claims articles make against the evidence, as findings.

- ``findings``: ``Finding`` (immutable, one problem in one place) and ``Report``;
- ``suppressions``: ``claimkit-ignore``/``disable`` comments and front matter;
- ``baseline``: accepted findings recorded by fingerprint;
- ``rules``: one module per rule (CK101 ... CK902);
- ``linter``: ``Linter``, which runs typed ``LintSettings`` on documents and files.

Inside the package, imports flow ``linter`` -> ``rules`` -> ``suppressions``, ``baseline`` ->
``findings``. May import: ``claimkit.verify`` (the lock file only), ``claimkit.matching``,
``claimkit.reading``, ``claimkit.registry``, ``claimkit.core``. Nothing here reads a
configuration file or prints.
"""

from __future__ import annotations

from claimkit.linting.findings import Finding, Report
from claimkit.linting.linter import LintedArticle, Linter, LintSettings, PerFileIgnores

__all__ = ["Finding", "LintSettings", "LintedArticle", "Linter", "PerFileIgnores", "Report"]
