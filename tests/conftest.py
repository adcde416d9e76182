"""Shared fixtures: a valid claim file to mutate, the path to the example registry, and the
rule for tests that read the third-party reference material in ../shared."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

TESTS = Path(__file__).parent
EXAMPLE_REGISTRY = TESTS / "registry"
SHARED = TESTS.parent.parent / "shared"
"""Third-party reference material, read in place (never copied here). CI has it; a user's
fresh clone may not, and there the tests that need it skip — unless CLAIMKIT_REQUIRE_SHARED=1
(CI sets it), when they fail instead, so that they cannot silently not run."""
GIT = [
    "git",
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@example.org",
    "-c",
    "init.defaultBranch=main",
]
"""git, with an identity and a branch name whatever the machine's configuration."""

# A complete, valid claim file. Tests change one line and pin the exact message and position,
# so the line numbers in the comments on the right matter.
VALID_CLAIM = textwrap.dedent(
    """\
    id: crying.lowers-blood-pressure
    statement: Crying lowers blood pressure.
    topic: crying
    tags: [cardiovascular]
    evidence:
        certainty: very-low
        verdict: unsupported
        summary: No controlled study has found that crying lowers blood pressure.
        citations:
          - ref: doi:10.1111/j.1469-8986.1994.tb01049.x
            title: The psychophysiology of crying
            year: 1994
            design: experiment
            stance: contradicts
            verified: true
    match:
        required:
          - [blood pressure, hypertension]
          - [lower, reduce]
        context:
          - [cry, crying, tears]
    review:
        status: draft
        next_review: 2999-01-01
    """
)


@pytest.fixture
def claim_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a claim file into a fresh registry directory and return its path."""

    def write(text: str = VALID_CLAIM, name: str = "claim.yaml") -> Path:
        path = tmp_path / "claims" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _private_cache_directory(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or write the user's registry cache."""
    monkeypatch.setenv("CLAIMKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def needs_shared(*paths: str) -> pytest.MarkDecorator:
    """Mark a test that reads ``../shared/PATH`` for each of ``paths``."""
    return pytest.mark.needs_shared(*paths)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_shared"):
        missing = [path for path in mark.args if not (SHARED / path).exists()]
        if not missing:
            continue
        reason = f"{SHARED / missing[0]} is not here"
        if os.environ.get("CLAIMKIT_REQUIRE_SHARED") == "1":
            pytest.fail(f"{reason}, and CLAIMKIT_REQUIRE_SHARED=1 requires it", pytrace=False)
        pytest.skip(reason)
