"""``claimkit cite verify``: check that cited works exist, match, and are not retracted."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimkit.cli._common import (
    DEFAULT_REGISTRY,
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    CannotRun,
    config_option,
    display_path,
    echo_json,
    format_option,
    format_problem,
    load_registry,
)

if TYPE_CHECKING:
    from claimkit.claims import ClaimSet
    from claimkit.findings import FileError
    from claimkit.verify.model import Target, Update
    from claimkit.verify.verifier import Outcome


@click.group("cite")
def cite_group() -> None:
    """Work with the citations behind the claims.

    `cite verify` looks every cited DOI, PMID and PMCID up in Crossref, PubMed, PMC and
    doi.org, and records what it found in a lock file beside the claims
    (citations.lock.json) that you commit. lint reads that file, offline, to flag retracted
    (CK204) and unverified (CK205) citations.

    \b
    Examples:
      claimkit cite verify --mailto editor@example.org
      claimkit cite verify --offline
    """


@cite_group.command("verify")
@click.argument("directory", metavar="[DIR]", required=False, type=click.Path(path_type=Path))
@click.option(
    "--articles",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Also verify what these articles (files or directories) cite. Repeatable.",
)
@click.option("--offline", is_flag=True, help="Report from the lock file; use no network.")
@click.option(
    "--refresh", is_flag=True, help="Re-check entries older than --max-age (retractions sooner)."
)
@click.option(
    "--max-age",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Age that --refresh re-checks [30].",
)
@click.option("--mailto", metavar="EMAIL", help="Your contact address, for Crossref and NCBI.")
@format_option("A table (text) or JSON.")
@click.option("--check-urls", is_flag=True, help="Also check that url: citations answer.")
@click.option("--only", metavar="ID", help="Only this identifier (doi:...) or claim id.")
@click.option("--lock", "lock_path", type=click.Path(path_type=Path), help="The lock file.")
@config_option
@click.option(
    "--strict", is_flag=True, help="Fail (exit 1) on unreachable or unchecked citations too."
)
def verify_command(
    directory: Path | None,
    articles: tuple[Path, ...],
    offline: bool,
    refresh: bool,
    max_age: int | None,
    mailto: str | None,
    output_format: str,
    check_urls: bool,
    only: str | None,
    lock_path: Path | None,
    config_path: Path | None,
    strict: bool,
) -> None:
    """Check every citation in the registry DIR (default: ./claims) against Crossref, PubMed,
    PMC and doi.org, and record what was found in the lock file that lint reads offline.

    A citation is ok, not-found, mismatch (the identifier leads to another work than the
    claim file declares), retracted, concern (an expression of concern), corrected, or
    unreachable (the service did not answer; never taken as not found). Only citations the
    lock file does not answer yet are checked, unless --refresh.

    \b
    Examples:
      claimkit cite verify --mailto editor@example.org
      claimkit cite verify --articles content/ --refresh
      claimkit cite verify --offline --format json
      claimkit cite verify --only crying.removes-toxins

    Exit status: 0 every citation ok (unreachable ones warned about), 1 one is not-found,
    mismatch or retracted (or, with --strict, unreachable or unchecked), 2 could not run or
    an article could not be read (the others are still verified).
    """
    from claimkit.config import find_config, load_config
    from claimkit.errors import ConfigError
    from claimkit.verify import lock_path_for
    from claimkit.verify.lockfile import LockFile, LockFileError
    from claimkit.verify.verifier import Services, VerifyOptions, is_due, verify

    registry_dir = directory or DEFAULT_REGISTRY
    try:
        config = load_config(config_path if config_path else find_config([registry_dir]))
    except ConfigError as error:
        for problem in error.problems:
            click.echo(format_problem(problem), err=True)
        raise CannotRun("invalid configuration") from None
    settings = config.citations
    registry = load_registry(registry_dir)
    unreadable: list[FileError] = []
    targets = _targets(registry, articles, check_urls, only, unreadable)
    lock_file = lock_path or lock_path_for(registry_dir, config)
    try:
        lock = LockFile.read(lock_file)
    except LockFileError as error:
        raise CannotRun(str(error)) from None

    options = VerifyOptions(
        mailto=mailto or settings.mailto,
        services=Services(**settings.services.model_dump()),
        check_urls=check_urls,
        timeout=settings.timeout,
        retries=settings.retries,
        budget=settings.time_limit,
    )
    due = is_due(
        lock,
        refresh=refresh,
        max_age=dt.timedelta(days=max_age if max_age is not None else settings.max_age),
        retraction_max_age=dt.timedelta(days=settings.retraction_max_age),
    )
    if offline:

        def due(_: str) -> bool:
            return False

    try:
        outcomes = verify(targets, lock, options, due=due, progress=_progress())
    except KeyboardInterrupt:
        raise CannotRun(f"interrupted; what was verified is in {display_path(lock_file)}") from None
    _report(targets, outcomes, lock_file, output_format)
    unanswered = len(targets) - len(outcomes)
    statuses = Counter(str(o.entry.status) for o in outcomes)
    if statuses.get("unreachable") or unanswered:
        click.echo(
            f"warning: {statuses.get('unreachable', 0)} unreachable, {unanswered} not in the "
            f"lock file{' (offline)' if offline else ''}",
            err=True,
        )
    for article in unreadable:
        click.echo(str(article), err=True)
    if unreadable:
        click.get_current_context().exit(EXIT_CANNOT_RUN)
    failed = any(o.entry.status.is_failure for o in outcomes)
    failed |= strict and (bool(statuses.get("unreachable")) or unanswered > 0)
    click.get_current_context().exit(EXIT_PROBLEMS if failed else EXIT_CLEAN)


def _targets(
    registry: ClaimSet,
    articles: tuple[Path, ...],
    check_urls: bool,
    only: str | None,
    unreadable: list[FileError],
) -> list[Target]:
    from claimkit.identifiers import IdentifierError, parse_identifier
    from claimkit.verify import targets_from_articles, targets_from_registry

    targets = targets_from_registry(registry, check_urls=check_urls)
    if articles:
        try:
            targets = targets_from_articles(
                articles, targets, check_urls=check_urls, unreadable=unreadable
            )
        except FileNotFoundError as error:
            raise CannotRun(
                f"{display_path(Path(str(error)))}: no such file or directory"
            ) from None
    if only is None:
        return targets
    try:
        wanted = str(parse_identifier(only))
        chosen = [t for t in targets if t.identifier == wanted]
    except IdentifierError:
        chosen = [t for t in targets if only in t.cited_by]
    if not chosen:
        raise CannotRun(f"--only {only}: no such citation or claim")
    return chosen


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        click.echo(f"\rverified {done} of {total}", err=True, nl=done >= total)

    return show


def _describe(update: Update) -> str:
    """``retraction 2025-03-14, notice doi:10.5555/x (retraction-watch)``"""
    words = [update.kind]
    if update.date:
        words.append(update.date)
    described = " ".join(words)
    if update.notice:
        described += f", notice {update.notice}"
    if update.source:
        described += f" ({update.source})"
    return described


def _report(
    targets: list[Target], outcomes: list[Outcome], lock_file: Path, output_format: str
) -> None:
    cited_by = {t.identifier: t.cited_by for t in targets}
    if output_format == "json":
        echo_json(
            {
                "lock": display_path(lock_file),
                "citations": [
                    {
                        "identifier": o.identifier,
                        **o.entry.model_dump(mode="json"),
                        "checked_now": o.checked_now,
                        "cited_by": cited_by.get(o.identifier, []),
                    }
                    for o in outcomes
                ],
                "summary": dict(Counter(str(o.entry.status) for o in outcomes)),
            }
        )
        return
    width = max((len(o.identifier) for o in outcomes), default=10)
    for outcome in outcomes:
        entry = outcome.entry
        found = f"{entry.title} ({entry.year})" if entry.title else (entry.message or "")
        line = f"{outcome.identifier:<{width}}  {entry.status!s:<11}  {found}"
        if entry.message and entry.title:
            line += f" — {entry.message}"
        for update in entry.updates:
            line += f" — {_describe(update)}"
        if entry.status.is_failure:
            line += f"  [cited by {', '.join(cited_by.get(outcome.identifier, []))}]"
        click.echo(line)
    counts = Counter(str(o.entry.status) for o in outcomes)
    fresh = sum(o.checked_now for o in outcomes)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    click.echo(
        f"{len(outcomes)} citations: {summary or 'none'}; {fresh} checked now, "
        f"{len(outcomes) - fresh} from {display_path(lock_file)}."
    )
