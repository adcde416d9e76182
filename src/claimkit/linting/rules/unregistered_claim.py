"""CK301 unregistered-claim."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache

from pydantic import BaseModel, ConfigDict, Field

from claimkit.core.enums import Severity
from claimkit.core.text import words_of
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import (
    ArticleContext,
    ArticleRule,
    inflected_phrase_positions,
    lexicon,
    phrase_positions,
    word_list,
)
from claimkit.matching.stance import Stance, classify_stance
from claimkit.reading.document import Sentence
from claimkit.registry.vocabulary import bundled_concepts

# Concept words that everyday prose uses without any health effect ("shed tears",
# "a fixed amount", "it is clear", "clear up misconceptions", "it stops", "produce a study",
# "more people", "less time", "linked to a study"): fine in a claim's match block, which has
# its own subject; too loose for spotting claims.
_EVERYDAY_EFFECTS = frozenset(
    {"shed", "fix", "clear", "clear up", "stop", "produce", "spark", "beat", "less", "fewer"}
    | {"smaller", "more", "higher", "greater", "worse", "double", "block", "control", "kick"}
    | {"balance", "regulate", "battle", "recover", "linked to", "a release", "feel good"}
    | {"feel better", "feeling better", "sad", "tired", "toxic", "digestive", "helpful"}
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
    frames: tuple[str, ...] = Field(
        default=lexicon("claim_frames"),
        description=(
            "Words of a title, heading or list lead-in that announce health effects: a heading"
            " or list item under one that names an outcome states an effect."
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
    the registry. Denials and questions are not flagged. A heading or list item is flagged
    when it names an outcome under a title, heading or lead-in that announces health effects
    ("Constipation" under "Intermittent fasting side effects"); other headings are not.

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
    - `outcomes`: health outcomes, body functions, diseases and symptoms, each word matched
      with its inflections and curated relatives as a claim's terms are ("immune system" also
      finds "immune systems").
    - `verbs`: the verbs and phrases that claim an effect on them, matched the same way.
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
    | development | 16/35 (first version: 0/35) | 2/172 (0/172) |
    | held out | 16/41 (4/41) | 4/193 (0/193) |

    With a fourth topic (apple cider vinegar) labelled, and outcomes and effects matched with
    their inflections and curated relatives (not stems): development 27/53 and 5/217 (6/217
    before the change), held out 31/63 and 4/234 (30/63 and 5/234 before).

    Short of the 0.70 the project aims for; within its bound of 1 in 20 on sentences without
    a claim. Of the 19 development misses, 6 sit in a sentence that matched a registered claim
    (for which CK301 never fires), and most of the rest have no outcome word or no effect in
    words ("My head felt fuzzy, my eyes bleary", "Vitamin C is Essential, Not Optional",
    "it can't hurt to take vitamin C"): telling those from anecdote and small talk needs a
    reader of the whole argument, not a word list. Loosening the words does not get there:
    flagging any sentence with an outcome and the article's topic, effect word or not, flags
    20/35 on the development half but also 19/172 sentences without a claim (11%, over twice
    the bound of 1 in 20).
    """

    code = "CK301"
    name = "unregistered-claim"
    severity = Severity.WARNING
    Options = UnregisteredClaimOptions
    options: UnregisteredClaimOptions

    @cached_property
    def _outcomes(self) -> tuple[str, ...]:
        return (*self.options.outcomes, *self.options.extend_outcomes)

    @cached_property
    def _verbs(self) -> tuple[str, ...]:
        return (*self.options.verbs, *self.options.extend_verbs)

    def _frame(self, context: ArticleContext, sentence: Sentence) -> str | None:
        """The frame word of the title, heading or lead-in that a heading or list item lists
        a health effect under ("side effects"), if it has one and does not itself name one."""
        frames = self.options.frames
        if next(phrase_positions(context.tokens[sentence.index].words, frames), None):
            return None  # "The health benefits of fasting" is the frame, not an effect
        document = context.document
        above = [*sentence.headings, document.title or ""]
        if sentence.lead_in is not None:
            above.insert(0, document.sentences[sentence.lead_in].text)
        for text in above:
            found = _frame_word(text, frames)
            if found is not None:
                return found
        return None

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        outcomes, verbs = self._outcomes, self._verbs
        registered = {occurrence.sentence.index for occurrence in context.occurrences}
        for sentence in context.document.sentences:
            if sentence.index in registered:
                continue
            tokens = context.tokens[sentence.index]
            found_outcomes = list(inflected_phrase_positions(tokens.words, outcomes))
            if not found_outcomes:
                continue
            listed = sentence.is_heading or sentence.lead_in is not None
            frame = self._frame(context, sentence) if listed else None
            if frame is not None and _followed_by_registered(context, sentence, registered):
                continue  # "A better mood." then the sentence that makes the registered claim
            if frame is not None:
                # The heading's word states the effect: "side effects … Constipation".
                outcome = found_outcomes[0]
                effect, anchors = frame, [outcome[1:]]
            elif sentence.is_heading:
                continue
            else:
                pair = closest_effect(
                    found_outcomes, inflected_phrase_positions(tokens.words, verbs)
                )
                if pair is None:
                    continue
                outcome, verb = pair
                effect, anchors = tokens.written(verb[1], verb[2]), [outcome[1:], verb[1:]]
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
                f"makes a health claim ({effect} … {tokens.written(*outcome[1:])}) that no "
                f"registered claim covers ({closest})",
                "Widen the closest claim's match rules if it is this claim, or register the claim"
                " (`claimkit claims new --from FILE:LINE`) so that its evidence can be checked, or"
                " cut the sentence."
                if near
                else "Register the claim (`claimkit claims new --from FILE:LINE`) so that its"
                " evidence can be checked, or cut the sentence.",
                stance=stance,
            )


@lru_cache(maxsize=4096)
def _frame_word(text: str, frames: tuple[str, ...]) -> str | None:
    """The first frame word of a title, heading or lead-in: each is above many sentences."""
    found = next(phrase_positions(words_of(text), frames), None)
    return None if found is None else found[0]


def closest_effect(
    outcomes: list[tuple[str, int, int]], verbs: Iterable[tuple[str, int, int]]
) -> tuple[tuple[str, int, int], tuple[str, int, int]] | None:
    """The outcome and the effect word nearest each other, in words of their own (each a
    phrase found and its token range), or ``None`` without such a pair: the stance
    of "our body could not get enough nutrients, which could lead to health complications"
    is read where "lead to" meets "complications", not at "body" beside the "not"."""
    pairs = [
        (max(verb[1] - outcome[2], outcome[1] - verb[2]), outcome, verb)
        for verb in verbs
        for outcome in outcomes
        if verb[2] <= outcome[1] or outcome[2] <= verb[1]
    ]
    if not pairs:
        return None
    _, outcome, verb = min(pairs, key=lambda pair: pair[0])
    return outcome, verb


def _followed_by_registered(
    context: ArticleContext, sentence: Sentence, registered: set[int]
) -> bool:
    """Whether what a heading or list item introduces — the sentences up to the next heading
    or item — makes a registered claim: then the label names that claim, not another one."""
    sentences = context.document.sentences
    for following in range(sentence.index + 1, len(sentences)):
        after = sentences[following]
        if after.is_heading or (
            after.lead_in is not None and after.paragraph != sentence.paragraph
        ):
            return False
        if following in registered:
            return True
    return False
