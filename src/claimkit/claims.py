"""The claim registry: find claim files, validate them, and hold the claims they define.

``load_claims`` reads every ``*.yaml``/``*.yml`` file under a directory (hidden files and
directories skipped), validates each against the claim model and the consistency checks, and
either returns a ``ClaimSet`` or raises ``InvalidRegistryError`` listing *every* problem with
its ``path:line:column``, so that an editor can fix a whole registry in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from claimkit import _registry_cache as registry_cache
from claimkit._consistency import check_claim, overdue_message
from claimkit._matching import ClaimIndex
from claimkit._validation import describe_error
from claimkit._yaml import (
    START,
    Loc,
    LocatedDocument,
    Position,
    YamlError,
    load_document,
)
from claimkit.errors import InvalidRegistryError, RegistryNotFoundError
from claimkit.findings import Severity
from claimkit.models import Claim
from claimkit.problems import Problem

if TYPE_CHECKING:
    pass

__all__ = [
    "CLAIM_FILE_SUFFIXES",
    "MAX_CLAIM_FILE_BYTES",
    "ClaimSet",
    "bundled_claims_path",
    "load_claims",
]

CLAIM_FILE_SUFFIXES = (".yaml", ".yml")
MAX_CLAIM_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class ClaimSource:
    """Where a claim is defined: its file and the position of its ``id``; and, so that an
    overdue review can be reported without reading the claim again, its ``next_review`` date
    and that value's position."""

    path: Path
    line: int
    column: int
    next_review: dt.date | None = None
    next_review_line: int = 1
    next_review_column: int = 1


class ClaimSet:
    """The claims of a registry, by id, in id order. Immutable.

    Iterating yields ``Claim`` objects; ``claims["crying.lowers-blood-pressure"]`` looks one up.
    ``warnings`` holds the problems that did not stop the registry from loading, such as
    claims whose review is overdue. A registry read from the cache builds each ``Claim`` only
    when it is first asked for, so scanning against 10,000 claims does not pay for all of them.
    """

    def __init__(
        self,
        claims: Iterable[tuple[Claim, ClaimSource]] = (),
        warnings: Iterable[Problem] = (),
    ) -> None:
        self._fill(((claim.id, claim, source) for claim, source in claims), warnings, None)

    @classmethod
    def _deferred(
        cls,
        claims: Iterable[tuple[str, Callable[[], Claim], ClaimSource]],
        warnings: Iterable[Problem],
        index: ClaimIndex,
    ) -> ClaimSet:
        """A registry whose claims are built by their loaders on first use."""
        registry = cls.__new__(cls)
        registry._fill(claims, warnings, index)
        return registry

    def _fill(
        self,
        claims: Iterable[tuple[str, Claim | Callable[[], Claim], ClaimSource]],
        warnings: Iterable[Problem],
        index: ClaimIndex | None,
    ) -> None:
        entries: dict[str, tuple[Claim | Callable[[], Claim], ClaimSource]] = {}
        for claim_id, claim, source in claims:
            # Of two files that define one id, the first one read wins.
            entries.setdefault(claim_id, (claim, source))
        ordered = sorted(entries.items())
        self._claims: dict[str, Claim | Callable[[], Claim]] = {k: c for k, (c, _) in ordered}
        self._sources = {claim_id: source for claim_id, (_, source) in ordered}
        self.warnings: tuple[Problem, ...] = tuple(sorted(warnings, key=Problem.sort_key))
        self._index = index

    def __iter__(self) -> Iterator[Claim]:
        return (self[claim_id] for claim_id in self._claims)

    def __len__(self) -> int:
        return len(self._claims)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._claims

    def __getitem__(self, claim_id: str) -> Claim:
        claim = self._claims[claim_id]
        if not isinstance(claim, Claim):
            claim = self._claims[claim_id] = claim()
        return claim

    def __repr__(self) -> str:
        return f"<ClaimSet of {len(self)} claims>"

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._claims)

    @property
    def index(self) -> ClaimIndex:
        """The match rules of every claim, compiled once for scanning."""
        if self._index is None:
            self._index = ClaimIndex(self)
        return self._index

    def get(self, claim_id: str) -> Claim | None:
        return self[claim_id] if claim_id in self._claims else None

    def source_of(self, claim_id: str) -> ClaimSource:
        """The file that defines ``claim_id``; ``KeyError`` for an unknown id."""
        return self._sources[claim_id]

    def suggest(self, claim_id: str) -> str | None:
        """The known id closest to a mistyped one, if any is close."""
        close = difflib.get_close_matches(claim_id, self._claims, n=1, cutoff=0.6)
        return close[0] if close else None

    def _with_warnings(self, warnings: Iterable[Problem]) -> ClaimSet:
        registry = ClaimSet.__new__(ClaimSet)
        registry.__dict__.update(self.__dict__)
        registry.warnings = tuple(sorted((*self.warnings, *warnings), key=Problem.sort_key))
        return registry


def bundled_claims_path() -> Path:
    """The registry that ships with claimkit: claims about crying and tears.

    Inside an installed wheel it is package data; in a source checkout (an editable install)
    it is the repository's own ``claims/`` directory.
    """
    packaged = Path(__file__).with_name("bundled_claims")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "claims"


def load_claims(
    path: str | os.PathLike[str], *, today: dt.date | None = None, cache: bool = True
) -> ClaimSet:
    """Load and validate the registry at ``path``: a directory of claim files, or one file.

    Raises ``RegistryNotFoundError`` when ``path`` does not exist and ``InvalidRegistryError``
    (with every problem, errors and warnings) when any file is invalid. ``today`` decides which
    reviews are overdue; it defaults to the current date.

    A valid registry is cached (see ``claimkit._registry_cache``) and read back while no claim
    file has changed; ``cache=False`` always reads the files.
    """
    root = Path(path)
    today = today or dt.date.today()
    files = _claim_files(root)
    fingerprint = registry_cache.fingerprint(files) if cache else None
    registry = registry_cache.read(root, fingerprint) if fingerprint is not None else None
    if registry is None:
        registry = _validate(files, today)
        if fingerprint is not None:
            registry_cache.write(root, fingerprint, registry)
    return registry._with_warnings(_overdue(registry, today))


def _validate(files: list[Path], today: dt.date) -> ClaimSet:
    claims: list[tuple[Claim, ClaimSource]] = []
    documents: dict[str, LocatedDocument] = {}
    problems: list[Problem] = []
    for file in files:
        loaded, file_problems = _load_file(file, today)
        problems.extend(file_problems)
        if loaded is not None:
            claim, source, document = loaded
            claims.append((claim, source))
            documents.setdefault(claim.id, document)
    problems.extend(_duplicate_ids(claims))
    registry = ClaimSet(claims, problems)
    problems.extend(_failed_examples(registry, documents))
    if any(problem.is_error for problem in problems):
        # Overdue reviews belong in the list too: an editor fixing the file wants them all.
        problems.extend(_overdue(registry, today))
        raise InvalidRegistryError(sorted(problems, key=Problem.sort_key))
    return registry


def _overdue(registry: ClaimSet, today: dt.date) -> Iterator[Problem]:
    for claim_id in registry.ids:
        source = registry.source_of(claim_id)
        message = overdue_message(source.next_review, today)
        if message is not None:
            yield Problem(
                source.path,
                source.next_review_line,
                source.next_review_column,
                message,
                Severity.WARNING,
            )


def _claim_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise RegistryNotFoundError(root)
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        found.extend(
            Path(directory, name)
            for name in files
            if name.endswith(CLAIM_FILE_SUFFIXES) and not name.startswith(".")
        )
    return sorted(found)


def _load_file(
    path: Path, today: dt.date
) -> tuple[tuple[Claim, ClaimSource, LocatedDocument] | None, list[Problem]]:
    def problem(position: Position, message: str, severity: Severity = Severity.ERROR) -> Problem:
        return Problem(path, position.line, position.column, message, severity)

    try:
        text = _read_text(path)
        document = load_document(text)
    except YamlError as error:
        return None, [problem(error.position, error.message)]
    if document is None:
        message = "the file is empty; a claim file needs at least id, statement, topic, "
        message += "evidence, match and review"
        return None, [problem(START, message)]
    problems = [problem(position, message) for position, message in document.problems]
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else f"the value {text.strip()[:40]!r}"
        problems.append(
            problem(START, f"a claim file must be a mapping of keys to values, not {kind}")
        )
        return None, problems
    try:
        claim = Claim.model_validate(document.data)
    except ValidationError as error:
        for details in error.errors(include_url=False):
            position, message = describe_error(details, document, Claim)
            problems.append(problem(position, message))
        return None, problems
    for loc, message, severity in check_claim(claim, today, document.position_of_value):
        problems.append(problem(document.position_of_value(loc), message, severity))
    at_id = document.position_of_value(("id",))
    at_review = document.position_of_value(("review", "next_review"))
    source = ClaimSource(
        path,
        at_id.line,
        at_id.column,
        claim.review.next_review,
        at_review.line,
        at_review.column,
    )
    return (claim, source, document), problems


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CLAIM_FILE_BYTES:
            raise YamlError(
                START,
                f"the file is {size / 1_000_000:.1f} MB; a claim file may be at most "
                f"{MAX_CLAIM_FILE_BYTES // 1_000_000} MB",
            )
        raw = path.read_bytes()
    except OSError as error:
        raise YamlError(START, f"cannot read the file: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8-sig")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        byte = raw[error.start]
        raise YamlError(
            Position(line, column), f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8"
        ) from None


def _duplicate_ids(claims: list[tuple[Claim, ClaimSource]]) -> Iterator[Problem]:
    first: dict[str, ClaimSource] = {}
    for claim, source in claims:
        if claim.id in first:
            earlier = first[claim.id]
            yield Problem(
                source.path,
                source.line,
                source.column,
                f"id: {claim.id!r} is already defined in "
                f"{earlier.path}:{earlier.line}:{earlier.column}",
            )
        else:
            first[claim.id] = source


def _failed_examples(
    registry: ClaimSet, documents: dict[str, LocatedDocument]
) -> Iterator[Problem]:
    """A claim file must pass its own examples: each ``match`` sentence is recognised as the
    claim and no ``no_match`` sentence is."""
    index = registry.index
    for claim in registry:
        path, document = registry.source_of(claim.id).path, documents[claim.id]
        for number, sentence in enumerate(claim.examples.match):
            reason = index.unmatched_group(claim.id, sentence)
            if reason is not None:
                yield _problem_at(
                    path,
                    document,
                    ("examples", "match", number),
                    f"examples.match[{number}]: {sentence!r} is not recognised as this claim: "
                    f"{reason}",
                )
        for number, sentence in enumerate(claim.examples.no_match):
            if index.unmatched_group(claim.id, sentence) is None:
                yield _problem_at(
                    path,
                    document,
                    ("examples", "no_match", number),
                    f"examples.no_match[{number}]: {sentence!r} is recognised as this claim; "
                    "narrow match.required or add a match.veto term",
                )


def _problem_at(path: Path, document: LocatedDocument, loc: Loc, message: str) -> Problem:
    position = document.position_of_value(loc)
    return Problem(path, position.line, position.column, message)
