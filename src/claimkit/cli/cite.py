"""``claimkit cite verify``: check that cited works exist, match, and are not retracted."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimkit.cli._common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    CannotRun,
    claims_of,
    claims_option,
    config_option,
    echo_error,
    echo_rendered,
    format_option,
    no_such_path,
    open_workspace,
)
from claimkit.output.base import display_path
from claimkit.output.citations import VERIFY_FORMATS

if TYPE_CHECKING:
    from claimkit.application import Workspace
    from claimkit.reading import UnreadableFile
    from claimkit.registry import ClaimSet
    from claimkit.verify.model import Target


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
@format_option(VERIFY_FORMATS)
@click.option("--check-urls", is_flag=True, help="Also check that url: citations answer.")
@click.option("--only", metavar="ID", help="Only this identifier (doi:...) or claim id.")
@click.option("--lock", "lock_path", type=click.Path(path_type=Path), help="The lock file.")
@claims_option
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
    claims_path: Path | None,
    config_path: Path | None,
    strict: bool,
) -> None:
    """Check every citation in the registry DIR (default: the configuration's claims:, else
    ./claims) against Crossref, PubMed, PMC and doi.org, and record what was found in the lock
    file that lint reads offline.

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
    from claimkit.output.citations import VerifyView
    from claimkit.verify.lockfile import LockFile, LockFileError
    from claimkit.verify.verifier import Services, VerifyOptions, is_due, verify

    named = directory or claims_path
    if directory is not None and claims_path is not None and directory != claims_path:
        raise click.UsageError("name the registry once: DIR or --claims, not both")
    workspace = open_workspace(
        [named] if named else [],
        config_path=config_path,
        claims_path=named,
        lock_path=lock_path,
        bundled=False,  # the lock file is written beside the registry you maintain
    )
    settings = workspace.config.citations
    registry = claims_of(workspace)
    unreadable: list[UnreadableFile] = []
    targets = _targets(workspace, registry, articles, check_urls, only, unreadable)
    lock_file = workspace.lock_path
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
    echo_rendered(VERIFY_FORMATS[output_format].render(VerifyView(targets, outcomes, lock_file)))
    unanswered = len(targets) - len(outcomes)
    statuses = Counter(str(o.entry.status) for o in outcomes)
    if statuses.get("unreachable") or unanswered:
        click.echo(
            f"warning: {statuses.get('unreachable', 0)} unreachable, {unanswered} not in the "
            f"lock file{' (offline)' if offline else ''}",
            err=True,
        )
    for article in unreadable:
        echo_error(str(article))
    if unreadable:
        click.get_current_context().exit(EXIT_CANNOT_RUN)
    failed = any(o.entry.status.is_failure for o in outcomes)
    failed |= strict and (bool(statuses.get("unreachable")) or unanswered > 0)
    click.get_current_context().exit(EXIT_PROBLEMS if failed else EXIT_CLEAN)


def _targets(
    workspace: Workspace,
    registry: ClaimSet,
    articles: tuple[Path, ...],
    check_urls: bool,
    only: str | None,
    unreadable: list[UnreadableFile],
) -> list[Target]:
    from claimkit.core.identifiers import IdentifierError, parse_identifier
    from claimkit.verify import targets_from_articles, targets_from_registry

    targets = targets_from_registry(registry, check_urls=check_urls)
    if articles:
        try:
            files = workspace.articles(articles)
        except FileNotFoundError as error:
            raise no_such_path(error) from None
        targets = targets_from_articles(
            files, targets, check_urls=check_urls, unreadable=unreadable
        )
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
