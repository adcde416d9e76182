"""CK301 unregistered-claim."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule, lexicon, stem_phrase_positions
from claimkit.matching.stance import Stance, classify_stance


class UnregisteredClaimOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    outcomes: tuple[str, ...] = lexicon("health_outcomes")
    """Health outcomes and body functions ("blood pressure", "immune system")."""
    verbs: tuple[str, ...] = lexicon("effect_verbs")
    """Verbs that claim an effect on them ("boosts", "lowers")."""


class UnregisteredClaim(ArticleRule):
    """## What it does
    Flags a sentence that makes a health claim — it names a health outcome or body function
    and an effect on it, as in "Laughing boosts your immune system" — but matches no claim in
    the registry. Denials and questions are not flagged; nor are headings.

    ## Why is this bad?
    The registry can only vouch for the claims it knows. An unregistered health claim has had
    no clinical editor weigh its evidence, so it reaches readers unchecked.

    ## Example
    ```markdown
    Laughing boosts your immune system.
    ```

    ## Use instead
    Register the claim (a claim file with its evidence and match rules) so that lint can judge
    it, or cut the sentence.

    ## Options
    - `outcomes`: health outcomes and body functions, matched as word stems (default: see
      `data/lexicons.yaml`).
    - `verbs`: the effect verbs, matched as word stems.
    """

    code = "CK301"
    name = "unregistered-claim"
    severity = Severity.WARNING
    Options = UnregisteredClaimOptions
    options: UnregisteredClaimOptions

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        outcomes = self.options.outcomes
        verbs = self.options.verbs
        registered = {occurrence.sentence.index for occurrence in context.occurrences}
        for sentence in context.document.sentences:
            if sentence.is_heading or sentence.index in registered:
                continue
            tokens = context.tokens[sentence.index]
            outcome = next(stem_phrase_positions(tokens.stems, outcomes), None)
            if outcome is None:
                continue
            verb = next(stem_phrase_positions(tokens.stems, verbs), None)
            if verb is None:
                continue
            anchors = [outcome[1:], verb[1:]]
            stance = classify_stance(sentence.text, tokens, anchors, context.cues).stance
            if stance in {Stance.NEGATED, Stance.QUESTIONED}:
                continue
            yield self.finding(
                context,
                sentence,
                f"makes a health claim ({verb[0]} … {outcome[0]}) that no registered claim covers",
                "Register the claim so that its evidence can be checked, or cut the sentence.",
                stance=stance,
            )
