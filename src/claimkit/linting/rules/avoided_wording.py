"""CK104 avoided-wording."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule, approved, phrase_positions
from claimkit.matching.stance import Stance


class AvoidedWording(ArticleRule):
    """## What it does
    Flags a sentence that uses a phrasing the claim's file lists under `wording.avoid`,
    unless the sentence denies or questions the claim.

    ## Why is this bad?
    Clinical editors list the phrasings that mislead: "natural detox", "flush toxins". They
    stay misleading in any sentence that passes the claim on, even a hedged one. In a denial
    ("there is no evidence that crying flushes toxins") the same words are fine.

    ## Example
    ```markdown
    A good cry is a natural detox.
    ```

    ## Use instead
    ```markdown
    There is no scientific evidence that crying removes toxins from the body.
    ```

    ## Options
    None: the phrasings are each claim's `wording.avoid`.
    """

    code = "CK104"
    name = "avoided-wording"
    severity = Severity.WARNING

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for occurrence in context.occurrences:
            if occurrence.stance in {Stance.NEGATED, Stance.QUESTIONED}:
                continue
            claim = context.claims[occurrence.claim]
            if not claim.wording.avoid:
                continue
            words = context.tokens[occurrence.sentence.index].words
            for phrase, _, _ in phrase_positions(words, claim.wording.avoid):
                yield self.finding(
                    context,
                    occurrence.sentence,
                    f"uses {phrase!r}, a phrasing to avoid for {claim.id}",
                    approved(claim, "Rephrase without it."),
                    claim=claim.id,
                    stance=occurrence.stance,
                )
                break
