"""CK901 unused-suppression."""

from __future__ import annotations

from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, SuppressionRule
from claimkit.linting.suppressions import Suppression


class UnusedSuppression(SuppressionRule):
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

    def check(self, context: ArticleContext, suppression: Suppression) -> Iterator[Finding]:
        for directive in suppression.unused(context.directives):
            yield self.finding_at(
                context,
                directive.span,
                directive.text,
                f"{directive.describe()} suppresses nothing",
                "Remove it.",
            )
