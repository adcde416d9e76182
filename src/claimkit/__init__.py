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
    from claimkit.document import Document, InputFormat, Sentence, Span
    from claimkit.errors import (
        ClaimkitError,
        InvalidRegistryError,
        RegistryError,
        RegistryNotFoundError,
    )
    from claimkit.findings import Severity
    from claimkit.identifiers import Identifier
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
    from claimkit.scanning import (
        FileError,
        Occurrence,
        ScanResult,
        scan_document,
        scan_paths,
        scan_text,
    )

__all__ = [
    "Certainty",
    "Citation",
    "CitationStance",
    "Claim",
    "ClaimSet",
    "ClaimSource",
    "ClaimkitError",
    "Design",
    "Document",
    "Evidence",
    "Examples",
    "FileError",
    "Identifier",
    "InputFormat",
    "InvalidRegistryError",
    "Match",
    "Occurrence",
    "Problem",
    "RegistryError",
    "RegistryNotFoundError",
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
    "load_claims",
    "scan_document",
    "scan_paths",
    "scan_text",
]

# Where each public name lives; imported on first use.
_EXPORTS = {
    "claimkit.claims": ["ClaimSet", "ClaimSource", "load_claims"],
    "claimkit.document": ["Document", "InputFormat", "Sentence", "Span"],
    "claimkit.errors": [
        "ClaimkitError",
        "InvalidRegistryError",
        "RegistryError",
        "RegistryNotFoundError",
    ],
    "claimkit.findings": ["Severity"],
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
        "FileError",
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
