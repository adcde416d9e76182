"""``claimkit trace``: which articles make which claims, and rest on which sources."""

from __future__ import annotations

from pathlib import Path

import click

from claimkit.cli._common import (
    EXIT_CANNOT_RUN,
    CannotRun,
    claims_of,
    claims_option,
    config_option,
    echo_error,
    echo_rendered,
    format_option,
    input_format_option,
    jobs_option,
    lock_of,
    no_such_path,
    open_workspace,
)
from claimkit.output.base import display_path
from claimkit.output.trace import TRACE_FORMATS

STATUSES = (
    "retracted",
    "mismatch",
    "not-found",
    "concern",
    "corrected",
    "unreachable",
    "not-verified",
)


@click.command("trace")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@claims_option
@config_option
@format_option(TRACE_FORMATS)
@click.option(
    "--claim", "claim_id", metavar="ID", help="Only this claim: its articles and sources."
)
@click.option(
    "--source",
    metavar="IDENTIFIER",
    help="Only this work (doi:..., pmid:...): the claims that rest on it, the articles that "
    "make them, and the articles that cite it directly.",
)
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    help="Every article touched by a source with this status in the citation lock file.",
)
@click.option(
    "--changed-since",
    "revision",
    metavar="REF",
    help="What changed in the registry and the lock file since git revision REF, and the "
    "articles each change touches.",
)
@input_format_option
@jobs_option("Read")
def trace_command(
    paths: tuple[Path, ...],
    claims_path: Path | None,
    config_path: Path | None,
    output_format: str,
    claim_id: str | None,
    source: str | None,
    status: str | None,
    revision: str | None,
    input_format: str | None,
    jobs: int,
) -> None:
    """Map which articles in PATHS (default: .) make which claims, and which sources those
    claims rest on, with each source's status in the citation lock file.

    For each claim: the article sentences that make it (path:line:column, stance, whether a
    source is cited nearby) and its sources; then the claims no article makes, and the
    articles that make no registered claim. The filters answer the questions that come
    after publication: a study is retracted, or the evidence on a claim changes — which
    pages must be re-reviewed? Uses no network: run `claimkit cite verify` for the lock file.

    \b
    Examples:
      claimkit trace content/
      claimkit trace content/ --claim crying.lowers-blood-pressure
      claimkit trace content/ --source doi:10.1037/emo0000633
      claimkit trace content/ --status retracted --format csv > retracted.csv
      claimkit trace content/ --changed-since v2.3

    Exit status: 0 traced, 2 could not run (bad usage, configuration or registry, an unknown
    claim or revision, an unreadable article: the others are still traced).
    """
    from claimkit.core.git import GitError
    from claimkit.output.trace import CHANGES_FORMATS, ChangesView, TraceView
    from claimkit.trace import RevisionError, changes_since_revision, trace_paths

    if sum(option is not None for option in (claim_id, source, status, revision)) > 1:
        raise click.UsageError("choose one of --claim, --source, --status and --changed-since")
    paths = paths or (Path(),)
    workspace = open_workspace(paths, config_path=config_path, claims_path=claims_path)
    registry, lock = claims_of(workspace), lock_of(workspace)
    if claim_id is not None and claim_id not in registry:
        close = registry.suggest(claim_id)
        hint = f"; did you mean {close}?" if close else ""
        where = display_path(workspace.registry.path)
        raise CannotRun(f"--claim {claim_id}: no such claim in {where}{hint}")
    if source is not None:
        source = _identifier(source)
    try:
        files = workspace.articles(paths)
    except FileNotFoundError as error:
        raise no_such_path(error) from None
    traced = trace_paths(
        files, registry, lock=lock, cues=workspace.cues, input_format=input_format, jobs=jobs
    )
    for problem in traced.errors:
        echo_error(str(problem))

    if revision is not None:
        try:
            changes = changes_since_revision(
                revision,
                workspace.registry.path,
                workspace.lock_path,
                registry,
                lock,
                traced,
                files,
                cues=workspace.cues,
                input_format=input_format,
                jobs=jobs,
            )
        except (GitError, RevisionError) as error:
            raise CannotRun(str(error)) from None
        echo_rendered(CHANGES_FORMATS[output_format].render(ChangesView(revision, changes)))
    else:
        if claim_id is not None:
            traced = traced.for_claim(claim_id)
        elif source is not None:
            traced = traced.for_source(source)
        elif status is not None:
            traced = traced.for_status(status)
        full = claim_id is None and source is None and status is None
        view = TraceView(traced, full=full, source=source, status=status)
        echo_rendered(TRACE_FORMATS[output_format].render(view))
    if traced.errors:
        click.get_current_context().exit(EXIT_CANNOT_RUN)


def _identifier(text: str) -> str:
    """``doi:10.1/X``, or a link such as ``https://doi.org/10.1/X`` -> ``doi:10.1/x``."""
    from claimkit.core.identifiers import IdentifierError, identifier_from_url, parse_identifier

    try:
        return str(parse_identifier(text))
    except IdentifierError as error:
        linked = identifier_from_url(text)
        if linked is None:
            raise CannotRun(f"--source {text}: {error}") from None
        return str(linked)
