"""CK205 unverified-citation."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule
from claimkit.verify.model import CitationStatus


class UnverifiedCitation(ArticleRule):
    """## What it does
    Notes a citation (a DOI, PMID or PMCID) that the citation lock file does not vouch for:
    it is not in the lock file, or verification found it not-found, a mismatch, corrected,
    under an expression of concern, or could not reach the service.

    ## Why is this bad?
    A mistyped DOI leads readers to the wrong paper or to nothing; a citation nobody has
    checked may not say what the sentence says. Verification catches both, and the lock file
    keeps the answer so that lint needs no network.

    ## Example
    ```markdown
    Tears draw empathy from others [@doi:10.1016/j.jesp.2021.104137].
    ```
    (before `claimkit cite verify --articles content/` has checked that DOI)

    ## Use instead
    Run `claimkit cite verify --articles content/` and fix what it reports; then commit the
    lock file.

    ## Options
    None. Needs a lock file; without one, this rule reports nothing. Retracted works are
    CK204's.
    """

    code = "CK205"
    name = "unverified-citation"
    severity = Severity.INFO

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for sentence, cited, entry in context.verifiable_citations():
            if entry is None:
                why = "is not in the citation lock file"
            elif entry.status in {CitationStatus.OK, CitationStatus.RETRACTED}:
                continue
            else:
                why = f"was found {entry.status}" + (f": {entry.message}" if entry.message else "")
            yield self.finding(
                context,
                sentence,
                f"the citation {cited} {why}",
                "Verify what this article cites (claimkit cite verify, given the article) and "
                "commit the lock file.",
            )
