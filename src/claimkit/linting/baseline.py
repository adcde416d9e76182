"""The baseline: the findings a site has accepted for now, so that lint reports only new ones.

It is a file of finding fingerprints (rule, file, claim and sentence words, not line
numbers), so that a finding recorded there stays suppressed when unrelated edits move it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from claimkit._version import __version__
from claimkit.core.files import FileReadError, display_path, read_limited, write_atomically
from claimkit.errors import ClaimkitError
from claimkit.linting.findings import Finding

__all__ = ["BaselineError", "apply_baseline", "read_baseline", "write_baseline"]


class BaselineError(ClaimkitError):
    """The baseline file cannot be read."""


MAX_BASELINE_BYTES = 500_000_000
"""A baseline of a million findings is about 300 MB."""


def read_baseline(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline accepts."""
    shown = display_path(path)
    try:
        data = json.loads(read_limited(path, MAX_BASELINE_BYTES, what="baseline"))
        return Counter(str(entry["fingerprint"]) for entry in data["findings"])
    except FileReadError as error:
        raise BaselineError(f"{shown}: {error}") from None
    # Not JSON, not UTF-8, nested too deep to parse, or JSON of another shape.
    except (ValueError, KeyError, TypeError, RecursionError):
        raise BaselineError(f"{shown}: not a claimkit baseline file") from None


def write_baseline(path: Path, findings: Iterable[Finding]) -> None:
    """Record ``findings`` in ``path``, whole or not at all; ``OSError`` if it cannot be
    written (a directory in the way, a full disk)."""
    entries = [
        {
            "fingerprint": f.fingerprint,
            "path": f.path,
            "code": f.code,
            "claim": f.claim,
            "text": f.text,
        }
        for f in findings
    ]
    payload = {"claimkit": __version__, "findings": entries}
    write_atomically(path, (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode())


def apply_baseline(
    findings: Iterable[Finding], baseline: Counter[str]
) -> tuple[list[Finding], int]:
    """The findings the baseline does not account for, and how many it did. A fingerprint
    recorded twice accepts two findings, not more."""
    remaining = Counter(baseline)
    kept, known = [], 0
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            known += 1
        else:
            kept.append(finding)
    return kept, known
