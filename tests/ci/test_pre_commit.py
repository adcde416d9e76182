"""The pre-commit hooks, run for real: `pre-commit try-repo` installs this repository into its own
environment (from the package registry) and runs the hooks in a content repository.

Slow (a minute or so, to build the hook's environment) and needs git and the package
registry: marked `slow` and `package_index`, so that `-m "not slow"` leaves them out of a quick
local loop; CI runs them. pre-commit comes with the test extra.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimkit.cli import cli
from tests.conftest import GIT

REPOSITORY = Path(__file__).parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.package_index,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
]


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content repository set up by `claimkit init`, with a failing and a passing article."""
    root = tmp_path_factory.mktemp("content")
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    (root / "myth.md").write_text("# Tears\n\nCrying lowers your blood pressure.\n")
    (root / "fair.md").write_text(
        "# Tears\n\nThere is no good evidence that crying lowers blood pressure or benefits "
        "heart health.\n"
    )
    (root / "drafts").mkdir()
    (root / "drafts" / "wip.md").write_text("Crying lowers your blood pressure.\n")
    config = root / ".claimkit.yaml"
    config.write_text(config.read_text() + '\nexclude: ["drafts/**"]\n')
    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "content"], cwd=root, check=True)
    return root


@pytest.fixture(scope="module")
def hooks_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree as pre-commit would fetch it: a git repository of its files, committed
    (try-repo on the checkout itself would leave out files not committed yet)."""
    root = tmp_path_factory.mktemp("claimkit")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = REPOSITORY / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "claimkit"], cwd=root, check=True)
    return root


def try_repo(
    repository: Path, content: Path, hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(content.parent / "pre-commit-home"),
        "CLAIMKIT_CACHE_DIR": str(content.parent / "claimkit-cache"),
    }
    selection = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repository), hook, *selection],
        cwd=content,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_lint_hook_fails_an_article_that_makes_an_unsupported_claim(
    hooks_repository: Path, content: Path
) -> None:
    result = try_repo(hooks_repository, content, "claimkit", "myth.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "myth.md:3:1: error CK101 unsupported-claim" in result.stdout


def test_the_lint_hook_passes_an_article_with_the_approved_wording(
    hooks_repository: Path, content: Path
) -> None:
    result = try_repo(hooks_repository, content, "claimkit", "fair.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "claimkit lint" in result.stdout
    assert "Passed" in result.stdout


def test_the_lint_hook_respects_the_configurations_exclude(
    hooks_repository: Path, content: Path
) -> None:
    result = try_repo(hooks_repository, content, "claimkit", "drafts/wip.md", "fair.md")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_claims_hook_validates_the_registry(hooks_repository: Path, content: Path) -> None:
    valid = "claims/crying/lowers-blood-pressure.yaml"
    assert try_repo(hooks_repository, content, "claimkit-claims", valid).returncode == 0
    broken = content / "claims" / "broken.yaml"
    broken.write_text("id: Not A Valid Id\n")
    try:
        result = try_repo(hooks_repository, content, "claimkit-claims", "claims/broken.yaml")
    finally:
        broken.unlink()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "claims/broken.yaml:1:5: id:" in result.stdout
