"""CK301 unregistered-claim."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import (
    ArticleContext,
    ArticleRule,
    lexicon,
    stem_phrase_positions,
    word_list,
)
from claimkit.matching.stance import Stance, classify_stance
from claimkit.registry.vocabulary import bundled_concepts

# Effect concepts' words that everyday prose uses without any health effect ("shed tears",
# "a fixed amount", "it is clear", "clear up misconceptions", "it stops", "produce a study"):
# fine in a claim's match block, which has its own subject; too loose for spotting claims.
_EVERYDAY_EFFECTS = frozenset(
    {"shed", "fix", "clear", "clear up", "stop", "produce", "spark", "beat"}
)


def _bundled(kind: str) -> tuple[str, ...]:
    return tuple(
        term
        for concept in bundled_concepts().values()
        if concept.kind == kind
        for term in concept.terms
        if term not in _EVERYDAY_EFFECTS
    )


class UnregisteredClaimOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    outcomes: tuple[str, ...] = Field(
        default=tuple(
            dict.fromkeys(
                (*lexicon("health_outcomes"), *_bundled("outcome"), *word_list("health_terms.txt"))
            )
        ),
        description=(
            "Health outcomes, body functions, diseases and symptoms: the CK301 list of "
            "data/lexicons.yaml, the outcome concepts (`claimkit claims concepts`) and the "
            "names of diseases, symptoms, injuries, physical conditions and bodily processes "
            "from WordNet 3.0 (data/health_terms.txt, made by tools/health_terms.py)."
        ),
    )
    verbs: tuple[str, ...] = Field(
        default=tuple(dict.fromkeys((*lexicon("effect_verbs"), *_bundled("effect")))),
        description=(
            "Verbs and phrases that claim an effect on an outcome, benefit or harm: the CK301 "
            "list of data/lexicons.yaml and the effect concepts."
        ),
    )
    extend_outcomes: tuple[str, ...] = Field(
        default=(), alias="extend-outcomes", description="Outcomes added to `outcomes`."
    )
    extend_verbs: tuple[str, ...] = Field(
        default=(), alias="extend-verbs", description="Verbs added to `verbs`."
    )


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

    The message names the registered claim that comes closest — one whose match rules the
    sentence meets but for one group — and what it lacks, so that the editor can widen that
    claim if the sentence makes it:
    `makes a health claim (lowers … blood pressure) that no registered claim covers (closest:
    crying.lowers-blood-pressure — no term of match.context[0] (cry, crying, ...))`; or says
    that none comes close.

    ## Use instead
    Widen the closest claim's match rules if the sentence makes it. Otherwise register the
    claim — `claimkit claims new --from FILE:LINE` writes a draft claim file from the sentence
    — so that lint can judge it, or cut the sentence.

    ## Options
    Following ruff's convention, `outcomes` and `verbs` replace the default lists and
    `extend-outcomes` and `extend-verbs` add to them:
    - `outcomes`: health outcomes, body functions, diseases and symptoms, matched as word
      stems ("immune system" also finds "immune systems").
    - `verbs`: the verbs and phrases that claim an effect on them, matched as word stems.
    - `extend-outcomes`, `extend-verbs`: terms added to the defaults.

    ```yaml
    rules:
      CK301:
        extend-outcomes: [gut flora, microbiome]
        extend-verbs: [rebalance]
    ```

    ## How well it works
    On the labelled real articles of `tests/realcopy` (`python tests/realcopy/measure.py`),
    of the sentences that make a health claim no registered claim covers, and of those that
    make none:

    | half | unregistered claims flagged | sentences without a claim flagged |
    |---|---|---|
    | development | 10/35 (before the WordNet outcomes: 0/35) | 2/172 (0/172) |
    | held out | 13/41 (4/41) | 2/193 (0/193) |

    Most unregistered claims it misses have no outcome word ("My head felt fuzzy", "Lack Of
    Nutrition") or are headings, which it leaves alone.
    """

    code = "CK301"
    name = "unregistered-claim"
    severity = Severity.WARNING
    Options = UnregisteredClaimOptions
    options: UnregisteredClaimOptions

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        outcomes = (*self.options.outcomes, *self.options.extend_outcomes)
        verbs = (*self.options.verbs, *self.options.extend_verbs)
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
            index = context.claims.index
            near = index.near_misses(index.terms_in(tokens))
            closest = (
                f"closest: {near[0].claim_id} — {near[0].missing}" if near else "none comes close"
            )
            yield self.finding(
                context,
                sentence,
                f"makes a health claim ({verb[0]} … {outcome[0]}) that no registered claim "
                f"covers ({closest})",
                "Widen the closest claim's match rules if it is this claim, or register the claim"
                " (`claimkit claims new --from FILE:LINE`) so that its evidence can be checked, or"
                " cut the sentence."
                if near
                else "Register the claim (`claimkit claims new --from FILE:LINE`) so that its"
                " evidence can be checked, or cut the sentence.",
                stance=stance,
            )
