"""claimkit: check health claims in articles against a reviewed registry of evidence.

The public API is what ``__all__`` lists; everything else is internal. Names are imported on
first use, so that ``claimkit --version`` and other quick commands do not pay for pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from claimkit._version import __version__

if TYPE_CHECKING:
    from claimkit.claims import ClaimSet, ClaimSource, load_claims
    from claimkit.errors import (
        ClaimkitError,
        InvalidRegistryError,
        RegistryError,
        RegistryNotFoundError,
    )
    from claimkit.findings import Severity
    from claimkit.models import (
        Certainty,
        Citation,
        Claim,
        Design,
        Evidence,
        Examples,
        Match,
        Review,
        ReviewStatus,
        Stance,
        Verdict,
        Wording,
    )
    from claimkit.problems import Problem

__all__ = [
    "Certainty",
    "Citation",
    "Claim",
    "ClaimSet",
    "ClaimSource",
    "ClaimkitError",
    "Design",
    "Evidence",
    "Examples",
    "InvalidRegistryError",
    "Match",
    "Problem",
    "RegistryError",
    "RegistryNotFoundError",
    "Review",
    "ReviewStatus",
    "Severity",
    "Stance",
    "Verdict",
    "Wording",
    "__version__",
    "load_claims",
]

_MODULE_OF = {
    "ClaimSet": "claimkit.claims",
    "ClaimSource": "claimkit.claims",
    "load_claims": "claimkit.claims",
    "ClaimkitError": "claimkit.errors",
    "InvalidRegistryError": "claimkit.errors",
    "RegistryError": "claimkit.errors",
    "RegistryNotFoundError": "claimkit.errors",
    "Severity": "claimkit.findings",
    "Problem": "claimkit.problems",
    **dict.fromkeys(
        [
            "Certainty",
            "Citation",
            "Claim",
            "Design",
            "Evidence",
            "Examples",
            "Match",
            "Review",
            "ReviewStatus",
            "Stance",
            "Verdict",
            "Wording",
        ],
        "claimkit.models",
    ),
}


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'claimkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
