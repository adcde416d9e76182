"""Claim-source tracing across a content repository: which articles make which claims, which
sources those claims rest on, and which articles a change to the evidence touches.

Article -> claim comes from scanning (as ``claimkit scan`` does), claim -> source from the
registry, and a source's status from the citation lock file. Nothing here uses the network
or prints; ``claimkit.output.trace`` renders what it finds.

- ``trace_paths`` builds a ``TraceMap`` of a repository;
- ``TraceMap.for_claim``, ``for_source`` and ``for_status`` answer "which articles" for one
  claim, one cited work, or every work with a lock-file status such as ``retracted``;
- ``changes_since_revision`` compares the registry and the lock file with a git revision and
  lists each change to the evidence with the articles it touches.

May import: ``claimkit.matching``, ``claimkit.verify`` (the lock file), ``claimkit.reading``,
``claimkit.registry``, ``claimkit.core``.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimkit.core.files import display_path
from claimkit.core.git import files_at
from claimkit.core.parallel import map_files
from claimkit.errors import ClaimkitError, InvalidRegistryError
from claimkit.matching import CueLexicon, Occurrence, Stance, scan_document
from claimkit.reading import UnreadableFile, crashed, read_document
from claimkit.registry import CLAIM_FILE_SUFFIXES, Claim, ClaimSet, load_claims
from claimkit.verify.lockfile import LockFile, LockFileError
from claimkit.verify.model import CitationStatus

__all__ = [
    "ArticleUse",
    "Change",
    "ClaimTrace",
    "DirectCitation",
    "RevisionError",
    "SourceUse",
    "TraceMap",
    "changes_since",
    "changes_since_revision",
    "registry_at",
    "trace_paths",
]

NOT_VERIFIED = "not-verified"
"""The status of a source the lock file does not hold (or when there is no lock file)."""


@dataclass(frozen=True)
class ArticleUse:
    """One sentence of one article that makes (or denies, or asks) a claim."""

    path: str
    line: int
    column: int
    stance: Stance
    sentence: str
    citations: tuple[str, ...]
    """Works cited in the sentence or its paragraph."""

    @property
    def cites_source(self) -> bool:
        return bool(self.citations)


@dataclass(frozen=True)
class SourceUse:
    """A work a claim's evidence lists, and what the lock file says of it."""

    identifier: str
    title: str
    stance: str
    """Where the work stands on the claim: supports, contradicts, mixed or background."""
    status: str
    """The lock file's status (ok, retracted, ...) or ``not-verified``."""


@dataclass(frozen=True)
class ClaimTrace:
    """A claim, the articles that make it, and the sources it rests on."""

    claim: str
    statement: str
    verdict: str
    certainty: str
    articles: tuple[ArticleUse, ...]
    sources: tuple[SourceUse, ...]


@dataclass(frozen=True)
class DirectCitation:
    """An article sentence that cites a work itself."""

    identifier: str
    path: str
    line: int
    column: int
    sentence: str
    status: str
    """What the lock file says of the work, or ``not-verified``."""


@dataclass(frozen=True)
class TraceMap:
    """Claims, the articles that make them, their sources; and what makes no connection."""

    claims: tuple[ClaimTrace, ...]
    articles_without_claims: tuple[str, ...]
    citations: tuple[DirectCitation, ...]
    """Every work cited by an article sentence, where."""
    errors: tuple[UnreadableFile, ...] = ()
    aliases: dict[str, frozenset[str]] = field(default_factory=dict)
    """Identifier -> every identifier of the same work the lock file knows (DOI, PMID, PMCID)."""

    @property
    def unused_claims(self) -> tuple[ClaimTrace, ...]:
        return tuple(c for c in self.claims if not c.articles)

    def claim(self, claim_id: str) -> ClaimTrace | None:
        return next((c for c in self.claims if c.claim == claim_id), None)

    def for_claim(self, claim_id: str) -> TraceMap:
        """Only the claim ``claim_id``: its articles and sources."""
        return TraceMap(tuple(c for c in self.claims if c.claim == claim_id), (), (), self.errors)

    def for_source(self, identifier: str) -> TraceMap:
        """The claims whose evidence lists ``identifier`` (or another identifier of the same
        work), with their articles, and the article sentences that cite it directly."""
        same = self.same_work(identifier)
        return TraceMap(
            tuple(c for c in self.claims if any(s.identifier in same for s in c.sources)),
            (),
            tuple(c for c in self.citations if c.identifier in same),
            self.errors,
        )

    def for_status(self, status: str) -> TraceMap:
        """Every claim that rests on a source with this lock-file status, with its articles,
        and every article sentence that cites such a source directly."""
        claims = tuple(c for c in self.claims if any(s.status == status for s in c.sources))
        direct = tuple(c for c in self.citations if c.status == status)
        return TraceMap(claims, (), direct, self.errors)

    def same_work(self, identifier: str) -> frozenset[str]:
        return self.aliases.get(identifier, frozenset({identifier}))

    def articles(self) -> tuple[str, ...]:
        """Every article this map touches, sorted."""
        paths = {a.path for c in self.claims for a in c.articles}
        paths |= {c.path for c in self.citations}
        return tuple(sorted(paths))


@dataclass(frozen=True)
class _ArticleScan:
    path: str
    occurrences: tuple[Occurrence, ...]
    cited: tuple[tuple[str, int, int, str], ...]


def trace_paths(
    files: Sequence[Path],
    claims: ClaimSet,
    *,
    lock: LockFile | None = None,
    cues: CueLexicon | None = None,
    input_format: str | None = None,
    jobs: int = 1,
) -> TraceMap:
    """Trace ``files`` (articles, as ``Workspace.articles`` chooses them) against ``claims``."""
    by_claim: dict[str, list[ArticleUse]] = {claim_id: [] for claim_id in claims.ids}
    without: list[str] = []
    citations: list[DirectCitation] = []
    errors: list[UnreadableFile] = []
    for result in map_files(_scan_one, list(files), (claims, cues, input_format), jobs):
        if isinstance(result, UnreadableFile):
            errors.append(result)
            continue
        if not result.occurrences:
            without.append(result.path)
        for occurrence in result.occurrences:
            span = occurrence.sentence.span
            by_claim[occurrence.claim].append(
                ArticleUse(
                    result.path,
                    span.line,
                    span.column,
                    occurrence.stance,
                    occurrence.sentence.text,
                    tuple(str(c) for c in occurrence.citations),
                )
            )
        citations.extend(
            DirectCitation(identifier, result.path, line, column, text, _status(identifier, lock))
            for identifier, line, column, text in result.cited
        )
    traces = tuple(
        ClaimTrace(
            claim.id,
            claim.statement,
            str(claim.evidence.verdict),
            str(claim.evidence.certainty),
            tuple(by_claim[claim.id]),
            tuple(_sources(claim, lock)),
        )
        for claim in claims
    )
    return TraceMap(traces, tuple(without), tuple(citations), tuple(errors), _aliases(lock))


def _scan_one(
    shared: tuple[ClaimSet, CueLexicon | None, str | None], file: Path
) -> _ArticleScan | UnreadableFile:
    claims, cues, input_format = shared
    path = display_path(file)
    try:
        document = read_document(file, input_format)
        if isinstance(document, UnreadableFile):
            return document
        occurrences = scan_document(document, claims, path=path, cues=cues)
    except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
        return crashed(path, error)
    cited = tuple(
        (str(identifier), s.span.line, s.span.column, s.text)
        for s in document.sentences
        for identifier in dict.fromkeys(s.citations)
    )
    return _ArticleScan(path, occurrences, cited)


def _sources(claim: Claim, lock: LockFile | None) -> Iterable[SourceUse]:
    for citation in claim.evidence.citations:
        yield SourceUse(
            citation.ref, citation.title, str(citation.stance), _status(citation.ref, lock)
        )


def _status(identifier: str, lock: LockFile | None) -> str:
    entry = lock.lookup(identifier) if lock is not None else None
    return str(entry.status) if entry is not None else NOT_VERIFIED


def _aliases(lock: LockFile | None) -> dict[str, frozenset[str]]:
    if lock is None:
        return {}
    aliases: dict[str, frozenset[str]] = {}
    for key, entry in lock.entries.items():
        same = frozenset(
            {key, *(f"{scheme}:{value}" for scheme, value in entry.identifiers.items())}
        )
        for identifier in same:
            aliases[identifier] = aliases.get(identifier, frozenset()) | same
    return aliases


# -- what changed since a revision -------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change to the evidence, and the articles it touches."""

    kind: str
    """claim-removed, claim-added, verdict, certainty, citation-added, citation-removed, or
    the new status of a source: retracted, not-found, mismatch, concern, corrected."""
    subject: str
    """The claim id, or the source's identifier for a status change."""
    detail: str
    """What changed, in words: ``low -> very-low``."""
    claims: tuple[str, ...]
    """The claims the change bears on."""
    articles: tuple[ArticleUse | DirectCitation, ...]


_NEWS = (
    CitationStatus.RETRACTED,
    CitationStatus.NOT_FOUND,
    CitationStatus.MISMATCH,
    CitationStatus.CONCERN,
    CitationStatus.CORRECTED,
)


def changes_since(
    old_claims: ClaimSet,
    old_lock: LockFile | None,
    current: TraceMap,
    claims: ClaimSet,
    lock: LockFile | None,
    removed: TraceMap | None = None,
) -> list[Change]:
    """The changes from ``old_claims``/``old_lock`` to ``claims``/``lock``, each with the
    articles it touches. ``removed`` traces the articles against the claims since removed."""
    changes: list[Change] = []
    uses = {trace.claim: trace.articles for trace in current.claims}
    if removed is not None:
        uses.update({trace.claim: trace.articles for trace in removed.claims})
    for claim_id in sorted(set(old_claims.ids) - set(claims.ids)):
        statement = old_claims[claim_id].statement
        changes.append(
            Change("claim-removed", claim_id, statement, (claim_id,), uses.get(claim_id, ()))
        )
    for claim_id in sorted(set(claims.ids) - set(old_claims.ids)):
        changes.append(
            Change("claim-added", claim_id, claims[claim_id].statement, (claim_id,), uses[claim_id])
        )
    for claim_id in sorted(set(claims.ids) & set(old_claims.ids)):
        before, after = old_claims[claim_id].evidence, claims[claim_id].evidence
        touched = uses[claim_id]
        if before.verdict != after.verdict:
            changes.append(
                Change(
                    "verdict",
                    claim_id,
                    f"{before.verdict} -> {after.verdict}",
                    (claim_id,),
                    touched,
                )
            )
        if before.certainty != after.certainty:
            changes.append(
                Change(
                    "certainty",
                    claim_id,
                    f"{before.certainty} -> {after.certainty}",
                    (claim_id,),
                    touched,
                )
            )
        old_refs = {c.ref for c in before.citations}
        new_refs = {c.ref for c in after.citations}
        for ref in sorted(new_refs - old_refs):
            changes.append(Change("citation-added", claim_id, ref, (claim_id,), touched))
        for ref in sorted(old_refs - new_refs):
            changes.append(Change("citation-removed", claim_id, ref, (claim_id,), touched))
    changes.extend(_status_changes(old_lock, lock, current))
    return changes


def _status_changes(
    old_lock: LockFile | None, lock: LockFile | None, current: TraceMap
) -> list[Change]:
    if lock is None:
        return []
    changes = []
    for identifier, entry in sorted(lock.entries.items()):
        previous = old_lock.get(identifier) if old_lock is not None else None
        if entry.status not in _NEWS or (previous is not None and previous.status == entry.status):
            continue
        before = str(previous.status) if previous is not None else NOT_VERIFIED
        touched = current.for_source(identifier)
        articles: list[ArticleUse | DirectCitation] = [
            a for c in touched.claims for a in c.articles
        ]
        articles += touched.citations
        changes.append(
            Change(
                str(entry.status),
                identifier,
                f"{before} -> {entry.status}" + (f": {entry.title}" if entry.title else ""),
                tuple(c.claim for c in touched.claims),
                tuple(articles),
            )
        )
    return changes


class RevisionError(ClaimkitError):
    """The registry or the lock file cannot be read as it was at a revision."""


def changes_since_revision(
    revision: str,
    registry: Path,
    lock_path: Path,
    claims: ClaimSet,
    lock: LockFile | None,
    current: TraceMap,
    files: Sequence[Path],
    *,
    cues: CueLexicon | None = None,
    input_format: str | None = None,
    jobs: int = 1,
) -> list[Change]:
    """The changes to the registry at ``registry`` and the lock file at ``lock_path`` since
    git ``revision``, each with the articles it touches (``current`` traces ``files`` against
    ``claims`` and ``lock`` as they are). ``GitError`` for a revision git does not know;
    ``RevisionError`` when the registry or the lock file at the revision is invalid."""
    old_files = files_at(revision, registry)
    try:
        old_claims = registry_at(
            {p: text for p, text in old_files.items() if p.suffix in CLAIM_FILE_SUFFIXES}, registry
        )
    except InvalidRegistryError as error:
        first = next(p for p in error.problems if p.is_error)
        more = sum(p.is_error for p in error.problems) - 1
        also = f" (and {more} more)" if more else ""
        raise RevisionError(f"the registry at {revision} is invalid: {first}{also}") from None
    old_lock_text = files_at(revision, lock_path).get(lock_path.resolve())
    try:
        old_lock = LockFile.parse(old_lock_text, lock_path) if old_lock_text is not None else None
    except LockFileError as error:
        raise RevisionError(f"the lock file at {revision}: {error}") from None
    removed_ids = sorted(set(old_claims.ids) - set(claims.ids))
    removed = None
    if removed_ids:
        # The articles that made a claim since removed: found with the claim as it was.
        gone = ClaimSet(
            ((old_claims[i], old_claims.source_of(i)) for i in removed_ids),
            topics=old_claims.topics.values(),
        )
        removed = trace_paths(
            files, gone, lock=lock, cues=cues, input_format=input_format, jobs=jobs
        )
    return changes_since(old_claims, old_lock, current, claims, lock, removed)


def registry_at(files: dict[Path, str], registry: Path) -> ClaimSet:
    """The registry as it was, from its files' texts at a revision (``core.git.files_at``)."""
    with tempfile.TemporaryDirectory(prefix="claimkit-registry-") as directory:
        root = Path(directory)
        for path, text in files.items():
            relative = path.resolve().relative_to(registry.resolve())
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            # The bytes as git has them, so that a file that is not UTF-8 is reported as such.
            (root / relative).write_bytes(text.encode("utf-8", "surrogateescape"))
        if not any(root.iterdir()):
            return ClaimSet()
        try:
            return load_claims(root, cache=False)
        except InvalidRegistryError as error:
            # Name the files where they are in the repository, not in the temporary copy.
            raise InvalidRegistryError(
                [
                    dataclasses.replace(problem, path=registry / problem.path.relative_to(root))
                    for problem in error.problems
                ]
            ) from None
