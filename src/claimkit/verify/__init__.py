"""Citation verification: do the cited works exist, are they the works the claims say, and
have they been retracted?

- ``model`` (statuses, title and year comparison) and ``lockfile`` (the record that lint
  reads offline): plain data, which the lint rules read;
- ``crossref``, ``ncbi``, ``doiorg``: what each service's answers mean, as pure parsers;
- ``http`` (limits, retries, httpx) and ``verifier`` (batches, order of look-ups): the
  network side, which only ``claimkit cite verify`` uses.

``verify``, ``VerifyOptions``, ``Services``, ``Outcome`` and ``is_due`` are imported on first
use, so that lint, which only reads the lock file, never pays for importing httpx.

May import: ``claimkit.reading``, ``claimkit.registry``, ``claimkit.core``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from claimkit.reading import FORMAT_BY_SUFFIX, UnreadableFile, discover_articles, read_document
from claimkit.registry import ClaimSet
from claimkit.verify.lockfile import LockEntry, LockFile, LockFileError
from claimkit.verify.model import VERIFIABLE_SCHEMES, CitationStatus, Declared, Target

if TYPE_CHECKING:
    from claimkit.verify.verifier import Outcome, Services, VerifyOptions, is_due, verify

__all__ = [
    "CitationStatus",
    "LockEntry",
    "LockFile",
    "LockFileError",
    "Outcome",
    "Services",
    "Target",
    "VerifyOptions",
    "is_due",
    "targets_from_articles",
    "targets_from_registry",
    "verify",
]

_FROM_VERIFIER = frozenset({"Outcome", "Services", "VerifyOptions", "is_due", "verify"})


def __getattr__(name: str) -> object:
    if name in _FROM_VERIFIER:
        from claimkit.verify import verifier

        return getattr(verifier, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def targets_from_registry(registry: ClaimSet, *, check_urls: bool = False) -> list[Target]:
    """Every identifier the claim files cite, with the title and year they declare."""
    schemes = VERIFIABLE_SCHEMES | ({"url"} if check_urls else set())
    targets: dict[str, Target] = {}
    for claim in registry:
        for citation in claim.evidence.citations:
            if citation.ref.split(":", 1)[0] not in schemes:
                continue
            target = targets.setdefault(
                citation.ref, Target(citation.ref, Declared(citation.title, citation.year))
            )
            target.cited_by.append(claim.id)
    return sorted(targets.values(), key=lambda target: target.identifier)


def targets_from_articles(
    paths: Iterable[Path],
    targets: list[Target],
    *,
    check_urls: bool = False,
    unreadable: list[UnreadableFile] | None = None,
) -> list[Target]:
    """``targets`` and every identifier the articles under ``paths`` cite. Articles that cannot
    be read are skipped, and added to ``unreadable`` when it is given."""
    schemes = VERIFIABLE_SCHEMES | ({"url"} if check_urls else set())
    by_identifier = {target.identifier: target for target in targets}
    for file in discover_articles(list(paths), FORMAT_BY_SUFFIX):
        document = read_document(file)
        if isinstance(document, UnreadableFile):
            if unreadable is not None:
                unreadable.append(document)
            continue
        cited = {c for s in document.sentences for c in s.citations}
        cited |= {c for group in document.paragraph_citations.values() for c in group}
        for identifier in cited:
            key = str(identifier)
            if identifier.scheme not in schemes:
                continue
            target = by_identifier.setdefault(key, Target(key))
            if file.as_posix() not in target.cited_by:
                target.cited_by.append(file.as_posix())
    return sorted(by_identifier.values(), key=lambda target: target.identifier)
