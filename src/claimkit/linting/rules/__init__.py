"""The lint rules: one module per rule, registered here explicitly.

Each rule module declares one ``ArticleRule`` or ``SuppressionRule`` subclass with a code, a
name, a default severity, typed options and a docstring that is its documentation page
(``claimkit.output.rules`` renders them). ``base`` holds what they share: ``ArticleContext``
(all a rule may read of one article), the certainty policy, word-list helpers.

May import: ``claimkit.linting.findings``, ``claimkit.linting.suppressions``,
``claimkit.verify`` (the lock file only), ``claimkit.matching``, ``claimkit.reading``,
``claimkit.registry``, ``claimkit.core``. Knows nothing of configuration files or the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimkit.linting.rules.absolute_health_language import AbsoluteHealthLanguage
from claimkit.linting.rules.avoided_wording import AvoidedWording
from claimkit.linting.rules.base import (
    DEFAULT_CERTAINTY_POLICY,
    AllowedStance,
    ArticleContext,
    ArticleRule,
    CertaintyPolicy,
    Rule,
    SuppressionRule,
)
from claimkit.linting.rules.citation_not_in_evidence import CitationNotInEvidence
from claimkit.linting.rules.contradicting_citation import ContradictingCitation
from claimkit.linting.rules.contradicts_evidence import ContradictsEvidence
from claimkit.linting.rules.hidden_characters import HiddenCharacters
from claimkit.linting.rules.overstated_claim import OverstatedClaim
from claimkit.linting.rules.retracted_citation import RetractedCitation
from claimkit.linting.rules.suppression_without_reason import SuppressionWithoutReason
from claimkit.linting.rules.uncited_claim import UncitedClaim
from claimkit.linting.rules.unregistered_claim import UnregisteredClaim
from claimkit.linting.rules.unsupported_claim import UnsupportedClaim
from claimkit.linting.rules.unused_suppression import UnusedSuppression
from claimkit.linting.rules.unverified_citation import UnverifiedCitation

__all__ = [
    "DEFAULT_CERTAINTY_POLICY",
    "RULES",
    "AllowedStance",
    "ArticleContext",
    "ArticleRule",
    "CertaintyPolicy",
    "Rule",
    "SuppressionRule",
    "resolve_selector",
    "rule_for",
    "selected_rules",
]

RULES: dict[str, type[Rule]] = {
    rule.code: rule
    for rule in (
        UnsupportedClaim,
        OverstatedClaim,
        ContradictsEvidence,
        AvoidedWording,
        UncitedClaim,
        CitationNotInEvidence,
        ContradictingCitation,
        RetractedCitation,
        UnverifiedCitation,
        UnregisteredClaim,
        AbsoluteHealthLanguage,
        HiddenCharacters,
        UnusedSuppression,
        SuppressionWithoutReason,
    )
}


def rule_for(code_or_name: str) -> type[Rule] | None:
    """The rule with this code, name or old code (alias)."""
    for rule in RULES.values():
        if code_or_name in (rule.code, rule.name, *rule.aliases):
            return rule
    return None


def selected_rules(select: Iterable[str], ignore: Iterable[str]) -> list[type[Rule]]:
    """The rules that ``select`` names and ``ignore`` does not, in code order."""
    selected = {code for selector in select for code in resolve_selector(selector)}
    ignored = {code for selector in ignore for code in resolve_selector(selector)}
    return [rule for code, rule in RULES.items() if code in selected and code not in ignored]


def resolve_selector(selector: str) -> list[str]:
    """The codes a selector names: a code, a code prefix ("CK1"), or a rule name."""
    rule = rule_for(selector)
    if rule is not None:
        return [rule.code]
    if selector.upper().startswith("CK"):
        return [code for code in RULES if code.startswith(selector.upper())]
    return []
