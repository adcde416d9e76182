"""Which files lint reads: the configuration's include and exclude, named files, --force-exclude."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimkit.cli import cli

MYTH = "Crying lowers your blood pressure.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("posts/a.md", "posts/b.md", "drafts/c.md", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(MYTH)
    (tmp_path / ".claimkit.yaml").write_text(
        'include: ["posts/**", "drafts/**"]\nexclude: ["drafts/**"]\n'
    )
    return tmp_path


def linted(*args: str) -> list[str]:
    result = CliRunner().invoke(cli, ["lint", *args, "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    return sorted({finding["path"] for finding in json.loads(result.stdout)["findings"]})


def test_walking_a_directory_follows_include_and_exclude(site: Path) -> None:
    assert linted(".") == ["posts/a.md", "posts/b.md"]


def test_a_file_named_on_the_command_line_is_linted_even_if_excluded(site: Path) -> None:
    assert linted("drafts/c.md", "notes.txt") == ["drafts/c.md", "notes.txt"]


def test_force_exclude_applies_the_configuration_to_named_files_too(site: Path) -> None:
    assert linted("--force-exclude", "drafts/c.md", "notes.txt", "posts/a.md") == ["posts/a.md"]


def test_a_review_report_in_the_content_is_not_linted_as_an_article(site: Path) -> None:
    assert CliRunner().invoke(cli, ["report", "posts", "-o", "posts/review.html"]).exit_code == 0
    assert linted("posts") == ["posts/a.md", "posts/b.md"]
