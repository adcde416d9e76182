"""The review report: an article rendered for clinical editors, each claim marked, with the
evidence behind it and what to change, in one self-contained HTML page.

- ``_review``: each article linted as ``claimkit lint`` would, keeping its source, the claims
  it makes and the registry that judged it (``review_text``, ``review_paths``);
- ``_article``: the article rendered (pyromark), sanitised (nh3) and its sentences marked;
- ``_page``: the page around it, with the evidence of every claim; ``assets/``: its CSS and JS.

May import: ``claimkit.linting``, ``claimkit.matching``, ``claimkit.verify`` (the lock file),
``claimkit.reading``, ``claimkit.registry``, ``claimkit.core``."""

from __future__ import annotations

from claimkit.report._page import GENERATOR, render_index, render_report
from claimkit.report._review import (
    ArticleReview,
    RegistryInfo,
    describe_registry,
    review_paths,
    review_text,
)

__all__ = [
    "GENERATOR",
    "ArticleReview",
    "RegistryInfo",
    "describe_registry",
    "render_index",
    "render_report",
    "review_paths",
    "review_text",
]
