"""The bundled claims library for crying and tears, and the example articles it ships with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimkit import ClaimSet, ReviewStatus, Stance, load_claims, scan_paths
from tests.conftest import SHARED, needs_shared

REPOSITORY = Path(__file__).parents[1]
REFERENCE = SHARED / "reference"
SEED = SHARED / "seed" / "crying-benefits.txt"

CLAIM_IDS = {
    "crying.expels-stress-hormones", "crying.releases-endorphins", "crying.relieves-stress",
    "crying.improves-mood", "crying.elicits-social-support", "crying.lowers-blood-pressure",
    "crying.boosts-immunity", "crying.removes-toxins", "crying.coping-strategy",
    "tears.emotional-composition", "crying.relieves-pain", "crying.improves-sleep",
    "crying.self-soothing", "tears.remove-manganese", "crying.releases-oxytocin",
    "tears.protect-eyes", "tears.chemosignal", "crying.general-health-benefit",
}  # fmt: skip


@pytest.fixture(scope="module")
def library() -> ClaimSet:
    return load_claims(REPOSITORY / "claims")


def test_library_is_valid_with_no_warnings(library: ClaimSet) -> None:
    assert set(library.ids) == CLAIM_IDS
    assert library.warnings == ()


def test_no_claim_pretends_to_have_been_reviewed(library: ClaimSet) -> None:
    assert {claim.review.status for claim in library} == {ReviewStatus.DRAFT}
    assert all(claim.review.reviewer is None for claim in library)


def test_every_claim_has_enough_examples_and_wording(library: ClaimSet) -> None:
    for claim in library:
        assert len(claim.examples.match) >= 5, claim.id
        assert len(claim.examples.no_match) >= 3, claim.id
        assert claim.wording.approved, claim.id
        assert claim.evidence.citations, claim.id


@needs_shared("reference/crying-evidence.md", "reference/crying-evidence-more.md")
def test_every_verified_identifier_appears_in_the_reference_sheets(library: ClaimSet) -> None:
    sheets = " ".join(
        (REFERENCE / name).read_text(encoding="utf-8").lower()
        for name in ("crying-evidence.md", "crying-evidence-more.md")
    )
    for claim in library:
        for citation in claim.evidence.citations:
            scheme, value = citation.ref.split(":", 1)
            if citation.verified and scheme in {"doi", "pmid", "pmcid"}:
                assert value.lower() in sheets, f"{claim.id}: {citation.ref}"


@needs_shared("reference/crying-evidence.md", "reference/crying-evidence-more.md")
def test_identifiers_in_notes_are_real_references_too(library: ClaimSet) -> None:
    # Notes mention extra identifiers ("Also PMID 26500382"); each must be one the sheets
    # list, never a guess.
    sheets = (REFERENCE / "crying-evidence.md").read_text() + (
        REFERENCE / "crying-evidence-more.md"
    ).read_text()
    for claim in library:
        for citation in claim.evidence.citations:
            for identifier in re.findall(r"PMID (\d+)|(PMC\d+)", citation.note or ""):
                assert "".join(identifier) in sheets, f"{claim.id}: {identifier}"


def located(path: Path, library: ClaimSet) -> list[tuple[int, int, str, str]]:
    result = scan_paths([path], library)
    return [(o.line, o.column, o.claim, str(o.stance)) for o in result.occurrences]


def test_example_article_makes_its_claims_on_the_right_sentences(library: ClaimSet) -> None:
    assert located(REPOSITORY / "examples" / "crying-benefits.md", library) == [
        (6, 3, "crying.general-health-benefit", "asserted"),  # the title, as a heading
        (13, 76, "crying.expels-stress-hormones", "asserted"),  # cortisol flushed out
        (16, 1, "crying.releases-endorphins", "asserted"),  # endorphin release
        (16, 47, "crying.improves-mood", "asserted"),
        (16, 47, "crying.releases-endorphins", "asserted"),
        (16, 47, "crying.relieves-pain", "asserted"),  # "dull pain"
        (21, 3, "crying.relieves-stress", "asserted"),  # the label "Stress relief."
        (21, 61, "crying.relieves-stress", "asserted"),  # stress relief
        (24, 20, "crying.improves-mood", "asserted"),  # a better mood
        (24, 20, "crying.releases-endorphins", "asserted"),
        (27, 3, "crying.elicits-social-support", "asserted"),  # "Closer relationships."
        (27, 27, "crying.elicits-social-support", "asserted"),  # connection
        (27, 88, "crying.elicits-social-support", "asserted"),
        (32, 3, "crying.lowers-blood-pressure", "asserted"),  # "Lower blood pressure."
        (32, 27, "crying.lowers-blood-pressure", "asserted"),  # blood pressure
        (34, 31, "crying.boosts-immunity", "asserted"),  # immune system
        (34, 31, "crying.expels-stress-hormones", "asserted"),
        (37, 22, "crying.removes-toxins", "asserted"),  # detox
        (37, 58, "crying.removes-toxins", "asserted"),
        (42, 1, "crying.coping-strategy", "asserted"),  # coping
    ]


@needs_shared("seed/crying-benefits.txt")
def test_seed_article_makes_the_same_claims(library: ClaimSet) -> None:
    found = located(SEED, library)
    # The sentence that makes each of the article's nine claims, and how.
    for expected in [
        (3, 88, "crying.expels-stress-hormones", "asserted"),
        (4, 1, "crying.releases-endorphins", "asserted"),
        (6, 1, "crying.relieves-stress", "asserted"),
        (7, 1, "crying.improves-mood", "asserted"),
        (8, 1, "crying.elicits-social-support", "asserted"),
        (10, 1, "crying.lowers-blood-pressure", "asserted"),
        (11, 133, "crying.boosts-immunity", "asserted"),
        (12, 1, "crying.removes-toxins", "asserted"),
        (16, 1, "crying.coping-strategy", "asserted"),
    ]:
        assert expected in found
    assert {claim for _, _, claim, _ in found} == {
        "crying.expels-stress-hormones", "crying.releases-endorphins", "crying.relieves-stress",
        "crying.improves-mood", "crying.elicits-social-support", "crying.lowers-blood-pressure",
        "crying.boosts-immunity", "crying.removes-toxins", "crying.coping-strategy",
        "crying.general-health-benefit", "crying.self-soothing",
    }  # fmt: skip
    # Not relieves-pain: "Endorphins ... act as painkillers" is about endorphins, not crying.


def test_debunking_article_is_read_as_negating_its_myths(library: ClaimSet) -> None:
    found = located(REPOSITORY / "examples" / "tears-myths-debunked.md", library)
    assert {claim for _, _, claim, _ in found} == {
        "crying.expels-stress-hormones",
        "crying.removes-toxins",
        "crying.lowers-blood-pressure",
    }
    assert {stance for _, _, _, stance in found} == {str(Stance.NEGATED)}


def test_revised_article_asserts_no_unsupported_claim(library: ClaimSet) -> None:
    found = located(REPOSITORY / "examples" / "crying-benefits-revised.md", library)
    unsupported = {c.id for c in library if c.evidence.verdict in {"unsupported", "refuted"}}
    for _, _, claim, stance in found:
        if claim in unsupported:
            assert stance == "negated", claim
