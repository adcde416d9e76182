"""The real services, for a human to run now and then: `pytest -m live` (needs the internet).

Skipped by default (pyproject's `-m "not live"`); CI has no network. Each identifier here is
one the project's evidence review verified by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.verify import CitationStatus, LockFile, VerifyOptions, verify
from claimkit.verify.model import Declared, Target

pytestmark = pytest.mark.live


def check(target: Target, tmp_path: Path) -> CitationStatus:
    lock = LockFile.read(tmp_path / "citations.lock.json")
    options = VerifyOptions(mailto="claimkit-tests@example.org", retries=2)
    [outcome] = verify([target], lock, options, due=lambda _: True)
    if outcome.entry.status is CitationStatus.UNREACHABLE:
        pytest.skip(f"the service cannot be reached from here: {outcome.entry.message}")
    return outcome.entry.status


def test_a_crossref_doi_with_its_published_title_is_ok(tmp_path: Path) -> None:
    declared = Declared(
        "Can the distress-signal and arousal-reduction views of crying be reconciled? "
        "Evidence from the cardiovascular system",
        2007,
    )
    target = Target("doi:10.1037/1528-3542.7.2.458", declared)
    assert check(target, tmp_path) is CitationStatus.OK


def test_a_doi_under_a_wrong_title_is_a_mismatch(tmp_path: Path) -> None:
    # The title an earlier brief gave this work, which is not its published title.
    target = Target("doi:10.1037/1528-3542.7.2.458", Declared("Emotional crying and physiology"))
    assert check(target, tmp_path) is CitationStatus.MISMATCH


def test_a_work_retracted_through_retraction_watch_is_retracted(tmp_path: Path) -> None:
    assert check(Target("doi:10.1016/S0140-6736(97)11096-0"), tmp_path) is (
        CitationStatus.RETRACTED
    )


def test_a_pmid_is_found_in_pubmed(tmp_path: Path) -> None:
    declared = Declared("Effect of stimulus on the chemical composition of human tears", 1981)
    assert check(Target("pmid:7294117", declared), tmp_path) is CitationStatus.OK


def test_a_pmcid_is_found_through_the_id_converter(tmp_path: Path) -> None:
    declared = Declared("The social impact of emotional tears", 2016)
    assert check(Target("pmcid:PMC4882350", declared), tmp_path) is CitationStatus.OK
