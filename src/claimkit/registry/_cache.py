"""A cache of validated registries, so that a large registry is not re-read on every run.

Validating 10,000 claim files takes seconds; a pre-commit hook or CI job that scans a few
articles should not pay that each time. After a registry validates, it is written to one file
in the user's cache directory (``$CLAIMKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimkit``,
else ``~/.cache/claimkit``): a first line of JSON with the fingerprint, the warnings, the
compiled match index and where each claim is, then one line of JSON per claim. The next load
reads it back if every claim file still has the same path, size and modification time, and
claimkit and its stemmer are the same; otherwise the files are read again.

Scanning needs only the index, so a claim's line is parsed only when that claim is used.
Only valid registries are cached, so every problem is always reported from the files
themselves. JSON rather than pickle: reading a cache never runs code. A cache that cannot be
written or read is simply not used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkit._version import __version__
from claimkit.core.enums import Severity
from claimkit.core.problems import Problem
from claimkit.core.text import stems_of
from claimkit.registry.claimset import ClaimSet, ClaimSource
from claimkit.registry.index import ClaimIndex
from claimkit.registry.models import Claim

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["cache_directory", "fingerprint", "read", "write"]

_FORMAT = 2
_STEMMER_PROBE = "lowering immunity detoxification relieved crying"

Fingerprint = list[list[Any]]


def cache_directory() -> Path:
    configured = os.environ.get("CLAIMKIT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base, "claimkit")


def fingerprint(files: list[Path]) -> Fingerprint | None:
    """What must be unchanged for a cached registry to stand for ``files``."""
    try:
        stats = [(str(file.absolute()), file.stat()) for file in files]
    except OSError:
        return None
    identity = [__version__, " ".join(stems_of(_STEMMER_PROBE))]
    return [identity, *([path, s.st_size, s.st_mtime_ns] for path, s in stats)]


def _cache_file(root: Path) -> Path:
    key = hashlib.sha256(str(root.absolute()).encode()).hexdigest()[:24]
    return cache_directory() / f"registry-{key}.jsonl"


def read(root: Path, expected: Fingerprint) -> ClaimSet | None:
    """The cached registry at ``root``, or ``None`` if there is no valid cache for it."""
    try:
        with _cache_file(root).open("rb") as cache:
            header = json.loads(cache.readline())
            if header.get("format") != _FORMAT or header.get("fingerprint") != expected:
                return None
            lines = cache.read()
        claims = []
        for claim_id, path, positions, next_review, start, end in header["claims"]:
            due = dt.date.fromisoformat(next_review) if next_review else None
            source = ClaimSource(
                _from_root(root, path), positions[0], positions[1], due, *positions[2:]
            )
            claims.append((claim_id, _loader(lines, start, end), source))
        warnings = [
            Problem(_from_root(root, path), line, column, message, Severity(severity))
            for path, line, column, message, severity in header["warnings"]
        ]
        index = ClaimIndex.from_state(header["index"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return ClaimSet._deferred(claims, warnings, index)


def _loader(lines: bytes, start: int, end: int) -> Callable[[], Claim]:
    return lambda: Claim.model_validate_json(lines[start:end])


def write(root: Path, fingerprint_: Fingerprint, registry: ClaimSet) -> None:
    """Cache a validated registry; failing to is not an error."""
    records, body, offset = [], [], 0
    for claim in registry:
        source = registry.source_of(claim.id)
        line = claim.model_dump_json().encode() + b"\n"
        positions = [source.line, source.column, source.next_review_line, source.next_review_column]
        due = source.next_review.isoformat() if source.next_review else None
        records.append(
            [claim.id, _to_root(root, source.path), positions, due, offset, offset + len(line)]
        )
        body.append(line)
        offset += len(line)
    header = {
        "format": _FORMAT,
        "fingerprint": fingerprint_,
        "claims": records,
        "warnings": [
            [_to_root(root, w.path), w.line, w.column, w.message, str(w.severity)]
            for w in registry.warnings
        ],
        "index": registry.index.to_state(),
    }
    target = _cache_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=target.parent, suffix=".tmp", delete=False
        ) as temporary:
            temporary.write(json.dumps(header, separators=(",", ":")).encode() + b"\n")
            temporary.writelines(body)
        Path(temporary.name).replace(target)
    except OSError:
        return


# Paths are kept relative to the registry, so that the cache serves whichever working
# directory the registry is named from.
def _to_root(root: Path, path: Path) -> str:
    return "." if root.is_file() else path.relative_to(root).as_posix()


def _from_root(root: Path, relative: str) -> Path:
    return root if relative == "." else root / relative
