"""claimkit: check health claims in articles against a reviewed registry of evidence.

The public API is what ``__all__`` lists; everything else is internal. Names are imported on
first use, so that ``claimkit --version`` and other quick commands do not pay for pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from claimkit._version import __version__

if TYPE_CHECKING:
    from claimkit._stance import Stance
    from claimkit.claims import ClaimSet, ClaimSource, load_claims
    from claimkit.config import Config, find_config, load_config
    from claimkit.document import Document, InputFormat, Sentence, Span
    from claimkit.errors import (
        ClaimkitError,
        ConfigError,
        InvalidRegistryError,
        RegistryError,
        RegistryNotFoundError,
    )
    from claimkit.findings import FileError, Finding, Report, Severity
    from claimkit.identifiers import Identifier
    from claimkit.linter import lint_paths, lint_text
    from claimkit.models import (
        Certainty,
        Citation,
        CitationStance,
        Claim,
        Design,
        Evidence,
        Examples,
        Match,
        Review,
        ReviewStatus,
        Verdict,
        Wording,
    )
    from claimkit.problems import Problem
    from claimkit.scanning import Occurrence, ScanResult, scan_document, scan_paths, scan_text

__all__ = [
    "Certainty",
    "Citation",
    "CitationStance",
    "Claim",
    "ClaimSet",
    "ClaimSource",
    "ClaimkitError",
    "Config",
    "ConfigError",
    "Design",
    "Document",
    "Evidence",
    "Examples",
    "FileError",
    "Finding",
    "Identifier",
    "InputFormat",
    "InvalidRegistryError",
    "Match",
    "Occurrence",
    "Problem",
    "RegistryError",
    "RegistryNotFoundError",
    "Report",
    "Review",
    "ReviewStatus",
    "ScanResult",
    "Sentence",
    "Severity",
    "Span",
    "Stance",
    "Verdict",
    "Wording",
    "__version__",
    "find_config",
    "lint_paths",
    "lint_text",
    "load_claims",
    "load_config",
    "scan_document",
    "scan_paths",
    "scan_text",
]

# Where each public name lives; imported on first use.
_EXPORTS = {
    "claimkit.claims": ["ClaimSet", "ClaimSource", "load_claims"],
    "claimkit.config": ["Config", "find_config", "load_config"],
    "claimkit.linter": ["lint_paths", "lint_text"],
    "claimkit.document": ["Document", "InputFormat", "Sentence", "Span"],
    "claimkit.errors": [
        "ClaimkitError",
        "ConfigError",
        "InvalidRegistryError",
        "RegistryError",
        "RegistryNotFoundError",
    ],
    "claimkit.findings": ["FileError", "Finding", "Report", "Severity"],
    "claimkit.identifiers": ["Identifier"],
    "claimkit.models": [
        "Certainty",
        "Citation",
        "CitationStance",
        "Claim",
        "Design",
        "Evidence",
        "Examples",
        "Match",
        "Review",
        "ReviewStatus",
        "Verdict",
        "Wording",
    ],
    "claimkit.problems": ["Problem"],
    "claimkit.scanning": [
        "Occurrence",
        "ScanResult",
        "scan_document",
        "scan_paths",
        "scan_text",
    ],
    "claimkit._stance": ["Stance"],
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'claimkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
