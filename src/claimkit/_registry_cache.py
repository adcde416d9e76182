"""A cache of validated registries, so that a large registry is not re-read on every run.

Validating 10,000 claim files takes seconds; a pre-commit hook or CI job that scans a few
articles should not pay that each time. After a registry validates, its claims (as JSON), its
warnings and its compiled match index are written to one JSON file in the user's cache
directory (``$CLAIMKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimkit``, else
``~/.cache/claimkit``). The next load reads it back if every claim file still has the same
path, size and modification time, and claimkit and its stemmer are the same; otherwise the
files are read again. Only valid registries are cached, so every problem is always reported
from the files themselves. JSON rather than pickle: reading a cache never runs code. A cache
that cannot be written or read is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkit._matching import ClaimIndex
from claimkit._text import stems_of
from claimkit._version import __version__
from claimkit.findings import Severity
from claimkit.problems import Problem

if TYPE_CHECKING:
    from claimkit.claims import ClaimSet

__all__ = ["cache_directory", "fingerprint", "read", "write"]

_FORMAT = 1
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
        stats = [(file, file.stat()) for file in files]
    except OSError:
        return None
    identity = [__version__, " ".join(stems_of(_STEMMER_PROBE))]
    return [identity, *([str(f.resolve()), s.st_size, s.st_mtime_ns] for f, s in stats)]


def _cache_file(root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return cache_directory() / f"registry-{key}.json"


def read(root: Path, expected: Fingerprint) -> ClaimSet | None:
    """The cached registry at ``root``, or ``None`` if there is no valid cache for it."""
    from claimkit.claims import ClaimSet, ClaimSource

    try:
        state = json.loads(_cache_file(root).read_text(encoding="utf-8"))
        if state.get("format") != _FORMAT or state.get("fingerprint") != expected:
            return None
        claims = [
            (data, ClaimSource(_from_root(root, path), *positions))
            for path, positions, data in state["claims"]
        ]
        warnings = [
            Problem(_from_root(root, path), line, column, message, Severity(severity))
            for path, line, column, message, severity in state["warnings"]
        ]
        index = ClaimIndex.from_state(state["index"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return ClaimSet(claims, warnings, index=index)


def write(root: Path, fingerprint_: Fingerprint, registry: ClaimSet) -> None:
    """Cache a validated registry; failing to is not an error."""
    claims = []
    for claim in registry:
        source = registry.source_of(claim.id)
        positions = [source.line, source.column, source.next_review_line, source.next_review_column]
        claims.append([_to_root(root, source.path), positions, claim.model_dump(mode="json")])
    state = {
        "format": _FORMAT,
        "fingerprint": fingerprint_,
        "claims": claims,
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
            "w", encoding="utf-8", dir=target.parent, suffix=".tmp", delete=False
        ) as temporary:
            json.dump(state, temporary, separators=(",", ":"))
        Path(temporary.name).replace(target)
    except OSError:
        return


# Paths are kept relative to the registry, so that the cache serves whichever working
# directory the registry is named from.
def _to_root(root: Path, path: Path) -> str:
    return "." if root.is_file() else path.relative_to(root).as_posix()


def _from_root(root: Path, relative: str) -> Path:
    return root if relative == "." else root / relative
