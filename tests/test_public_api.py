"""The public API: a small, sorted surface that imports lazily."""

from __future__ import annotations

import subprocess
import sys

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
