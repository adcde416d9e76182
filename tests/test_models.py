"""The claim model as the Python API presents it: ordered levels, immutable claims."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from claimkit import Certainty, ClaimSet, Severity, Verdict, load_claims
from tests.conftest import EXAMPLE_REGISTRY


def test_certainty_levels_are_ordered_as_grade_orders_them() -> None:
    assert Certainty.NONE < Certainty.VERY_LOW < Certainty.LOW < Certainty.MODERATE < Certainty.HIGH
    assert max(Certainty) is Certainty.HIGH
    assert sorted(["moderate", "high", "very-low"], key=Certainty) == [
        "very-low",
        "moderate",
        "high",
    ]


def test_certainty_reads_in_words() -> None:
    assert Certainty.VERY_LOW.label == "very low"
    assert Certainty.NONE.label == "no evidence"


def test_levels_still_equal_their_text() -> None:
    assert Certainty.LOW == "low"
    assert Verdict("refuted") is Verdict.REFUTED
    assert Severity.WARNING < Severity.ERROR
    assert Verdict.REFUTED < Verdict.SUPPORTED


def test_levels_of_different_kinds_do_not_compare() -> None:
    with pytest.raises(TypeError):
        assert Certainty.LOW < Severity.ERROR  # type: ignore[operator]


@pytest.fixture(scope="module")
def registry() -> ClaimSet:
    return load_claims(EXAMPLE_REGISTRY)


def test_claims_cannot_be_changed_after_loading(registry: ClaimSet) -> None:
    claim = registry["crying.lowers-blood-pressure"]
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        claim.statement = "Crying cures everything."  # type: ignore[misc]
    assert isinstance(claim.evidence.citations, tuple)
    assert isinstance(claim.match.required[0], tuple)


def test_claim_set_is_ordered_by_id_and_looks_up_by_id(registry: ClaimSet) -> None:
    assert [claim.id for claim in registry] == list(registry.ids)
    assert list(registry.ids) == sorted(registry.ids)
    assert "crying.removes-toxins" in registry
    assert registry.get("crying.no-such-claim") is None
    with pytest.raises(KeyError):
        registry["crying.no-such-claim"]


def test_claim_set_knows_where_each_claim_is_defined(registry: ClaimSet) -> None:
    source = registry.source_of("crying.removes-toxins")
    assert source.path == Path(EXAMPLE_REGISTRY, "crying", "removes-toxins.yaml")
    assert (source.line, source.column) == (1, 5)


def test_claim_set_suggests_a_close_id(registry: ClaimSet) -> None:
    assert registry.suggest("crying.remove-toxin") == "crying.removes-toxins"
    assert registry.suggest("completely.different") is None


def test_citation_exposes_its_parsed_identifier(registry: ClaimSet) -> None:
    citation = registry["crying.removes-toxins"].evidence.citations[0]
    assert citation.ref == "pmid:7294117"
    assert citation.identifier.url == "https://pubmed.ncbi.nlm.nih.gov/7294117/"
