"""CK101 unsupported-claim."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import (
    MAKES,
    ArticleContext,
    ArticleRule,
    approved,
    certainty_words,
)
from claimkit.matching.stance import Stance
from claimkit.registry.models import Verdict


class UnsupportedClaim(ArticleRule):
    """## What it does
    Flags a sentence that passes on a claim the evidence does not support: the claim's verdict
    is `unsupported` or `refuted`, and the sentence asserts it, hedges it or reports it,
    without denying it.

    ## Why is this bad?
    Readers take health statements in print as established. A hedge ("may help lower blood
    pressure") or an attribution ("Frey believes...") still plants the claim; only saying what
    the evidence shows corrects it. Denying the claim ("there is no evidence that...") or
    asking it ("Do tears flush toxins?") is fine.

    ## Example
    ```markdown
    Crying can help reduce blood pressure, which is good for your heart.
    ```

    ## Use instead
    ```markdown
    There is no good evidence that crying lowers blood pressure or benefits heart health.
    ```

    ## Options
    None. Which claims are unsupported is the registry's business: see the claim's
    `evidence.verdict`.
    """

    code = "CK101"
    name = "unsupported-claim"
    severity = Severity.ERROR

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for occurrence in context.occurrences:
            claim = context.claims[occurrence.claim]
            verdict = claim.evidence.verdict
            if (
                verdict not in {Verdict.UNSUPPORTED, Verdict.REFUTED}
                or occurrence.stance not in MAKES
            ):
                continue
            what = "contradicts" if verdict is Verdict.REFUTED else "does not support"
            yield self.finding(
                context,
                occurrence.sentence,
                f"{_HOW[occurrence.stance]} {claim.id}, which the evidence {what} "
                f"({verdict}, {certainty_words(claim.evidence.certainty)})",
                approved(claim, "Remove the claim, or say that the evidence does not support it."),
                claim=claim.id,
                stance=occurrence.stance,
            )


_HOW = {
    Stance.ASSERTED: "asserts",
    Stance.HEDGED: "hedges, but still makes,",
    Stance.ATTRIBUTED: "reports, without refuting,",
}
