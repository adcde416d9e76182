"""A loaded registry: the claims it holds, by id, and where each is defined."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from claimkit.core.problems import Problem
from claimkit.registry.index import ClaimIndex
from claimkit.registry.models import Claim, Topic
from claimkit.registry.vocabulary import Vocabulary

__all__ = ["ClaimSet", "ClaimSource", "FailingExample"]


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


@dataclass(frozen=True)
class FailingExample:
    """A claim's example that its own match rules no longer judge as written: a ``match``
    sentence not recognised as the claim, or a ``no_match`` sentence that is. It does not stop
    the registry from loading (an upgrade that changes how words are matched must not stop a
    newsroom); ``claims check`` reports it as an error."""

    claim_id: str
    sentence: str
    problem: Problem
    """Where the example is in its file, and what is wrong with it."""


class ClaimSet:
    """The claims of a registry, by id, in id order. Immutable.

    Iterating yields ``Claim`` objects; ``claims["crying.lowers-blood-pressure"]`` looks one up.
    ``warnings`` holds the problems that did not stop the registry from loading, such as
    claims whose review is overdue; ``failing_examples`` the examples that the claims' own
    match rules no longer judge as written. A registry read from the cache builds each
    ``Claim`` only when it is first asked for, so scanning against 10,000 claims does not pay
    for all of them.
    """

    failing_examples: tuple[FailingExample, ...]
    """Examples that the claims' own match rules no longer judge as written."""

    def __init__(
        self,
        claims: Iterable[tuple[Claim, ClaimSource]] = (),
        warnings: Iterable[Problem] = (),
        topics: Iterable[Topic] = (),
        failing_examples: Iterable[FailingExample] = (),
    ) -> None:
        self._fill(((claim.id, claim, source) for claim, source in claims), warnings, None, topics)
        self.failing_examples = tuple(failing_examples)  # after _fill, which sets none

    @classmethod
    def _deferred(
        cls,
        claims: Iterable[tuple[str, Callable[[], Claim], ClaimSource]],
        warnings: Iterable[Problem],
        index: ClaimIndex,
        topics: Iterable[Topic] = (),
        failing_examples: Iterable[FailingExample] = (),
    ) -> ClaimSet:
        """A registry whose claims are built by their loaders on first use."""
        registry = cls.__new__(cls)
        registry._fill(claims, warnings, index, topics)
        registry.failing_examples = tuple(failing_examples)
        return registry

    def _fill(
        self,
        claims: Iterable[tuple[str, Claim | Callable[[], Claim], ClaimSource]],
        warnings: Iterable[Problem],
        index: ClaimIndex | None,
        topics: Iterable[Topic] = (),
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
        self.topics: Mapping[str, Topic] = {topic.topic: topic for topic in topics}
        """The topics the registry declares (``topic.yaml`` files), by name."""
        self.failing_examples = ()

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
            self._index = ClaimIndex(self, Vocabulary(self.topics))
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
