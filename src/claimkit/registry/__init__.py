"""The claim registry: what a claim file is, and how a directory of them loads.

- ``models``: the claim file as frozen pydantic models (``Claim``, ``Evidence``, ...);
- ``index``: every claim's ``match`` block compiled into one ``ClaimIndex``, which finds the
  claims a sentence makes (it lives here because loading checks each claim file's own
  ``examples`` with it, and the cache stores it);
- ``claimset``: ``ClaimSet``, the loaded claims by id, and ``ClaimSource``, where each is;
- ``loading``: ``load_claims``, which validates every file and reports every problem with
  its ``path:line:column``; the bundled registry;
- ``_consistency`` (checks across fields of one claim) and ``_cache`` (validated registries
  cached as JSON lines) are this package's own.

May import: ``claimkit.core``, ``claimkit.errors``. Knows nothing of articles or rules.
"""

from __future__ import annotations

from claimkit.registry.claimset import ClaimSet, ClaimSource, FailingExample
from claimkit.registry.index import ClaimIndex, ClaimMatch, NearMiss
from claimkit.registry.loading import (
    CLAIM_FILE_SUFFIXES,
    MAX_CLAIM_FILE_BYTES,
    TOPIC_FILES,
    bundled_claims_path,
    load_claims,
    term_reach,
)
from claimkit.registry.models import (
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
    Topic,
    Verdict,
    Wording,
)
from claimkit.registry.vocabulary import Concept, Vocabulary, bundled_concepts

__all__ = [
    "CLAIM_FILE_SUFFIXES",
    "MAX_CLAIM_FILE_BYTES",
    "TOPIC_FILES",
    "Certainty",
    "Citation",
    "CitationStance",
    "Claim",
    "ClaimIndex",
    "ClaimMatch",
    "ClaimSet",
    "ClaimSource",
    "Concept",
    "Design",
    "Evidence",
    "Examples",
    "FailingExample",
    "Match",
    "NearMiss",
    "Review",
    "ReviewStatus",
    "Topic",
    "Verdict",
    "Vocabulary",
    "Wording",
    "bundled_claims_path",
    "bundled_concepts",
    "load_claims",
    "term_reach",
]
