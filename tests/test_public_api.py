"""The public API: a small, pinned surface, from public modules, that imports lazily."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import claimkit

# The public API, pinned: a name added or removed here is a decision, not an accident.
PUBLIC = [
    "Certainty",
    "Citation",
    "CitationStance",
    "Claim",
    "ClaimSet",
    "ClaimSource",
    "ClaimkitError",
    "Config",
    "ConfigError",
    "Design",
    "Document",
    "Evidence",
    "Examples",
    "FileError",
    "Finding",
    "Identifier",
    "InputFormat",
    "InvalidRegistryError",
    "Match",
    "Occurrence",
    "Problem",
    "RegistryError",
    "RegistryNotFoundError",
    "Report",
    "Review",
    "ReviewStatus",
    "ScanResult",
    "Sentence",
    "Severity",
    "Span",
    "Stance",
    "UnreadableFile",
    "Verdict",
    "Wording",
    "__version__",
    "find_config",
    "lint_paths",
    "lint_text",
    "load_claims",
    "load_config",
    "scan_document",
    "scan_paths",
    "scan_text",
]


def test_the_public_api_is_exactly_the_pinned_names_sorted() -> None:
    assert claimkit.__all__ == PUBLIC


def test_every_public_name_is_the_object_its_home_module_defines() -> None:
    for name in PUBLIC:
        if name == "__version__":
            continue
        value = getattr(claimkit, name)
        home = importlib.import_module(value.__module__)
        assert getattr(home, value.__name__) is value, name


def test_public_names_are_defined_in_public_modules() -> None:
    # A reader of a traceback or of `help()` sees where a name lives: never a private module.
    for name in PUBLIC:
        value = getattr(claimkit, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            parts = value.__module__.split(".")
            assert parts[0] == "claimkit", name
            assert not any(part.startswith("_") for part in parts), (name, value.__module__)


def test_every_public_class_and_function_says_what_it_is() -> None:
    for name in PUBLIC:
        value = getattr(claimkit, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert (value.__doc__ or "").strip(), f"{name} has no docstring"


def test_file_error_is_the_former_name_of_unreadable_file() -> None:
    assert claimkit.FileError is claimkit.UnreadableFile
    assert not issubclass(claimkit.UnreadableFile, BaseException)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = claimkit.no_such_name  # type: ignore[attr-defined]


def test_command_line_startup_does_not_import_pydantic() -> None:
    # `claimkit --version` and `--help` run on every pre-commit hook: keep them light.
    code = "import sys, claimkit.cli; print('pydantic' in sys.modules, 'yaml' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_linting_with_a_lock_file_does_not_import_httpx(tmp_path: Path) -> None:
    # Lint reads the citation lock file offline; the network client is cite verify's alone.
    lock = tmp_path / "citations.lock.json"
    lock.write_text('{"format": 1, "citations": {}}')
    code = (
        "import pathlib, sys, claimkit\n"
        "from claimkit.registry import bundled_claims_path\n"
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
