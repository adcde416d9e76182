"""Upgrades never stop a newsroom.

Registries that editors wrote for an earlier release are kept as they wrote them: each must
still pass `claims check`. A change to claimkit that makes one fail is a breaking change and
goes in CHANGELOG.md. And when a registry's examples do fail after an upgrade, every command
but `claims check` runs on, naming each failing example and the command that explains it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit import load_claims
from claimkit.cli import cli
from tests.conftest import EXAMPLE_REGISTRY, SHARED, needs_shared

FROZEN = Path(__file__).parent / "registries" / "frozen"
# The day the newest of these registries was frozen: checked as of then, so that a review
# falling due later does not make the test fail.
FROZEN_ON = dt.date(2026, 12, 7)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="claimkit")


def _assert_still_valid(registry: Path) -> None:
    loaded = load_claims(registry, today=FROZEN_ON, cache=False)
    assert [str(example.problem) for example in loaded.failing_examples] == []
    assert [str(warning) for warning in loaded.warnings] == []
    checked = run("claims", "check", str(registry))
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.endswith("valid.\n")


@pytest.mark.parametrize("registry", sorted(FROZEN.glob("*/*")), ids=lambda path: path.parent.name)
def test_a_registry_written_for_an_earlier_release_still_passes_its_check(
    registry: Path,
) -> None:
    _assert_still_valid(registry)


@needs_shared("registries/cold-water-2026-12/cold-water")
def test_the_cold_water_registry_an_editor_wrote_still_passes_its_check() -> None:
    _assert_still_valid(SHARED / "registries" / "cold-water-2026-12" / "cold-water")


@pytest.fixture
def upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registry at ./claims one of whose examples its match rules no longer recognise, as
    after an upgrade that changed what a term meets; and an article."""
    monkeypatch.chdir(tmp_path)
    registry = Path(shutil.copytree(EXAMPLE_REGISTRY, tmp_path / "claims"))
    path = registry / "crying" / "lowers-blood-pressure.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  match:\n", "  match:\n    - Crying tames hypertension.\n", 1),
        encoding="utf-8",
    )
    (tmp_path / "article.md").write_text(
        "# Crying\n\nCrying lowers your blood pressure.\n", encoding="utf-8"
    )
    return path


def test_claims_check_still_fails_on_a_failing_example(upgraded: Path) -> None:
    result = run("claims", "check")
    assert result.exit_code == 1
    assert "examples.match[0]: 'Crying tames hypertension.' is not recognised" in (result.stdout)


@pytest.mark.parametrize(
    ("command", "exits"),
    [
        (["lint", "article.md"], {1}),
        (["scan", "article.md"], {0}),
        (["explain", "--text", "Crying tames hypertension."], {0}),
        (["report", "article.md", "-o", "review.html"], {0, 1}),
        (["trace", "article.md"], {0}),
    ],
)
def test_every_command_but_check_runs_and_names_the_failing_example(
    upgraded: Path, command: list[str], exits: set[int]
) -> None:
    result = run(*command)
    assert result.exit_code in exits, result.output
    named = [line for line in result.stderr.splitlines() if "examples.match[0]" in line]
    assert named == [
        "claims/crying/lowers-blood-pressure.yaml:46:7: examples.match[0]: 'Crying tames "
        "hypertension.' is not recognised as this claim: no term of match.required[1] "
        "(benefit, decrease, drop, good for, improve, lower, reduce) (see why: claimkit explain "
        "--claims claims --text 'Crying tames hypertension.')"
    ]


def test_explain_says_why_the_failing_example_does_not_match(upgraded: Path) -> None:
    result = run("explain", "--text", "Crying tames hypertension.")
    assert result.exit_code == 0
    assert "nearly crying.lowers-blood-pressure: no term of match.required[1]" in result.stdout


def test_a_registry_invalid_in_form_still_stops_every_command(upgraded: Path) -> None:
    upgraded.write_text(upgraded.read_text().replace("verdict: unsupported", "verdict: no"))
    result = run("lint", "article.md")
    assert result.exit_code == 2
    assert "the claim registry claims is invalid" in result.stderr
