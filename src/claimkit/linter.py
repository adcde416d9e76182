"""Lint: judge the claims articles make against the evidence in the registry.

For each article: read it, find the claim occurrences (``scanning``), run the selected rules,
apply the article's suppression directives, run the rules about suppressions, and sort. Then,
across articles, apply the baseline and the changed-lines filter. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pathspec

from claimkit._files import discover_articles, is_claimkit_report
from claimkit._parallel import map_files
from claimkit._parsing import FORMAT_BY_SUFFIX, parse_document
from claimkit._stance import CueLexicon
from claimkit._suppress import apply_baseline, directives_of, read_baseline, suppress
from claimkit._text import tokenize
from claimkit.claims import ClaimSet
from claimkit.config import Config, with_rule_options
from claimkit.document import Document, InputFormat
from claimkit.findings import FileError, Finding, Report, Severity
from claimkit.rules import RULES, ArticleContext, Rule, resolve_selector
from claimkit.scanning import Occurrence, read_document, scan_document
from claimkit.verify.lockfile import LockFile

__all__ = ["Linter", "Review", "lint_paths", "lint_text", "selected_rules"]


@dataclass(frozen=True)
class Review:
    """What lint found in one article: the claims it makes and the findings about it."""

    occurrences: tuple[Occurrence, ...]
    findings: tuple[Finding, ...]
    suppressed: int
    """Findings that the article's suppression comments silenced."""


@dataclass(frozen=True)
class _FileResult:
    findings: tuple[Finding, ...]
    suppressed: int


class Linter:
    """The rules a configuration selects, ready to run on documents."""

    def __init__(
        self, claims: ClaimSet, config: Config | None = None, lock: LockFile | None = None
    ) -> None:
        config = config or Config()
        if config.rules and not config.rule_options:
            config = with_rule_options(config)
        self.claims = claims
        self.config = config
        self.lock = lock
        self.cues = CueLexicon.bundled(config.cues.as_lexicon())
        self.rules = [rule(config.rule_options.get(rule.code)) for rule in selected_rules(config)]
        self._per_file = [
            (
                pathspec.GitIgnoreSpec.from_lines([pattern]),
                {c for s in codes for c in resolve_selector(s)},
            )
            for pattern, codes in config.per_file_ignores.items()
        ]

    def lint_document(self, document: Document, path: str) -> tuple[list[Finding], int]:
        """The findings of one article, after its suppressions, and how many were suppressed."""
        review = self.review_document(document, path)
        return list(review.findings), review.suppressed

    def review_document(self, document: Document, path: str) -> Review:
        """The claims one article makes and the findings about it, after its suppressions."""
        tokens = [tokenize(sentence.text) for sentence in document.sentences]
        occurrences = scan_document(document, self.claims, path=path, cues=self.cues, tokens=tokens)
        context = ArticleContext(
            path, document, occurrences, self.claims, self.config, self.cues, tokens, self.lock
        )
        rules = self._rules_for(path)
        findings = [f for rule in rules if not rule.after_suppression for f in rule.check(context)]
        context.directives = directives_of(document)
        findings, suppressed = suppress(findings, context.directives)
        findings += [f for rule in rules if rule.after_suppression for f in rule.check(context)]
        overrides = self.config.severity
        findings = [
            f if f.code not in overrides else _with_severity(f, overrides[f.code]) for f in findings
        ]
        return Review(occurrences, tuple(sorted(findings, key=Finding.sort_key)), suppressed)

    def _rules_for(self, path: str) -> list[Rule]:
        if not self._per_file:
            return self.rules
        skipped: set[str] = set()
        relative = _relative_to(path, self.config.base)
        for spec, codes in self._per_file:
            if spec.match_file(relative):
                skipped |= codes
        return [rule for rule in self.rules if rule.code not in skipped]

    def articles(self, paths: Iterable[str | Path], *, force_exclude: bool = False) -> list[Path]:
        """The article files to lint: those named, and those found under the directories named
        that ``include`` and ``exclude`` let through (the named ones too, with
        ``force_exclude``). ``FileNotFoundError`` for a path that does not exist."""
        named = [Path(p) for p in paths]
        explicit = set() if force_exclude else {p for p in named if p.is_file()}
        return [
            file
            for file in discover_articles(named, FORMAT_BY_SUFFIX)
            if file in explicit or (self.wants(file) and not is_claimkit_report(file))
        ]

    def wants(self, file: Path) -> bool:
        """Whether ``include``/``exclude`` let a file found by walking a directory be linted."""
        include, exclude = self.config.include, self.config.exclude
        if not include and not exclude:
            return True
        relative = _relative_to(file.as_posix(), self.config.base)
        if include and not pathspec.GitIgnoreSpec.from_lines(include).match_file(relative):
            return False
        return not (exclude and pathspec.GitIgnoreSpec.from_lines(exclude).match_file(relative))


def selected_rules(config: Config) -> list[type[Rule]]:
    """The rules a configuration runs: selected, and not ignored."""
    selected = {code for s in config.select for code in resolve_selector(s)}
    ignored = {code for s in config.ignore for code in resolve_selector(s)}
    return [rule for code, rule in RULES.items() if code in selected and code not in ignored]


def lint_text(
    text: str,
    claims: ClaimSet,
    *,
    format: InputFormat | str = InputFormat.MARKDOWN,  # noqa: A002 - the name users expect
    path: str = "<text>",
    config: Config | None = None,
    lock: LockFile | None = None,
) -> Report:
    """Lint one article given as text (for a CMS calling claimkit in-process). ``lock`` is
    the citation lock file (``LockFile.read``), for the citation rules CK204 and CK205."""
    linter = Linter(claims, config, lock)
    findings, suppressed = linter.lint_document(parse_document(text, format), path)
    return Report(tuple(findings), (), 1, suppressed)


def lint_paths(
    paths: Iterable[str | Path],
    claims: ClaimSet,
    *,
    config: Config | None = None,
    input_format: InputFormat | str | None = None,
    jobs: int = 1,
    baseline: Path | None = None,
    changed_lines: Mapping[str, Collection[int]] | None = None,
    lock: LockFile | None = None,
    force_exclude: bool = False,
) -> Report:
    """Lint files and directories, in ``jobs`` processes (the result does not depend on it).

    ``baseline`` is a file written by ``--write-baseline``: findings recorded there are left
    out. ``changed_lines`` maps resolved file paths to the line numbers changed in them: only
    findings touching those lines are kept (pull-request mode). ``FileNotFoundError`` for a
    path that does not exist; ``BaselineError`` for an unreadable baseline. With
    ``force_exclude``, the configuration's ``include`` and ``exclude`` apply to the files
    named in ``paths`` too, as they do to files found in directories.
    """
    linter = Linter(claims, config, lock)
    accepted = read_baseline(baseline) if baseline is not None else None
    files = linter.articles(paths, force_exclude=force_exclude)
    findings: list[Finding] = []
    errors: list[FileError] = []
    suppressed = 0
    for result in map_files(_lint_one, files, (linter, input_format), jobs):
        if isinstance(result, FileError):
            errors.append(result)
        else:
            findings.extend(result.findings)
            suppressed += result.suppressed
    if accepted is not None:
        findings, known = apply_baseline(findings, accepted)
        suppressed += known
    if changed_lines is not None:
        findings = [f for f in findings if _touches(f, changed_lines)]
    return Report(
        tuple(sorted(findings, key=Finding.sort_key)), tuple(errors), len(files), suppressed
    )


def _lint_one(
    shared: tuple[Linter, InputFormat | str | None], file: Path
) -> _FileResult | FileError:
    linter, input_format = shared
    document = read_document(file, input_format)
    if isinstance(document, FileError):
        return document
    findings, suppressed = linter.lint_document(document, file.as_posix())
    return _FileResult(tuple(findings), suppressed)


def _touches(finding: Finding, changed_lines: Mapping[str, Collection[int]]) -> bool:
    lines = changed_lines.get(str(Path(finding.path).resolve()), ())
    return any(line in lines for line in range(finding.line, finding.end_line + 1))


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    return replace(finding, severity=severity)


def _relative_to(path: str, base: Path) -> str:
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
