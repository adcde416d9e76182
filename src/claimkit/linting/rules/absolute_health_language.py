"""CK302 absolute-health-language."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule, lexicon, phrase_positions
from claimkit.matching.stance import Stance, classify_stance


class AbsoluteHealthLanguageOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    phrases: tuple[str, ...] = lexicon("absolute")
    """The words and phrases to flag."""


class AbsoluteHealthLanguage(ArticleRule):
    """## What it does
    Flags absolute health language: "cure", "detox", "miracle", "guaranteed", "100% safe",
    "scientifically proven" and the like, in any sentence that does not deny it, and is not
    read in its context as denying the claims it makes (a myth listed under "Myths", a belief
    the next sentence calls a myth).

    ## Why is this bad?
    These words promise what no treatment can. Advertising regulators treat them as red flags,
    and readers who trust them make health decisions on them. "There is no miracle cure" is
    fine.

    ## Example
    ```markdown
    A good cry is a miracle detox for body and mind.
    ```

    ## Use instead
    ```markdown
    Many people feel calmer after a good cry.
    ```

    ## Options
    - `phrases`: the words and phrases to flag, matched as whole words with every inflection
      listed (default: see `data/lexicons.yaml`).
    """

    code = "CK302"
    name = "absolute-health-language"
    severity = Severity.WARNING
    Options = AbsoluteHealthLanguageOptions
    options: AbsoluteHealthLanguageOptions

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        phrases = self.options.phrases
        # Sentences whose every claim the article denies or asks, read in context (a myth
        # under a "Myths" heading, a belief answered "That is a myth."): their promises are
        # the ones being refuted.
        answering = {Stance.NEGATED, Stance.QUESTIONED}
        denied = {o.sentence.index for o in context.occurrences if o.stance in answering}
        denied -= {o.sentence.index for o in context.occurrences if o.stance not in answering}
        for sentence in context.document.sentences:
            tokens = context.tokens[sentence.index]
            found = list(phrase_positions(tokens.words, phrases))
            if not found or sentence.index in denied:
                continue
            anchors = [(start, end) for _, start, end in found]
            stance = classify_stance(sentence.text, tokens, anchors, context.cues).stance
            if stance in {Stance.NEGATED, Stance.QUESTIONED}:
                continue
            words = ", ".join(repr(phrase) for phrase in dict.fromkeys(p for p, _, _ in found))
            yield self.finding(
                context,
                sentence,
                f"uses absolute health language: {words}",
                "Say what the evidence shows, without promises.",
                stance=stance,
            )
