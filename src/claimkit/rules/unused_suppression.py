"""CK901 unused-suppression."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.findings import Finding, Severity
from claimkit.rules.base import ArticleContext, Rule


class UnusedSuppression(Rule):
    """## What it does
    Flags a suppression — a `claimkit-ignore` or `claimkit-disable` comment, or a front matter
    `claimkit: {ignore: [...]}` — that suppressed nothing.

    ## Why is this bad?
    Suppressions are an audit trail of editorial decisions. One that no longer suppresses
    anything (the sentence was rewritten, the claim was fixed, the code is wrong) misleads the
    next editor and would silently hide a future problem.

    ## Example
    ```markdown
    <!-- claimkit-ignore CK101 reason="quoted from a 1988 news story" -->
    Crying is a normal response to strong feelings.
    ```

    ## Use instead
    Remove the comment.

    ## Options
    None.
    """

    code = "CK901"
    name = "unused-suppression"
    severity = Severity.WARNING
    after_suppression = True

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for directive in context.directives:
            if directive.suppresses and directive.used == 0:
                yield self.report_at(
                    context,
                    directive.span,
                    directive.text,
                    f"{directive.describe()} suppresses nothing",
                    "Remove it.",
                )
