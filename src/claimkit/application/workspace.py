"""``Workspace``: what one run of claimkit reads, resolved in one place.

Every command builds one with ``Workspace.resolve`` and takes its inputs from it, so that
they all read the same configuration, registry, lock file and cues, and pick the same files.
Loading is lazy: a command that needs only the registry's location (``claims check``) never
loads the claims, and one that never reads the lock file never opens it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import pathspec

from claimkit.config import Config, find_config, load_config
from claimkit.linting import Linter, LintSettings, PerFileIgnores
from claimkit.linting.linter import relative_to
from claimkit.linting.rules import CertaintyPolicy, resolve_selector, selected_rules
from claimkit.matching import CueLexicon
from claimkit.reading import FORMAT_BY_SUFFIX, discover_articles, is_claimkit_report
from claimkit.registry import ClaimSet, bundled_claims_path, load_claims
from claimkit.verify.lockfile import LOCK_FILE, LockFile

__all__ = ["ArticleSelection", "RegistryChoice", "RegistryLocation", "Workspace", "lint_settings"]

CONVENTIONAL_REGISTRY = Path("claims")
"""Where a content repository keeps its registry unless it says otherwise."""


class RegistryChoice(StrEnum):
    """Why a registry was chosen, in the order the choices are tried."""

    NAMED = "named"
    """Named by the caller (``--claims DIR``, or a command's DIR argument)."""
    CONFIGURATION = "configuration"
    """The configuration's ``claims:``."""
    CONVENTION = "convention"
    """``./claims``, where a content repository keeps it."""
    BUNDLED = "bundled"
    """The registry that ships with claimkit (claims about crying and tears)."""


@dataclass(frozen=True)
class RegistryLocation:
    """Which registry a run reads, and why that one."""

    path: Path
    chosen_by: RegistryChoice
    config_path: Path | None = None
    """The configuration file, when it chose the registry."""

    def describe(self) -> str:
        """Which registry and why, in a user's words."""
        where = self.path.as_posix()
        if self.chosen_by is RegistryChoice.CONFIGURATION and self.config_path is not None:
            return f"the claim registry {where} (claims: in {self.config_path.as_posix()})"
        if self.chosen_by is RegistryChoice.BUNDLED:
            return "the bundled claim registry (claims about crying and tears)"
        return f"the claim registry {where}"


@dataclass(frozen=True)
class ArticleSelection:
    """Which article files to read: those named, and those found under the directories named
    that ``include`` and ``exclude`` let through; never a review report claimkit wrote."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    base: Path = Path()
    """The directory the globs are relative to (the configuration file's)."""

    @classmethod
    def from_config(cls, config: Config) -> ArticleSelection:
        return cls(config.include, config.exclude, config.base)

    def articles(self, paths: Iterable[str | Path], *, force_exclude: bool = False) -> list[Path]:
        """The article files to read under ``paths``; with ``force_exclude``, ``include`` and
        ``exclude`` apply to the files named too. ``FileNotFoundError`` for a path that does
        not exist."""
        named = [Path(p) for p in paths]
        explicit = set() if force_exclude else {p for p in named if not p.is_dir()}
        return [
            file
            for file in discover_articles(named, FORMAT_BY_SUFFIX)
            if file in explicit or (self.wants(file) and not is_claimkit_report(file))
        ]

    def wants(self, file: Path) -> bool:
        """Whether ``include`` and ``exclude`` let a file be read."""
        if not self.include and not self.exclude:
            return True
        relative = relative_to(file.as_posix(), self.base)
        if self.include and not self._spec(self.include).match_file(relative):
            return False
        return not (self.exclude and self._spec(self.exclude).match_file(relative))

    @staticmethod
    def _spec(globs: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
        return pathspec.GitIgnoreSpec.from_lines(globs)


def lint_settings(config: Config, cues: CueLexicon | None = None) -> LintSettings:
    """The configuration's rules, policy, severities and per-file ignores, resolved."""
    rules = selected_rules(config.select, config.ignore)
    return LintSettings(
        rules=tuple(rule(config.options_for(rule.code)) for rule in rules),
        policy=CertaintyPolicy(config.certainty_policy),
        cues=cues or CueLexicon.bundled(config.cues.as_lexicon()),
        severity=dict(config.severity),
        per_file_ignores=PerFileIgnores.from_globs(
            {
                glob: {code for selector in selectors for code in resolve_selector(selector)}
                for glob, selectors in config.per_file_ignores.items()
            },
            config.base,
        ),
    )


class Workspace:
    """What one run reads: resolved once, loaded on first use, never changed after.

    ``ConfigError`` from ``resolve`` for an invalid configuration; ``RegistryError`` from
    ``claims`` for a registry that is missing or invalid; ``LockFileError`` from ``lock`` for
    a damaged lock file.
    """

    def __init__(
        self, config: Config, registry: RegistryLocation, *, lock_path: Path | None = None
    ) -> None:
        self.config = config
        self.registry = registry
        self._lock_path = lock_path

    @classmethod
    def resolve(
        cls,
        paths: Sequence[str | Path] = (),
        *,
        config: Path | None = None,
        claims: Path | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        lock: Path | None = None,
        bundled: bool = True,
    ) -> Workspace:
        """The run for ``paths`` (the files or directories a command reads; the configuration
        is found upward from the first, else from the working directory).

        ``config`` names the configuration file instead; ``claims`` the registry; ``select``
        and ``ignore`` change the configuration's rule selection; ``lock`` names the lock
        file. With ``bundled=False`` a missing ``./claims`` is not replaced by the bundled
        registry (checking a registry is about the one you maintain).
        """
        found = config if config is not None else find_config([Path(p) for p in paths])
        settings = load_config(found).with_rules(select, ignore)
        return cls(settings, _registry(claims, settings, bundled=bundled), lock_path=lock)

    @cached_property
    def claims(self) -> ClaimSet:
        """The validated claims of the registry."""
        return load_claims(self.registry.path)

    @cached_property
    def lock_path(self) -> Path:
        """The citation lock file: named, else the configuration's ``citations.lock``, else
        ``citations.lock.json`` beside the claims."""
        if self._lock_path is not None:
            return self._lock_path
        if self.config.citations.lock:
            return self.config.base / self.config.citations.lock
        registry = self.registry.path
        return (registry if registry.is_dir() else registry.parent) / LOCK_FILE

    @cached_property
    def lock(self) -> LockFile | None:
        """What citation verification recorded, when the lock file exists. Anything at its
        path that is not a readable lock file is a ``LockFileError``: the citation rules must
        not be skipped without a word."""
        path = self.lock_path
        return LockFile.read(path) if path.exists() or path.is_symlink() else None

    @cached_property
    def cues(self) -> CueLexicon:
        """The bundled stance cues and the configuration's ``cues:``."""
        return CueLexicon.bundled(self.config.cues.as_lexicon())

    @cached_property
    def selection(self) -> ArticleSelection:
        return ArticleSelection.from_config(self.config)

    @cached_property
    def linter(self) -> Linter:
        """The configured rules, ready to run against the claims and the lock file."""
        return Linter(self.claims, lint_settings(self.config, self.cues), self.lock)

    def articles(self, paths: Iterable[str | Path], *, force_exclude: bool = False) -> list[Path]:
        """The article files to read under ``paths`` (see ``ArticleSelection.articles``)."""
        return self.selection.articles(paths, force_exclude=force_exclude)

    def inputs(self) -> list[Path]:
        """What the run reads besides articles: the registry, the configuration, the lock
        file. A command's outputs must never replace one of them."""
        found = [self.registry.path, self.lock_path]
        return [*found, self.config.path] if self.config.path is not None else found


def _registry(named: Path | None, config: Config, *, bundled: bool) -> RegistryLocation:
    if named is not None:
        return RegistryLocation(named, RegistryChoice.NAMED)
    if config.claims is not None:
        return RegistryLocation(
            config.base / config.claims, RegistryChoice.CONFIGURATION, config.path
        )
    if CONVENTIONAL_REGISTRY.is_dir() or not bundled:
        return RegistryLocation(CONVENTIONAL_REGISTRY, RegistryChoice.CONVENTION)
    return RegistryLocation(bundled_claims_path(), RegistryChoice.BUNDLED)
