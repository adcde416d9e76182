"""What a command imports: `claimkit --version` almost nothing, `claimkit lint` on Markdown
only what linting Markdown uses. Pinned as lists of modules, not as times (the machine that
runs the tests decides those)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).parents[1]


def imported_by(*arguments: str, cwd: Path) -> set[str]:
    """The modules a claimkit command imports, from ``python -X importtime``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "claimkit", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_version_imports_almost_nothing(tmp_path: Path) -> None:
    imported = imported_by("--version", cwd=tmp_path)
    assert {m for m in imported if m.startswith("claimkit")} == {
        "claimkit",
        "claimkit._version",
        "claimkit.cli",
        "claimkit.cli._exits",
        "claimkit.errors",
    }
    assert not imported & {"pydantic", "yaml", "httpx", "multiprocessing"}


def test_lint_of_a_markdown_file_imports_what_linting_markdown_uses(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("# Tears\n\nCrying lowers blood pressure.\n")
    imported = imported_by("lint", "post.md", "--claims", str(REPOSITORY / "claims"), cwd=tmp_path)
    assert {"claimkit.linting.linter", "claimkit.reading._markdown", "pydantic"} <= imported
    assert not imported & {
        "httpx",  # the citation verifier's client: lint reads the lock file only
        "claimkit.verify.verifier",
        "claimkit.report",
        "claimkit.cli.claims",
        "claimkit.cli.report",
        "claimkit.output.claims",
        "claimkit.reading._docx",  # Word files only
        "multiprocessing",  # -j 2 and more only
        "concurrent.futures",
        "snowballstemmer",
    }
