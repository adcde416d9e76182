"""CK102 overstated-claim."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import (
    GRADE_WORDING,
    MAKES,
    ArticleContext,
    ArticleRule,
    approved,
    certainty_words,
    lexicon,
    phrase_positions,
)
from claimkit.matching.stance import Stance, classify_stance
from claimkit.registry.models import Verdict


class OverstatedClaimOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    boosters: tuple[str, ...] = lexicon("boosters")
    """Words that claim more certainty than evidence gives."""


class OverstatedClaim(ArticleRule):
    """## What it does
    Flags wording stronger than the evidence allows: a claim asserted without a hedge when its
    certainty does not allow that (by default, low, very low or no evidence), and any claim
    stated with a booster such as "proven", "always", "guaranteed" or "cures".

    ## Why is this bad?
    GRADE, the standard for rating health evidence, words findings by certainty: high
    certainty "results in", moderate "likely results in", low "may result in", very low "the
    evidence is very uncertain". Asserting a low-certainty finding as fact, or boosting any
    finding to "proven", tells readers more than anyone knows.

    ## Example
    ```markdown
    A good cry improves your mood.
    ```
    (mood after crying: mixed evidence, low certainty)

    ## Use instead
    ```markdown
    Some people feel better after a good cry, often only after some time has passed.
    ```

    ## Options
    - `boosters`: the words that count as boosters (default: see `data/lexicons.yaml`).
    - The top-level `certainty-policy` says, for each certainty, whether a claim may be
      `asserted` or must be `hedged`; by default high and moderate may be asserted. Claims
      that are unsupported or refuted are left to CK101.
    """

    code = "CK102"
    name = "overstated-claim"
    severity = Severity.WARNING
    Options = OverstatedClaimOptions
    options: OverstatedClaimOptions

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        boosters = self.options.boosters
        for occurrence in context.occurrences:
            if occurrence.stance not in MAKES:
                continue
            claim = context.claims[occurrence.claim]
            certainty = claim.evidence.certainty
            tokens = context.tokens[occurrence.sentence.index]
            boosted = next(
                (
                    found
                    for found in phrase_positions(tokens.words, boosters)
                    # "the relief is not guaranteed" hedges; it does not boost
                    if classify_stance(
                        occurrence.sentence.text, tokens, [found[1:]], context.cues
                    ).stance
                    is not Stance.NEGATED
                ),
                None,
            )
            suggestion = approved(
                claim,
                f"Word it as GRADE does at {certainty.label} certainty: "
                f'"{GRADE_WORDING[certainty]}".',
            )
            if boosted is not None:
                message = (
                    f"{boosted[0]!r} overstates the claim ({claim.id}): the evidence is of "
                    f"{certainty_words(certainty)}"
                )
            elif claim.evidence.verdict in {Verdict.SUPPORTED, Verdict.MIXED} and not (
                context.policy.allows(certainty, occurrence.stance)
            ):
                message = (
                    f"asserts {claim.id} as fact, but the evidence is {claim.evidence.verdict} "
                    f"and of {certainty_words(certainty)}; GRADE words this as "
                    f'"{GRADE_WORDING[certainty]}"'
                )
            else:
                continue
            yield self.finding(
                context,
                occurrence.sentence,
                message,
                suggestion,
                claim=claim.id,
                stance=occurrence.stance,
            )
