"""`claimkit claims ...` as users and CI meet it: output, streams and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from claimkit import __version__
from claimkit.cli import cli
from tests.conftest import EXAMPLE_REGISTRY, VALID_CLAIM

WriteClaim = Callable[..., Path]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="claimkit")


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example registry at ./claims, the default location."""
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copytree(EXAMPLE_REGISTRY, tmp_path / "claims"))


# -- claims check ------------------------------------------------------------------------------


def test_check_valid_registry_exits_0(registry: Path) -> None:
    result = run("claims", "check")
    assert result.exit_code == 0
    assert result.stdout == "All 3 claims valid.\n"
    assert result.stderr == ""


def test_check_reports_problems_on_stdout_and_exits_1(registry: Path) -> None:
    path = registry / "crying" / "removes-toxins.yaml"
    path.write_text(path.read_text().replace("verdict: unsupported", "verdict: false"))
    result = run("claims", "check", "claims")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "claims/crying/removes-toxins.yaml:9:12: evidence.verdict: 'false' is not one of: "
        "supported, mixed, unsupported, refuted",
        "Found 1 error and 0 warnings.",
    ]


def test_check_missing_directory_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("claims", "check", "nowhere")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: nowhere: no such claims directory or claim file\n"


def test_check_without_argument_uses_claims_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("claims", "check")
    assert result.exit_code == 2
    assert result.stderr == "Error: claims: no such claims directory or claim file\n"


def test_check_empty_directory_says_so_and_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    result = run("claims", "check")
    assert result.exit_code == 2
    assert result.stderr == "Error: claims: no claim files (*.yaml or *.yml) in this directory\n"


@pytest.mark.parametrize(
    "command", [["lint", "post.md"], ["scan", "post.md"], ["trace", "post.md"]]
)
def test_an_empty_registry_is_an_error_not_a_clean_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "post.md").write_text("Crying lowers blood pressure.\n")
    result = run(*command)
    assert result.exit_code == 2
    assert "claims: no claim files (*.yaml or *.yml) in this directory" in result.stderr


def test_check_warnings_pass_unless_strict(
    claim_file: WriteClaim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    claim_file(VALID_CLAIM.replace("next_review: 2999-01-01", "next_review: 2001-01-01"))
    warning = (
        "claims/claim.yaml:24:18: warning: review.next_review: review is overdue since "
        "2001-01-01; re-check the evidence and set a new date"
    )
    lenient = run("claims", "check")
    assert lenient.exit_code == 0
    assert lenient.stdout.splitlines() == [warning, "All 1 claim valid (1 warning)."]
    strict = run("claims", "check", "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.splitlines() == lenient.stdout.splitlines()


def test_check_terms_lists_what_each_term_word_meets_and_why(registry: Path) -> None:
    path = registry / "crying" / "lowers-blood-pressure.yaml"
    path.write_text(path.read_text().replace("heart health, cardiovascular", "severe, heart"))
    assert run("claims", "check").stdout == "All 3 claims valid.\n"
    result = run("claims", "check", "--terms")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (
        "claims/crying/lowers-blood-pressure.yaml:38:38: info: match.required[0][2]: "
        "severe: only itself"
    ) in lines
    assert (
        "claims/crying/lowers-blood-pressure.yaml:39:15: info: match.required[1][1]: "
        "reduce: reduces, reduced, reducing (inflections, verb); "
        "reduction, reductions (relative: reduction, noun)"
    ) in lines
    assert lines[-1] == "All 3 claims valid."
    # What a term meets is information, not a problem: --strict still passes.
    assert run("claims", "check", "--terms", "--strict").exit_code == 0


def test_show_lists_every_word_each_term_meets(registry: Path) -> None:
    path = registry / "crying" / "lowers-blood-pressure.yaml"
    path.write_text(path.read_text().replace("heart health, cardiovascular", "severe, heart"))
    shown = run("claims", "show", "crying.lowers-blood-pressure").stdout
    assert "Words the match terms meet" in shown
    assert "  - severe: only itself\n" in shown
    assert (
        "  - reduce: reduces, reduced, reducing (inflections, verb); reduction,\n"
        "      reductions (relative: reduction, noun)\n"
    ) in shown
    assert "  - tears: tear (inflections of tear, noun)\n" in shown


def test_check_json_lists_every_problem(
    claim_file: WriteClaim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    claim_file(VALID_CLAIM.replace("status: draft", "status: final"))
    result = run("claims", "check", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "claimkit": __version__,
        "problems": [
            {
                "path": "claims/claim.yaml",
                "line": 23,
                "column": 13,
                "severity": "error",
                "message": "review.status: 'final' is not one of: draft, reviewed",
            }
        ],
        "summary": {"claims": 0, "errors": 1, "warnings": 0},
    }


def test_check_accepts_a_single_file(registry: Path) -> None:
    result = run("claims", "check", "claims/crying/removes-toxins.yaml")
    assert result.exit_code == 0
    assert result.stdout == "All 1 claim valid.\n"


# -- claims list -------------------------------------------------------------------------------


def test_list_prints_an_aligned_table(registry: Path) -> None:
    result = run("claims", "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "ID                             VERDICT      CERTAINTY  REVIEW    NEXT REVIEW",
        "crying.elicits-social-support  supported    moderate   reviewed  2027-11-20",
        "crying.lowers-blood-pressure   unsupported  very-low   draft     2027-05-26",
        "crying.removes-toxins          unsupported  none       draft     2027-05-26",
    ]


def test_list_json_is_pinned(registry: Path) -> None:
    result = run("claims", "list", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["claimkit"] == __version__
    assert payload["claims"][0] == {
        "id": "crying.elicits-social-support",
        "statement": "Tears make other people more willing to offer empathy and support.",
        "topic": "crying",
        "tags": ["social"],
        "verdict": "supported",
        "certainty": "moderate",
        "citations": 2,
        "review_status": "reviewed",
        "reviewed_on": "2026-11-20",
        "next_review": "2027-11-20",
        "overdue": False,
        "path": "claims/crying/elicits-social-support.yaml",
    }
    assert [claim["id"] for claim in payload["claims"]] == [
        "crying.elicits-social-support",
        "crying.lowers-blood-pressure",
        "crying.removes-toxins",
    ]


def test_list_stale_shows_only_overdue_claims(registry: Path) -> None:
    path = registry / "crying" / "removes-toxins.yaml"
    path.write_text(path.read_text().replace("next_review: 2027-05-26", "next_review: 2020-05-26"))
    result = run("claims", "list", "--stale")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "crying.removes-toxins  unsupported  none       draft   2020-05-26 (overdue)"
    ]
    as_json = json.loads(run("claims", "list", "--stale", "--format", "json").stdout)
    assert [(claim["id"], claim["overdue"]) for claim in as_json["claims"]] == [
        ("crying.removes-toxins", True)
    ]


def test_list_with_invalid_registry_exits_2_and_shows_why(registry: Path) -> None:
    (registry / "broken.yaml").write_text("id: [\n")
    result = run("claims", "list")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "claims/broken.yaml:2:1: invalid YAML: did not find expected node content "
        "(while parsing a flow node)",
        "Error: the claim registry claims is invalid (run: claimkit claims check claims)",
    ]


# -- claims show -------------------------------------------------------------------------------


def test_show_prints_what_an_editor_needs(registry: Path) -> None:
    result = run("claims", "show", "crying.lowers-blood-pressure")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for expected in [
        "crying.lowers-blood-pressure (claims/crying/lowers-blood-pressure.yaml)",
        "Crying lowers blood pressure and is good for the heart.",
        "Verdict: unsupported",
        "Certainty: very low",
        "Review: draft; next review 2027-05-26",
        "No controlled study of crying and blood pressure has been found.",
        "1. Gross JJ, Fredrickson BL, Levenson RW (1994). The psychophysiology of crying. "
        "Psychophysiology.",
        "doi:10.1111/j.1469-8986.1994.tb01049.x https://doi.org/10.1111/j.1469-8986.1994.tb01049.x",
        "[contradicts · experiment · verified]",
        "Approved wording - There is no good evidence that crying lowers blood pressure or "
        "benefits heart health.",
        "Avoid - crying lowers blood pressure - good for your heart",
    ]:
        assert expected in text


def test_show_unknown_id_suggests_the_closest(registry: Path) -> None:
    result = run("claims", "show", "crying.lowers-blood-presure")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no claim 'crying.lowers-blood-presure' in claims; "
        "did you mean 'crying.lowers-blood-pressure'?\n"
    )


def test_show_json_round_trips_the_claim(registry: Path) -> None:
    result = run("claims", "show", "crying.removes-toxins", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["path"] == "claims/crying/removes-toxins.yaml"
    assert payload["claim"]["evidence"]["citations"][0]["ref"] == "pmid:7294117"
    source = yaml.safe_load((registry / "crying" / "removes-toxins.yaml").read_text())
    assert payload["claim"]["statement"] == source["statement"]


def test_show_reads_registry_given_with_claims_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("claims", "show", "crying.removes-toxins", "--claims", str(EXAMPLE_REGISTRY))
    assert result.exit_code == 0
    assert "Tears flush toxins out of the body." in result.stdout


# -- claims schema -----------------------------------------------------------------------------


def _schema() -> dict[str, object]:
    result = run("claims", "schema")
    assert result.exit_code == 0
    schema: dict[str, object] = json.loads(result.stdout)
    return schema


def _as_editor_sees(path: Path) -> object:
    """The YAML as a JSON-Schema-aware editor sees it: dates are strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


@pytest.mark.parametrize("path", sorted(EXAMPLE_REGISTRY.rglob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_every_example_claim(path: Path) -> None:
    jsonschema.validate(_as_editor_sees(path), _schema(), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("certainty: very-low", "certainty: strong", "'strong' is not one of"),
        ("topic: crying", "topic: crying\nsubject: tears", "Additional properties are not allowed"),
        ("ref: doi:10.1111/", "ref: 10.1111/", "does not match"),
        ("id: crying.lowers-blood-pressure", "id: Crying", "does not match"),
        ("stance: contradicts", "stance: against", "'against' is not one of"),
    ],
)
def test_schema_rejects_invalid_claim(tmp_path: Path, old: str, new: str, complaint: str) -> None:
    path = tmp_path / "claim.yaml"
    path.write_text(VALID_CLAIM.replace(old, new))
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.validate(_as_editor_sees(path), _schema(), cls=jsonschema.Draft202012Validator)


def test_schema_is_itself_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


# -- the command as a whole --------------------------------------------------------------------


def test_version_from_console_script_and_module() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "claimkit", "--version"], capture_output=True, text=True, check=True
    )
    assert module.stdout == f"claimkit, version {__version__}\n"
    script = Path(sys.executable).with_name("claimkit")
    if script.exists():
        console = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
        assert console.stdout == module.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["claims", "--help"],
        ["claims", "check", "--help"],
        ["claims", "list", "--help"],
        ["claims", "show", "--help"],
        ["claims", "schema", "--help"],
        ["scan", "--help"],
        ["lint", "--help"],
        ["rules", "--help"],
    ],
)
def test_every_help_page_has_an_example(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_format_help_keeps_the_capitals_of_names() -> None:
    result = run("lint", "--help")
    text = " ".join(result.stdout.split())
    assert "json: findings and a summary as JSON" in text
    assert "sarif: SARIF 2.1.0, for GitHub" in text
    assert "gitlab: GitLab Code Quality" in text


def test_unknown_option_is_a_usage_error_exit_2() -> None:
    result = run("claims", "check", "--no-such-flag")
    assert result.exit_code == 2
    assert "Error: No such option '--no-such-flag'" in result.stderr


def test_user_error_never_prints_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "x.yaml").write_bytes(b"\xff\xfe\x00garbage")
    process = subprocess.run(
        [sys.executable, "-m", "claimkit", "claims", "list", str(tmp_path / "claims")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    assert process.stderr.splitlines()[0].endswith(
        "x.yaml:1:1: not valid UTF-8 (byte 0xFF); save the file as UTF-8"
    )


def test_check_without_a_directory_checks_the_registry_the_configuration_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, claim_file: Callable[..., Path]
) -> None:
    registry = claim_file().parent
    (tmp_path / "content").mkdir()
    registry.rename(tmp_path / "content" / "claims")
    (tmp_path / ".claimkit.yaml").write_text("claims: content/claims\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["claims", "check"])
    assert result.exit_code == 0, result.output
    assert "All 1 claim valid." in result.stdout


# -- claims new --------------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content repository with the bundled registry (it declares topics) and an article."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(Path(__file__).parents[1] / "claims", tmp_path / "claims")
    (tmp_path / "post.md").write_text(
        "# Why walk\n\nWalking is easy.\n\nDaily walks lower blood pressure.\n",
        encoding="utf-8",
    )
    return tmp_path


def test_claims_new_drafts_a_claim_that_lint_then_recognises(content: Path) -> None:
    assert "CK301" in run("lint", "post.md").stdout
    result = run("claims", "new", "--from", "post.md:5:1")
    assert result.exit_code == 0, result.output
    written = (content / "claims/daily-walks/lower-blood-pressure.yaml").read_text()
    assert written.startswith("# Draft made by `claimkit claims new` from post.md:5.\n")
    draft = yaml.safe_load(written)
    assert draft["id"] == "daily-walks.lower-blood-pressure"
    assert draft["statement"] == "Daily walks lower blood pressure."
    assert draft["match"]["required"] == [
        ["@blood-pressure", "blood pressure"],
        ["@lower", "lower"],
    ]
    assert draft["examples"]["match"] == ["Daily walks lower blood pressure."]
    assert (draft["evidence"]["certainty"], draft["review"]["status"]) == ("none", "draft")
    # the registry declares its topics, so the draft declares its own
    topic = yaml.safe_load((content / "claims/daily-walks/topic.yaml").read_text())
    assert topic["terms"] == ["daily walks"]
    assert run("claims", "check").exit_code == 0
    # the sentence is now a registered claim, judged by its (still empty) evidence
    linted = run("lint", "post.md", "--format", "json")
    codes = [(f["code"], f["claim"]) for f in json.loads(linted.stdout)["findings"]]
    assert codes == [("CK101", "daily-walks.lower-blood-pressure")]
    # through the concept lexicons, other words for the same effect make the claim too
    (content / "other.md").write_text("Daily walks reduce hypertension.\n", encoding="utf-8")
    scanned = json.loads(run("scan", "other.md", "--format", "json").stdout)
    assert [o["claim"] for o in scanned["occurrences"]] == ["daily-walks.lower-blood-pressure"]


def test_claims_new_drafts_the_effect_the_ck301_finding_names(content: Path) -> None:
    (content / "laugh.md").write_text(
        "Laughing boosts your mood and lowers cholesterol.\n", encoding="utf-8"
    )
    (finding,) = json.loads(run("lint", "laugh.md", "--format", "json").stdout)["findings"]
    assert "(lowers … cholesterol)" in finding["message"]
    draft = yaml.safe_load(run("claims", "new", "--from", "laugh.md:1", "-o", "-").stdout)
    assert draft["id"] == "laughing.lowers-cholesterol"
    assert [group[-1] for group in draft["match"]["required"]] == ["cholesterol", "lowers"]


def test_claims_new_never_overwrites_and_prints_with_output_dash(content: Path) -> None:
    assert run("claims", "new", "--from", "post.md:5").exit_code == 0
    again = run("claims", "new", "--from", "post.md:5")
    assert again.exit_code == 2
    assert "already has daily-walks.lower-blood-pressure" in again.output
    printed = run("claims", "new", "--from", "post.md:5", "--id", "walking.lowers-bp", "-o", "-")
    assert printed.exit_code == 0
    assert yaml.safe_load(printed.stdout)["id"] == "walking.lowers-bp"
    mine = content / "mine.yaml"
    mine.write_text("keep me\n")
    refused = run("claims", "new", "--from", "post.md:5", "--id", "walking.x", "-o", "mine.yaml")
    assert refused.exit_code == 2
    assert mine.read_text() == "keep me\n"


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("post.md:3", "post.md:3: 'Walking is easy.' states no effect on a health outcome"),
        ("post.md:4", "post.md:4: no sentence starts on this line"),
        ("missing.md:3", "missing.md:1:1: cannot read the article"),
        ("latin1.md:1", "latin1.md:1:8: not valid UTF-8"),
        ("empty.md:1", "empty.md:1: no sentence starts on this line"),
        ("post.md", "'post.md' is not FILE:LINE[:COLUMN]"),
    ],
)
def test_claims_new_explains_in_one_line_why_it_cannot(
    content: Path, place: str, message: str
) -> None:
    (content / "latin1.md").write_bytes(b"Crying \xff lowers blood pressure.\n")
    (content / "empty.md").write_text("")
    result = run("claims", "new", "--from", place)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
