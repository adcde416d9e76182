"""CK201 uncited-claim."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule
from claimkit.matching.stance import Stance
from claimkit.registry.models import CitationStance, Verdict


class UncitedClaim(ArticleRule):
    """## What it does
    Flags a sentence that asserts a supported or mixed claim with no citation in the sentence
    or its paragraph: no link to doi.org, PubMed or PMC, no citation key such as
    `[@doi:10.1037/emo0000633]`, no footnote naming such a source.

    ## Why is this bad?
    A claim the evidence supports is still only as credible as its source; readers and
    editors should be able to check it in one click. The registry lists the works that
    support each claim, so citing one costs little.

    ## Example
    ```markdown
    Tears draw empathy from the people around you.
    ```

    ## Use instead
    ```markdown
    Tears draw empathy from the people around you ([Zickfeld et al., 2021](https://doi.org/10.1016/j.jesp.2021.104137)).
    ```

    ## Options
    None.
    """

    code = "CK201"
    name = "uncited-claim"
    severity = Severity.WARNING

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for occurrence in context.occurrences:
            claim = context.claims[occurrence.claim]
            if (
                occurrence.stance is not Stance.ASSERTED
                or claim.evidence.verdict not in {Verdict.SUPPORTED, Verdict.MIXED}
                or occurrence.citations
            ):
                continue
            backing = [
                c
                for c in claim.evidence.citations
                if c.stance in {CitationStance.SUPPORTS, CitationStance.MIXED}
            ]
            if backing:
                first = backing[0]
                year = f", {first.year}" if first.year else ""
                suggestion = f"Cite a source, e.g. {first.ref} ({first.title}{year})."
            else:
                suggestion = "Cite a source for it."
            yield self.finding(
                context,
                occurrence.sentence,
                f"asserts {claim.id} without citing a source",
                suggestion,
                claim=claim.id,
                stance=occurrence.stance,
            )
