"""``claimkit scan``: the inventory of registered claims that articles make."""

from __future__ import annotations

from pathlib import Path

import click

from claimkit.cli._common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    claims_of,
    claims_option,
    config_option,
    echo_error,
    echo_rendered,
    format_option,
    input_format_option,
    jobs_option,
    no_such_path,
    open_workspace,
)
from claimkit.output.scan import SCAN_FORMATS


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@claims_option
@config_option
@format_option(SCAN_FORMATS)
@input_format_option
@jobs_option("Scan")
def scan_command(
    paths: tuple[Path, ...],
    claims_path: Path | None,
    config_path: Path | None,
    output_format: str,
    input_format: str | None,
    jobs: int,
) -> None:
    """List every sentence in PATHS that makes a registered claim, and how it makes it.

    PATHS are articles or directories: directories are walked for Markdown (.md), HTML
    (.html), Word (.docx) and text (.txt) files, skipping hidden and .gitignored paths and
    what the configuration's include and exclude leave out. Each occurrence is printed as
    path:line:column (path:paragraph:column in a Word document), the claim id, the stance
    (asserted, hedged, negated, attributed, questioned) and the sentence. Stance is read
    with the configuration's cues too.

    \b
    Examples:
      claimkit scan article.md
      claimkit scan content/ --claims path/to/claims --format json

    Exit status: 0 scanned, 2 could not run or a file could not be read (the other files
    are still scanned).
    """
    from claimkit.matching import scan_paths

    workspace = open_workspace(paths, config_path=config_path, claims_path=claims_path)
    claims = claims_of(workspace)
    try:
        files = workspace.articles(paths)
    except FileNotFoundError as error:
        raise no_such_path(error) from None
    result = scan_paths(files, claims, input_format=input_format, jobs=jobs, cues=workspace.cues)
    for problem in result.errors:
        echo_error(str(problem))
    echo_rendered(SCAN_FORMATS[output_format].render(result))
    click.get_current_context().exit(EXIT_CANNOT_RUN if result.errors else EXIT_CLEAN)
