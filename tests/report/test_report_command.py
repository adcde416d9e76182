"""`claimkit report` as an editor runs it: where it writes, what it refuses, its exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit.cli import cli

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES, tmp_path / "posts")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["report", *args], prog_name="claimkit")


def test_one_article_goes_to_the_default_file(site: Path) -> None:
    result = run("posts/crying-benefits.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "claimkit-report.html\n"
    page = (site / "claimkit-report.html").read_text()
    assert page.startswith("<!doctype html>")
    assert '<meta name="generator" content="claimkit ' in page[:2048]
    assert "Reviewed 1 article (" in result.stderr


def test_a_directory_output_gets_a_page_per_article_and_an_index(site: Path) -> None:
    result = run("posts", "-o", "reviews/")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (site / "reviews").iterdir())
    assert written == [
        "index.html",
        "posts-crying-benefits-revised.md.html",
        "posts-crying-benefits.md.html",
        "posts-tears-myths-debunked.md.html",
    ]
    index = (site / "reviews" / "index.html").read_text()
    for name in written[1:]:
        assert f'href="{name}"' in index


def test_a_file_claimkit_did_not_write_is_never_overwritten_unasked(site: Path) -> None:
    (site / "notes.html").write_text("<p>my notes</p>")
    refused = run("posts", "-o", "notes.html")
    assert refused.exit_code == 2
    assert "notes.html: exists and is not a claimkit report" in refused.stderr
    assert (site / "notes.html").read_text() == "<p>my notes</p>"
    forced = run("posts", "-o", "notes.html", "--force")
    assert forced.exit_code == 0
    assert "claimkit" in (site / "notes.html").read_text()


def test_an_earlier_report_is_replaced_and_not_reviewed_as_an_article(site: Path) -> None:
    assert run("posts", "-o", "posts/review.html").exit_code == 0
    again = run("posts", "-o", "posts/review.html")
    assert again.exit_code == 0
    assert "Reviewed 3 articles" in again.stderr
    lint = CliRunner().invoke(cli, ["lint", "posts", "--format", "json"])
    assert "review.html" not in lint.stdout


def test_an_unreadable_article_is_named_and_the_others_still_reported(site: Path) -> None:
    (site / "posts" / "latin1.md").write_bytes("Caf\xe9\n".encode("latin-1"))
    result = run("posts")
    assert result.exit_code == 2
    assert "posts/latin1.md:1:4: not valid UTF-8" in result.stderr
    assert "Reviewed 3 articles" in result.stderr
    assert (site / "claimkit-report.html").exists()


def test_no_article_to_review_exits_2(site: Path) -> None:
    (site / "empty").mkdir()
    result = run("empty")
    assert result.exit_code == 2
    assert "no article to review in empty" in result.stderr
    assert not (site / "claimkit-report.html").exists()


def test_a_missing_path_exits_2(site: Path) -> None:
    result = run("nowhere.md")
    assert result.exit_code == 2
    assert "nowhere.md: no such file or directory" in result.stderr


def test_an_empty_article_gets_a_report_that_says_so(site: Path) -> None:
    (site / "empty.md").write_text("")
    result = run("empty.md")
    assert result.exit_code == 0, result.stderr
    page = (site / "claimkit-report.html").read_text()
    assert "The article makes no claim the registry knows." in page
    assert "No findings." in page
