"""Checks across the fields of one claim that the schema alone cannot express.

The model says what each field may hold; these checks say what a claim file must not combine,
such as a "supported" verdict resting on no evidence, or a review dated in the future. Each
yields the location of the value at fault, so that the editor is sent to the right line.
Whether a review is overdue depends on the day, not on the file, so it is checked apart
(``overdue_message``) and never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from claimkit.core.enums import Severity
from claimkit.core.located import Loc, Position
from claimkit.registry.models import Certainty, CitationStance, Claim, ReviewStatus, Verdict

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["ClaimCheck", "check_claim"]

ClaimCheck = tuple[Loc, str, Severity]
PositionOf = Callable[[Loc], Position]


def check_claim(claim: Claim, today: dt.date, position_of: PositionOf) -> Iterator[ClaimCheck]:
    """Every inconsistency in ``claim``, as (location, message, severity)."""
    yield from _evidence(claim)
    yield from _citations(claim, position_of)
    yield from _review(claim, today)
    yield from _match(claim)


def _evidence(claim: Claim) -> Iterator[ClaimCheck]:
    evidence = claim.evidence
    if evidence.verdict is Verdict.SUPPORTED and evidence.certainty is Certainty.NONE:
        yield (
            ("evidence", "verdict"),
            "evidence.verdict: a 'supported' verdict needs evidence, but evidence.certainty is "
            "'none'",
            Severity.ERROR,
        )
    if evidence.verdict is Verdict.REFUTED and evidence.certainty is Certainty.NONE:
        yield (
            ("evidence", "verdict"),
            "evidence.verdict: a 'refuted' verdict rests on evidence against the claim, but "
            "evidence.certainty is 'none'; with no evidence either way the verdict is "
            "'unsupported'",
            Severity.WARNING,  # a warning: registries written before this check still load
        )
    if evidence.certainty >= Certainty.MODERATE and not evidence.citations:
        yield (
            ("evidence", "certainty"),
            f"evidence.certainty: '{evidence.certainty}' certainty needs at least one citation",
            Severity.ERROR,
        )
    backing = {CitationStance.SUPPORTS, CitationStance.MIXED}
    if (
        evidence.verdict in {Verdict.SUPPORTED, Verdict.MIXED}
        and evidence.citations
        and not any(citation.stance in backing for citation in evidence.citations)
    ):
        yield (
            ("evidence", "verdict"),
            f"evidence.verdict: '{evidence.verdict}' but no citation has stance 'supports' or "
            "'mixed'",
            Severity.WARNING,
        )


def _citations(claim: Claim, position_of: PositionOf) -> Iterator[ClaimCheck]:
    first_loc: dict[str, Loc] = {}
    for index, citation in enumerate(claim.evidence.citations):
        loc: Loc = ("evidence", "citations", index, "ref")
        if citation.ref in first_loc:
            line = position_of(first_loc[citation.ref]).line
            yield (
                loc,
                f"evidence.citations[{index}].ref: {citation.ref} is already cited at line {line}",
                (Severity.ERROR),
            )
        first_loc.setdefault(citation.ref, loc)
        if not citation.verified and citation.note is None:
            yield (
                ("evidence", "citations", index),
                f"evidence.citations[{index}]: unverified citation without a note; say why it "
                "is unverified in note:, or check it and set verified: true",
                Severity.WARNING,
            )


def _review(claim: Claim, today: dt.date) -> Iterator[ClaimCheck]:
    review = claim.review
    if review.status is ReviewStatus.REVIEWED:
        for key in ("reviewer", "reviewed_on"):
            if getattr(review, key) is None:
                yield (
                    ("review", "status"),
                    f"review.status: a reviewed claim needs review.{key}",
                    Severity.ERROR,
                )
    if review.reviewed_on and review.reviewed_on > today:
        yield (
            ("review", "reviewed_on"),
            f"review.reviewed_on: {review.reviewed_on} is in the future",
            Severity.ERROR,
        )
    if review.reviewed_on and review.next_review and review.next_review <= review.reviewed_on:
        yield (
            ("review", "next_review"),
            f"review.next_review: {review.next_review} is not after review.reviewed_on "
            f"({review.reviewed_on})",
            Severity.ERROR,
        )


def _match(claim: Claim) -> Iterator[ClaimCheck]:
    for section in ("required", "context", "contrary"):
        for group_index, group in enumerate(getattr(claim.match, section)):
            seen: set[str] = set()
            for index, term in enumerate(group):
                key = term.casefold()
                if key in seen:
                    yield (
                        ("match", section, group_index, index),
                        f"match.{section}[{group_index}][{index}]: {term!r} is listed twice",
                        Severity.ERROR,
                    )
                seen.add(key)
    required = {term.casefold() for group in claim.match.required for term in group}
    for index, term in enumerate(claim.match.veto):
        if term.casefold() in required:
            yield (
                ("match", "veto", index),
                f"match.veto[{index}]: {term!r} is also a required term, so the claim could "
                "never match",
                Severity.ERROR,
            )


def overdue_message(due: dt.date | None, today: dt.date) -> str | None:
    """The warning for a claim whose next review date ``due`` has passed, if it has."""
    if due is None or due >= today:
        return None
    return (
        f"review.next_review: review is overdue since {due}; re-check the evidence and set a "
        "new date"
    )
