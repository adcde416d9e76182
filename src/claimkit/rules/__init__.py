"""The lint rules: one module per rule, registered here explicitly."""

from __future__ import annotations

from claimkit.rules.absolute_health_language import AbsoluteHealthLanguage
from claimkit.rules.avoided_wording import AvoidedWording
from claimkit.rules.base import ArticleContext, Rule
from claimkit.rules.citation_not_in_evidence import CitationNotInEvidence
from claimkit.rules.contradicting_citation import ContradictingCitation
from claimkit.rules.contradicts_evidence import ContradictsEvidence
from claimkit.rules.overstated_claim import OverstatedClaim
from claimkit.rules.retracted_citation import RetractedCitation
from claimkit.rules.suppression_without_reason import SuppressionWithoutReason
from claimkit.rules.uncited_claim import UncitedClaim
from claimkit.rules.unregistered_claim import UnregisteredClaim
from claimkit.rules.unsupported_claim import UnsupportedClaim
from claimkit.rules.unused_suppression import UnusedSuppression
from claimkit.rules.unverified_citation import UnverifiedCitation

__all__ = ["RULES", "ArticleContext", "Rule", "resolve_selector", "rule_for"]

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


def resolve_selector(selector: str) -> list[str]:
    """The codes a selector names: a code, a code prefix ("CK1"), or a rule name."""
    rule = rule_for(selector)
    if rule is not None:
        return [rule.code]
    if selector.upper().startswith("CK"):
        return [code for code in RULES if code.startswith(selector.upper())]
    return []
