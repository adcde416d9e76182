"""``claimkit scan``: the inventory of registered claims that articles make."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from claimkit.cli._common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    CannotRun,
    claims_option,
    display_path,
    echo_json,
    format_option,
    input_format_option,
    jobs_option,
    load_registry,
    registry_for,
)


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@claims_option("./claims, else the bundled registry")
@format_option("One line per occurrence (text), or JSON for programs.")
@input_format_option
@jobs_option("Scan")
def scan_command(
    paths: tuple[Path, ...],
    registry_path: Path | None,
    output_format: str,
    input_format: str | None,
    jobs: int,
) -> None:
    """List every sentence in PATHS that makes a registered claim, and how it makes it.

    PATHS are articles or directories: directories are walked for Markdown (.md), HTML
    (.html) and text (.txt) files, skipping hidden and .gitignored paths. Each occurrence is
    printed as path:line:column, the claim id, the stance (asserted, hedged, negated,
    attributed, questioned) and the sentence.

    \b
    Examples:
      claimkit scan article.md
      claimkit scan content/ --claims path/to/claims --format json

    Exit status: 0 scanned, 2 could not run or a file could not be read (the other files
    are still scanned).
    """
    from claimkit.scanning import scan_paths

    registry = load_registry(registry_for(registry_path))
    try:
        result = scan_paths(paths, registry, input_format=input_format, jobs=jobs)
    except FileNotFoundError as error:
        raise CannotRun(f"{display_path(Path(str(error)))}: no such file or directory") from None
    for problem in result.errors:
        click.echo(f"{problem}", err=True)
    if output_format == "json":
        echo_json(
            {
                "occurrences": [
                    {
                        "path": occurrence.path,
                        "line": occurrence.line,
                        "column": occurrence.column,
                        "end_line": occurrence.end_line,
                        "end_column": occurrence.end_column,
                        "claim": occurrence.claim,
                        "stance": str(occurrence.stance),
                        "cue": occurrence.cue,
                        "terms": list(occurrence.terms),
                        "text": occurrence.text,
                        "heading": occurrence.sentence.heading,
                        "citations": [str(citation) for citation in occurrence.citations],
                    }
                    for occurrence in result.occurrences
                ],
                "errors": [dataclasses.asdict(e) for e in result.errors],
                "summary": {
                    "files": result.files,
                    "occurrences": len(result.occurrences),
                    "errors": len(result.errors),
                },
            }
        )
    else:
        for occurrence in result.occurrences:
            location = f"{occurrence.path}:{occurrence.line}:{occurrence.column}"
            click.echo(f'{location}  {occurrence.claim}  {occurrence.stance}  "{occurrence.text}"')
    click.get_current_context().exit(EXIT_CANNOT_RUN if result.errors else EXIT_CLEAN)
