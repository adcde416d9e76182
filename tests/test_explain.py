"""`claimkit explain`: why a sentence does or does not make a claim, for editors writing match
rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit.cli import cli
from tests.conftest import EXAMPLE_REGISTRY

ARTICLE = (
    "# Crying\n\n"
    "Crying has its benefits.\n\n"
    "It lowers blood pressure.\n\n"
    "Daily walks lower blood pressure, too.\n"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--claims", str(EXAMPLE_REGISTRY)], prog_name="claimkit")


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "post.md"
    path.write_text(ARTICLE)
    return path


def test_explain_names_the_terms_the_subjects_source_and_the_stance(article: Path) -> None:
    result = run("explain", "post.md", "--line", "5")
    assert result.exit_code == 0
    assert result.stdout == (
        'post.md:5:1  "It lowers blood pressure."\n'
        "  makes crying.lowers-blood-pressure  asserted\n"
        "    terms: lowers, blood pressure\n"
        "    subject from: previous sentence\n"
        "    stance cue: none (asserted)\n"
    )


def test_explain_names_the_words_that_decided_the_stance_and_where_they_are() -> None:
    text = "The theory that crying lowers blood pressure has not held up."
    result = run("explain", "--text", text)
    assert result.stdout.splitlines()[-1] == (
        '    stance cue: "has not held up" (characters 46-60)'
    )
    payload = json.loads(run("explain", "--text", text, "--format", "json").stdout)
    (claim,) = payload["sentences"][0]["claims"]
    start, end = claim["cue_span"]
    assert (claim["cue"], text[start:end]) == ("has not held up", "has not held up")


def test_explain_says_why_a_sentence_with_its_own_subject_makes_no_claim(article: Path) -> None:
    result = run("explain", "post.md", "--line", "7")
    assert result.stdout == (
        'post.md:7:1  "Daily walks lower blood pressure, too."\n'
        "  nearly crying.lowers-blood-pressure: its subject is its own, and not one the "
        "claim's context names\n"
    )


def test_explain_names_the_missing_group_of_a_near_miss(article: Path) -> None:
    result = run("explain", "post.md", "--line", "3")
    assert result.stdout.splitlines()[1] == (
        "  nearly crying.lowers-blood-pressure: no term of match.required[0] (blood pressure, "
        "cardiovascular health, heart health, hypertension)"
    )


def test_explain_names_the_veto_that_cancels_a_claim() -> None:
    result = run("explain", "--text", "Crying lowers blood pressure and eye pressure.")
    assert result.stdout.splitlines()[1] == (
        "  nearly crying.lowers-blood-pressure: the veto term 'eye pressure' cancels it"
    )


def test_explain_lists_only_telling_sentences_unless_asked_for_all(article: Path) -> None:
    telling = [
        line for line in run("explain", "post.md").stdout.splitlines() if "  " not in line[:2]
    ]
    every = [
        line
        for line in run("explain", "post.md", "--all").stdout.splitlines()
        if "  " not in line[:2]
    ]
    assert [line.split()[0] for line in telling] == ["post.md:3:1", "post.md:5:1", "post.md:7:1"]
    assert [line.split()[0] for line in every] == [
        "post.md:1:3",
        "post.md:3:1",
        "post.md:5:1",
        "post.md:7:1",
    ]


def test_explain_json_has_each_claim_with_its_subject_and_each_near_miss(article: Path) -> None:
    payload = json.loads(run("explain", "post.md", "--format", "json").stdout)
    made = {s["line"]: s for s in payload["sentences"]}
    assert made[5]["claims"] == [
        {
            "claim": "crying.lowers-blood-pressure",
            "stance": "asserted",
            "cue": None,
            "cue_span": None,
            "terms": ["lowers", "blood pressure"],
            "subject": "previous sentence",
            "refers_to": None,
        }
    ]
    assert made[7]["claims"] == []
    assert [miss["claim"] for miss in made[7]["near_misses"]] == ["crying.lowers-blood-pressure"]


def test_explain_without_a_file_or_text_is_a_usage_error() -> None:
    result = run("explain")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
