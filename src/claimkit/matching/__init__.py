"""Finding the registered claims that articles make, and how they make them.

- ``stance``: ``Stance`` (asserted, hedged, negated, attributed, questioned) read from cue
  lexicons kept as data, NegEx/ConText-style (``CueLexicon``, ``classify_stance``);
- ``scanning``: ``Occurrence`` (a sentence that makes a claim), ``scan_document``,
  ``scan_text`` and ``scan_paths``.

May import: ``claimkit.registry``, ``claimkit.reading``, ``claimkit.core``. No rule logic.
"""

from __future__ import annotations

from claimkit.matching.scanning import (
    Occurrence,
    ScanResult,
    SentenceReading,
    bundled_cues,
    explain_document,
    scan_document,
    scan_paths,
    scan_text,
)
from claimkit.matching.stance import CueLexicon, Stance, StanceReading, classify_stance

__all__ = [
    "CueLexicon",
    "Occurrence",
    "ScanResult",
    "SentenceReading",
    "Stance",
    "StanceReading",
    "bundled_cues",
    "classify_stance",
    "explain_document",
    "scan_document",
    "scan_paths",
    "scan_text",
]
