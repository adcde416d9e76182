"""A validated registry is cached and read back while its files are unchanged."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from claimkit import InvalidRegistryError, load_claims, scan_text
from claimkit.registry._cache import cache_directory
from tests.conftest import EXAMPLE_REGISTRY


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE_REGISTRY, tmp_path / "claims"))


def cached_files() -> list[Path]:
    return sorted(cache_directory().glob("registry-*"))


def test_second_load_reads_the_cache_and_gives_the_same_registry(registry: Path) -> None:
    first = load_claims(registry)
    assert len(cached_files()) == 1
    # Make the files unreadable as YAML without changing size or time: only the cache can
    # then explain a successful load.
    for path in registry.rglob("*.yaml"):
        stat = path.stat()
        path.write_bytes(b"#" * stat.st_size)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = load_claims(registry)
    assert list(second) == list(first)
    assert second.warnings == first.warnings
    article = "Tears flush toxins. There is no evidence that crying lowers blood pressure."
    assert scan_text(article, second) == scan_text(article, first)


def test_a_changed_file_is_read_again(registry: Path) -> None:
    load_claims(registry)
    path = registry / "crying" / "removes-toxins.yaml"
    path.write_text(
        path.read_text().replace("Tears flush toxins out of the body.", "Tears remove toxins.")
    )
    os.utime(path, ns=(1, 1))
    assert load_claims(registry)["crying.removes-toxins"].statement == "Tears remove toxins."


def test_an_invalid_registry_is_never_cached(registry: Path) -> None:
    (registry / "broken.yaml").write_text("id: [\n")
    with pytest.raises(InvalidRegistryError):
        load_claims(registry)
    assert cached_files() == []


def test_overdue_warnings_are_decided_at_load_not_cached(registry: Path) -> None:
    load_claims(registry, today=dt.date(2027, 1, 1))
    later = load_claims(registry, today=dt.date(2027, 6, 1))
    assert [w.message for w in later.warnings] == [
        "review.next_review: review is overdue since 2027-05-26; re-check the evidence and set a new date",
        "review.next_review: review is overdue since 2027-05-26; re-check the evidence and set a new date",
    ]
    assert load_claims(registry, today=dt.date(2027, 1, 1)).warnings == ()


def test_a_corrupt_cache_is_ignored(registry: Path) -> None:
    load_claims(registry)
    (cache_file,) = cached_files()
    cache_file.write_text("{not json")
    assert len(load_claims(registry)) == 3


def test_cache_can_be_bypassed(registry: Path) -> None:
    load_claims(registry, cache=False)
    assert cached_files() == []
