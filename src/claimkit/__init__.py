"""claimkit: check health claims in articles against a reviewed registry of evidence.

The public API is what ``__all__`` lists; everything else is internal. Names are imported on
first use, so that ``claimkit --version`` and other quick commands do not pay for pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from claimkit._version import __version__

if TYPE_CHECKING:
    from claimkit.application import lint_paths, lint_text
    from claimkit.config import Config, find_config, load_config
    from claimkit.core.enums import Severity
    from claimkit.core.identifiers import Identifier
    from claimkit.core.problems import Problem
    from claimkit.errors import (
        ClaimkitError,
        ConfigError,
        InvalidRegistryError,
        RegistryError,
        RegistryNotFoundError,
    )
    from claimkit.linting import Finding, Report
    from claimkit.matching import (
        Occurrence,
        ScanResult,
        Stance,
        scan_document,
        scan_paths,
        scan_text,
    )
    from claimkit.reading import Document, InputFormat, Sentence, Span, UnreadableFile
    from claimkit.reading import UnreadableFile as FileError
    from claimkit.registry import (
        Certainty,
        Citation,
        CitationStance,
        Claim,
        ClaimSet,
        ClaimSource,
        Design,
        Evidence,
        Examples,
        Match,
        Review,
        ReviewStatus,
        Verdict,
        Wording,
        load_claims,
    )

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
    "UnreadableFile",
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

# Where each public name lives; imported on first use. ``FileError`` is the former name of
# ``UnreadableFile`` (it is not an exception), kept so that code written against it still runs.
_EXPORTS = {
    "claimkit.application": ["lint_paths", "lint_text"],
    "claimkit.config": ["Config", "find_config", "load_config"],
    "claimkit.core.enums": ["Severity"],
    "claimkit.core.identifiers": ["Identifier"],
    "claimkit.core.problems": ["Problem"],
    "claimkit.errors": [
        "ClaimkitError",
        "ConfigError",
        "InvalidRegistryError",
        "RegistryError",
        "RegistryNotFoundError",
    ],
    "claimkit.linting": ["Finding", "Report"],
    "claimkit.matching": [
        "Occurrence",
        "ScanResult",
        "Stance",
        "scan_document",
        "scan_paths",
        "scan_text",
    ],
    "claimkit.reading": ["Document", "InputFormat", "Sentence", "Span", "UnreadableFile"],
    "claimkit.registry": [
        "Certainty",
        "Citation",
        "CitationStance",
        "Claim",
        "ClaimSet",
        "ClaimSource",
        "Design",
        "Evidence",
        "Examples",
        "Match",
        "Review",
        "ReviewStatus",
        "Verdict",
        "Wording",
        "load_claims",
    ],
}
_ALIASES = {"FileError": ("claimkit.reading", "UnreadableFile")}
_HOME = {name: (module, name) for module, names in _EXPORTS.items() for name in names}
_HOME.update(_ALIASES)


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'claimkit' has no attribute {name!r}")
    module, attribute = home
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
