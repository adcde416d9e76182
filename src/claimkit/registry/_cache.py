"""A cache of validated registries, so that a large registry is not re-read on every run.

Validating 10,000 claim files takes seconds; a pre-commit hook or CI job that scans a few
articles should not pay that each time. After a registry validates, it is written to one file
in the cache directory (``claimkit.core.cache``): a first line with a SHA-256 of the rest;
then a line of JSON with the fingerprint, the warnings, the compiled match index and where
each claim is; then one line of JSON per claim. The next load reads it back if every claim
file still has the same path and the same content (a SHA-256 of its bytes: sizes and
modification times survive ``cp -p`` and ``rsync -a`` edits), and claimkit and its word
lists are the same; otherwise the files are read again.

A cache whose checksum does not match what it holds — damaged, cut short, edited — is not
used, and is rebuilt. Scanning needs only the index, so a claim's line is parsed only when
that claim is used. Only valid registries are cached, so every problem is always reported
from the files themselves. JSON rather than pickle: reading a cache never runs code. A cache
that cannot be written or read is simply not used; it is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkit._version import __version__
from claimkit.core.cache import cache_directory
from claimkit.core.enums import Severity
from claimkit.core.files import FileReadError, read_limited, write_atomically
from claimkit.core.problems import Problem
from claimkit.core.words import words_digest
from claimkit.registry.claimset import ClaimSet, ClaimSource, FailingExample
from claimkit.registry.index import ClaimIndex
from claimkit.registry.models import Claim, Topic
from claimkit.registry.vocabulary import concepts_digest

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["fingerprint", "read", "write"]

_FORMAT = 8
MAX_CACHE_BYTES = 1_000_000_000

Fingerprint = list[list[Any]]


def fingerprint(files: list[Path], limit: int) -> Fingerprint | None:
    """What must be unchanged for a cached registry to stand for ``files``: each file's path
    and a hash of its content (files over ``limit`` bytes, or unreadable: ``None``, no cache)."""
    identity = [__version__, words_digest()]
    identity.append(concepts_digest())
    try:
        hashes = [
            [str(file.absolute()), hashlib.sha256(read_limited(file, limit)).hexdigest()]
            for file in files
        ]
    except FileReadError:
        return None
    return [identity, *hashes]


def _cache_file(root: Path) -> Path | None:
    directory = cache_directory()
    if directory is None:
        return None
    key = hashlib.sha256(str(root.absolute()).encode("utf-8", "surrogateescape")).hexdigest()
    return directory / f"registry-{key[:24]}.jsonl"


def read(root: Path, expected: Fingerprint) -> ClaimSet | None:
    """The cached registry at ``root``, or ``None`` if there is no sound cache for it."""
    target = _cache_file(root)
    if target is None:
        return None
    try:
        data = read_limited(target, MAX_CACHE_BYTES, what="cache")
        checksum, _, rest = data.partition(b"\n")
        if checksum.decode("ascii") != hashlib.sha256(rest).hexdigest():
            return None  # damaged or edited: rebuilt from the files
        header_line, _, lines = rest.partition(b"\n")
        header = json.loads(header_line)
        if header.get("format") != _FORMAT or header.get("fingerprint") != expected:
            return None
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
        failing = [
            FailingExample(claim_id, sentence, Problem(_from_root(root, path), line, column, text))
            for claim_id, sentence, path, line, column, text in header["failing_examples"]
        ]
        index = ClaimIndex.from_state(header["index"])
        topics = [Topic.model_validate(topic) for topic in header["topics"]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return ClaimSet._deferred(claims, warnings, index, topics, failing)


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
        "failing_examples": [
            [
                example.claim_id,
                example.sentence,
                _to_root(root, example.problem.path),
                example.problem.line,
                example.problem.column,
                example.problem.message,
            ]
            for example in registry.failing_examples
        ],
        "index": registry.index.to_state(),
        "topics": [topic.model_dump(mode="json") for topic in registry.topics.values()],
    }
    target = _cache_file(root)
    if target is None:
        return
    rest = json.dumps(header, separators=(",", ":")).encode() + b"\n" + b"".join(body)
    checksum = hashlib.sha256(rest).hexdigest().encode("ascii")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, checksum + b"\n" + rest)
    except OSError:
        return


# Paths are kept relative to the registry, so that the cache serves whichever working
# directory the registry is named from.
def _to_root(root: Path, path: Path) -> str:
    return "." if root.is_file() else path.relative_to(root).as_posix()


def _from_root(root: Path, relative: str) -> Path:
    return root if relative == "." else root / relative
