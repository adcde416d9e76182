"""The public API: a small, sorted surface that imports lazily."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import claimkit


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert claimkit.__all__ == sorted(claimkit.__all__)
    for name in claimkit.__all__:
        assert getattr(claimkit, name) is not None


def test_public_classes_say_they_belong_to_claimkit() -> None:
    for name in claimkit.__all__:
        value = getattr(claimkit, name)
        if isinstance(value, type):
            assert value.__module__.startswith("claimkit."), name


def test_unknown_attribute_is_an_attribute_error() -> None:
    assert not hasattr(claimkit, "no_such_name")


def test_command_line_startup_does_not_import_pydantic() -> None:
    # `claimkit --version` and `--help` run on every pre-commit hook: keep them light.
    code = "import sys, claimkit.cli; print('pydantic' in sys.modules, 'yaml' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_all_lists_exactly_the_lazily_exported_names() -> None:
    exported = {name for names in claimkit._EXPORTS.values() for name in names}
    assert set(claimkit.__all__) == exported | {"__version__"}


def test_linting_with_a_lock_file_does_not_import_httpx(tmp_path: Path) -> None:
    # Lint reads the citation lock file offline; the network client is cite verify's alone.
    lock = tmp_path / "citations.lock.json"
    lock.write_text('{"format": 1, "citations": {}}')
    code = (
        "import pathlib, sys, claimkit\n"
        "from claimkit.claims import bundled_claims_path\n"
        "from claimkit.verify import LockFile\n"
        f"lock = LockFile.read(pathlib.Path({str(lock)!r}))\n"
        "claims = claimkit.load_claims(bundled_claims_path())\n"
        "report = claimkit.lint_text('Tears flush toxins out of the body.', claims, lock=lock)\n"
        "print(len(report.findings) > 0, 'httpx' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]


def test_every_name_the_verification_api_exports_resolves() -> None:
    import claimkit.verify

    assert claimkit.verify.__all__ == sorted(claimkit.verify.__all__)
    for name in claimkit.verify.__all__:
        assert getattr(claimkit.verify, name) is not None
    with pytest.raises(AttributeError):
        _ = claimkit.verify.no_such_name  # type: ignore[attr-defined]
