"""A validated registry is cached and read back while its files are unchanged."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from claimkit import InvalidRegistryError, load_claims, scan_text
from claimkit.core.cache import cache_directory
from claimkit.registry import loading
from tests.conftest import EXAMPLE_REGISTRY


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE_REGISTRY, tmp_path / "claims"))


def cached_files() -> list[Path]:
    return sorted(cache_directory().glob("registry-*"))


def test_second_load_reads_the_cache_and_gives_the_same_registry(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_claims(registry)
    assert len(cached_files()) == 1

    def no_validation(*_: object) -> None:
        raise AssertionError("the claim files were validated again")

    # Only the cache can then explain a successful load.
    monkeypatch.setattr(loading, "_validate", no_validation)
    second = load_claims(registry)
    assert list(second) == list(first)
    assert second.warnings == first.warnings
    article = "Tears flush toxins. There is no evidence that crying lowers blood pressure."
    assert scan_text(article, second) == scan_text(article, first)


def test_an_edit_that_keeps_size_and_time_is_read_again(registry: Path) -> None:
    # cp -p, rsync -a and tar x keep the modification time; the content hash still differs.
    load_claims(registry)
    path = registry / "crying" / "removes-toxins.yaml"
    stat = path.stat()
    path.write_text(path.read_text().replace("verdict: unsupported", "verdict: supported  "))
    assert path.stat().st_size == stat.st_size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(InvalidRegistryError):  # supported with no evidence is inconsistent
        load_claims(registry)


def test_a_damaged_cache_is_rebuilt_not_trusted(registry: Path) -> None:
    load_claims(registry)
    (cache_file,) = cached_files()
    data = cache_file.read_bytes()
    # An intact header and a damaged body; then a body edited to other valid JSON.
    for damaged in (
        data.replace(b'"statement":"Tears', b'"statement":#Tears'),
        data.replace(b"Tears flush toxins out of the body.", b"Tears are a detox, proven."),
    ):
        cache_file.write_bytes(damaged)
        reloaded = load_claims(registry)
        assert reloaded["crying.removes-toxins"].statement == "Tears flush toxins out of the body."
        assert cache_file.read_bytes() == data  # rebuilt


def test_writing_the_cache_leaves_no_temporary_file(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    monkeypatch.setattr(Path, "replace", full_disk)
    assert len(load_claims(registry)) == 3  # no cache is not an error
    assert [p.name for p in cache_directory().iterdir()] == []


def test_without_a_home_directory_there_is_simply_no_cache(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("CLAIMKIT_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError)))
    assert len(load_claims(registry)) == 3


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
