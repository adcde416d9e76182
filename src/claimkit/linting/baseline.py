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
from claimkit.errors import ClaimkitError
from claimkit.linting.findings import Finding

__all__ = ["BaselineError", "apply_baseline", "read_baseline", "write_baseline"]


class BaselineError(ClaimkitError):
    """The baseline file cannot be read."""


def read_baseline(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline accepts."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter(entry["fingerprint"] for entry in data["findings"])
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot read the baseline: {error.strerror or error}"
        ) from None
    except (ValueError, KeyError, TypeError):
        raise BaselineError(f"{path}: not a claimkit baseline file") from None


def write_baseline(path: Path, findings: Iterable[Finding]) -> None:
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
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


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
