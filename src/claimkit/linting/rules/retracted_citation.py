"""CK204 retracted-citation."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import MAKES, ArticleContext, ArticleRule
from claimkit.registry.models import CitationStance
from claimkit.verify.lockfile import LockEntry
from claimkit.verify.model import RETRACTION_KINDS, CitationStatus


class RetractedCitation(ArticleRule):
    """## What it does
    Flags reliance on a retracted work, as the citation lock file records it: a sentence that
    cites a retracted work, and a sentence that makes a claim whose supporting evidence in the
    registry includes a retracted work.

    ## Why is this bad?
    A retracted study no longer counts as evidence: its findings were withdrawn for error or
    misconduct. Citing it, or resting a claim on it, passes on a finding that its own journal
    has disowned — a common error, because retractions rarely reach the places that cite the
    work.

    ## Example
    ```markdown
    Vaccines cause autism [@doi:10.1016/s0140-6736(97)11096-0].
    ```
    (the lock file records that work as retracted)

    ## Use instead
    Remove the citation and what rests on it, or cite the current evidence. For a claim, ask
    the registry's editors to update the claim file.

    ## Options
    None. Needs a lock file: run `claimkit cite verify`; without one, this rule reports
    nothing.
    """

    code = "CK204"
    name = "retracted-citation"
    severity = Severity.ERROR

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        lock = context.lock
        if lock is None:
            return
        for sentence, cited, entry in context.verifiable_citations():
            if entry is not None and entry.status is CitationStatus.RETRACTED:
                yield self.finding(
                    context,
                    sentence,
                    f"cites {cited}, which has been retracted{_notice(entry)}",
                    "Remove the citation and what rests on it, or cite current evidence.",
                )
        for occurrence in context.occurrences:
            if occurrence.stance not in MAKES:
                continue
            claim = context.claims[occurrence.claim]
            for citation in claim.evidence.citations:
                if citation.stance not in {CitationStance.SUPPORTS, CitationStance.MIXED}:
                    continue
                entry = lock.lookup(citation.ref)
                if entry is not None and entry.status is CitationStatus.RETRACTED:
                    yield self.finding(
                        context,
                        occurrence.sentence,
                        f"makes {claim.id}, whose evidence includes {citation.ref}, which has "
                        f"been retracted{_notice(entry)}",
                        "Ask the registry's editors to review the claim before publishing this.",
                        claim=claim.id,
                        stance=occurrence.stance,
                    )


def _notice(entry: LockEntry) -> str:
    retraction = next((u for u in entry.updates if u.kind in RETRACTION_KINDS), None)
    if retraction is None:
        return ""
    when = f" on {retraction.date}" if retraction.date else ""
    notice = f" (notice: {retraction.notice})" if retraction.notice else ""
    return f"{when}{notice}"
