"""CK203 contradicting-citation."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import MAKES, ArticleContext, ArticleRule
from claimkit.registry.models import CitationStance


class ContradictingCitation(ArticleRule):
    """## What it does
    Flags a citation given in support of a claim when the registry records that work as
    contradicting the claim.

    ## Why is this bad?
    Citing a study for the opposite of what it found is a common and damaging error: readers
    who check the source lose trust, and readers who do not are misled with an air of
    authority. Citing it to deny the claim is, of course, right.

    ## Example
    ```markdown
    Crying lowers stress hormones [@doi:10.1037/emo0000633].
    ```
    (that study found no difference in cortisol)

    ## Use instead
    ```markdown
    In a controlled study, crying did not lower cortisol [@doi:10.1037/emo0000633].
    ```

    ## Options
    None: the stance of each work is its `stance` in the claim file.
    """

    code = "CK203"
    name = "contradicting-citation"
    severity = Severity.WARNING

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for occurrence in context.occurrences:
            if occurrence.stance not in MAKES or not occurrence.citations:
                continue
            claim = context.claims[occurrence.claim]
            against = {
                c.ref: c for c in claim.evidence.citations if c.stance is CitationStance.CONTRADICTS
            }
            for cited in occurrence.citations:
                work = against.get(str(cited))
                if work is not None:
                    yield self.finding(
                        context,
                        occurrence.sentence,
                        f"cites {cited} ({work.title}) in support of {claim.id}, but that work "
                        "contradicts the claim",
                        "Cite it for what it found, or cite a work that supports the sentence.",
                        claim=claim.id,
                        stance=occurrence.stance,
                    )
