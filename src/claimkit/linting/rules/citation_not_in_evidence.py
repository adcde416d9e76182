"""CK202 citation-not-in-evidence."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule
from claimkit.matching.stance import Stance


class CitationNotInEvidence(ArticleRule):
    """## What it does
    Notes a citation that the article gives for a claim (in the claim's sentence or
    paragraph) but that the claim's evidence in the registry does not list.

    ## Why is this bad?
    It may be fine: a new study, or another identifier for a listed work. But it may also be a
    source that does not say what the article says, or a work the registry's reviewers have
    not seen. Either the article or the registry should change, and an editor should decide.

    ## Example
    ```markdown
    Tears draw empathy from others ([a blog](https://doi.org/10.5555/not-listed)).
    ```

    ## Use instead
    Cite a work the claim file lists, or add the new work to the claim's `evidence.citations`
    after reading it.

    ## Options
    None. Identifiers are compared after normalisation; a DOI and a PMID of the same work do
    not yet count as the same (the citation verifier's lock file will link them).
    """

    code = "CK202"
    name = "citation-not-in-evidence"
    severity = Severity.INFO

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for occurrence in context.occurrences:
            if occurrence.stance is Stance.QUESTIONED or not occurrence.citations:
                continue
            claim = context.claims[occurrence.claim]
            listed = {citation.ref for citation in claim.evidence.citations}
            for cited in occurrence.citations:
                if str(cited) not in listed:
                    yield self.finding(
                        context,
                        occurrence.sentence,
                        f"cites {cited} for {claim.id}, but the claim's evidence does not list it",
                        "Check that the work says this, then add it to the claim file, or cite a "
                        "listed work.",
                        claim=claim.id,
                        stance=occurrence.stance,
                    )
