"""Lint: judge the claims articles make against the evidence in the registry.

For each article: find the claim occurrences (``claimkit.matching``), run the article rules,
apply the article's suppression directives, run the rules about suppressions, and sort. Then,
across articles, apply the baseline and the changed-lines filter. The ``Linter`` takes its
settings resolved and typed (``LintSettings``); turning a configuration into them is the
application's job (``claimkit.application``). Nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import overload

import pathspec

from claimkit.core.enums import Severity
from claimkit.core.files import display_path
from claimkit.core.parallel import map_files
from claimkit.core.text import Tokens, tokenize
from claimkit.linting.baseline import apply_baseline
from claimkit.linting.findings import Finding, Report, sort_findings
from claimkit.linting.rules import (
    DEFAULT_CERTAINTY_POLICY,
    RULES,
    ArticleContext,
    ArticleRule,
    CertaintyPolicy,
    Rule,
    SuppressionRule,
    resolve_selector,
)
from claimkit.linting.suppressions import Suppression, directives_of, suppress
from claimkit.matching import CueLexicon, Occurrence, bundled_cues, scan_document
from claimkit.reading import (
    Document,
    InputFormat,
    Sentence,
    UnreadableFile,
    crashed,
    read_document,
)
from claimkit.registry import ClaimSet
from claimkit.verify.lockfile import LockFile

__all__ = ["LintSettings", "LintedArticle", "Linter", "PerFileIgnores"]


@dataclass(frozen=True)
class PerFileIgnores:
    """Rule codes to skip in the files that match a glob; globs are relative to ``base``."""

    specs: tuple[tuple[pathspec.GitIgnoreSpec, frozenset[str]], ...] = ()
    base: Path = field(default_factory=Path.cwd)

    @classmethod
    def from_globs(cls, globs: Mapping[str, Iterable[str]], base: Path) -> PerFileIgnores:
        """From glob -> rule codes, as the configuration's ``per-file-ignores`` gives them."""
        return cls(
            tuple(
                (pathspec.GitIgnoreSpec.from_lines([glob]), frozenset(codes))
                for glob, codes in globs.items()
            ),
            base,
        )

    def codes_for(self, path: str) -> frozenset[str]:
        """The codes to skip in the article at ``path``."""
        if not self.specs:
            return frozenset()
        relative = relative_to(path, self.base)
        return frozenset(
            code for spec, codes in self.specs if spec.match_file(relative) for code in codes
        )


@dataclass(frozen=True)
class LintSettings:
    """How lint judges articles: the configured rules and everything they read besides the
    article, resolved once and immutable."""

    rules: tuple[Rule, ...] = field(
        default_factory=lambda: tuple(rule() for rule in RULES.values())
    )
    """The rules that run, each with its options."""
    policy: CertaintyPolicy = field(
        default_factory=lambda: CertaintyPolicy(DEFAULT_CERTAINTY_POLICY)
    )
    cues: CueLexicon = field(default_factory=bundled_cues)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Severity per rule code, replacing the rule's default."""
    per_file_ignores: PerFileIgnores = field(default_factory=PerFileIgnores)


@dataclass(frozen=True)
class LintedArticle:
    """What lint found in one article: the claims it makes and the findings about it."""

    occurrences: tuple[Occurrence, ...]
    findings: tuple[Finding, ...]
    suppressed: int
    """Findings that the article's suppression comments silenced."""


class Linter:
    """Runs the configured rules on articles, against one registry and lock file."""

    def __init__(
        self,
        claims: ClaimSet,
        settings: LintSettings | None = None,
        lock: LockFile | None = None,
    ) -> None:
        self.claims = claims
        self.settings = settings or LintSettings()
        self.lock = lock

    @property
    def cues(self) -> CueLexicon:
        return self.settings.cues

    def lint_document(self, document: Document, path: str) -> LintedArticle:
        """The claims one article makes and the findings about it, after its suppressions."""
        settings = self.settings
        # Directives first: working them out needs more memory for a moment than holding
        # them, best spent before the article's occurrences are held too.
        directives = directives_of(document, resolve_selector)
        tokens = _TokensBySentence(document.sentences)
        occurrences = scan_document(
            document, self.claims, path=path, cues=settings.cues, tokens=tokens
        )
        context = ArticleContext(
            path,
            document,
            occurrences,
            self.claims,
            settings.policy,
            settings.cues,
            tokens,
            self.lock,
            directives,
        )
        skipped = settings.per_file_ignores.codes_for(path)
        rules = [rule for rule in settings.rules if rule.code not in skipped]
        # Suppressed rule by rule, so that what the directives cover is dropped as it is
        # found, not held with every other rule's findings (an article of a million ignored
        # claims). A directive's uses add up across rules: each counts the findings it covers.
        findings: list[Finding] = []
        covered, uses = 0, [0] * len(context.directives)
        for rule in rules:
            if isinstance(rule, ArticleRule):
                by_rule = suppress(rule.check(context), context.directives)
                findings.extend(by_rule.kept)
                covered += by_rule.suppressed
                uses = [total + used for total, used in zip(uses, by_rule.uses, strict=True)]
        suppression = Suppression(tuple(findings), covered, tuple(uses))
        for rule in rules:
            if isinstance(rule, SuppressionRule):
                findings.extend(rule.check(context, suppression))
        overrides = settings.severity
        findings = [
            replace(f, severity=overrides[f.code]) if f.code in overrides else f for f in findings
        ]
        return LintedArticle(occurrences, _sorted(findings), suppression.suppressed)

    def lint_files(
        self,
        files: Iterable[Path],
        *,
        input_format: InputFormat | str | None = None,
        jobs: int = 1,
        baseline: Counter[str] | None = None,
        changed_lines: Mapping[str, Collection[int]] | None = None,
    ) -> Report:
        """Lint article files in ``jobs`` processes (the result does not depend on it).

        ``baseline`` (``read_baseline``) holds fingerprints of accepted findings, left out.
        ``changed_lines`` maps resolved file paths to the line numbers changed in them: only
        findings touching those lines are kept (pull-request mode).
        """
        files = list(files)
        linted: list[_FileFindings] = []
        errors: list[UnreadableFile] = []
        for result in map_files(_lint_one, files, (self, input_format), jobs):
            if isinstance(result, UnreadableFile):
                errors.append(result)
            else:
                linted.append(result)
        findings = [finding for result in linted for finding in result.findings]
        suppressed = sum(result.suppressed for result in linted)
        if baseline is not None:
            findings, known = apply_baseline(findings, baseline)
            suppressed += known
        if changed_lines is not None:
            # Matched by each file's real path, which a shown path may not spell the same way.
            key_of = {result.path: result.key for result in linted}
            findings = [f for f in findings if _touches(f, changed_lines.get(key_of[f.path], ()))]
        return Report(_sorted(findings), tuple(errors), len(files), suppressed)


class _TokensBySentence(Sequence[Tokens]):
    """Each sentence's words, cut when first asked and kept for the rules that ask again.

    At most ``KEPT`` sentences' words are held (some 400 bytes each): beyond that, the kept
    ones are let go and cut again when asked, so that an article of a million claim
    sentences costs time, not gigabytes. No real article comes near the limit.
    """

    __slots__ = ("_kept", "_sentences")

    KEPT = 10_000

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences
        self._kept: dict[int, Tokens] = {}

    def __len__(self) -> int:
        return len(self._sentences)

    @overload
    def __getitem__(self, index: int) -> Tokens: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Tokens]: ...

    def __getitem__(self, index: int | slice) -> Tokens | Sequence[Tokens]:
        if type(index) is int and (kept := self._kept.get(index)) is not None:
            return kept  # the rules ask for each sentence's words again and again
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        tokens = self._kept.get(index)
        if tokens is None:
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            tokens = self._kept[index] = tokenize(self._sentences[index].text)
        return tokens


@dataclass(frozen=True)
class _FileFindings:
    """What crosses back from a worker: one file's findings, not its occurrences."""

    path: str
    key: str
    """The file's resolved path, as changed-lines maps know it."""
    findings: tuple[Finding, ...]
    suppressed: int


def _lint_one(
    shared: tuple[Linter, InputFormat | str | None], file: Path
) -> _FileFindings | UnreadableFile:
    linter, input_format = shared
    shown = display_path(file)
    try:
        document = read_document(file, input_format)
        if isinstance(document, UnreadableFile):
            return document
        linted = linter.lint_document(document, shown)
    except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
        return crashed(shown, error)
    return _FileFindings(shown, str(file.resolve()), linted.findings, linted.suppressed)


def _touches(finding: Finding, lines: Collection[int]) -> bool:
    return any(line in lines for line in range(finding.line, finding.end_line + 1))


def relative_to(path: str, base: Path) -> str:
    """``path`` relative to ``base`` when it is under it, as globs in the configuration are."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    sort_findings(findings)
    return tuple(findings)
