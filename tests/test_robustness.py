"""Whatever is in a claim file, loading reports problems; it never crashes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit import InvalidRegistryError, load_claims
from tests.conftest import VALID_CLAIM


def _load(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "claim.yaml").write_bytes(content)
        problems = []
        try:
            load_claims(directory)
        except InvalidRegistryError as error:
            problems = list(error.problems)
            assert problems
    for problem in problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert "\n" not in problem.message


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_problems_not_exceptions(content: bytes) -> None:
    _load(content)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="abc:-[]{}&*!|>'\" \n\t#?,.@%0123", max_size=200))
def test_yaml_like_text_gives_problems_not_exceptions(content: str) -> None:
    _load(content.encode())


lines = VALID_CLAIM.splitlines(keepends=True)


@settings(max_examples=300)
@given(
    st.lists(st.integers(min_value=0, max_value=len(lines) - 1), max_size=4),
    st.sampled_from(["", "x", "  ", "- ", ": ", "[", "null", "[]", "{}", "- [a]", "true", "1"]),
)
def test_damaged_claim_file_gives_problems_not_exceptions(drop: list[int], insert: str) -> None:
    damaged = [line for index, line in enumerate(lines) if index not in drop]
    damaged.insert(len(drop) % len(damaged), insert + "\n")
    _load("".join(damaged).encode())
