"""CK103 contradicts-evidence."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule, approved, certainty_words
from claimkit.matching.stance import Stance
from claimkit.registry.models import Certainty, Verdict


class ContradictsEvidence(ArticleRule):
    """## What it does
    Flags a sentence that denies a well-supported claim: one whose verdict is `supported`
    with moderate or high certainty.

    ## Why is this bad?
    Telling readers that something is false when good evidence says it is true misinforms as
    much as the opposite, and it is easy to do while debunking a neighbouring myth ("tears do
    nothing for you").

    ## Example
    ```markdown
    Crying does not make other people more willing to help you.
    ```

    ## Use instead
    ```markdown
    People who see someone crying tend to feel more empathy and are more willing to help.
    ```

    ## Options
    None.
    """

    code = "CK103"
    name = "contradicts-evidence"
    severity = Severity.WARNING

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for occurrence in context.occurrences:
            claim = context.claims[occurrence.claim]
            evidence = claim.evidence
            if (
                occurrence.stance is not Stance.NEGATED
                or evidence.verdict is not Verdict.SUPPORTED
                or evidence.certainty < Certainty.MODERATE
            ):
                continue
            yield self.finding(
                context,
                occurrence.sentence,
                f"denies {claim.id}, which the evidence supports "
                f"({certainty_words(evidence.certainty)})",
                approved(claim, "Say what the evidence shows instead."),
                claim=claim.id,
                stance=occurrence.stance,
            )
