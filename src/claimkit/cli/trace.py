"""``claimkit trace``: which articles make which claims, and rest on which sources."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimkit.cli._common import (
    CannotRun,
    claims_option,
    config_option,
    display_path,
    echo_json,
    input_format_option,
    jobs_option,
)
from claimkit.cli.lint import load_lint_config, load_registry_and_lock

if TYPE_CHECKING:
    from claimkit.claims import ClaimSet
    from claimkit.config import Config
    from claimkit.trace import ArticleUse, Change, ClaimTrace, DirectCitation, TraceMap
    from claimkit.verify.lockfile import LockFile

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
@claims_option("the configuration's, else ./claims, else the bundled one")
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text to read; json for programs; csv for spreadsheets and CMS import.",
)
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
    registry_path: Path | None,
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
    from claimkit.linter import Linter
    from claimkit.trace import trace_paths

    if sum(option is not None for option in (claim_id, source, status, revision)) > 1:
        raise click.UsageError("choose one of --claim, --source, --status and --changed-since")
    paths = paths or (Path(),)
    config = load_lint_config(paths, config_path)
    registry_dir, registry, lock = load_registry_and_lock(registry_path, config)
    if claim_id is not None and claim_id not in registry:
        close = registry.suggest(claim_id)
        hint = f"; did you mean {close}?" if close else ""
        raise CannotRun(f"--claim {claim_id}: no such claim in {display_path(registry_dir)}{hint}")
    if source is not None:
        source = _identifier(source)
    linter = Linter(registry, config, lock)
    try:
        files = linter.articles(paths)
    except FileNotFoundError as error:
        raise CannotRun(f"{display_path(Path(str(error)))}: no such file or directory") from None
    traced = trace_paths(
        files, registry, lock=lock, cues=linter.cues, input_format=input_format, jobs=jobs
    )
    for problem in traced.errors:
        click.echo(str(problem), err=True)

    if revision is not None:
        changes = _changes(
            revision, registry_dir, registry, lock, config, traced, files, input_format, jobs
        )
        _show_changes(revision, changes, output_format)
    else:
        if claim_id is not None:
            traced = traced.for_claim(claim_id)
        elif source is not None:
            traced = traced.for_source(source)
        elif status is not None:
            traced = traced.for_status(status)
        full = claim_id is None and source is None and status is None
        _show_map(traced, output_format, full=full, source=source, status=status)
    if traced.errors:
        click.get_current_context().exit(2)


def _identifier(text: str) -> str:
    """``doi:10.1/X``, or a link such as ``https://doi.org/10.1/X`` -> ``doi:10.1/x``."""
    from claimkit.identifiers import IdentifierError, identifier_from_url, parse_identifier

    try:
        return str(parse_identifier(text))
    except IdentifierError as error:
        linked = identifier_from_url(text)
        if linked is None:
            raise CannotRun(f"--source {text}: {error}") from None
        return str(linked)


def _changes(
    revision: str,
    registry_dir: Path,
    registry: ClaimSet,
    lock: LockFile | None,
    config: Config,
    traced: TraceMap,
    files: list[Path],
    input_format: str | None,
    jobs: int,
) -> list[Change]:
    from claimkit._gitdiff import GitError, files_at
    from claimkit.claims import ClaimSet
    from claimkit.errors import InvalidRegistryError
    from claimkit.trace import changes_since, registry_at, trace_paths
    from claimkit.verify import lock_path_for
    from claimkit.verify.lockfile import LockFile, LockFileError

    lock_file = lock_path_for(registry_dir, config)
    try:
        old_files = files_at(revision, registry_dir)
        old_registry = registry_at(
            {p: t for p, t in old_files.items() if p.suffix in (".yaml", ".yml")}, registry_dir
        )
        old_lock_text = files_at(revision, lock_file).get(lock_file.resolve())
    except GitError as error:
        raise CannotRun(str(error)) from None
    except InvalidRegistryError as error:
        first = next(p for p in error.problems if p.is_error)
        more = sum(p.is_error for p in error.problems) - 1
        also = f" (and {more} more)" if more else ""
        raise CannotRun(f"the registry at {revision} is invalid: {first}{also}") from None
    try:
        old_lock = LockFile.parse(old_lock_text, lock_file) if old_lock_text is not None else None
    except LockFileError as error:
        raise CannotRun(f"the lock file at {revision}: {error}") from None
    removed_ids = sorted(set(old_registry.ids) - set(registry.ids))
    removed = None
    if removed_ids:
        # The articles that made a claim since removed: found with the claim as it was.
        gone = ClaimSet((old_registry[i], old_registry.source_of(i)) for i in removed_ids)
        removed = trace_paths(files, gone, lock=lock, input_format=input_format, jobs=jobs)
    return changes_since(old_registry, old_lock, traced, registry, lock, removed)


# -- output ------------------------------------------------------------------------------------


def _show_map(
    traced: TraceMap, output_format: str, *, full: bool, source: str | None, status: str | None
) -> None:
    if output_format == "json":
        payload: dict[str, Any] = {
            "claims": [_claim_json(c) for c in traced.claims if not full or c.articles],
            "citations": [asdict(c) for c in traced.citations],
            "articles": list(traced.articles()),
        }
        if full:
            payload["unused_claims"] = [c.claim for c in traced.unused_claims]
            payload["articles_without_claims"] = list(traced.articles_without_claims)
        payload["errors"] = [asdict(e) for e in traced.errors]  # as lint and scan give them
        echo_json(payload)
        return
    if output_format == "csv":
        click.echo(_map_csv(traced, full), nl=False)
        return
    _map_text(traced, full=full, source=source, status=status)


def _claim_json(trace: ClaimTrace) -> dict[str, Any]:
    data = asdict(trace)
    for article, use in zip(data["articles"], trace.articles, strict=True):
        article["stance"] = str(use.stance)
        article["cites_source"] = use.cites_source
    return data


def _map_text(traced: TraceMap, *, full: bool, source: str | None, status: str | None) -> None:
    shown = [c for c in traced.claims if c.articles or not full]
    resting = f"{len(shown)} claim rests" if len(shown) == 1 else f"{len(shown)} claims rest"
    if source is not None:
        click.echo(f"{source}: {resting} on it")
    if status is not None:
        click.echo(f"Sources {status} in the lock file: {resting} on them")
    for trace in shown:
        click.echo(
            f"\n{trace.claim} — {trace.verdict}, {trace.certainty.replace('-', ' ')} certainty"
        )
        click.echo(f"  {trace.statement}")
        if trace.sources:
            click.echo("  sources:")
            width = max(len(s.identifier) for s in trace.sources)
            for s in trace.sources:
                marker = "  <-" if (s.identifier == source or s.status == status) else ""
                click.echo(
                    f"    {s.identifier:<{width}}  {s.status:<12} {s.stance:<11} {s.title}{marker}"
                )
        if trace.articles:
            click.echo(f"  articles ({len(trace.articles)}):")
            width = max(len(_where(use)) for use in trace.articles)
            for use in trace.articles:
                click.echo(f"    {_where(use):<{width}}  {use.stance!s:<10} {_cited(use)}")
        else:
            click.echo("  no article makes it")
    if traced.citations:
        whom = "it" if source else "such a source" if status else "a work"
        click.echo(f"\nArticles that cite {whom} directly:")
        width = max(len(_where(cited)) for cited in traced.citations)
        for cited in traced.citations:
            click.echo(f"    {_where(cited):<{width}}  {cited.identifier}  {cited.status}")
    if full:
        unused = [c.claim for c in traced.unused_claims]
        click.echo(f"\nClaims no article makes ({len(unused)}): {', '.join(unused) or '-'}")
        without = traced.articles_without_claims
        click.echo(
            f"Articles that make no registered claim ({len(without)}): {', '.join(without) or '-'}"
        )
    touched = traced.articles()
    click.echo(
        f"\n{len(touched)} article{'s' if len(touched) != 1 else ''}: {', '.join(touched) or '-'}"
    )


def _where(use: ArticleUse | DirectCitation) -> str:
    return f"{use.path}:{use.line}:{use.column}"


def _cited(use: ArticleUse) -> str:
    return f"cites {', '.join(use.citations)}" if use.citations else "cites no source"


_MAP_COLUMNS = [
    "relation",
    "claim",
    "verdict",
    "certainty",
    "path",
    "line",
    "column",
    "stance",
    "cites_source",
    "source",
    "source_status",
    "sentence",
]


def _map_csv(traced: TraceMap, full: bool) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, _MAP_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for trace in traced.claims:
        claim = {"claim": trace.claim, "verdict": trace.verdict, "certainty": trace.certainty}
        if not trace.articles and full:
            writer.writerow({"relation": "made-by-no-article", **claim})
            continue
        for use in trace.articles:
            writer.writerow(
                {
                    "relation": "made-by",
                    **claim,
                    "path": use.path,
                    "line": use.line,
                    "column": use.column,
                    "stance": str(use.stance),
                    "cites_source": "yes" if use.cites_source else "no",
                    "sentence": use.sentence,
                }
            )
        for s in trace.sources:
            writer.writerow(
                {"relation": "rests-on", **claim, "source": s.identifier, "source_status": s.status}
            )
    for cited in traced.citations:
        writer.writerow(
            {
                "relation": "cited-by",
                "path": cited.path,
                "line": cited.line,
                "column": cited.column,
                "source": cited.identifier,
                "source_status": cited.status,
                "sentence": cited.sentence,
            }
        )
    if full:
        for path in traced.articles_without_claims:
            writer.writerow({"relation": "makes-no-claim", "path": path})
    return buffer.getvalue()


def _show_changes(revision: str, changes: list[Change], output_format: str) -> None:
    articles = sorted({a.path for change in changes for a in change.articles})
    if output_format == "json":
        echo_json(
            {
                "revision": revision,
                "changes": [
                    {
                        "kind": c.kind,
                        "subject": c.subject,
                        "detail": c.detail,
                        "claims": list(c.claims),
                        "articles": [_touch_json(a) for a in c.articles],
                    }
                    for c in changes
                ],
                "articles": articles,
            }
        )
        return
    if output_format == "csv":
        buffer = io.StringIO()
        columns = ["change", "subject", "detail", "path", "line", "column", "stance", "sentence"]
        writer = csv.DictWriter(buffer, columns, lineterminator="\n")
        writer.writeheader()
        for change in changes:
            row = {"change": change.kind, "subject": change.subject, "detail": change.detail}
            if not change.articles:
                writer.writerow(row)
            for touched in change.articles:
                stance = str(getattr(touched, "stance", "cites"))
                writer.writerow(
                    {
                        **row,
                        "path": touched.path,
                        "line": touched.line,
                        "column": touched.column,
                        "stance": stance,
                        "sentence": touched.sentence,
                    }
                )
        click.echo(buffer.getvalue(), nl=False)
        return
    if not changes:
        click.echo(f"Nothing in the registry or the lock file changed since {revision}.")
        return
    for change in changes:
        click.echo(f"{change.kind:<17} {change.subject}: {change.detail}")
        width = max((len(_where(touched)) for touched in change.articles), default=0)
        for touched in change.articles:
            how = str(getattr(touched, "stance", "cites it"))
            click.echo(f"    {_where(touched):<{width}}  {how}")
        if not change.articles:
            click.echo("    no article is affected")
    click.echo(
        f"\n{len(changes)} change{'s' if len(changes) != 1 else ''} since {revision}; "
        f"{len(articles)} article{'s' if len(articles) != 1 else ''} to re-review: "
        f"{', '.join(articles) or '-'}"
    )


def _touch_json(touched: ArticleUse | DirectCitation) -> dict[str, Any]:
    data = asdict(touched)
    data["relation"] = "cites" if "identifier" in data else "makes"
    if "stance" in data:
        data["stance"] = str(data["stance"])
    return data
