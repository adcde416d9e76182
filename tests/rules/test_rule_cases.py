"""Every rule against its own pass and fail cases (cases.yaml), through one runner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimkit import ClaimSet, lint_text, load_claims
from claimkit.config import Config
from claimkit.linting.rules import RULES
from claimkit.verify.lockfile import LockEntry, LockFile

CASES: dict[str, dict[str, list[dict[str, Any]]]] = yaml.safe_load(
    (Path(__file__).with_name("cases.yaml")).read_text(encoding="utf-8")
)
REGISTRY = Path(__file__).parents[2] / "claims"


@pytest.fixture(scope="module")
def registry() -> ClaimSet:
    return load_claims(REGISTRY)


def _params(outcome: str) -> list[Any]:
    return [
        pytest.param(code, case, id=f"{code}-{outcome}-{number}")
        for code, cases in CASES.items()
        for number, case in enumerate(cases.get(outcome, []))
    ]


def findings_of(registry: ClaimSet, code: str, case: dict[str, Any]) -> list[Any]:
    # All rules run, as users run them: the suppression rules need the others' findings.
    lock = None
    if "lock" in case:
        checked = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
        lock = LockFile(
            Path("citations.lock.json"),
            {
                identifier: LockEntry(status=status, checked=checked)
                for identifier, status in case["lock"].items()
            },
        )
    report = lint_text(case["article"], registry, path="case.md", config=Config(), lock=lock)
    return [finding for finding in report.findings if finding.code == code]


@pytest.mark.parametrize(("code", "case"), _params("fail"))
def test_rule_flags_its_fail_case(registry: ClaimSet, code: str, case: dict[str, Any]) -> None:
    found = findings_of(registry, code, case)
    assert found, f"{code} did not flag: {case['article']!r}"
    first = found[0]
    assert f"{first.line}:{first.column}-{first.end_line}:{first.end_column}" == case["at"]
    assert case.get("message", "") in first.message
    assert found[0].severity is RULES[code].severity


@pytest.mark.parametrize(("code", "case"), _params("pass"))
def test_rule_passes_its_pass_case(registry: ClaimSet, code: str, case: dict[str, Any]) -> None:
    assert findings_of(registry, code, case) == []


def test_every_rule_has_pass_and_fail_cases() -> None:
    for code in RULES:
        assert CASES.get(code, {}).get("fail"), f"{code} has no fail case"
        assert CASES.get(code, {}).get("pass"), f"{code} has no pass case"
    assert set(CASES) == set(RULES)
