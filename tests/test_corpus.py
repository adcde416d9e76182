"""Claim matching and stance measured on two hand-labelled corpora of sentences.

`corpus/sentences.yaml` (341 sentences) is the development set: the bundled registry's match
rules and the cue lexicon were refined against it. `corpus/heldout.yaml` (236 sentences) was
written later, by another author, without seeing either; it measures the rules blind. The
thresholds sit a little below the measured figures (docs/performance.md) so that a regression
fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkit import ClaimSet, load_claims
from tests.corpus.measure import measure

CORPUS = Path(__file__).parent / "corpus"
REGISTRY = Path(__file__).parents[1] / "claims"


@pytest.fixture(scope="module")
def registry() -> ClaimSet:
    return load_claims(REGISTRY)


@pytest.mark.parametrize(
    ("corpus", "recall", "rejection", "stance"),
    [
        pytest.param("sentences.yaml", 0.95, 0.97, 0.97, id="development"),
        pytest.param("heldout.yaml", 0.75, 0.90, 0.92, id="held-out"),
    ],
)
def test_matcher_and_stance_meet_their_measured_accuracy(
    registry: ClaimSet, corpus: str, recall: float, rejection: float, stance: float
) -> None:
    figures = measure(CORPUS / corpus, registry)
    assert figures.recall >= recall, figures.misses
    assert figures.rejection >= rejection
    assert figures.stance_accuracy >= stance, figures.confusion


def test_every_claim_and_stance_is_in_both_corpora() -> None:
    import yaml

    claim_ids = {path.stem for path in REGISTRY.rglob("*.yaml") if path.name != "topic.yaml"}
    for name in ("sentences.yaml", "heldout.yaml"):
        items = yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
        labelled = {(i["claim"], i["stance"]) for i in items if i["claim"]}
        stances = {"asserted", "hedged", "negated", "attributed", "questioned"}
        assert {claim.split(".")[1] for claim, _ in labelled} == claim_ids
        assert {stance for _, stance in labelled} == stances
