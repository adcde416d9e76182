"""`claimkit init`, and the CI files it writes and the repository ships (action, hooks, templates)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from claimkit._version import __version__
from claimkit.cli import cli
from claimkit.config import Config, load_config
from claimkit.registry import bundled_claims_path

REPOSITORY = Path(__file__).parents[2]
TEMPLATE = REPOSITORY / "src" / "claimkit" / "templates" / "claimkit.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="claimkit")


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


# -- init ------------------------------------------------------------------------------------


def test_init_then_lint_works_in_an_empty_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "created  .claimkit.yaml",
        "created  claims/crying/lowers-blood-pressure.yaml",
    ]
    assert run("claims", "check").exit_code == 0
    Path("myth.md").write_text("Crying lowers your blood pressure.\n")
    Path("fair.md").write_text(
        "There is no good evidence that crying lowers blood pressure or benefits heart health.\n"
    )
    flagged = run("lint", "myth.md")
    assert flagged.exit_code == 1
    assert "myth.md:1:1: error CK101 unsupported-claim" in flagged.stdout
    assert run("lint", "fair.md").exit_code == 0


def test_running_init_twice_changes_nothing(tmp_path: Path) -> None:
    assert run("init", str(tmp_path), "--ci", "github").exit_code == 0
    before = snapshot(tmp_path)
    again = run("init", str(tmp_path), "--ci", "github")
    assert again.exit_code == 0
    assert snapshot(tmp_path) == before
    assert all(line.startswith("kept     ") for line in again.stdout.splitlines())
    assert "0 created, 4 kept" in again.stderr


def test_init_keeps_what_is_there_and_says_so(tmp_path: Path) -> None:
    (tmp_path / ".claimkit.yaml").write_text("fail-on: warning\n")
    result = run("init", str(tmp_path))
    assert f"kept     {tmp_path.as_posix()}/.claimkit.yaml (already there)" in result.stdout
    assert (tmp_path / ".claimkit.yaml").read_text() == "fail-on: warning\n"
    assert (tmp_path / "claims" / "crying" / "lowers-blood-pressure.yaml").is_file()


def test_init_from_bundled_copies_the_bundled_registry(tmp_path: Path) -> None:
    assert run("init", str(tmp_path), "--from-bundled").exit_code == 0
    bundled = bundled_claims_path()
    expected = sorted(p.relative_to(bundled).as_posix() for p in bundled.rglob("*.yaml"))
    copied = sorted(
        p.relative_to(tmp_path / "claims").as_posix() for p in (tmp_path / "claims").rglob("*.yaml")
    )
    assert copied == expected
    checked = run("claims", "check", str(tmp_path / "claims"))
    assert checked.exit_code == 0
    claims = [name for name in expected if not name.endswith("/topic.yaml")]
    assert f"All {len(claims)} claims valid." in checked.stdout


def test_init_on_a_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    result = run("init", str(tmp_path / "file"))
    assert result.exit_code == 2


def test_init_gitlab_includes_the_claimkit_job(tmp_path: Path) -> None:
    assert run("init", str(tmp_path), "--ci", "gitlab").exit_code == 0
    pipeline = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text())
    assert pipeline["include"] == [{"local": "ci/gitlab-claimkit.yml"}]
    assert validate("vendor.gitlab-ci", tmp_path / "ci" / "gitlab-claimkit.yml").returncode == 0


def test_init_says_how_to_include_the_job_in_an_existing_gitlab_pipeline(tmp_path: Path) -> None:
    (tmp_path / ".gitlab-ci.yml").write_text("test:\n  script: [make test]\n")
    result = run("init", str(tmp_path), "--ci", "gitlab")
    assert "include: [{local: ci/gitlab-claimkit.yml}]" in result.stderr
    assert (tmp_path / ".gitlab-ci.yml").read_text() == "test:\n  script: [make test]\n"


# -- the configuration template ----------------------------------------------------------------


def test_the_configuration_templates_commented_values_are_the_defaults(tmp_path: Path) -> None:
    # "#key: value" and its indented lines ("#  high: asserted") are settings; "# " is prose.
    uncommented = re.sub(r"(?m)^#(?=[^ #\n]|  )", "", TEMPLATE.read_text())
    (tmp_path / "claims").mkdir()
    (tmp_path / ".claimkit.yaml").write_text(uncommented)
    config = load_config(tmp_path / ".claimkit.yaml")
    defaults = Config().model_dump(exclude={"path", "rule_options", "claims"})
    assert config.model_dump(exclude={"path", "rule_options", "claims"}) == defaults
    assert config.claims == "claims"


def test_the_configuration_template_mentions_every_key() -> None:
    text = TEMPLATE.read_text()
    for name, field in Config.model_fields.items():
        if name in ("path", "rule_options", "cues"):
            continue
        assert re.search(rf"(?m)^#?{re.escape(field.alias or name)}:", text), name


# -- the CI files the repository ships -----------------------------------------------------------


def test_the_action_is_a_valid_github_action() -> None:
    result = validate("vendor.github-actions", REPOSITORY / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    inputs = yaml.safe_load((REPOSITORY / "action.yml").read_text())["inputs"]
    assert {"paths", "claims", "config", "fail-on", "diff-only", "version"} <= set(inputs)


def test_the_workflow_templates_are_valid_github_workflows() -> None:
    workflows = sorted((REPOSITORY / "ci" / "github").glob("*.yml"))
    assert [w.name for w in workflows] == ["citations.yml", "claimkit.yml"]
    result = validate("vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gitlab_template_is_valid_gitlab_ci() -> None:
    result = validate("vendor.gitlab-ci", REPOSITORY / "ci" / "gitlab-claimkit.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_manifest_is_valid() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(REPOSITORY / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_hook_takes_every_file_claimkit_reads_and_no_other() -> None:
    from claimkit.reading.parsing import FORMAT_BY_SUFFIX

    (hook,) = [
        hook
        for hook in yaml.safe_load((REPOSITORY / ".pre-commit-hooks.yaml").read_text())
        if hook["id"] == "claimkit"
    ]
    files = re.compile(hook["files"])
    for suffix in FORMAT_BY_SUFFIX:
        assert files.search(f"content/post{suffix}"), suffix
        assert files.search(f"content/POST{suffix.upper()}"), suffix
    assert not files.search("claims/crying.yaml")
    assert not files.search("content/post.md.orig")
    assert "text" not in hook.get("types", [])  # a Word document is binary


def test_the_ci_templates_install_this_version() -> None:
    for template in [
        *(REPOSITORY / "ci" / "github").glob("*.yml"),
        REPOSITORY / "ci" / "gitlab-claimkit.yml",
    ]:
        pinned = re.findall(r'CLAIMKIT_VERSION: "([^"]+)"', template.read_text())
        assert pinned == [__version__], template.name


# -- the action's lint step --------------------------------------------------------------------


@pytest.fixture
def fake_claimkit(tmp_path: Path) -> Path:
    """A `claimkit` on PATH that prints its arguments, one per line."""
    binary = tmp_path / "bin" / "claimkit"
    binary.parent.mkdir()
    binary.write_text('#!/bin/sh\nfor arg in "$@"; do printf "%s\\n" "$arg"; done\n')
    binary.chmod(binary.stat().st_mode | stat.S_IEXEC)
    return binary.parent


def action_lint(fake_claimkit: Path, *args: str, **inputs: str) -> list[str]:
    environment = {"PATH": f"{fake_claimkit}{os.pathsep}{os.environ['PATH']}", **inputs}
    result = subprocess.run(
        [str(REPOSITORY / "ci" / "action-lint.sh"), *args],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return result.stdout.splitlines()


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_the_action_passes_its_inputs_as_arguments_never_as_shell(fake_claimkit: Path) -> None:
    arguments = action_lint(
        fake_claimkit,
        "github",
        "--fail-on",
        "warning",
        INPUT_PATHS="content docs/$(touch pwned)",
        INPUT_CLAIMS="content/claims",
        INPUT_DIFF_ONLY="true",
        GITHUB_EVENT_NAME="pull_request",
        BASE_SHA="abc123",
    )
    assert arguments == [
        "lint",
        "content",
        "docs/$(touch",  # paths are separated by spaces, and never evaluated
        "pwned)",
        "--format",
        "github",
        "--claims",
        "content/claims",
        "--diff",
        "abc123",
        "--fail-on",
        "warning",
    ]
    assert not Path("pwned").exists()


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_the_action_lints_everything_outside_a_pull_request(fake_claimkit: Path) -> None:
    arguments = action_lint(
        fake_claimkit, "sarif", GITHUB_EVENT_NAME="push", BASE_SHA="", INPUT_DIFF_ONLY="true"
    )
    assert arguments == ["lint", ".", "--format", "sarif"]
