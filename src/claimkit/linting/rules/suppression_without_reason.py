"""CK902 suppression-without-reason."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, SuppressionRule
from claimkit.linting.suppressions import Suppression


class SuppressionWithoutReason(SuppressionRule):
    """## What it does
    Flags a suppression that does not say why: a `claimkit-ignore` or `claimkit-disable`
    comment without `reason="..."`, or front matter `claimkit: {ignore: [...]}` without
    `reason`.

    ## Why is this bad?
    A suppression overrides the clinical registry for one passage. The next editor, or an
    auditor, needs to know who decided that and why: "quoted from the 1988 source", "the
    claim is attributed and refuted in the next sentence".

    ## Example
    ```markdown
    <!-- claimkit-ignore CK101 -->
    ```

    ## Use instead
    ```markdown
    <!-- claimkit-ignore CK101 reason="historical quotation, refuted in the next paragraph" -->
    ```

    ## Options
    None.
    """

    code = "CK902"
    name = "suppression-without-reason"
    severity = Severity.WARNING

    def check(self, context: ArticleContext, suppression: Suppression) -> Iterator[Finding]:
        for directive in context.directives:
            if directive.suppresses and not directive.reason:
                yield self.finding_at(
                    context,
                    directive.span,
                    directive.text,
                    f"{directive.describe()} gives no reason",
                    'Add reason="..." saying why the passage is exempt.',
                )
