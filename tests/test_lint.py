"""`claimkit lint` and its API: the example articles, exit codes, outputs, suppressions,
configuration, baseline, changed lines, and parallel runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit import ClaimSet, Config, lint_paths, lint_text, load_claims
from claimkit.cli import cli
from tests.conftest import SHARED, needs_shared

REPOSITORY = Path(__file__).parents[1]
CLAIMS = REPOSITORY / "claims"
EXAMPLES = REPOSITORY / "examples"


@pytest.fixture(scope="module")
def registry() -> ClaimSet:
    return load_claims(CLAIMS)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content repository with the bundled claims and the examples."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CLAIMS, tmp_path / "claims")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["lint", *args], prog_name="claimkit")


def codes(result: Result) -> list[tuple[int, str, str | None]]:
    return [(f["line"], f["code"], f["claim"]) for f in json.loads(result.stdout)["findings"]]


# -- the example articles ---------------------------------------------------------------------


def test_example_article_gets_the_findings_an_editor_needs(workdir: Path) -> None:
    result = run("examples/crying-benefits.md", "--format", "json")
    assert result.exit_code == 1
    found = codes(result)
    # CK101 for the cortisol, endorphin, blood-pressure, immune and detox sentences
    for line, claim in [
        (13, "crying.expels-stress-hormones"),
        (16, "crying.releases-endorphins"),
        (32, "crying.lowers-blood-pressure"),
        (34, "crying.boosts-immunity"),
        (37, "crying.removes-toxins"),
    ]:
        assert (line, "CK101", claim) in found
    # the overstated mood and stress-relief statements
    assert (24, "CK102", "crying.improves-mood") in found
    assert (21, "CK102", "crying.relieves-stress") in found
    # the uncited social-support claim
    assert (27, "CK201", "crying.elicits-social-support") in found


@pytest.mark.parametrize("article", ["crying-benefits-revised.md", "tears-myths-debunked.md"])
def test_careful_articles_get_no_warning_or_error(workdir: Path, article: str) -> None:
    result = run(f"examples/{article}", "--format", "json", "--fail-on", "info")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["warning"] == 0


def test_text_output_is_compiler_style_with_suggestion_and_summary(workdir: Path) -> None:
    result = run("examples/crying-benefits.md", "--select", "CK101", "--min-severity", "error")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "examples/crying-benefits.md:6:3: error CK101 unsupported-claim asserts "
        "crying.general-health-benefit, which the evidence does not support (unsupported, very "
        "low certainty)"
    )
    assert lines[1].startswith("    suggestion: Use the approved wording: Crying is a normal")
    assert lines[-1] == "Found 12 errors, 0 warnings and 0 notes in 1 file."
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


# -- exit codes --------------------------------------------------------------------------------


def test_exit_codes_follow_fail_on(workdir: Path) -> None:
    article = workdir / "warn.md"
    article.write_text("Tears draw empathy from the people around you.\n")  # CK201 warning only
    assert run(str(article)).exit_code == 0
    assert run(str(article), "--fail-on", "warning").exit_code == 1
    assert run("examples/crying-benefits.md", "--fail-on", "never").exit_code == 0


def test_what_is_shown_is_separate_from_what_fails(workdir: Path) -> None:
    article = workdir / "warn.md"
    article.write_text("Tears draw empathy from the people around you.\n")
    result = run(str(article), "--min-severity", "error", "--fail-on", "warning")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "Found 0 errors, 1 warning and 0 notes in 1 file (1 below the minimum severity not shown)."
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nowhere.md"], "Error: nowhere.md: no such file or directory"),
        (["examples", "--select", "CK999"], "Error: 'CK999' is not a rule code, prefix or name"),
        (
            ["examples", "--claims", "no-registry"],
            "Error: no-registry: no such claims directory or claim file",
        ),
        (
            ["examples", "--baseline", "missing.json"],
            "Error: missing.json: cannot read the baseline: No such file or directory",
        ),
        (["examples", "--diff", "no-such-ref"], "Error: git"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(
    workdir: Path, arguments: list[str], message: str
) -> None:
    result = run(*arguments)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(message)
    assert "Traceback" not in result.output


def test_unreadable_file_exits_2_after_linting_the_others(workdir: Path) -> None:
    (workdir / "examples" / "broken.md").write_bytes(b"\xff\xfe bad")
    result = run("examples", "--format", "json")
    assert result.exit_code == 2
    assert "broken.md:1:1: not valid UTF-8" in result.stderr
    assert json.loads(result.stdout)["summary"]["error"] == 12


# -- configuration -----------------------------------------------------------------------------


def test_config_file_is_found_upward_and_applied(workdir: Path) -> None:
    (workdir / ".git").mkdir()
    (workdir / ".claimkit.yaml").write_text(
        textwrap.dedent(
            """\
            ignore: [CK2]
            severity: {CK102: error}
            fail-on: warning
            per-file-ignores:
              "examples/crying-benefits.md": [CK104]
            """
        )
    )
    result = run("examples/crying-benefits.md", "--format", "json")
    found = json.loads(result.stdout)["findings"]
    assert not {f["code"] for f in found} & {"CK201", "CK202", "CK203", "CK104"}
    assert {f["severity"] for f in found if f["code"] == "CK102"} == {"error"}


def test_pyproject_table_is_a_config_too(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.claimkit]\nselect = ["CK101"]\n'
    )
    result = run("examples/crying-benefits.md", "--format", "json")
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} == {"CK101"}


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        (
            "fail-onn: warning\n",
            ".claimkit.yaml:1:1: fail-onn: unknown key; did you mean 'fail-on'?",
        ),
        (
            "select: [CK1O1]\n",
            ".claimkit.yaml:1:10: select[0]: 'CK1O1' is not a rule code, prefix or name; did you mean 'CK101'?",
        ),
        (
            "severity: {CK1O2: error}\n",
            ".claimkit.yaml:1:12: severity.CK1O2: 'CK1O2' is not a rule code; did you mean 'CK102'?",
        ),
        (
            "rules:\n  CK102:\n    booster: [wow]\n",
            ".claimkit.yaml:3:5: rules.CK102.booster: unknown key; did you mean 'boosters'?",
        ),
        (
            "min-severity: loud\n",
            ".claimkit.yaml:1:15: min-severity: 'loud' is not one of: error, warning, info",
        ),
        (
            "cues:\n  verdicts: [nah]\n",
            ".claimkit.yaml:2:3: cues.verdicts: unknown key; did you mean 'verdict-asserted'?",
        ),
        (
            "cues:\n  verdict-negated: 5\n",
            ".claimkit.yaml:2:20: cues.verdict-negated: expected a list, got 5",
        ),
    ],
)
def test_bad_config_is_reported_at_its_line_and_exits_2(
    workdir: Path, config: str, problem: str
) -> None:
    (workdir / ".claimkit.yaml").write_text(config)
    result = run("examples")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [problem, "Error: invalid configuration"]


def test_config_extends_the_stance_cues(registry: ClaimSet) -> None:
    sentence = "Reportedly, crying lowers blood pressure."
    assert lint_text(sentence, registry).findings[0].stance == "asserted"
    config = Config.model_validate({"cues": {"attribution": {"forward": ["reportedly"]}}})
    assert lint_text(sentence, registry, config=config).findings[0].stance == "attributed"


def test_config_extends_the_verdicts_that_answer_a_claim(registry: ClaimSet) -> None:
    article = "Crying lowers blood pressure. Poppycock."
    assert [f.code for f in lint_text(article, registry).findings] == ["CK101", "CK104"]
    config = Config.model_validate({"cues": {"verdict-negated": ["poppycock"]}})
    assert lint_text(article, registry, config=config).findings == ()


def test_config_extends_the_claim_nouns_and_myth_labels(registry: ClaimSet) -> None:
    article = (
        "The conjecture that crying lowers blood pressure is a myth.\n\n"
        "## Tall tales\n\n"
        "- Crying lowers blood pressure.\n"
    )
    assert [f.line for f in lint_text(article, registry).findings if f.code == "CK101"] == [5]
    config = Config.model_validate(
        {"cues": {"claim-noun": ["conjecture"], "myth-label": ["tall tales"]}}
    )
    assert lint_text(article, registry, config=config).findings == ()


def test_myths_described_under_headings_that_deny_them_get_no_error(registry: ClaimSet) -> None:
    article = textwrap.dedent(
        """\
        # Three crying myths

        ## Myth: crying detoxifies you

        Many people believe that tears flush toxins out of the body.

        ## Myth: crying lowers blood pressure

        Though many believe crying lowers blood pressure, no trial shows it.

        ## What we know

        Crying boosts your immune system.
        """
    )
    findings = lint_text(article, registry).findings
    # only the myth passed on in the author's own voice, outside the myth sections
    assert {(f.line, f.code) for f in findings if f.severity == "error"} == {(13, "CK101")}
    assert not [f for f in findings if f.line < 13]


def test_config_extends_the_words_of_a_clause_that_only_rebuts(registry: ClaimSet) -> None:
    sentence = "Bloggers say crying lowers blood pressure, but no trial backs this claptrap."
    assert lint_text(sentence, registry).findings[0].code == "CK101"
    config = Config.model_validate({"cues": {"rebuttal": ["claptrap"]}})
    assert lint_text(sentence, registry, config=config).findings == ()


def test_unregistered_claim_options_replace_or_extend_the_defaults(registry: ClaimSet) -> None:
    article = "Kombucha rebalances your microbiome. Kombucha lowers cholesterol."

    def flagged(options: dict[str, object]) -> list[int]:
        config = Config.model_validate({"rules": {"CK301": options}})
        findings = lint_text(article, registry, config=config).findings
        return [f.column for f in findings if f.code == "CK301"]

    assert flagged({}) == [38]
    extended = {"extend-outcomes": ["microbiome"], "extend-verbs": ["rebalance"]}
    assert flagged(extended) == [1, 38]
    # outcomes replaces the defaults: cholesterol is no longer one
    assert flagged({"outcomes": ["microbiome"], "extend-verbs": ["rebalance"]}) == [1]


def test_certainty_policy_decides_what_may_be_asserted(registry: ClaimSet) -> None:
    sentence = "Tears draw empathy from others [@doi:10.1016/j.jesp.2021.104137]."  # moderate
    strict = Config.model_validate({"certainty-policy": {"moderate": "hedged"}})
    assert [f.code for f in lint_text(sentence, registry).findings] == []
    assert [f.code for f in lint_text(sentence, registry, config=strict).findings] == ["CK102"]


# -- suppressions --------------------------------------------------------------------------------


def test_ignore_comment_covers_the_next_block_only(registry: ClaimSet) -> None:
    article = textwrap.dedent(
        """\
        <!-- claimkit-ignore CK101 reason="quoted from a 1988 news story" -->
        A good cry lowers your blood pressure.

        A good cry lowers your blood pressure.
        """
    )
    report = lint_text(article, registry)
    assert [(f.line, f.code) for f in report.findings] == [(4, "CK101")]
    assert report.suppressed == 1


def test_disable_and_enable_cover_a_range(registry: ClaimSet) -> None:
    article = textwrap.dedent(
        """\
        <!-- claimkit-disable CK1 reason="a quoted passage" -->

        A good cry lowers your blood pressure.

        Tears wash toxins out of the body.

        <!-- claimkit-enable -->

        A good cry can strengthen your immunity.
        """
    )
    assert [(f.line, f.code) for f in lint_text(article, registry).findings] == [(9, "CK101")]


def test_front_matter_ignore_covers_the_file(registry: ClaimSet) -> None:
    article = "---\nclaimkit:\n  ignore: [unsupported-claim]\n  reason: archive page\n---\n\nA good cry lowers your blood pressure.\n"
    report = lint_text(article, registry)
    assert report.findings == ()
    assert report.suppressed == 1


def test_suppression_without_reason_and_unused_suppression_are_findings(registry: ClaimSet) -> None:
    article = "<!-- claimkit-ignore CK101 -->\nTears are salty.\n"
    found = [(f.code, f.line) for f in lint_text(article, registry).findings]
    assert found == [("CK901", 1), ("CK902", 1)]


# -- baseline ------------------------------------------------------------------------------------


def test_baseline_hides_known_findings_even_when_lines_move(workdir: Path) -> None:
    written = run("examples/crying-benefits.md", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    assert written.stderr == "Recorded 29 findings in baseline.json.\n"
    assert run("examples/crying-benefits.md", "--baseline", "baseline.json").exit_code == 0

    article = workdir / "examples" / "crying-benefits.md"
    text = article.read_text()
    article.write_text(text.replace("# Why a good cry", "Intro line.\n\n# Why a good cry"))
    moved = run("examples/crying-benefits.md", "--baseline", "baseline.json", "--format", "json")
    assert moved.exit_code == 0
    assert json.loads(moved.stdout)["findings"] == []

    article.write_text(article.read_text() + "\nCrying cures cancer and lowers your cholesterol.\n")
    added = run("examples/crying-benefits.md", "--baseline", "baseline.json", "--format", "json")
    assert added.exit_code == 0  # only warnings are new
    assert {f["code"] for f in json.loads(added.stdout)["findings"]} == {"CK301", "CK302"}


# -- changed lines (pull requests) ---------------------------------------------------------------


def git(directory: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        cwd=directory,
        check=True,
        capture_output=True,
    )


def test_diff_reports_only_findings_on_changed_lines(workdir: Path) -> None:
    git(workdir, "init", "-q")
    git(workdir, "add", "-A")
    git(workdir, "commit", "-qm", "base")
    article = workdir / "examples" / "crying-benefits.md"
    article.write_text(article.read_text() + "\nA good cry can strengthen your immunity.\n")
    (workdir / "examples" / "new.md").write_text("Tears wash toxins out of the body.\n")
    result = run("examples", "--diff", "HEAD", "--format", "json")
    assert [
        (Path(f["path"]).name, f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]
    ] == [
        ("crying-benefits.md", 45, "CK101"),
        ("new.md", 1, "CK101"),
    ]


# -- output formats ------------------------------------------------------------------------------


def test_json_output_is_versioned_and_documented(workdir: Path) -> None:
    payload = json.loads(run("examples/crying-benefits.md", "--format", "json").stdout)
    assert set(payload) == {"claimkit", "findings", "errors", "summary"}
    assert payload["findings"][0] == {
        "path": "examples/crying-benefits.md",
        "line": 6,
        "column": 3,
        "end_line": 6,
        "end_column": 33,
        "code": "CK101",
        "name": "unsupported-claim",
        "severity": "error",
        "message": "asserts crying.general-health-benefit, which the evidence does not support (unsupported, very low certainty)",
        "suggestion": "Use the approved wording: Crying is a normal response to strong feelings, but there is no good evidence that crying itself improves physical health.",
        "claim": "crying.general-health-benefit",
        "stance": "asserted",
        "text": "Why a good cry is good for you",
        "fingerprint": payload["findings"][0]["fingerprint"],
    }
    assert payload["summary"] == {
        "files": 1,
        "error": 12,
        "warning": 17,
        "info": 0,
        "shown": 29,
        "suppressed": 0,
        "unreadable": 0,
    }


def test_github_annotations_escape_their_data(registry: ClaimSet, workdir: Path) -> None:
    article = workdir / "a, b: c.md"
    article.write_text("Crying lowers blood pressure.\n")
    result = run(str(article.name), "--format", "github", "--select", "CK101")
    assert result.stdout.splitlines() == [
        "::error file=a%2C b%3A c.md,line=1,col=1,endLine=1,endColumn=30,title=CK101 "
        "unsupported-claim::asserts crying.lowers-blood-pressure, which the evidence does not "
        "support (unsupported, very low certainty)%0AUse the approved wording: There is no good "
        "evidence that crying lowers blood pressure or benefits heart health."
    ]


def test_gitlab_code_quality_report(workdir: Path) -> None:
    issues = json.loads(run("examples/crying-benefits.md", "--format", "gitlab").stdout)
    assert issues[0]["check_name"] == "CK101"
    assert issues[0]["severity"] == "major"
    assert issues[0]["location"] == {
        "path": "examples/crying-benefits.md",
        "lines": {"begin": 6, "end": 6},
    }
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


SARIF_SCHEMA = SHARED / "reference" / "schemas" / "sarif-schema-2.1.0.json"


@needs_shared("reference/schemas/sarif-schema-2.1.0.json")
def test_sarif_output_is_valid_sarif_that_github_accepts(workdir: Path) -> None:
    import jsonschema

    result = run("examples", "--format", "sarif", "--output", "out.sarif")
    assert result.exit_code == 1
    log = json.loads((workdir / "out.sarif").read_text())
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    for rule in rules:  # GitHub's required properties, none empty
        assert rule["id"]
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    first = run_["results"][0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "examples/crying-benefits.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    assert first["partialFingerprints"]["claimkitFinding/v1"]


def test_output_option_writes_the_report_to_a_file(workdir: Path) -> None:
    result = run("examples/tears-myths-debunked.md", "--output", "report.txt")
    assert result.stdout == ""
    assert (workdir / "report.txt").read_text().startswith("Found 0 errors")


# -- the API and parallel runs -------------------------------------------------------------------


def test_lint_text_returns_an_immutable_report(registry: ClaimSet) -> None:
    report = lint_text("A good cry lowers your blood pressure.", registry, path="post.md")
    (finding,) = report.findings
    assert (finding.path, finding.code, finding.claim) == (
        "post.md",
        "CK101",
        "crying.lowers-blood-pressure",
    )
    with pytest.raises(AttributeError):
        finding.code = "CK999"  # type: ignore[misc]


def test_parallel_lint_gives_the_same_report(registry: ClaimSet, workdir: Path) -> None:
    for number in range(6):
        shutil.copy(EXAMPLES / "crying-benefits.md", workdir / "examples" / f"copy-{number}.md")
    serial = lint_paths([workdir / "examples"], registry, jobs=1)
    parallel = lint_paths([workdir / "examples"], registry, jobs=2)
    assert parallel == serial
    assert len(serial.findings) == 29 * 7


def test_rules_command_lists_and_explains(workdir: Path) -> None:
    listing = CliRunner().invoke(cli, ["rules"])
    assert listing.stdout.splitlines()[0].startswith("CK101  unsupported-claim")
    page = CliRunner().invoke(cli, ["rules", "overstated-claim"])
    assert page.stdout.startswith("# CK102 overstated-claim\n\nDefault severity: **warning**.")
    missing = CliRunner().invoke(cli, ["rules", "CK999"])
    assert missing.exit_code == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Crying low\u200bers blood pres\u200bsure.",  # zero-width spaces inside words
        "Crying lowers \u202eblood pressure\u202c.",  # a right-to-left override
        "Crying lowers blood pres\u2066sure\u2069.",  # an isolate inside a word
    ],
)
def test_a_claim_with_hidden_characters_gets_its_finding_and_the_hidden_character_one(
    registry: ClaimSet, sentence: str
) -> None:
    findings = lint_text(sentence, registry, path="post.md").findings
    assert {(f.code, f.claim) for f in findings} >= {
        ("CK101", "crying.lowers-blood-pressure"),
        ("CK303", None),
    }
