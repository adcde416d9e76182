"""The review report: an article rendered for clinical editors, each claim marked, with the
evidence behind it and what to change, in one self-contained HTML page."""

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
